"""`e` on Ringkasan and on Rencana aksi: where to write, "Timpa?" when the file exists, a worker renders."""

from __future__ import annotations

from pypdf import PdfReader
from textual.widgets import Button, Input, Label

from merit_tui.dialogs.save_as import SaveAsDialog
from merit_tui.screens.plan import PlanScreen
from merit_tui.screens.summary import SummaryScreen
from merit_tui.widgets.list_table import ListTable
from tests.test_reports_data import SIGNATORY

SIZE = (100, 30)
MERIT_PDF = "pemerintah-kabupaten-balangan-2022-sistem-merit.pdf"


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_from_home(pilot, key: str, rubric_id: str = "kasn-sistem-merit") -> None:
    app = pilot.app
    rows = app.store.list_assessments()
    app.screen.query_one(ListTable).move_cursor(row=next(i for i, r in enumerate(rows) if r.rubric_id == rubric_id))
    await pilot.press(key)
    await pilot.pause()


async def retype(pilot, text: str) -> None:
    await pilot.press("ctrl+u", *text)


async def written(pilot) -> None:
    """Wait for the render worker, then for the notification it posts back."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def export(pilot, name: str | None = None) -> None:
    """`e`, a file name (or the one offered), Enter."""
    await pilot.press("e")
    await pilot.pause()
    if name is not None:
        await retype(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


def question(app) -> str:
    return str(app.screen.query_one("#question", Label).render())


async def test_e_on_ringkasan_writes_the_pdf_and_asks_before_replacing(app, tmp_path):
    for key, value in SIGNATORY.items():
        app.store.set_setting(key, value)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "r")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        assert app.screen.query_one("#path", Input).value == str(tmp_path / MERIT_PDF)  # a sensible name, here
        await pilot.press("enter")
        await written(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert any(m.startswith("Mencetak") for m in messages(app))
        assert f"Laporan ditulis ke {tmp_path / MERIT_PDF}" in messages(app)
        pdf = PdfReader(tmp_path / MERIT_PDF)
        assert "Paringin, " in pdf.pages[-1].extract_text() and len(pdf.pages) > 5
        first = (tmp_path / MERIT_PDF).stat().st_mtime_ns

        # the same name again: the dialog asks, "Tidak" goes back to the name, Esc closes
        await export(pilot)
        assert isinstance(app.screen, SaveAsDialog) and "sudah ada. Timpa?" in question(app)
        assert "--force" not in question(app)
        assert str(app.screen.query_one("#save", Button).label) == "Ya, timpa"
        await pilot.press("escape")
        assert question(app) == "" and isinstance(app.screen, SaveAsDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert (tmp_path / MERIT_PDF).stat().st_mtime_ns == first

        # and yes: the file is replaced
        await export(pilot)
        await pilot.press("enter")  # the focused "Ya, timpa"
        await written(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert (tmp_path / MERIT_PDF).stat().st_mtime_ns != first

        # another ending gives another format; a wrong one is said in the dialog
        await export(pilot, "laporan.txt")
        assert "tidak dikenal" in question(app)
        await retype(pilot, "laporan.docx")
        await pilot.press("enter")
        await written(pilot)
        assert (tmp_path / "laporan.docx").read_bytes().startswith(b"PK")


async def test_a_failed_render_is_a_notification_not_a_crash(app, tmp_path):
    app.store.set_setting("kop", str(tmp_path / "hilang.png"))  # a kop removed since it was set
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "r", "bkn-nspk")
        await export(pilot, "nspk")  # no ending: .pdf
        await written(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert any("gagal" in m and "kop surat" in m for m in messages(app))
        assert not (tmp_path / "nspk.pdf").exists()


async def test_plan_export_offers_pdf_and_docx_with_the_same_question(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "a")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value.endswith(".xlsx")
        await retype(pilot, "rencana.pdf")
        await pilot.press("enter")
        await written(pilot)
        pages = PdfReader(tmp_path / "rencana.pdf").pages
        assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)
        for name in ("rencana.docx", "rencana.xlsx"):
            await export(pilot, name)
            await written(pilot)
            assert (tmp_path / name).stat().st_size > 0
        await export(pilot, "rencana.xlsx")
        assert "sudah ada. Timpa?" in question(app)
        await pilot.press("enter")
        await written(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert messages(app)[-1] == f"Rencana aksi ditulis ke {tmp_path / 'rencana.xlsx'}"
