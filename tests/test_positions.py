"""Where each user was: moving writes nothing, and each user comes back to their own place."""

from __future__ import annotations

from merit_tui.app import make_app
from merit_tui.screens.home import HomeScreen
from merit_tui.screens.walk import WalkScreen
from merit_tui.screens.walk import screen as walk_screen
from merit_tui.widgets.item_list import ItemList
from merit_tui.workspace import open_store
from tests.test_app import SIZE, merit_id, open_row


async def test_moving_through_items_writes_nothing(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        walk = await open_row(pilot, "kasn-sistem-merit")
        before = store.conn.total_changes
        await pilot.press("n", "n", "down", "down", "p", "u")
        await pilot.pause()
        assert walk.current != "1.1"
        assert store.conn.total_changes == before  # no setting, no transaction per move
    store.close()


async def test_resting_on_an_item_remembers_it(db_path, monkeypatch):
    monkeypatch.setattr(walk_screen, "REST", 0.1)
    store = open_store(db_path)
    aid = merit_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("n", "n")
        await pilot.pause(0.3)
        assert store.setting(f"position:ani:{aid}") == "1.3"
        assert store.setting("last_assessment:ani") == str(aid)
    store.close()


async def test_the_place_survives_quitting_for_the_same_user_only(db_path):
    store = open_store(db_path)
    aid = merit_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("n", "n", "n")
        await pilot.press("q")  # straight out, no pause
    store.close()

    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.aid == aid and walk.current == "1.4"
        assert walk.query_one(ItemList).cursor_key == "1.4"

    app = make_app(store, user="budi")  # another user on the same database: their own place (none)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.open_assessment(aid)
        await pilot.pause()
        assert app.screen.current == "1.1"
    store.close()


async def test_leaving_the_walk_is_remembered_too(db_path):
    store = open_store(db_path)
    aid = merit_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("n", "escape")  # back to Beranda: the next start stays there
        assert isinstance(app.screen, HomeScreen)
        assert store.setting(f"position:ani:{aid}") == "1.2" and store.setting("last_assessment:ani") == ""
        await pilot.press("enter")  # and the walk opens where they left it
        await pilot.pause()
        assert app.screen.current == "1.2"
    store.close()


async def test_old_databases_keep_their_place(db_path):
    store = open_store(db_path)
    aid = merit_id(store)
    store.set_setting("last_assessment", str(aid))  # written by an earlier merit-tui, for everyone
    store.set_setting(f"position:{aid}", "2.1")
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen) and app.screen.current == "2.1"
    store.close()
