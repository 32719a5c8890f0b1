"""The verifier records the official index and letter (BKN's NSPK result)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from ..errors import MeritError
from ..numbers import fmt
from ._base import DIALOG_CSS, FormDialog


class OfficialDialog(FormDialog[bool | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="OfficialDialog")
    ok_id = "save"

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
            yield from self.buttons("Simpan")

    def submit(self) -> None:
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
