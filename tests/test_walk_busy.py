"""Another process holding the database while the user scores and types: the walk says the
database is busy, keeps every value and stores it once the lock is free; leaving waits, and
quitting anyway writes the values to a recovery file (issue 14)."""

from __future__ import annotations

import asyncio
import sqlite3
from decimal import Decimal as D

import pytest

from merit_tui.screens.walk import saving as walk_saving
from merit_tui.store import connection
from tests.test_app import walk_on


@pytest.fixture
def quick_busy(monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(walk_saving, "RETRY", 0.1)


def hold_lock(db_path) -> sqlite3.Connection:
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


async def wait_for(pilot, condition, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError("not reached")


async def test_a_score_and_a_note_typed_while_busy_are_kept_and_stored_when_free(db_path, quick_busy):
    async with walk_on(db_path, "1.1") as (store, aid, app, pilot):
        other = hold_lock(db_path)
        await pilot.press("3")
        await pilot.press("enter", *"Sudah ada SK", "escape")  # typed, then leaving the field saves
        await pilot.pause()
        walk = app.screen
        assert "sedang dipakai proses lain" in str(walk.query_one("#save-status").render())
        assert len(walk.saver.waiting) == 2
        await pilot.press("escape")  # leaving is refused while values wait
        await pilot.pause()
        assert app.screen is walk
        other.rollback()
        other.close()
        await wait_for(pilot, lambda: not walk.saver.waiting)
        r = store.response(aid, "1.1")
        assert r.self_score == D(3) and r.condition == "Sudah ada SK"
        assert "Tersimpan" in str(walk.query_one("#save-status").render())


async def test_quitting_while_busy_asks_then_writes_a_recovery_file(db_path, quick_busy):
    async with walk_on(db_path, "1.2") as (store, aid, app, pilot):
        other = hold_lock(db_path)
        await pilot.press("4")
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running  # the first q only warns
        assert any("belum tersimpan" in str(n.message) for n in app._notifications)
        await pilot.press("q")
        await pilot.pause()
    other.rollback()
    other.close()
    recovered = list(db_path.parent.glob("merit-pemulihan-*.txt"))
    assert len(recovered) == 1
    text = recovered[0].read_text(encoding="utf-8")
    assert "Pemerintah Kota Uji 2024" in text and "butir 1.2" in text and ": 4" in text


async def test_a_note_the_store_refuses_is_said_and_kept_in_a_recovery_file(db_path):
    """A pasted note over the limit: the status line says it was not stored and why (not the
    20,000 characters), and the text is kept in a file, since the field shows what is stored."""
    from textual import events
    from textual.widgets import TextArea

    from merit_tui.text import NOTE_MAX

    pasted = "x" * (NOTE_MAX + 1)
    async with walk_on(db_path, "1.1") as (store, aid, app, pilot):
        await pilot.press("enter")
        app.focused.post_message(events.Paste(pasted))
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press("escape")
        await pilot.pause()
        status = str(app.screen.query_one("#save-status").render())
        assert "Tidak tersimpan" in status and "terlalu panjang" in status and "xxxxxxxxxx" not in status
    assert store.response(aid, "1.1") is None or store.response(aid, "1.1").condition is None
    (kept,) = db_path.parent.glob("merit-pemulihan-*.txt")
    assert pasted in kept.read_text(encoding="utf-8")
