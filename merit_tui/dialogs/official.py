"""The verifier records the official index and letter (BKN's NSPK result)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from ._base import DIALOG_CSS, FormDialog


@dataclass(frozen=True)
class OfficialInput:
    index: str
    category: str
    source: str | None


class OfficialDialog(FormDialog[OfficialInput | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="OfficialDialog")
    ok_id = "save"

    def __init__(self, current: OfficialInput | None, error: str = "") -> None:
        super().__init__()
        self.current, self.error = current, error

    def compose(self) -> ComposeResult:
        c = self.current
        with Vertical():
            yield Label("Hasil resmi (Nilai Indeks dan Kategori)", classes="title")
            yield Label("Nilai Indeks (0–100)")
            yield Input(value=c.index if c else "", id="index", compact=True)
            yield Label("Kategori")
            yield Input(value=c.category if c else "", id="category", compact=True)
            yield Label("Sumber (mis. nomor surat)")
            yield Input(value=(c.source or "") if c else "", id="source", compact=True)
            yield Label(Text(self.error, style="bold red"), id="error")
            yield from self.buttons("Simpan")

    def submit(self) -> None:
        self.dismiss(OfficialInput(
            self.query_one("#index", Input).value.strip(),
            self.query_one("#category", Input).value.strip(),
            self.query_one("#source", Input).value.strip() or None,
        ))
