"""A row of buttons to pick a score or a status; posts `Picked` up to the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button


class ScorePicker(Horizontal):
    DEFAULT_CSS = """
    ScorePicker { height: 3; width: auto; }
    ScorePicker Button { min-width: 7; margin-right: 1; }
    ScorePicker Button.-chosen { background: $accent; color: $text; text-style: bold; }
    """

    class Picked(Message):
        def __init__(self, value: str | None) -> None:
            super().__init__()
            self.value = value

    def __init__(self, choices: list[tuple[str, str]], id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices = choices
        self._value: str | None = None

    def compose(self) -> ComposeResult:
        for value, label in self.choices:
            button = Button(label, id=f"pick-{value}")
            button.can_focus = False  # keys pick scores; Tab goes straight to the text fields
            yield button

    def show(self, value: str | None) -> None:
        """Attributes down: the screen tells the picker what is stored."""
        self._value = value
        for v, _ in self.choices:
            self.query_one(f"#pick-{v}", Button).set_class(v == value, "-chosen")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        value = (event.button.id or "").removeprefix("pick-")
        self.post_message(self.Picked(None if value == self._value else value))
