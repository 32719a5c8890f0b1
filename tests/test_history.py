"""Issue 14: a verifier's return note is readable in full, with who and when, from the walk and
the summary; the items the verifier commented on are listed with their notes."""

from __future__ import annotations

from merit_tui import history
from merit_tui.app import make_app
from merit_tui.screens.history import HistoryScreen
from merit_tui.screens.summary import SummaryScreen
from merit_tui.workspace import open_store
from tests.test_app import SIZE, merit_id, open_row

LONG_NOTE = ("Lengkapi SKJ Administrator dan Pengawas; peta jabatan belum ditetapkan PPK. "
             "Unggah SK penetapan, notulen rapat dan daftar hadir sebagai bukti dukung untuk indikator 1.1 sampai 1.4 [/] \\")


def returned(store) -> int:
    aid = merit_id(store)
    store.set_status(aid, "dikembalikan", who="Budi (KASN)", role="verifikator", note=LONG_NOTE)
    return aid


def test_entries_name_who_when_what_and_the_whole_note(store):
    aid = returned(store)
    found = history.entries(store.events(aid))
    assert found[0].what == "Dimuat dari contoh bawaan, berstatus Diverifikasi"
    last = found[-1]
    assert (last.who, last.role, last.what, last.note) == ("Budi (KASN)", "verifikator", "Diverifikasi → Dikembalikan", LONG_NOTE)
    assert len(last.at) == len("29-11-2026 21:55")


async def test_the_walk_and_the_summary_open_the_history(db_path):
    store = open_store(db_path)
    aid = returned(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        walk = await open_row(pilot, "kasn-sistem-merit")
        assert "h: riwayat" in str(walk.query_one("#save-status").render())
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        moves = str(screen.query_one("#history-moves").render())
        assert moves.startswith("Diverifikasi → Dikembalikan") and "Budi (KASN) (verifikator)" in moves
        assert LONG_NOTE in moves  # whole, markup and all
        comments = str(screen.query_one("#history-comments").render())
        assert "3.1  " in comments and "Catatan: " in comments
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is walk
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.aid == aid


async def test_history_of_an_assessment_with_no_notes(db_path):
    store = open_store(db_path)
    aid = store.create_assessment("Pemerintah Kota Uji", 2024, "kasn-sistem-merit", who="ani")
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(HistoryScreen(aid))
        await pilot.pause()
        assert "Dibuat, berstatus Draf" in str(app.screen.query_one("#history-moves").render())
        assert "Belum ada catatan verifikator." in str(app.screen.query_one("#history-comments").render())
