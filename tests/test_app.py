"""The workbench, driven with Pilot as a user would."""

from __future__ import annotations

import subprocess
import sys
from contextlib import asynccontextmanager
from decimal import Decimal as D

from textual.widgets import TextArea

from merit_tui.app import make_app
from merit_tui.screens.home import HomeScreen
from merit_tui.screens.summary import SummaryScreen
from merit_tui.screens.walk import WalkScreen
from merit_tui.store import Store
from merit_tui.widgets.item_list import ItemList
from merit_tui.widgets.list_table import ListTable
from merit_tui.workspace import open_store
from tests.conftest import return_to_assessor

SIZE = (100, 30)


def merit_id(store: Store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")


def nspk_id(store: Store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == "bkn-nspk")


async def select_row(pilot, rubric_id: str) -> None:
    """Put Beranda's cursor on the (first) assessment of this instrument."""
    app = pilot.app
    table = app.screen.query_one(ListTable)
    rows = app.store.list_assessments()
    table.move_cursor(row=next(i for i, r in enumerate(rows) if r.rubric_id == rubric_id))
    await pilot.pause()


@asynccontextmanager
async def walk_on(db_path, item_id: str, prepare=None, size=SIZE):
    """A new draft (Pemerintah Kota Uji 2024, Sistem Merit) open in the walk on `item_id`, for
    the assessor ani; `prepare(store, aid)` runs before the app starts. Yields store, aid, app, pilot."""
    store = open_store(db_path)
    aid = store.create_assessment("Pemerintah Kota Uji", 2024, "kasn-sistem-merit", who="ani")
    if prepare is not None:
        prepare(store, aid)
    app = make_app(store, user="ani")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.open_assessment(aid, item_id)
        await pilot.pause()
        yield store, aid, app, pilot


async def open_row(pilot, rubric_id: str) -> WalkScreen:
    app = pilot.app
    await select_row(pilot, rubric_id)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, WalkScreen)
    return app.screen


async def test_score_and_note_survive_a_restart(db_path):
    store = open_store(db_path)
    aid = merit_id(store)
    return_to_assessor(store, aid)
    store.conn.execute("DELETE FROM responses WHERE assessment_id = ? AND item_id = '3.4'", [aid])
    store.conn.commit()
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        walk = await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("u")  # the one unscored indicator
        assert walk.current == "3.4"
        await pilot.press("3")
        await pilot.press("enter")  # Enter on the indicator goes to its Kondisi Saat Ini
        assert walk.focused is walk.query_one("#kondisi", TextArea)
        await pilot.press(*"Rencana suksesi JPT")
        await pilot.press("escape")  # leaving the field stores it
        await pilot.press("q")
    store.close()

    reopened = open_store(db_path)
    r = reopened.load(aid).assessment.by_item()["3.4"]
    assert r.self_score == D(3) and r.condition == "Rencana suksesi JPT"
    events = [(e.who, e.field, e.new) for e in reopened.events(aid) if e.item_id == "3.4"]
    assert ("ani", "skor", "3") in events and ("ani", "kondisi_saat_ini", "Rencana suksesi JPT") in events

    # a new app on the same database comes back where the user was
    app = make_app(reopened, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.current == "3.4"
        assert walk.query_one(ItemList).cursor_key == "3.4"
        assert walk.query_one("#kondisi", TextArea).text == "Rencana suksesi JPT"
        await pilot.press("enter")
        assert walk.focused is walk.query_one("#kondisi", TextArea)
        items = walk.query_one(ItemList)
        assert "[3]" in str(items.labels[items.index["3.4"]])
    reopened.close()


async def test_note_is_saved_after_a_pause_in_typing(db_path):
    store = open_store(db_path)
    return_to_assessor(store, merit_id(store))
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        walk = await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("tab", "tab")  # tree → Kondisi Saat Ini → Bukti Dukung
        assert walk.focused is walk.query_one("#bukti", TextArea)
        await pilot.press(*"SK Bupati 12/2022")
        await pilot.pause(1.5)  # no blur, no quit: the pause alone stores it
        assert store.load(merit_id(store)).assessment.by_item()["1.1"].evidence == "SK Bupati 12/2022"
        assert "Tersimpan" in str(walk.query_one("#save-status").render())


async def test_quitting_while_typing_keeps_the_note(db_path):
    store = open_store(db_path)
    return_to_assessor(store, merit_id(store))
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("enter", *"Direvisi.")  # on a new line after the text that was there
        await pilot.press("ctrl+q")  # straight out, no pause and no blur
    kondisi = store.load(merit_id(store)).assessment.by_item()["1.1"].condition
    assert kondisi.endswith("ditetapkan dengan keputusan PPK\nDirevisi.")


async def test_create_new_assessment_and_walk_to_the_end(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.focused.id == "tahun"
        await pilot.press("shift+tab", "ctrl+u", *"Pemerintah Kabupaten Contoh")  # instansi, above the year
        await pilot.press("tab", "ctrl+u", *"2023")
        await pilot.press("shift+tab", "shift+tab", "enter")  # up to the instrument drop-down, open it
        await pilot.press("up", "enter")  # from the 2026 instrument (of the selected row) to Sistem Merit (KASN)
        await pilot.pause()
        assert app.focused.id == "rubric"
        await pilot.click("#create")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.assessment.agency == "Pemerintah Kabupaten Contoh"
        for i in range(37):
            await pilot.press("4" if i % 2 else "2", "n")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.report.self.missing == 0
    aid = next(r.id for r in store.list_assessments() if r.agency == "Pemerintah Kabupaten Contoh")
    responses = store.load(aid).assessment.by_item()
    assert len(responses) == 37 and all(r.self_score in (2, 4) for r in responses.values())


async def test_new_assessment_carries_last_year_over_by_keyboard(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")  # the 2022 Sistem Merit row (the 2026 one is listed first)
        await pilot.press("n")  # instansi and rubric default to the selected row (Balangan, Sistem Merit)
        await pilot.pause()
        await pilot.press(*"2023", "tab", "enter")  # the year has the focus, its text selected
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("tab", "tab", "enter")  # past Batal to Buat
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert (walk.assessment.agency, walk.assessment.year) == ("Pemerintah Kabupaten Balangan", 2023)
        assert walk.query_one("#kondisi", TextArea).text.startswith("Penyusunan peta jabatan")
        assert walk.responses["1.1"].self_score is None


async def test_nspk_walk_sets_a_status(db_path):
    store = open_store(db_path)
    aid = nspk_id(store)
    store.conn.execute("UPDATE assessments SET status = 'draf' WHERE id = ?", [aid])
    store.conn.commit()
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        walk = await open_row(pilot, "bkn-nspk")
        await pilot.press("2")  # element 1: belum sesuai
        await pilot.press("n", "1")  # element 2: sesuai
        await pilot.pause()
        assert walk.current == "2"
    r = store.load(aid).assessment.by_item()
    assert (r["1"].self_status, r["2"].self_status) == ("belum_sesuai", "sesuai")
    assert r["1"].verified_status == "sesuai"  # the verifier's finding is untouched


async def test_final_assessment_is_read_only(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        walk = await open_row(pilot, "bkn-nspk")
        assert walk.read_only and walk.query_one("#kondisi", TextArea).read_only
        await pilot.press("1")
    assert store.load(nspk_id(store)).assessment.by_item()["1"].self_status is None


async def test_user_is_asked_once_per_database(db_path):
    store = open_store(db_path)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused.id == "who"
        await pilot.press("ctrl+u", *"Siti (Bidang Pengembangan SDM)", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert store.setting("user") == "Siti (Bidang Pengembangan SDM)"
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.who == "Siti (Bidang Pengembangan SDM)"


async def test_home_lists_assessments_with_totals(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        merit_row = next(r for r in rows if r[2] == "Sistem Merit")
        assert merit_row[1:] == ["2022", "Sistem Merit", "Diverifikasi", "37/37", "299.5", "129", "I Buruk", "–"]  # no seal
        nspk_row = next(r for r in rows if r[2] == "NSPK")
        assert nspk_row[1:] == ["2021", "NSPK", "Final", "0/18", "–", "–", "B (resmi 63)", "–"]


async def test_delete_asks_first(db_path):
    store = open_store(db_path)
    draft = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", who="ani")
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(ListTable).move_cursor(row=[r.id for r in store.list_assessments()].index(draft))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(store.list_assessments()) == 4  # the three bundled examples and the draft
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert len(store.list_assessments()) == 3


def test_score_command_imports_only_what_it_needs(tmp_path):
    from tests.conftest import MERIT_FILE

    open_store(tmp_path / "x.db").close()  # created and seeded once; scoring a file then only reads
    code = (
        "import sys\n"
        "from merit_tui.cli import run\n"
        f"rc = run(['--db', {str(tmp_path / 'x.db')!r}, 'score', {str(MERIT_FILE)!r}, '--json'])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in ('textual', 'sqlite_utils', 'importlib.metadata') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


async def test_main_actions_are_in_the_command_palette(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ringkasan")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
