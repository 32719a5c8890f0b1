"""A walk kept composed shows each assessment as if it were new; a walk composed ahead and never
shown leaves no trace; Beranda imports a folder."""

from __future__ import annotations

from decimal import Decimal as D

from textual.widgets import TextArea

from merit_tui.app import make_app
from merit_tui.screens.home import HomeScreen
from merit_tui.screens.walk import WalkScreen
from merit_tui.widgets.item_list import ItemList
from merit_tui.workspace import open_store
from tests.conftest import MERIT_FILE, write
from tests.test_app import SIZE, merit_id


def second_merit(store) -> int:
    return store.create_assessment("Pemerintah Kota Uji", 2030, "kasn-sistem-merit", who="ani")


async def test_the_kept_walk_shows_the_next_assessment_afresh(db_path):
    store = open_store(db_path)
    first, second = merit_id(store), second_merit(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        app.open_assessment(first, "2.1")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.read_only  # the example is verified
        await pilot.press("escape")
        app.open_assessment(second)
        await pilot.pause()
        assert app.screen is walk  # the same widgets, another assessment
        assert walk.aid == second and walk.current == "1.1" and not walk.read_only
        assert walk.query_one(ItemList).cursor_key == "1.1"
        assert not walk.query_one("#kondisi", TextArea).read_only
        assert walk.query_one("#kondisi", TextArea).text == ""
        await pilot.press("3")
        assert store.response(second, "1.1").self_score == D(3)
        await pilot.press("escape")
        app.open_assessment(first)
        await pilot.pause()
        assert app.screen is walk and walk.aid == first and walk.current == "2.1"  # where ani left it
        assert "[4" in str(walk.query_one(ItemList).labels[walk.query_one(ItemList).index["1.1"]])
    store.close()


async def test_a_walk_composed_ahead_and_never_opened_leaves_no_place(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)  # long enough for the walks to be composed behind Beranda
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
    assert store.setting("last_assessment:ani") is None
    assert not [k for (k,) in store.conn.execute("SELECT key FROM settings") if k.startswith("position:")]
    store.close()


async def test_beranda_imports_a_folder(db_path, tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    text = MERIT_FILE.read_text(encoding="utf-8")
    for i in range(3):
        write(folder, f"m{i}.yaml", text.replace("Pemerintah Kabupaten Balangan", f"Pemerintah Kota Map {i}"))
    store = open_store(db_path)
    app = make_app(store, user="ani", role="verifikator")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i", *str(folder), "enter")  # a folder, typed as a user does
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert len([r for r in store.list_assessments() if r.agency.startswith("Pemerintah Kota Map")]) == 3
    store.close()


async def test_leaving_right_after_a_move_stays_left(db_path, monkeypatch):
    from merit_tui.screens.walk import screen as walk_screen

    monkeypatch.setattr(walk_screen, "REST", 0.2)
    store = open_store(db_path)
    aid = merit_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        app.open_assessment(aid)
        await pilot.pause()
        await pilot.press("n", "escape")  # within the rest: the kept walk's timer must not fire later
        await pilot.pause(0.4)
    assert store.setting("last_assessment:ani") == ""
    store.close()
