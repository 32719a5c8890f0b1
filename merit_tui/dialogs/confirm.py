"""Yes/no confirmation."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from ._base import DIALOG_CSS


class ConfirmDialog(ModalScreen[bool]):
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog")
    BINDINGS = [Binding("escape", "dismiss(False)", "Batal"), Binding("y", "dismiss(True)", "Ya")]

    def __init__(self, question: str, yes: str = "Ya, hapus") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question), classes="title")
            with Horizontal(classes="buttons"):
                yield Button("Batal", id="no")
                yield Button(self.yes, id="yes", variant="error")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
