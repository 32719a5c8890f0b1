"""Issue 14: Beranda asks instead of pointing at command-line flags: "Timpa?" before an export
writes over a file, "Ganti?" when an imported assessment is stored already."""

from __future__ import annotations

from textual.widgets import Label

from merit_tui.dialogs.confirm import ConfirmDialog
from merit_tui.dialogs.save_as import SaveAsDialog
from merit_tui.screens.home import HomeScreen
from merit_tui.yamlio import load_path
from tests.test_reports_app import SIZE, messages, open_from_home, retype, written

EXPORTED = "pemerintah-kabupaten-balangan-2022-kasn-sistem-merit.yaml"


async def test_export_asks_before_writing_over_a_file(app, tmp_path):
    target = tmp_path / EXPORTED
    target.write_text("milik orang lain\n", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "e")
        assert isinstance(app.screen, SaveAsDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert "sudah ada. Timpa?" in str(app.screen.query_one("#question", Label).render())
        assert target.read_text(encoding="utf-8") == "milik orang lain\n"
        assert not any("--force" in m for m in messages(app))
        await pilot.press("enter")  # "Ya, timpa" has the focus
        await written(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert load_path(target).data["instansi"] == "Pemerintah Kabupaten Balangan"


async def test_import_of_a_stored_assessment_asks_to_replace(app, tmp_path):
    aid = next(r.id for r in app.store.list_assessments() if r.rubric_id == "kasn-sistem-merit")
    app.store.set_status(aid, "dikembalikan", who="budi", role="verifikator", note="lengkapi")
    text = app.store.export_yaml(aid).replace("status: dikembalikan", "status: diajukan")
    changed = tmp_path / "ubah.yaml"
    changed.write_text(text.replace("kondisi_saat_ini: ", "kondisi_saat_ini: Diperbarui. ", 1), encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await retype(pilot, str(changed))
        await pilot.press("enter")
        await written(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        asked = str(dialog.query_one("Label").render())
        assert "sudah ada (id" in asked and "Ganti dengan isi ubah.yaml?" in asked and "--replace" not in asked
        await pilot.press("y")
        await written(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert f"Diganti: {changed}" in messages(app)
    assert app.store.status(aid) == "diajukan"
    assert any((r.condition or "").startswith("Diperbarui. ") for r in app.store.load(aid).assessment.responses)
