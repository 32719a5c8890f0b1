"""Verifier and plan screens, driven with Pilot."""

from __future__ import annotations

from decimal import Decimal as D

from textual.widgets import DataTable, Select, TextArea

from merit_tui.app import make_app
from merit_tui.screens.gaps import GapScreen
from merit_tui.screens.home import HomeScreen
from merit_tui.screens.plan import PlanScreen
from merit_tui.screens.walk import WalkScreen
from merit_tui.workspace import open_store
from tests.conftest import return_to_assessor
from tests.test_app import SIZE, merit_id, open_row, select_row


async def test_verifier_scores_notes_and_returns_it(db_path):
    store = open_store(db_path)
    aid = merit_id(store)
    app = make_app(store, user="Budi (KASN)", role="verifikator")
    async with app.run_test(size=SIZE) as pilot:
        await select_row(pilot, "kasn-sistem-merit")
        await pilot.press("g")  # gap review from the home screen, largest first
        await pilot.pause()
        gaps = app.screen
        assert isinstance(gaps, GapScreen) and gaps.shown[0] == "3.1"
        await pilot.press("enter")  # open the largest gap
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.current == "3.1" and walk.verifier
        assert "Skor mandiri: 4" in str(walk.query_one("#other-side").render())
        assert not walk.query("#kondisi")  # the assessor's text is not editable here
        await pilot.press("2")  # Nilai Tim Verifikasi 2
        await pilot.press("enter", *" SKJ JPT sudah ada.")
        await pilot.press("escape")
        await pilot.press("s")  # return it to the assessor with a note
        await pilot.pause()
        assert app.focused.id == "new-status"
        await pilot.press("enter", "D", "enter")  # open the moves, type D (Dikembalikan), take it
        await pilot.press("tab", "ctrl+u", *"Lengkapi SKJ Administrator")
        await pilot.pause()
        assert app.screen.query_one("#new-status", Select).value == "dikembalikan"
        await pilot.click("#apply")
        await pilot.pause()
    r = store.load(aid).assessment.by_item()["3.1"]
    assert r.verified_score == D(2) and r.self_score == D(4)
    assert r.note.endswith("SKJ JPT sudah ada.")
    assert store.load(aid).assessment.status == "dikembalikan"
    who = {(e.who, e.role, e.field) for e in store.events(aid)}
    assert ("Budi (KASN)", "verifikator", "nilai_verifikasi") in who and ("Budi (KASN)", "verifikator", "status_penilaian") in who

    # the assessor sees the returned status, the note and the verifier's catatan (opening it
    # themselves: where the verifier stopped is the verifier's place, not theirs)
    app = make_app(store, user="ani", role="penilai")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.open_assessment(aid, "3.1")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.current == "3.1"
        assert "Lengkapi SKJ Administrator" in str(walk.query_one("#save-status").render())
        assert "SKJ JPT sudah ada." in str(walk.query_one("#other-side").render())
        assert walk.query_one("#kondisi", TextArea)


async def test_gap_filters(db_path):
    store = open_store(db_path)
    app = make_app(store, user="budi", role="verifikator")
    async with app.run_test(size=SIZE) as pilot:
        await select_row(pilot, "kasn-sistem-merit")
        await pilot.press("g")
        await pilot.pause()
        gaps = app.screen
        table = gaps.query_one(DataTable)
        assert table.row_count == 37
        await pilot.press("f")  # verifier gave 0
        await pilot.pause()
        assert table.row_count == 12 and gaps.shown[:3] == ["3.1", "3.2", "4.1"]
        await pilot.press("f")  # no catatan yet
        await pilot.pause()
        assert gaps.shown == ["8.3", "8.4"]
        await pilot.press("shift+tab", "enter", "S", "enter")  # from the table up to the filter list: Semua
        await pilot.press("shift+tab", "enter", "7", "enter")  # and the aspect list before it: Aspek 7
        await pilot.pause()
        assert app.focused is gaps.query_one("#aspect", Select)
        assert gaps.shown == ["7.1", "7.2"]


async def test_edit_a_plan_row(db_path):
    store = open_store(db_path)
    aid = merit_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await select_row(pilot, "kasn-sistem-merit")
        await pilot.press("a")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, PlanScreen) and plan.query_one(DataTable).row_count == 34
        await pilot.press("enter")  # row 1: 3.1
        await pilot.pause()
        assert app.focused.id == "action"
        await pilot.press("f7", *"Menyusun SKJ seluruh jabatan")  # F7 selects all the text, typing replaces it
        await pilot.press("tab", "tab", "ctrl+u", *"Desember 2023")  # past Penanggung jawab to Target waktu
        await pilot.press("tab", "enter", "B", "enter")  # Status: B finds Berjalan
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert plan.plan.rows[0].action == "Menyusun SKJ seluruh jabatan"
    row = next(r for r in store.plan(aid).rows if r.item_id == "3.1")
    assert (row.action, row.due, row.status) == ("Menyusun SKJ seluruh jabatan", "Desember 2023", "berjalan")


async def test_switch_role_in_the_app(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("f2")
        await pilot.pause()
        assert app.focused.id == "role"
        await pilot.press("enter", "V", "enter")  # V finds Verifikator
        await pilot.press("tab", "ctrl+u", *"Budi")
        await pilot.click("#apply")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.verifier and app.who == "Budi"
        assert walk.query_one("#catatan", TextArea)


async def test_conflicting_save_shows_both_values(db_path, monkeypatch):
    """Another person saved the same note meanwhile: the app shows both and keeps the chosen one."""
    from merit_tui.screens.walk import screen as walk_module

    monkeypatch.setattr(walk_module, "SAVE_PAUSE", 60)  # only leaving the field saves, however slow the typing
    store = open_store(db_path)
    aid = merit_id(store)
    return_to_assessor(store, aid)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        walk = await open_row(pilot, "kasn-sistem-merit")
        other = open_store(db_path)  # a colleague in another session
        other.set_field(aid, "1.1", "condition", "Versi Budi", who="budi")
        other.close()
        await pilot.press("enter", *" tambahan Ani")
        await pilot.press("escape")  # leaving the field saves, and finds the conflict
        from merit_tui.dialogs.conflict import ConflictDialog

        for _ in range(40):  # the dialog arrives after the save attempt, give a loaded machine time
            if isinstance(app.screen, ConflictDialog):
                break
            await pilot.pause(0.05)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert dialog.theirs == "Versi Budi" and dialog.mine.endswith("tambahan Ani") and dialog.who == "budi"
        assert store.load(aid).assessment.by_item()["1.1"].condition == "Versi Budi"  # not overwritten
        await pilot.click("#mine")
        for _ in range(40):
            if app.screen is walk:
                break
            await pilot.pause(0.05)
        assert walk.query_one("#kondisi", TextArea).text.endswith("tambahan Ani")
    assert store.load(aid).assessment.by_item()["1.1"].condition.endswith("tambahan Ani")


async def test_verifier_records_the_official_nspk_result(db_path):
    store = open_store(db_path)
    nspk = next(r.id for r in store.list_assessments() if r.rubric_id == "bkn-nspk")
    store.conn.execute("UPDATE assessments SET status = 'diverifikasi' WHERE id = ?", [nspk])
    store.conn.commit()
    app = make_app(store, user="budi", role="verifikator")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "bkn-nspk")
        await pilot.press("2")  # element 1 found belum sesuai by the verifier
        await pilot.press("o")
        await pilot.pause()
        assert app.focused.id == "index"
        await pilot.press("ctrl+u", *"70,18", "tab", "ctrl+u", "B")
        await pilot.click("#save")
        await pilot.pause()
    a = store.load(nspk).assessment
    assert (a.official.index, a.official.category) == (D("70.18"), "B")
    assert a.by_item()["1"].verified_status == "belum_sesuai"
