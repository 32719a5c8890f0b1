"""The verifier records the official index and letter (BKN's NSPK result)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from ..errors import MeritError
from ..rubric import fmt
from ._base import DIALOG_CSS


class OfficialDialog(ModalScreen[bool]):
    DEFAULT_CSS = DIALOG_CSS.format(name="OfficialDialog")
    BINDINGS = [Binding("escape", "dismiss(False)", "Batal")]

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id

    def compose(self) -> ComposeResult:
        official = self.app.store.load(self.aid).assessment.hasil_resmi  # type: ignore[attr-defined]
        with Vertical():
            yield Label("Hasil resmi (Nilai Indeks dan Kategori)", classes="title")
            yield Label("Nilai Indeks (0–100)")
            yield Input(value=fmt(official.indeks) if official else "", id="index", compact=True)
            yield Label("Kategori")
            yield Input(value=official.kategori if official else "", id="category", compact=True)
            yield Label("Sumber (mis. nomor surat)")
            yield Input(value=(official.sumber or "") if official else "", id="source", compact=True)
            yield Label("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Batal", id="cancel")
                yield Button("Simpan", id="save", variant="primary")

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(False)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        index = self.query_one("#index", Input).value.strip()
        category = self.query_one("#category", Input).value.strip()
        source = self.query_one("#source", Input).value.strip() or None
        try:
            self.app.store.set_official(self.aid, index, category, who=self.app.who, role=self.app.role, source=source)  # type: ignore[attr-defined]
        except MeritError as exc:
            self.query_one("#error", Label).update(f"[b red]{exc.message}[/]")
            return
        self.app.notify(f"Hasil resmi tersimpan: {index} ({category})")
        self.dismiss(True)
