"""merit-tui benchmarks, each row a ratio to a floor measured in the same run.

    python bench/run.py                        # national (full) and 10-year (decade) sizes, writes bench/results.md
    python bench/run.py --size tiny --out X    # a smoke run (CI), a handful of assessments
    python bench/run.py --cache ~/.cache/merit-bench --only tui   # reuse the seeded data; one part

Sizes: `full` is 630 instansi × 3 years × (Sistem Merit + NSPK), `decade` the same over 10 years
(12,600 assessments), `tiny` 6 × 1. The floor of a row is what the same machine needs for the
irreducible part of the job (Python reading the file with libyaml, one SQL aggregate, a bare
Textual screen with as many widgets), so the ratios mean the same on a slow or a fast machine.
Interactions are Pilot sessions in child processes against the seeded database (tui_child.py).
The machine may be shared: what is compared runs alternately, and each row says how the runs
spread.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import cli_rows  # noqa: E402
import paths_rows  # noqa: E402
import tui_rows  # noqa: E402
from measure import Row  # noqa: E402
from results import write  # noqa: E402
from seed import SIZES, seeded  # noqa: E402

PARTS = ("cli", "tui", "paths")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="full,decade", help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement (default 7, tiny 2)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--cache", type=Path, help="keep the seeded data here between runs")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts: {', '.join(PARTS)}")
    parser.add_argument("--mb", type=int, default=None, help="evidence in the package rows (default 500, tiny 20)")
    args = parser.parse_args()
    sizes = [s for s in args.size.split(",") if s]
    for s in sizes:
        if s not in SIZES:
            parser.error(f"unknown size {s!r}")
    tiny = sizes == ["tiny"]
    repeat = args.repeat or (2 if tiny else 7)
    parts = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="merit-bench-"))
    # children get their own home: no run reads or writes the user's merit-tui data
    env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work / "data"), "PYTHONPATH": str(ROOT)}
    # byte-compile our sources as `pip install` does, so no run pays for compiling them
    compileall.compile_dir(ROOT / "merit_tui", quiet=1)
    load = f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"
    sections: dict[str, list[Row]] = {}
    notes: dict[str, str] = {}
    try:
        for size in sizes:
            instansi, years = SIZES[size]
            print(f"[{size}] seeding {instansi} instansi × {years} tahun …", file=sys.stderr)
            data = seeded(work, size, args.cache)
            title = f"Ukuran `{size}`: {instansi} instansi × {years} tahun × 2 instrumen = {data.assessments} penilaian"
            sections[title] = rows = []
            if "cli" in parts:
                print(f"[{size}] command line and store …", file=sys.stderr)
                rows += [cli_rows.score_file(data, env, repeat), cli_rows.import_files(data, env, work, max(2, repeat // 2)),
                         cli_rows.score_all(data, repeat)]
            if "tui" in parts:
                print(f"[{size}] workbench sessions …", file=sys.stderr)
                sessions = max(2, repeat // 2)
                start, peaks, floor_peak = tui_rows.start(data, env, sessions)
                screens, more = tui_rows.screens(data, env, sessions)
                keys, most = tui_rows.keys(data, env, sessions)
                rows += [start, *screens, *keys, tui_rows.memory(peaks + more + most, floor_peak)]
        if "paths" in parts:
            size = "tiny" if tiny else "full"
            print(f"[{size}] packages, printed reports …", file=sys.stderr)
            data = seeded(work, size, args.cache)
            title = "Jalur yang tidak tumbuh dengan basis data (paket bukti, laporan cetak)"
            mb = args.mb or (20 if tiny else 500)
            sections[title] = [*paths_rows.package(mb, env, work, max(2, repeat // 2)),
                               paths_rows.pdf(data.db, tui_rows.merit_id(data.db), env, repeat),
                               cli_rows.report_all(data, env, work)]
            notes[title] = f"Diukur pada basis data `{size}`; paket: {mb} MB bukti acak (PDF dan pindaian tidak menyusut dengan deflate)."
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write(args.out, sections, notes, repeat, load)
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
