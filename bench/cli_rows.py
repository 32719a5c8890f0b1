"""The command line and the store: `merit score FILE`, `merit import`, scoring every assessment,
`merit report --all`; each against its floor, alternately."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import Row, alternate, median, ms, process, ratio_row, spread
from seed import Seeded

from merit_tui.store import Store

PARSE_ALL = "import sys, yaml\nfor p in open(sys.argv[1]).read().split('\\n'):\n    yaml.load(open(p, encoding='utf-8').read(), Loader=yaml.CSafeLoader)\n"
ONE_AGGREGATE = """SELECT r.assessment_id, SUM(CAST(i.weight AS REAL) * CAST(r.nilai_verifikasi AS REAL)), SUM(CAST(i.weight AS REAL) * CAST(r.skor AS REAL))
FROM responses r JOIN assessments a ON a.id = r.assessment_id
JOIN rubric_items i ON i.rubric_pk = a.rubric_pk AND i.item_id = r.item_id GROUP BY r.assessment_id"""


def merit_cmd() -> list[str]:
    found = Path(sys.executable).parent / "merit"
    return [str(found)] if found.exists() else [sys.executable, "-m", "merit_tui"]


def score_file(data: Seeded, env: dict, repeat: int) -> Row:
    sample = str(data.merit_files[0])
    ours = [*merit_cmd(), "--db", str(data.db), "score", sample, "--json"]
    floor = [sys.executable, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)", sample]
    process(ours, env)  # the file and the interpreter in the page cache
    runs = alternate({"floor": lambda: process(floor, env), "ours": lambda: process(ours, env)}, repeat)
    return ratio_row("merit score BERKAS --json (proses)", runs["ours"], runs["floor"], "Python + libyaml membaca berkas yang sama", 3, "score_file")


def import_files(data: Seeded, env: dict, work: Path, repeat: int) -> Row:
    """`merit import` of every incoming file into the size's database, as a verifier body does."""
    listing = work / "incoming.txt"
    listing.write_text("\n".join(str(p) for p in data.incoming), encoding="utf-8")
    floor = [sys.executable, "-c", PARSE_ALL, str(listing)]
    target = work / "import.db"

    def ours() -> float:
        shutil.copyfile(data.db, target)  # a fresh copy each time, outside the timing
        started = time.perf_counter()
        process([*merit_cmd(), "--db", str(target), "--role", "verifikator", "import", *map(str, data.incoming)], env)
        return time.perf_counter() - started

    runs = alternate({"floor": lambda: process(floor, env), "ours": ours}, repeat)
    n = len(data.incoming)
    o, f = median(runs["ours"]), median(runs["floor"])
    return Row(f"merit import {n} berkas Sistem Merit", f"{o:.2f} s ({n / o:.0f} berkas/s)",
               f"{f:.2f} s ({n / f:.0f} berkas/s, hanya parse YAML)", f"{o / f:.2f}×", "≤ 1.5×", o / f <= 1.5,
               f"{spread(runs['ours'])} / {spread(runs['floor'])}", "import")


def score_all(data: Seeded, repeat: int) -> Row:
    conn = sqlite3.connect(data.db)

    def ours() -> None:
        store = Store.open(data.db)
        store.score_all()
        store.close()

    ours()
    runs = alternate({"floor": lambda: conn.execute(ONE_AGGREGATE).fetchall() and None, "ours": ours}, repeat)
    conn.close()
    return ratio_row(f"Nilai semua penilaian ({data.assessments}; store.score_all, merit score --all)", runs["ours"], runs["floor"],
                     "satu agregat SQL atas baris yang sama", 1.5, "score_all")


def report_all(data: Seeded, env: dict, work: Path) -> Row:
    """One year's printed reports (both instruments) with --all, once: minutes, not a median."""
    store = Store.open(data.db)
    year = store.conn.execute("SELECT MIN(a.tahun) FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk"
                              " WHERE r.rubric_id = 'kasn-sistem-merit' AND a.instansi LIKE 'Pemerintah Kabupaten Contoh%'").fetchone()[0]
    count, agencies = store.conn.execute("SELECT count(*), count(DISTINCT instansi) FROM assessments WHERE tahun = ?", [year]).fetchone()
    store.close()
    folder = Path(tempfile.mkdtemp(dir=work))
    started = time.perf_counter()
    cmd = [*merit_cmd(), "--db", str(data.db), "report", "--all", "--year", str(year), "--to", str(folder)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    seconds = time.perf_counter() - started
    if out.returncode != 0:  # a failed run is not a fast one: stop, saying why
        raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr[-800:]}")
    progress_lines = sum(1 for line in out.stderr.splitlines() if "laporan/detik" in line)
    shutil.rmtree(folder, ignore_errors=True)
    ok = out.returncode == 0 and progress_lines >= count
    return Row(f"merit report --all, tahun {year} ({count} laporan PDF, {agencies} instansi)", f"{seconds:.0f} s ({count / seconds:.1f} laporan/s)",
               f"{ms(seconds / count)} per laporan", "", "dengan kemajuan", ok, f"{progress_lines} baris kemajuan", "report_all")
