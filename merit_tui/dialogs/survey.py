"""The assessor enters a survey component's score (0–100) on a maturity assessment."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from ._base import DIALOG_CSS, FormDialog


class SurveyDialog(FormDialog[str | None]):
    """Dismisses with the score as typed ("" clears it), or None when cancelled."""

    DEFAULT_CSS = DIALOG_CSS.format(name="SurveyDialog")
    ok_id = "save"

    def __init__(self, name: str, current: str, note: str = "", error: str = "") -> None:
        super().__init__()
        self.component_name, self.current, self.note, self.error = name, current, note, error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Skor komponen: {self.component_name}"), classes="title")
            yield Label("Skor 0–100 (kosongkan untuk menghapus). Dari CSV jawaban: merit survey ID --csv BERKAS")
            yield Input(value=self.current, id="score", compact=True)
            if self.note:
                yield Label(Text(self.note))
            yield Label(Text(self.error, style="bold red"), id="error")
            yield from self.buttons("Simpan")

    def submit(self) -> None:
        self.dismiss(self.query_one("#score", Input).value.strip())
