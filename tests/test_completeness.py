"""Issue 14: submitting half an assessment, or marking a few items verified, asks first and says
what is missing; the CLI refuses without --yes when it cannot ask."""

from __future__ import annotations

from textual.widgets import Select

from merit_tui.app import make_app
from merit_tui.completeness import shortfalls
from merit_tui.dialogs.confirm import ConfirmDialog
from merit_tui.dialogs.status import StatusDialog
from merit_tui.workspace import open_store
from tests.test_app import SIZE, select_row
from tests.test_store import snapshot

MERIT = "kasn-sistem-merit"


def test_what_is_missing_per_move(store):
    aid = store.create_assessment("Pemerintah Kota Uji", 2024, MERIT, who="ani")
    for item in ("1.1", "1.2"):
        store.set_field(aid, item, "self_score", "3", who="ani")
    store.set_field(aid, "1.1", "condition", "Ada SK", who="ani")
    loaded = store.load(aid)
    found = [s.describe() for s in shortfalls(loaded.rubric, loaded.assessment, "diajukan")]
    assert found[0] == "Skor mandiri belum diisi: 35 dari 37 butir (1.3, 1.4, 2.1, 2.2, 2.3, 2.4, 2.5, 3.1 dan 27 lainnya)"
    assert found[1].startswith("Kondisi saat ini kosong: 36 dari 37 butir (1.2, 1.3,")
    assert found[2].startswith("Tanpa bukti dukung atau dokumen: 37 dari 37 butir")
    assert [s.describe() for s in shortfalls(loaded.rubric, loaded.assessment, "dikembalikan", "  ")] == [
        "Catatan alasan dikembalikan kosong: instansi tidak tahu apa yang harus diperbaiki"]
    assert shortfalls(loaded.rubric, loaded.assessment, "dikembalikan", "Lengkapi bukti") == []
    assert shortfalls(loaded.rubric, loaded.assessment, "draf") == []


def test_the_cli_lists_what_is_missing_and_needs_yes(store, merit, db_path):
    aid = store.create_assessment("Pemerintah Kota Uji", 2024, MERIT, who="ani")
    store.set_field(aid, "1.1", "self_score", "3", who="ani")
    before = snapshot(db_path)
    code, _, err = merit("status", str(aid), "diajukan")
    assert code == 1
    assert "belum lengkap untuk diubah menjadi diajukan" in err and "Skor mandiri belum diisi: 36 dari 37 butir" in err
    assert "ulangi dengan --yes" in err
    assert snapshot(db_path) == before
    code, out, err = merit("status", str(aid), "diajukan", "--yes")
    assert code == 0, err
    assert store.status(aid) == "diajukan"


def test_a_complete_move_is_not_asked_about(store, merit):
    nspk = next(r.id for r in store.list_assessments() if r.rubric_id == "bkn-nspk")
    store.set_status(nspk, "diverifikasi", who="budi", role="verifikator", note="dibuka kembali")
    code, out, err = merit("--role", "verifikator", "status", str(nspk), "final")  # all 18 elements judged
    assert code == 0 and "belum lengkap" not in err, err


async def test_the_app_asks_before_submitting_an_incomplete_assessment(db_path):
    store = open_store(db_path)
    aid = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, MERIT, who="ani")
    store.set_field(aid, "1.1", "self_score", "3", who="ani")
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_row(pilot, MERIT)  # the 2023 draft is the first of this instrument
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatusDialog)
        assert app.screen.query_one("#new-status", Select).value == "diajukan"
        await pilot.press("tab", *"sudah lengkap?", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        asked = str(dialog.query_one("Label").render())
        assert "Skor mandiri belum diisi: 36 dari 37 butir" in asked and "Tetap ubah status?" in asked
        await pilot.press("escape")  # no: back to the status dialog, the note kept
        await pilot.pause()
        assert isinstance(app.screen, StatusDialog) and app.screen.query_one("#note").value == "sudah lengkap?"
        assert store.status(aid) == "draf"
        await pilot.click("#apply")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")  # yes, move anyway
        await pilot.pause()
        assert store.status(aid) == "diajukan"
