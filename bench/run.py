"""merit-tui benchmarks at national scale, each reported as a ratio to a floor measured in the same run.

    python bench/run.py                 # 630 instansi x 3 years, writes bench/results.md
    python bench/run.py --size tiny     # a smoke run (CI), a handful of assessments

Every figure is the median of several runs; the floor is what the same machine
needs for the irreducible part of the job (importing the libraries, one SQL
aggregate, a bare Textual app), so the ratios mean the same on a slow or fast
machine.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from merit_tui import bundled  # noqa: E402
from merit_tui.importing import import_files  # noqa: E402
from merit_tui.rubric import WeightedRubric  # noqa: E402
from merit_tui.store import Store  # noqa: E402
from merit_tui.yaml_dump import dump  # noqa: E402

SIZES = {"full": (630, 3), "tiny": (6, 1)}
NSPK_STATUSES = ["sesuai", "sesuai", "sesuai", "belum_sesuai"]
WORDS = "peta jabatan rencana kebutuhan talent pool suksesi kinerja kompetensi disiplin layanan aplikasi kebijakan".split()


def note(rng: random.Random, n: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(folder: Path, store: Store, instansi: int, years: int, seed: int = 2026) -> tuple[list[Path], list[Path]]:
    """Seeded assessment files, written the way an agency would send them."""
    rng = random.Random(seed)
    merit = store.rubric("kasn-sistem-merit")
    nspk = store.rubric("bkn-nspk")
    assert isinstance(merit, WeightedRubric)
    merit_files, nspk_files = [], []
    for i in range(instansi):
        name = f"Pemerintah Kabupaten Contoh {i + 1:03d}"
        for y in range(years):
            year = 2022 + y
            items = []
            for _, ind in merit.indicators():
                items.append({
                    "id": ind.id, "skor": rng.randint(1, 4), "kondisi_saat_ini": note(rng),
                    "nilai_verifikasi": rng.randint(0, 4), "catatan": note(rng, 6),
                })
            data = {"instansi": name, "tahun": year, "rubrik": merit.id, "versi_rubrik": merit.version,
                    "status": "diverifikasi", "target": 265, "penilaian": items}
            path = folder / f"merit-{i:03d}-{year}.yaml"
            path.write_text(dump(data), encoding="utf-8")
            merit_files.append(path)
            elements = []
            for el in nspk.elements:
                status = rng.choice(NSPK_STATUSES)
                e = {"id": el.id, "status_verifikasi": status}
                if status == "belum_sesuai":
                    e |= {"catatan": note(rng, 6), "rekomendasi": note(rng, 6)}
                elements.append(e)
            data = {"instansi": name, "tahun": year - 1, "rubrik": nspk.id, "versi_rubrik": nspk.version,
                    "status": "final", "hasil_resmi": {"indeks": rng.randint(40, 90), "kategori": "B"}, "penilaian": elements}
            path = folder / f"nspk-{i:03d}-{year - 1}.yaml"
            path.write_text(dump(data), encoding="utf-8")
            nspk_files.append(path)
    return merit_files, nspk_files


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs


def process(cmd: list[str], env: dict | None = None) -> None:
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")


def child_json(code: str, env: dict, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300)
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr[:400]}\n...\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


TUI_CHILD = textwrap.dedent("""
    import asyncio, json, sys, time
    t0 = time.perf_counter()
    kind, db = sys.argv[1], sys.argv[2]
    from textual.app import App
    from textual.widgets import DataTable
    if kind == "floor":
        class Bare(App):
            def compose(self):
                yield DataTable(id="home-table")
        app = Bare()
        expected = 0
    else:
        from merit_tui.app import make_app
        from merit_tui.store import Store
        store = Store.open(db)
        expected = store.conn.execute("select count(*) from assessments").fetchone()[0]
        app = make_app(store, user="bench")
        store.set_setting("last_assessment", "")
    async def main():
        async with app.run_test(size=(120, 40)) as pilot:
            deadline = time.perf_counter() + 120
            while app.screen.query("#home-table").first().row_count < expected:
                if time.perf_counter() > deadline:
                    raise SystemExit(f"home screen never listed {expected} assessments")
                await pilot.pause(0.005)
            return time.perf_counter() - t0
    seconds = asyncio.run(main())
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (large) parent
    hwm_kb = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
    print(json.dumps({"seconds": seconds, "maxrss_mb": hwm_kb / 1024}))
""")

KEYS_CHILD = textwrap.dedent("""
    import asyncio, json, sqlite3, sys, time
    db, aid = sys.argv[1], int(sys.argv[2])
    from merit_tui.app import make_app
    from merit_tui.store import Store
    store = Store.open(db)
    app = make_app(store, user="bench")
    probe = sqlite3.connect(db)
    async def main():
        times = []
        async with app.run_test(size=(120, 40)) as pilot:
            app.open_assessment(aid)
            await pilot.pause()
            walk = app.screen
            for _ in range(37):
                item = walk.current
                t = time.perf_counter()
                press = asyncio.create_task(pilot.press("3"))  # time the key, not the harness's idle wait
                deadline = time.perf_counter() + 10
                while probe.execute("select skor from responses where assessment_id=? and item_id=?", [aid, item]).fetchone() is None:
                    if time.perf_counter() > deadline:
                        raise SystemExit(f"score for {item} was never stored")
                    await asyncio.sleep(0.001)
                times.append(time.perf_counter() - t)
                await press
                await pilot.press("n")
        return times
    print(json.dumps({"times": asyncio.run(main())}))
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="full")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement (default 7, tiny 2)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    instansi, years = SIZES[args.size]
    repeat = args.repeat or (2 if args.size == "tiny" else 7)
    work = Path(tempfile.mkdtemp(prefix="merit-bench-"))
    env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work / "data"), "PYTHONPATH": str(ROOT)}
    try:
        rows = run(work, env, instansi, years, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_results(args.out, rows, args.size, instansi, years, repeat)
    print(args.out.read_text(encoding="utf-8"))


def run(work: Path, env: dict, instansi: int, years: int, repeat: int) -> list[tuple[str, str, str, str, str]]:
    # Children import merit_tui from this tree; byte-compile it as `pip install` does, so no
    # run pays for compiling our sources while the libraries it is compared with are compiled.
    compileall.compile_dir(ROOT / "merit_tui", quiet=1)
    db = work / "national.db"
    store = Store.open(db)
    import_files(store, bundled.rubric_files(), who="bench")
    files = work / "files"
    files.mkdir()
    print(f"generating {instansi} x {years} x 2 assessment files ...", file=sys.stderr)
    merit_files, nspk_files = generate(files, store, instansi, years)
    results = []

    # import: files per second through the project's own import path, against parsing alone
    import yaml

    t = time.perf_counter()
    for p in merit_files:
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    parse_only = time.perf_counter() - t
    t = time.perf_counter()
    import_files(store, merit_files, who="bench")
    import_merit = time.perf_counter() - t
    import_files(store, nspk_files, who="bench")
    rng = random.Random(1)
    for row in rng.sample(store.list_assessments(), k=max(1, len(merit_files) // 20)):
        if row.rubric_id == "kasn-sistem-merit":
            store.set_field(row.id, "1.1", "condition", "Diperbarui untuk uji", who="bench")
    n = len(merit_files)
    results.append(("Impor berkas Sistem Merit", f"{n / import_merit:.0f} berkas/s ({n} berkas, {import_merit:.2f} s)",
                    f"{n / parse_only:.0f} berkas/s (hanya parse YAML)", f"{import_merit / parse_only:.1f}×", "dilaporkan"))

    # merit score FILE --json as a whole process
    merit_bin = Path(sys.executable).parent / "merit"
    cmd = [str(merit_bin)] if merit_bin.exists() else [sys.executable, "-m", "merit_tui"]
    sample = merit_files[0]
    process(cmd + ["--db", str(db), "score", str(sample), "--json"], env)  # warm the file cache
    floor, _ = timed(lambda: process([sys.executable, "-c", "import pydantic, yaml, sqlite_utils, click"], env), repeat)
    ours, _ = timed(lambda: process(cmd + ["--db", str(db), "score", str(sample), "--json"], env), repeat)
    results.append(("merit score BERKAS --json (proses)", f"{ours * 1000:.0f} ms", f"{floor * 1000:.0f} ms (impor pustaka)",
                    f"{ours / floor:.2f}×", verdict(ours / floor, 1.5)))

    # every assessment in the national database, against one SQL aggregate over the same rows
    total = store.conn.execute("select count(*) from assessments").fetchone()[0]
    sql = """SELECT r.assessment_id, SUM(CAST(i.weight AS REAL) * CAST(r.nilai_verifikasi AS REAL)), SUM(CAST(i.weight AS REAL) * CAST(r.skor AS REAL))
             FROM responses r JOIN assessments a ON a.id = r.assessment_id
             JOIN rubric_items i ON i.rubric_pk = a.rubric_pk AND i.item_id = r.item_id GROUP BY r.assessment_id"""
    conn = sqlite3.connect(db)
    floor, _ = timed(lambda: conn.execute(sql).fetchall(), repeat)

    def ours_all() -> None:
        s = Store.open(db)
        s.score_all()
        s.close()

    ours, _ = timed(ours_all, repeat)
    results.append((f"Nilai semua penilaian ({total})", f"{ours * 1000:.0f} ms", f"{floor * 1000:.0f} ms (satu agregat SQL)",
                    f"{ours / floor:.2f}×", verdict(ours / floor, 3)))

    # the TUI up to the home screen listing every assessment, headless
    floor_runs = [child_json(TUI_CHILD, env, "floor", str(db)) for _ in range(repeat)]
    our_runs = [child_json(TUI_CHILD, env, "app", str(db)) for _ in range(repeat)]
    floor = statistics.median(r["seconds"] for r in floor_runs)
    ours = statistics.median(r["seconds"] for r in our_runs)
    rss = max(r["maxrss_mb"] for r in our_runs)
    results.append((f"TUI sampai Beranda ({total} penilaian)", f"{ours * 1000:.0f} ms", f"{floor * 1000:.0f} ms (aplikasi kosong + DataTable)",
                    f"{ours / floor:.2f}×", verdict(ours / floor, 1.5)))
    results.append(("Memori puncak TUI", f"{rss:.0f} MB", f"{max(r['maxrss_mb'] for r in floor_runs):.0f} MB (aplikasi kosong)",
                    "", "ok (≤ 150 MB)" if rss <= 150 else "MELESET (> 150 MB)"))

    # key press to stored score, on a fresh assessment in the national database
    aid = store.create_assessment("Pemerintah Kabupaten Bench", 2030, "kasn-sistem-merit", who="bench")
    times = sorted(child_json(KEYS_CHILD, env, str(db), str(aid))["times"])
    results.append(("Tombol skor sampai tersimpan (37 tekan)", f"median {statistics.median(times) * 1000:.1f} ms",
                    f"terburuk {times[-1] * 1000:.1f} ms", "", "dilaporkan"))
    store.close()
    return results


def verdict(ratio: float, target: float) -> str:
    return f"ok (≤ {target}×)" if ratio <= target else f"MELESET (target ≤ {target}×)"


def write_results(out: Path, rows, size: str, instansi: int, years: int, repeat: int) -> None:
    versions = ", ".join(f"{p} {_version(p)}" for p in ("textual", "pydantic", "sqlite-utils", "PyYAML", "click"))
    lines = [
        "# merit-tui benchmarks",
        "",
        f"- Tanggal: {date.today().isoformat()}",
        f"- Ukuran: `{size}`, {instansi} instansi × {years} tahun × (Sistem Merit + NSPK); median dari {repeat} kali",
        f"- Mesin: {os.cpu_count()} inti, {platform.machine()}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}; SQLite {sqlite3.sqlite_version}",
        "",
        "| Ukuran | merit-tui | Lantai (floor) | Rasio | Target |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows]
    lines.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    main()
