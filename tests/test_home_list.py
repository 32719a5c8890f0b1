"""The home list at the scale of a province: scrolling, searching, the key line."""

from __future__ import annotations

import pytest

from merit_tui.app import make_app
from merit_tui.screens.home import AssessmentRows, HomeScreen
from merit_tui.screens.walk import WalkScreen
from merit_tui.store import Store
from merit_tui.widgets.key_bar import KeyBar
from merit_tui.widgets.list_table import ListTable
from merit_tui.workspace import open_store

SIZE = (100, 30)
MANY = 150


@pytest.fixture
def big_store(db_path):
    store = open_store(db_path)
    with store.transaction():
        for i in range(MANY):
            store.create_assessment(f"Pemerintah Kabupaten Uji {i:03d}", 2030, "kasn-sistem-merit", who="uji")
    yield store
    store.close()


def visible(table: ListTable) -> list[str]:
    """The rows as drawn on screen, header first."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def test_end_page_and_home_keep_the_cursor_on_screen(big_store):
    app = make_app(big_store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        assert table.row_count == MANY + 3
        assert "Instansi" in visible(table)[0]
        await pilot.press("end")
        await pilot.pause()
        last = table.get_row_at(table.row_count - 1)[0]
        assert table.cursor_row == MANY + 2
        assert any(last in line for line in visible(table)[1:])
        assert "Instansi" in visible(table)[0]  # the header stays while scrolled
        await pilot.press("pageup")
        await pilot.pause()
        shown = table.get_row_at(table.cursor_row)[0]
        assert table.cursor_row < MANY + 2 and any(shown in line for line in visible(table)[1:])
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        expected = big_store.listing_ids()[-1]
        assert app.screen.aid == expected


async def test_only_the_rows_on_screen_are_read(big_store, monkeypatch):
    asked: list[int] = []
    real = Store.listing_rows

    def counting(self, ids):
        asked.extend(ids)
        return real(self, ids)

    monkeypatch.setattr(Store, "listing_rows", counting)
    app = make_app(big_store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert 0 < len(asked) <= AssessmentRows.PAGE < MANY
        await pilot.press("end")
        await pilot.pause()
        assert big_store.listing_ids()[-1] in asked


async def test_search_narrows_the_list_and_escape_brings_it_back(big_store):
    app = make_app(big_store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one(ListTable)
        await pilot.press("slash", *"uji 007")
        await pilot.pause()
        assert table.row_count == 1
        assert table.get_row_at(0)[0] == "Kabupaten Uji 007"  # "Pemerintah" is left out in the list
        assert "1 penilaian cocok" in str(home.query_one("#home-hint").render())
        await pilot.press("enter")  # from the search box to the list
        await pilot.pause()
        assert app.focused is table
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == MANY + 3
        await pilot.press("slash", *"balangan merit")
        await pilot.pause()
        assert [table.get_row_at(i)[2] for i in range(table.row_count)] == ["Sistem Merit 2026", "Sistem Merit"]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)


async def test_nothing_found_says_so_and_keys_are_harmless(big_store):
    app = make_app(big_store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"tidakada", "enter")
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        assert table.row_count == 0
        assert "0 penilaian cocok" in str(app.screen.query_one("#home-hint").render())
        await pilot.press("down", "end", "enter", "e", "d")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_click_selects_and_a_second_click_opens(big_store):
    app = make_app(big_store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        await pilot.click(ListTable, offset=(5, 3))  # header is line 0, so the third row
        await pilot.pause()
        assert table.cursor_row == 2
        await pilot.click(ListTable, offset=(5, 3))
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert app.screen.aid == big_store.listing_ids()[2]


async def test_key_line_keeps_help_and_quit_on_a_narrow_terminal(big_store):
    app = make_app(big_store, user="ani")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(KeyBar).render_line(0).text
        assert "Bantuan" in line and "Keluar" in line and "⏎ Buka" in line  # descriptions shortened first
        assert len(line.rstrip()) <= 60


async def test_a_narrow_terminal_hides_progress_but_keeps_status_and_the_category(big_store):
    app = make_app(big_store, user="ani")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        header, first = visible(table)[:2]
        assert "Kategori" in header and "Status" in header and "Progres" not in header
        assert "Kabupaten… 000" in first and "2030" in first  # cut in the middle: the number that tells rows apart stays
        hint = str(app.screen.query_one("#home-hint").render())
        assert "Pemerintah Kabupaten Uji 000 2030: Draf, 0/37 terisi" in hint
        await pilot.press("down")
        await pilot.pause()
        assert "Pemerintah Kabupaten Uji 001 2030" in str(app.screen.query_one("#home-hint").render())
    wide = make_app(big_store, user="ani")
    async with wide.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        header = visible(wide.screen.query_one(ListTable))[0]
        assert all(label in header for label in ("Instansi", "Tahun", "Instrumen", "Status", "Progres", "Mandiri", "Verif.", "Kategori"))


async def test_new_assessment_from_the_selected_row_offers_only_that_agency_to_carry_over(big_store):
    from textual.widgets import Select

    from merit_tui.dialogs.new_assessment import NewAssessmentDialog

    app = make_app(big_store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"balangan merit 2022", "enter", "n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewAssessmentDialog)
        offered = [label for label, _, _ in dialog.earlier]
        assert len(offered) == 3 and all("Balangan" in label for label in offered)
        # of those, only the same instrument's can be carried over into Sistem Merit (KASN)
        assert [label.plain for label, _ in dialog._carry_options(dialog.default_rubric)] == ["Pemerintah Kabupaten Balangan 2022 — Sistem Merit"]
        assert app.focused.id == "tahun"  # Enter now creates, instead of opening the instrument list
        merit_2022 = next(r.id for r in big_store.list_assessments() if r.rubric_id == "kasn-sistem-merit" and "Balangan" in r.agency)
        await pilot.press("tab", "enter")  # open the carry-over list below the year
        await pilot.press("down", "enter")  # past "Tidak, mulai kosong" to the one assessment offered
        await pilot.pause()
        assert dialog.query_one("#carry", Select).value == merit_2022
        await pilot.press("shift+tab", "ctrl+u", *"2023", "enter")  # back to the year; Enter creates
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        loaded = big_store.load(app.screen.aid)
        assert (loaded.assessment.agency, loaded.assessment.year, loaded.rubric.id) == ("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit")
        carried = loaded.assessment.by_item()["1.1"]
        assert carried.condition and carried.self_score is None  # kondisi came along, scores did not


async def test_gap_review_is_only_for_the_weighted_instrument(big_store):
    from merit_tui.screens.gaps import GapScreen

    app = make_app(big_store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"balangan nspk", "enter", "g")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("escape", "slash", *"balangan merit 2022", "enter", "g")
        await pilot.pause()
        assert isinstance(app.screen, GapScreen)
