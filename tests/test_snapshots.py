"""How the screens look, at a fixed size. Review the SVG before updating a snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from merit_tui.app import make_app
from merit_tui.store import Store
from merit_tui.workspace import open_store

SIZE = (100, 30)


@pytest.fixture
def snap_store(tmp_path, monkeypatch):
    # The home screen shows where the database lives, as it was given: a path relative to this
    # test's own folder reads the same on every run, and two runs never share a database.
    monkeypatch.chdir(tmp_path)
    store = open_store(Path("merit-tui-snapshots") / "tampilan" / "merit.db")
    store.set_setting("user", "penguji")
    yield store
    store.close()


def _row_of(store: Store, rubric_id: str) -> int:
    return next(i for i, r in enumerate(store.list_assessments()) if r.rubric_id == rubric_id)


def _go_to(store: Store, rubric_id: str):
    async def run_before(pilot) -> None:
        from merit_tui.widgets.list_table import ListTable

        pilot.app.screen.query_one(ListTable).move_cursor(row=_row_of(store, rubric_id))
        await pilot.pause()

    return run_before


def test_home(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store), terminal_size=SIZE)


def test_walk_merit(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store), terminal_size=SIZE, run_before=_go_to(snap_store, "kasn-sistem-merit"), press=["enter", "down", "down", "down"])


def test_walk_nspk(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store), terminal_size=SIZE, run_before=_go_to(snap_store, "bkn-nspk"), press=["enter", "n", "n", "n", "n", "n"])


def test_summary(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store), terminal_size=SIZE, run_before=_go_to(snap_store, "kasn-sistem-merit"), press=["r"])


def test_help(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store), terminal_size=(80, 24), press=["question_mark"])


def test_gap_review(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store, role="verifikator"), terminal_size=SIZE, run_before=_go_to(snap_store, "kasn-sistem-merit"), press=["g"])


def test_plan(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store), terminal_size=SIZE, run_before=_go_to(snap_store, "kasn-sistem-merit"), press=["a"])


def test_walk_maturity_80x24(snap_compare, snap_store):
    """The 2026 instrument at 80×24 on a gate's item: aspect scores and categories in the tree,
    the item that does not apply dimmed with its reason, the five criteria with the met one."""
    assert snap_compare(make_app(snap_store), terminal_size=(80, 24), run_before=_go_to(snap_store, "permenpanrb-19-2025"),
                        press=["enter", *["n"] * 24])


def test_summary_maturity_80x24(snap_compare, snap_store):
    assert snap_compare(make_app(snap_store), terminal_size=(80, 24), run_before=_go_to(snap_store, "permenpanrb-19-2025"), press=["r"])
