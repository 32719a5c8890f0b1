"""Ask for a file path (import or export)."""

from __future__ import annotations

from collections.abc import Callable

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

    def __init__(self, title: str, value: str = "", check: Callable[[str], str | None] | None = None, problem: str = "") -> None:
        """`check` says what is wrong with a path (the dialog stays open, the path kept), or None."""
        super().__init__()
        self.title_text = title
        self.value = value
        self.check = check
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            yield Input(value=self.value, placeholder="path/ke/berkas.yaml", id="path")
            yield Label(Text(self.problem, style="bold red"), id="problem")
            yield Label("Enter untuk lanjut, Esc untuk batal.")

    @on(Input.Submitted)
    def done(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        problem = self.check(value) if value and self.check is not None else None
        if problem:
            self.query_one("#problem", Label).update(Text(problem, style="bold red"))
            return
        self.dismiss(value or None)
