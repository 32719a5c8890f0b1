"""How every screen and dialog looks at 80×24 and at 100×30 (80×24 is a first-class size).
Review the SVG before updating a snapshot."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from merit_tui.app import make_app
from merit_tui.store import Store, connection
from merit_tui.workspace import open_store

SIZES = pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])


class _Frozen(datetime):
    """Every stamp the store writes (connection.now) reads this clock: history shows times."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc).astimezone(tz)


@pytest.fixture
def snap_store(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "datetime", _Frozen)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
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


# (screen name, instrument the cursor is put on, keys, role): each is shown at both sizes
SCREENS = {
    "home": (None, [], "penilai"),
    "walk_merit": ("kasn-sistem-merit", ["enter", "down", "down", "down"], "penilai"),
    "walk_merit_verifier": ("kasn-sistem-merit", ["enter", "n", "n"], "verifikator"),
    "walk_nspk": ("bkn-nspk", ["enter", "n", "n", "n", "n", "n"], "penilai"),
    # the 2026 instrument on a gate's item: aspect scores in the list, the item that does not
    # apply dimmed with its reason, the five criteria with the met one
    "walk_maturity": ("permenpanrb-19-2025", ["enter", *["n"] * 24], "penilai"),
    "summary": ("kasn-sistem-merit", ["r"], "penilai"),
    "summary_nspk": ("bkn-nspk", ["r"], "penilai"),
    "summary_maturity": ("permenpanrb-19-2025", ["r"], "penilai"),
    "gap_review": ("kasn-sistem-merit", ["g"], "verifikator"),
    "plan": ("kasn-sistem-merit", ["a"], "penilai"),
    "help": (None, ["question_mark"], "penilai"),
    "history": ("kasn-sistem-merit", ["r", "h"], "penilai"),
    "new_assessment_dialog": (None, ["n"], "penilai"),
    "status_dialog": ("kasn-sistem-merit", ["s"], "verifikator"),
}


@SIZES
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, snap_store, name, size):
    rubric_id, keys, role = SCREENS[name]
    before = _go_to(snap_store, rubric_id) if rubric_id else None
    assert snap_compare(make_app(snap_store, role=role), terminal_size=size, run_before=before, press=keys)
