"""Issue 14: what the README promises a fresh install can do.

`merit examples` copies the bundled files out of the installed package; the package carries
its licence and metadata.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from merit_tui import bundled
from merit_tui.cli import run

HERE = Path(__file__).resolve().parent


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


# ---- packaging ---------------------------------------------------------------------------------

def test_the_package_says_its_licence_authors_and_where_it_lives():
    project = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (HERE.parent / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 merit-tui contributors\n")
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in licence
    assert project["authors"] == [{"name": "merit-tui contributors"}]
    assert {"Homepage", "Repository", "Issues"} <= set(project["urls"])
    classifiers = set(project["classifiers"])
    for expected in ("Programming Language :: Python :: 3.11", "Programming Language :: Python :: 3.12",
                     "Programming Language :: Python :: 3.13", "License :: OSI Approved :: MIT License",
                     "Environment :: Console", "Natural Language :: Indonesian", "Operating System :: OS Independent",
                     "Topic :: Office/Business"):
        assert expected in classifiers
