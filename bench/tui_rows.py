"""The workbench as a person meets it: start to Beranda, every screen opened, a whole walk of key
presses and cursor moves, and peak memory. Each session is a child process (tui_child.py)."""

from __future__ import annotations

from pathlib import Path

from measure import Row, child, median, ms, p95, ratio_row, spread
from seed import Seeded

# what each screen is called in the results, and the key that opens it
SCREENS = {
    "walk": "Buka penilaian (Enter di Beranda)", "summary": "Ringkasan (r)", "gaps": "Tinjauan selisih (g)",
    "plan": "Rencana aksi (a)", "help": "Bantuan (?)", "new": "Dialog penilaian baru (n)", "history": "Riwayat status (h, dari penilaian)",
}
LIMIT = 0.150  # never over 150 ms, whatever the floor


def start(data: Seeded, env: dict, repeat: int) -> tuple[Row, list[float], float]:
    """Start to Beranda listing every assessment; the peaks of memory, ours and the floor's."""
    floor, ours, peaks, floor_peaks = [], [], [], []
    for _ in range(repeat):
        run = child("start", data.db, {"floor": True}, env)
        floor.append(run["seconds"])
        floor_peaks.append(run["peak_mb"])
        run = child("start", data.db, {}, env)
        ours.append(run["seconds"])
        peaks.append(run["peak_mb"])
    row = ratio_row(f"TUI sampai Beranda ({data.assessments} penilaian)", ours, floor, "aplikasi kosong + DataTable", 1.5, "start")
    return row, peaks, max(floor_peaks)


def merit_id(db: Path) -> int:
    from merit_tui.store import Store

    store = Store.open(db)
    aid = store.conn.execute(
        "SELECT a.id FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk WHERE r.rubric_id = 'kasn-sistem-merit' ORDER BY a.tahun DESC, a.id LIMIT 1"
    ).fetchone()[0]
    store.close()
    return aid


def screens(data: Seeded, env: dict, repeat: int) -> tuple[list[Row], list[float]]:
    """Each screen opened `rounds` times per session, alternating with its floor, in `repeat`
    sessions; the first open of each session is kept apart (imports, first use of a widget)."""
    aid = merit_id(data.db)
    firsts: dict[str, list[float]] = {}
    reals: dict[str, list[float]] = {}
    floors: dict[str, list[float]] = {}
    widgets: dict[str, int] = {}
    peaks = []
    for _ in range(repeat):
        run = child("screens", data.db, {"aid": aid, "rounds": 3}, env)
        peaks.append(run["peak_mb"])
        for name, got in run["screens"].items():
            if got["real"]:
                firsts.setdefault(name, []).append(got["real"][0])
                reals.setdefault(name, []).extend(got["real"])
                floors.setdefault(name, []).extend(got["floor"])
                widgets[name] = got["widgets"]
    rows = []
    for name, label in SCREENS.items():
        if name not in reals:
            rows.append(Row(label, "belum ada di cabang ini", "", "", "≤ 2× dan ≤ 150 ms", None, "", "screen_missing"))
            continue
        # the worse of the first open and the median of all opens is held to the target
        worst = max(median(firsts[name]), median(reals[name]))
        row = ratio_row(label, [worst], floors[name], f"layar kosong, {widgets[name]} widget", 2, f"screen_{name}", LIMIT)
        row.ours = f"{ms(median(reals[name]))} (pertama {ms(median(firsts[name]))})"
        row.spread = f"{spread(reals[name])} / {spread(floors[name])}"
        rows.append(row)
    return rows, peaks


def keys(data: Seeded, env: dict, repeat: int) -> tuple[list[Row], list[float]]:
    """A whole walk of a new Sistem Merit assessment: 37 scores, 36 cursor moves, per session."""
    stored, scored, moved, floor, writes, peaks = [], [], [], [], 0, []
    for _ in range(repeat):
        run = child("keys", data.db, {"rubric": "kasn-sistem-merit"}, env)
        stored += run["stored"]
        scored += run["scored"]
        moved += run["moved"]
        floor += run["floor"]
        writes += run["move_writes"]
        peaks.append(run["peak_mb"])
    rows = []
    for label, xs, key in (("Tombol skor → tersimpan", stored, "key_stored"), ("Tombol skor → layar diperbarui", scored, "key_drawn"),
                           ("Pindah butir (n) → layar diperbarui", moved, "move_drawn")):
        ok = p95(xs) <= 0.016 and max(xs) <= 0.033
        rows.append(Row(f"{label} ({len(xs)} kali)", f"p95 {ms(p95(xs))}, terburuk {ms(max(xs))}", f"median {ms(median(xs))}",
                        f"{median(xs) / median(floor):.1f}× lantai", "p95 ≤ 16 ms, terburuk ≤ 33 ms", ok, spread(xs), key))
    rows[0].floor += f"; lantai: tombol yang memperbarui satu Static, median {ms(median(floor))}"
    rows.append(Row(f"Tulisan basis data saat pindah butir ({len(moved)} kali)", str(writes), "0", "", "0", writes == 0, "", "move_writes"))
    return rows, peaks


def memory(peaks: list[float], floor_peak: float) -> Row:
    peak = max(peaks)
    return Row("Memori puncak meja kerja (membuka setiap layar, satu penilaian penuh)", f"{peak:.0f} MB",
               f"{floor_peak:.0f} MB (aplikasi kosong)", "", "≤ 150 MB", peak <= 150, "", "memory")
