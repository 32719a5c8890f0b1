from __future__ import annotations

from pathlib import Path

import pytest

from merit_tui import bundled
from merit_tui.cli import run
from merit_tui.workspace import open_store

# The folder above tests/: the repository for a developer, a scratch folder in .ci/run (which runs
# a copy of tests/ against the installed package). Only for tests that check a repository
# document (README.md, pyproject.toml, LICENSE); rubrics and examples come from the package.
ROOT = Path(__file__).resolve().parent.parent


def _shipped(files: list[Path], name: str) -> Path:
    """A rubric or example as the installed package ships it (merit_tui.bundled), never from the
    repository, so a file missing from the wheel fails the tests that use it."""
    found = [p for p in files if p.name == name]
    assert found, f"{name} is not shipped with merit_tui (merit_tui.bundled finds {[p.name for p in files]})"
    return found[0]


MERIT_FILE = _shipped(bundled.example_files(), "balangan-2022-sistem-merit.yaml")
NSPK_FILE = _shipped(bundled.example_files(), "balangan-2021-nspk.yaml")
MATURITY_FILE = _shipped(bundled.example_files(), "contoh-2026-sistem-merit.yaml")
MERIT_RUBRIC = _shipped(bundled.rubric_files(), "kasn-sistem-merit.yaml")
NSPK_RUBRIC = _shipped(bundled.rubric_files(), "bkn-nspk.yaml")
MATURITY_RUBRIC = _shipped(bundled.rubric_files(), "permenpanrb-19-2025.yaml")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test may touch the user's real data dir, config dir (keys) or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("MERIT_DB", raising=False)
    monkeypatch.delenv("MERIT_CONFIG_DIR", raising=False)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "merit.db"


@pytest.fixture
def store(db_path):
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def merit(db_path, capsys):
    """Run `merit --db <tmp> ARGS…`; returns (exit code, stdout, stderr)."""

    def _run(*args: str, db: Path | None = None) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run(["--db", str(db or db_path), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def return_to_assessor(store, aid: int) -> None:
    """The verifier sends the assessment back (dikembalikan, logged), so the assessor may work on
    its self-assessment again: the seeded examples are verified (and the NSPK one final)."""
    if store.status(aid) == "final":
        store.set_status(aid, "diverifikasi", who="budi", role="verifikator", note="dibuka kembali untuk uji")
    if store.status(aid) in ("diajukan", "diverifikasi"):
        store.set_status(aid, "dikembalikan", who="budi", role="verifikator", note="dikembalikan untuk uji")


def reopen_for_verifier(store, aid: int) -> None:
    """A final result reopened by the verifier (final → diverifikasi, logged)."""
    if store.status(aid) == "final":
        store.set_status(aid, "diverifikasi", who="budi", role="verifikator", note="dibuka kembali untuk uji")


def ready_for(store, aid: int, role: str) -> None:
    """Move an assessment, by legal and logged steps, to a status where `role` may write its side."""
    status = store.status(aid)
    if status == "final":
        store.set_status(aid, "diverifikasi", who="budi", role="verifikator", note="dibuka kembali untuk uji")
        status = "diverifikasi"
    if role == "penilai" and status in ("diajukan", "diverifikasi"):
        store.set_status(aid, "dikembalikan", who="budi", role="verifikator", note="dikembalikan untuk uji")
    if role == "verifikator" and status in ("draf", "dikembalikan"):
        store.set_status(aid, "diajukan", who="ani", role="penilai")


@pytest.fixture
def app(db_path, tmp_path, monkeypatch):
    """The workbench on a fresh database for ani, in a folder of its own (file dialogs offer
    names there)."""
    from merit_tui.app import make_app  # Textual loads only for the tests that use the app

    monkeypatch.chdir(tmp_path)
    store = open_store(db_path)
    yield make_app(store, user="ani")
    store.close()
