"""Shared look and behaviour of the small modal dialogs."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 95%; height: auto; padding: 1 2;
    border: thick $primary; background: $surface;
}}
{name} Label.title {{ text-style: bold; margin-bottom: 1; }}
{name} Horizontal.buttons {{ height: auto; margin-top: 1; align-horizontal: right; }}
{name} Horizontal.buttons Button {{ margin-left: 1; }}
{name} Label {{ width: 100%; }}
{name} Input, {name} Select {{ margin-bottom: 1; }}
"""

R = TypeVar("R")


class FormDialog(ModalScreen[R], Generic[R]):
    """A form with Batal and one main button. Esc or Batal dismiss with None; the main
    button or Enter in a field calls `submit`."""

    BINDINGS = [Binding("escape", "cancel", "Batal")]
    ok_id = "apply"

    def buttons(self, label: str, variant: str = "primary", show_ok: bool = True) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button("Batal", id="cancel")
            if show_ok:
                yield Button(label, id=self.ok_id, variant=variant)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.action_cancel()
        elif event.button.id == self.ok_id:
            self.submit()

    @on(Input.Submitted)
    def _entered(self) -> None:
        if self.query(f"#{self.ok_id}"):
            self.submit()

    def submit(self) -> None:
        raise NotImplementedError
