"""Issue 14: what the README promises a fresh install can do.

`merit examples` copies the bundled files out of the installed package.
"""

from __future__ import annotations

from merit_tui import bundled
from merit_tui.cli import run

# ---- merit examples ----------------------------------------------------------------------------

def test_examples_copies_the_bundled_files_and_says_which(merit, tmp_path):
    target = tmp_path / "contoh"
    code, out, err = merit("examples", "--to", str(target))
    assert code == 0, err
    expected = {target.joinpath(*parts): source for source, parts in bundled.example_set()}
    names = {p.relative_to(target).as_posix() for p in expected}
    assert {"assessments/balangan-2022-sistem-merit.yaml", "assessments/balangan-2021-nspk.yaml",
            "assessments/contoh-2026-sistem-merit.yaml", "rubrics/kasn-sistem-merit.yaml", "rubrics/bkn-nspk.yaml",
            "rubrics/permenpanrb-19-2025.yaml", "rubrics/mappings/kasn-sistem-merit-ke-permenpanrb-19-2025.yaml",
            "templates/laporan.typ"} <= names
    assert {p for p in target.rglob("*") if p.is_file()} == set(expected)
    for copy, source in expected.items():
        assert copy.read_bytes() == source.read_bytes()
        assert f"Ditulis: {copy}" in out
    # what it wrote is usable as is: the example scores, the rubrics check
    code, out, _ = merit("score", str(target / "assessments" / "balangan-2022-sistem-merit.yaml"))
    assert code == 0 and "299.5" in out
    code, _, _ = merit("rubric", "check", *map(str, sorted((target / "rubrics").glob("*.yaml"))))
    assert code == 0


def test_examples_refuses_to_overwrite_and_writes_nothing(merit, tmp_path):
    target = tmp_path / "contoh"
    mine = target / "rubrics" / "kasn-sistem-merit.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("milik saya\n", encoding="utf-8")
    code, out, err = merit("examples", "--to", str(target))
    assert code == 1
    assert "sudah ada" in err and "tidak ada yang ditulis" in err and "--force" in err and str(mine) in err
    assert out == "" and [p for p in target.rglob("*") if p.is_file()] == [mine]
    assert mine.read_text(encoding="utf-8") == "milik saya\n"
    code, out, _ = merit("examples", "--to", str(target), "--force")
    assert code == 0 and mine.read_bytes() == next(s for s, parts in bundled.example_set() if parts == ("rubrics", mine.name)).read_bytes()


def test_examples_into_a_file_or_without_to(merit, tmp_path):
    a_file = tmp_path / "berkas.txt"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = merit("examples", "--to", str(a_file))
    assert code == 1 and "bukan folder" in err
    code, _, err = merit("examples")
    assert code == 2 and "--to" in err


def test_examples_opens_no_database(tmp_path, monkeypatch, capsys):
    db = tmp_path / "tidak-dibuat.db"
    assert run(["--db", str(db), "examples", "--to", str(tmp_path / "contoh")]) == 0
    assert not db.exists()
