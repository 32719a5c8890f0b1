"""Ask for a file path (import or export)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ._base import DIALOG_CSS


class AskPathDialog(ModalScreen[str | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="AskPathDialog")
    BINDINGS = [Binding("escape", "dismiss(None)", "Batal")]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            yield Input(value=self.value, placeholder="path/ke/berkas.yaml", id="path")
            yield Label("Enter untuk lanjut, Esc untuk batal.")

    @on(Input.Submitted)
    def done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
