"""Someone else saved the same field: show both values and let the user choose."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..numbers import fmt
from ._base import DIALOG_CSS


def _show(value: object) -> str:
    if value is None or value == []:
        return "(kosong)"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    try:
        return fmt(value)  # type: ignore[arg-type]
    except AttributeError:
        return str(value)


class ConflictDialog(ModalScreen[str]):
    """Dismisses with "mine" or "theirs"."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConflictDialog") + """
    ConflictDialog Static.value { border: round $warning; padding: 0 1; margin-bottom: 1; max-height: 8; }
    """

    def __init__(self, label: str, item_id: str, theirs: object, mine: object, who: str | None) -> None:
        super().__init__()
        self.label, self.item_id, self.theirs, self.mine, self.who = label, item_id, theirs, mine, who

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"{self.label} {self.item_id} sudah diubah orang lain"), classes="title")
            yield Label(Text(f"Tersimpan (oleh {self.who or 'orang lain'}):"))
            yield Static(_show(self.theirs), classes="value", markup=False)
            yield Label("Milik Anda:")
            yield Static(_show(self.mine), classes="value", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Pakai yang tersimpan", id="theirs")
                yield Button("Pakai milik saya", id="mine", variant="warning")

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "theirs")
