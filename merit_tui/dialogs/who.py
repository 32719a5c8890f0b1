"""Asked once per database: who is at the keyboard."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ._base import DIALOG_CSS


class WhoDialog(ModalScreen[str]):
    DEFAULT_CSS = DIALOG_CSS.format(name="WhoDialog")

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Siapa yang bekerja?", classes="title")
            yield Label("Nama ini dicatat pada setiap perubahan dan diingat untuk basis data ini.")
            yield Input(value=self.default, placeholder="Nama", id="who")

    @on(Input.Submitted)
    def done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or self.default)
