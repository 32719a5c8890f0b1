"""Paths that do not grow with the database: a package of evidence packed and unpacked, and the
printed report of one assessment."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from measure import Row, median, ratio_row, spread

# the first compile of a report in a process, as `merit report ID` meets it (typst remembers
# what it laid out: compiling the same data twice in one process says nothing)
PDF_CHILD = """
import json, sys, time
from merit_tui.reports.pdf import render_pdf
from merit_tui.store import Store
from merit_tui.reports.data import for_stored
store = Store.open(sys.argv[1])
data = for_stored(store, int(sys.argv[2])) if sys.argv[3] == "laporan" else {}
started = time.perf_counter()
render_pdf(data)
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def _json(cmd: list[str], env: dict) -> dict:
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd[:5])}\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def pdf(db: Path, aid: int, env: dict, repeat: int) -> Row:
    floor, ours = [], []
    for _ in range(repeat):
        floor.append(_json([sys.executable, "-c", PDF_CHILD, str(db), str(aid), "kosong"], env)["seconds"])
        ours.append(_json([sys.executable, "-c", PDF_CHILD, str(db), str(aid), "laporan"], env)["seconds"])
    return ratio_row("Laporan PDF satu penilaian (kompilasi typst pertama dalam proses)", ours, floor,
                     "templat yang sama dengan data kosong", 3, "pdf")


# one step of merit_tui.trust._bench in its own process; its peak memory from VmHWM (ru_maxrss
# carries over exec from this large parent)
STEP_CHILD = """
import json, sys
from pathlib import Path
from merit_tui.trust._bench import _step
seconds = _step(sys.argv[1], Path(sys.argv[2]))
hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"s": seconds, "rss_mb": hwm}))
"""


def package(mb: int, env: dict, work: Path, repeat: int) -> list[Row]:
    """merit_tui.trust._bench's steps, each in its own process, round robin."""
    folder = work / "paket"
    folder.mkdir()
    subprocess.run([sys.executable, "-c", f"from merit_tui.trust._bench import _setup; from pathlib import Path; _setup(Path({str(folder)!r}), {mb})"],
                   check=True, env=env)
    def step(name: str) -> dict:
        return _json([sys.executable, "-c", STEP_CHILD, name, str(folder)], env)

    step("prepare")
    runs: dict[str, list[dict]] = {}
    for _ in range(repeat):
        for name in ("copy", "copy+fsync", "pack", "unpack"):
            runs.setdefault(name, []).append(step(name))
            shutil.rmtree(folder / "keluar", ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    secs = {name: [r["s"] for r in rs] for name, rs in runs.items()}
    copy, synced = median(secs["copy"]), median(secs["copy+fsync"])
    rows = []
    for name, label in (("pack", "merit pack"), ("unpack", "merit import paket.zip")):
        s = median(secs[name])
        peak = max(r["rss_mb"] for r in runs[name])
        ok = copy / s >= 0.5 and peak <= 100
        rows.append(Row(f"{label}: {mb} MB bukti", f"{mb / s:.0f} MB/s ({s:.2f} s), memori puncak {peak:.0f} MB",
                        f"{mb / copy:.0f} MB/s salin berkas ({mb / synced:.0f} MB/s dengan fsync)",
                        f"{copy / s:.2f}× kecepatan salin ({synced / s:.2f}× dengan fsync)", "≥ 0.5× salin, ≤ 100 MB", ok,
                        f"{spread(secs[name])} / {spread(secs['copy'])}", name))
    return rows

