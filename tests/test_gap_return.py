"""From the gap review, Enter opens the indicator in a walk and Esc comes back to the list
where it was, the filter kept and the rows scored afresh (it used to land on Beranda); Enter
into a text field that holds carried-over text starts a new line (issue 14)."""

from __future__ import annotations

from decimal import Decimal as D

from textual.widgets import DataTable, Select

from merit_tui.app import make_app
from merit_tui.screens.gaps import GapScreen
from merit_tui.screens.walk import WalkScreen
from merit_tui.workspace import open_store
from tests.test_app import SIZE, select_row, walk_on


async def test_esc_from_an_indicator_returns_to_the_filtered_gap_list(db_path):
    store = open_store(db_path)
    app = make_app(store, user="Budi (KASN)", role="verifikator")
    async with app.run_test(size=SIZE) as pilot:
        await select_row(pilot, "kasn-sistem-merit")
        await pilot.press("g", "f")  # gap review, filter: the verifier gave 0
        await pilot.pause()
        gaps = app.screen
        assert isinstance(gaps, GapScreen) and gaps.query_one("#kind", Select).value == "nol"
        zeros = list(gaps.shown)
        assert len(zeros) > 2
        await pilot.press("down", "enter")  # the second of them
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.current == zeros[1]
        await pilot.press("escape")  # nothing changed: back on the same row
        await pilot.pause()
        assert app.screen is gaps and gaps.shown == zeros
        assert gaps.shown[gaps.query_one(DataTable).cursor_row] == zeros[1]
        await pilot.press("enter", "2")  # scored 2: it no longer belongs to this filter
        await pilot.pause()
        assert store.response(walk.aid, zeros[1]).verified_score == D(2)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is gaps
        assert gaps.query_one("#kind", Select).value == "nol"
        assert zeros[1] not in gaps.shown and len(gaps.shown) == len(zeros) - 1
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_enter_into_carried_over_text_starts_a_new_line(db_path):
    carried = lambda store, aid: store.set_field(aid, "1.1", "condition", "Reformasi Birokrasi", who="ani")  # noqa: E731
    async with walk_on(db_path, "1.1", prepare=carried) as (store, aid, app, pilot):
        await pilot.press("enter", *"Belum ada data", "escape")
        await pilot.pause()
    assert store.response(aid, "1.1").condition == "Reformasi Birokrasi\nBelum ada data"
