"""The walk's dialogs and notices under careless use: a bad evidence path keeps the dialog open
with the reason (it closed, and the next keys went to the screen); the verifier's return note is
said once a session, not stacked on each visit; a gap filter that matches nothing says so."""

from __future__ import annotations

from merit_tui.app import make_app
from merit_tui.dialogs.ask_path import AskPathDialog
from merit_tui.workspace import open_store
from tests.test_app import SIZE, select_row, walk_on


async def test_a_bad_evidence_path_keeps_the_dialog_open_with_the_reason(db_path, tmp_path):
    async with walk_on(db_path, "1.1") as (store, aid, app, pilot):
        await pilot.press("l", *str(tmp_path / "tidak-ada.pdf"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, AskPathDialog)
        assert "berkas tidak ditemukan" in str(app.screen.query_one("#problem").render())
        await pilot.press("h")  # typed into the dialog, not a key of the walk (h opened the history)
        await pilot.pause()
        assert isinstance(app.screen, AskPathDialog)
        await pilot.press("ctrl+u", *"/dev/null", "enter")
        await pilot.pause()
        assert "bukan berkas biasa" in str(app.screen.query_one("#problem").render())
        evidence = tmp_path / "sk.pdf"
        evidence.write_bytes(b"%PDF-1.4 bukti")
        await pilot.press("ctrl+u", *str(evidence), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkScreen"
    assert [d.name for d in store.response(aid, "1.1").documents] == ["sk.pdf"]


async def test_the_return_note_is_said_once_a_session(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await select_row(pilot, "permenpanrb-19-2025")  # returned to the agency, with a note
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        said = [n for n in app._notifications if n.title == "Penilaian dikembalikan"]
        assert len(said) == 1


async def test_a_gap_filter_that_matches_nothing_says_so(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani", role="verifikator")
    async with app.run_test(size=SIZE) as pilot:
        await select_row(pilot, "kasn-sistem-merit")
        await pilot.press("g", "f", "f", "f")  # not yet verified: Balangan's 37 are all verified
        await pilot.pause()
        assert app.screen.shown == []
        assert any("Tidak ada indikator yang cocok" in str(n.message) for n in app._notifications)


async def test_a_new_assessment_that_exists_offers_to_open_it_or_goes_back_with_what_was_typed(db_path):
    from merit_tui.dialogs.new_assessment import NewAssessmentDialog

    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await select_row(pilot, "permenpanrb-19-2025")  # Balangan 2026 on the 2026 instrument
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2026")
        await pilot.click("#create")
        await pilot.pause()
        assert "sudah ada" in str(app.screen.query_one("Label").render())
        await pilot.press("escape")  # no: back to the dialog, the year as typed
        await pilot.pause()
        assert isinstance(app.screen, NewAssessmentDialog)
        assert app.screen.query_one("#tahun").value == "2026"
        await pilot.click("#create")
        await pilot.pause()
        await pilot.press("y")  # yes: open the stored one
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkScreen" and app.screen.assessment.year == 2026
    assert len([r for r in store.list_assessments() if r.year == 2026]) == 1
