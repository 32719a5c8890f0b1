"""The fast paths give the same answers as the plain ones: a batch read on several cores, the
totals cache checked only where it changed, `merit score` on its own module, progress lines."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from merit_tui import batch_read
from merit_tui.errors import InvalidFile
from merit_tui.importing import import_all
from merit_tui.progress import Progress
from merit_tui.workspace import open_store
from tests.conftest import MERIT_FILE, MERIT_RUBRIC, write


def agency_files(tmp_path, n: int) -> list:
    text = MERIT_FILE.read_text(encoding="utf-8")
    return [write(tmp_path, f"m{i:02d}.yaml", text.replace("Pemerintah Kabupaten Balangan", f"Pemerintah Kota Uji {i:02d}"))
            for i in range(n)]


def imported(db, paths, parallel: bool, monkeypatch):
    monkeypatch.setattr(batch_read, "PARALLEL_FROM", 2 if parallel else 10**9)
    monkeypatch.setattr(batch_read, "CHUNK", 3)
    monkeypatch.setattr(batch_read.threading, "active_count", lambda: 1)  # pytest may run threads of its own
    store = open_store(db)
    try:
        result = import_all(store, paths, who="uji", role="verifikator")
        return [(r.agency, r.year, r.self_total) for r in store.listing_rows(result.ids)]
    finally:
        store.close()


def test_a_batch_read_on_every_core_imports_what_one_core_does(tmp_path, monkeypatch):
    paths = agency_files(tmp_path, 8)
    one = imported(tmp_path / "one.db", paths, False, monkeypatch)
    many = imported(tmp_path / "many.db", paths, True, monkeypatch)
    assert one == many and len(one) == 8


def test_a_bad_file_in_a_parallel_batch_is_named_and_nothing_is_stored(tmp_path, monkeypatch):
    paths = agency_files(tmp_path, 6)
    paths.insert(3, write(tmp_path, "rusak.yaml", "instansi: [\n"))
    for parallel in (False, True):
        db = tmp_path / f"{parallel}.db"
        with pytest.raises(InvalidFile) as caught:
            imported(db, paths, parallel, monkeypatch)
        assert [p.file for p in caught.value.problems] == [str(paths[3])]
        store = open_store(db)
        assert not [r for r in store.list_assessments() if "Kota Uji" in r.agency]
        store.close()


def test_a_rubric_later_in_the_batch_is_found_by_the_files_before_it(tmp_path, monkeypatch):
    text = MERIT_RUBRIC.read_text(encoding="utf-8").replace("version: '2022'", "version: '2099'").replace('version: "2022"', 'version: "2099"')
    assert "2099" in text
    rubric = write(tmp_path, "rubrik.yaml", text)
    paths = [write(tmp_path, f"v{i}.yaml", p.read_text(encoding="utf-8").replace("versi_rubrik: '2022'", "versi_rubrik: '2099'")
                   .replace('versi_rubrik: "2022"', 'versi_rubrik: "2099"')) for i, p in enumerate(agency_files(tmp_path, 4))]
    assert "2099" in paths[0].read_text(encoding="utf-8")
    for parallel in (False, True):
        rows = imported(tmp_path / f"{parallel}.db", [*paths, rubric], parallel, monkeypatch)
        assert len(rows) == 4


def test_progress_says_how_far_how_fast_and_how_long():
    lines: list[str] = []
    progress = Progress(lines.append, every=0, quiet=0)
    for n in range(1, 4):
        progress.step("dibaca", n, 3)
    assert len(lines) == 3
    assert lines[-1].startswith("3/3 berkas dibaca · ") and "berkas/detik · sisa ± 0 dtk" in lines[-1]


def test_a_short_job_says_nothing():
    lines: list[str] = []
    progress = Progress(lines.append)
    for n in range(1, 4):
        progress.step("dibaca", n, 3)
    assert lines == []


def test_a_long_import_reports_on_stderr_only(tmp_path, merit, monkeypatch):
    class Eager(Progress):  # every step said, however quick
        def __init__(self, say, unit="berkas", every=0.5, quiet=1.0):
            super().__init__(say, unit, every=0, quiet=0)

    monkeypatch.setattr("merit_tui.cli.assessments.Progress", Eager)
    paths = agency_files(tmp_path, 3)
    code, out, err = merit("--role", "verifikator", "import", *map(str, paths))
    assert code == 0 and out.startswith("Diimpor: 3 penilaian")
    assert "Impor: 3/3 berkas dibaca dan diperiksa" in err and "Impor: 3/3 berkas disimpan" in err


def test_merit_score_loads_neither_the_importer_nor_the_plan(tmp_path):
    db = tmp_path / "x.db"
    open_store(db).close()
    code = (
        "import sys\n"
        "from merit_tui.cli import run\n"
        f"assert run(['--db', {str(db)!r}, 'score', {str(MERIT_FILE)!r}, '--json']) == 0\n"
        "print(sorted(m for m in ('merit_tui.importing', 'merit_tui.plan', 'merit_tui.exports.plan', 'merit_tui.reports.data')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_setting_does_not_scan_the_totals(store):
    store.set_setting("x", "1")  # the first commit of a connection checks every row
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    store.set_setting("x", "2")
    store.conn.set_trace_callback(None)
    assert not [s for s in seen if "assessment_totals" in s and "LEFT JOIN" in s]


def test_a_row_dropped_behind_the_store_is_filled_at_its_next_first_commit(db_path, store):
    aid = store.list_assessments()[0].id
    store.close()
    raw = sqlite3.connect(db_path)
    raw.execute("DELETE FROM assessment_totals WHERE assessment_id = ?", [aid])
    raw.commit()
    raw.close()
    again = open_store(db_path)
    again.set_setting("x", "1")
    assert again.conn.execute("SELECT count(*) FROM assessment_totals WHERE assessment_id = ?", [aid]).fetchone()[0] == 1
    again.close()


def test_the_quick_score_says_what_the_command_line_says(tmp_path, merit, capsys):
    from merit_tui.quick import score_json

    db = tmp_path / "q.db"
    code, out, _ = merit("score", str(MERIT_FILE), "--json", db=db)
    assert code == 0
    capsys.readouterr()
    assert score_json(["--db", str(db), "score", str(MERIT_FILE), "--json"]) == 0
    assert capsys.readouterr().out == out
    assert score_json([f"--db={db}", "score", "--json", str(MERIT_FILE)]) == 0


def test_the_quick_score_leaves_everything_else_to_the_command_line(tmp_path):
    from merit_tui.quick import score_json

    db = str(tmp_path / "q.db")
    bad = write(tmp_path, "rusak.yaml", "instansi: [\n")
    for argv in (["--db", db, "score", str(MERIT_FILE)], ["--db", db, "--role", "verifikator", "score", str(MERIT_FILE), "--json"],
                 ["--db", db, "score", "1", "--json"], ["--db", db, "score", str(tmp_path / "tidak-ada.yaml"), "--json"],
                 ["--db", db, "score", str(bad), "--json"], ["list"]):
        assert score_json(argv) is None, argv
