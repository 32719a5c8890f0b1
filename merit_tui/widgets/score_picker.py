"""The scores or statuses to pick from, on one line; posts `Picked` up to the screen.

One widget drawing its choices, not a button per choice: the walk is opened often and a row of
Buttons cost more to mount than the rest of the detail pane. Keys pick scores; a click on a
choice picks it too (and on the chosen one, clears it).
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widget import Widget

GAP = 1  # cells between two choices


class ScorePicker(Widget):
    COMPONENT_CLASSES = {"score-picker--choice", "score-picker--chosen"}
    DEFAULT_CSS = """
    ScorePicker {
        height: 1;
        width: auto;
        & > .score-picker--choice { background: $panel; color: $foreground; }
        & > .score-picker--chosen { background: $accent; color: $text; text-style: bold; }
    }
    """

    class Picked(Message):
        def __init__(self, value: str | None) -> None:
            super().__init__()
            self.value = value

    def __init__(self, choices: list[tuple[str, str]], id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices = choices
        self._value: str | None = None
        self._spans: list[tuple[int, int, str]] = []  # (start, end, value) of each choice
        x = 0
        for value, label in choices:
            width = max(7, len(label) + 2)
            self._spans.append((x, x + width, value))
            x += width + GAP

    @property
    def value(self) -> str | None:
        return self._value

    def show(self, value: str | None) -> None:
        """Attributes down: the screen tells the picker what is stored."""
        if value != self._value:
            self._value = value
            self.refresh()

    def render(self) -> Text:
        choice = self.get_component_rich_style("score-picker--choice", partial=True)
        chosen = self.get_component_rich_style("score-picker--chosen", partial=True)
        text = Text(no_wrap=True, end="")
        for (start, end, value), (_, label) in zip(self._spans, self.choices):
            text.append(label.center(end - start), style=chosen if value == self._value else choice)
            text.append(" " * GAP)
        return text

    def get_content_width(self, container, viewport) -> int:
        return self._spans[-1][1] if self._spans else 0

    def on_click(self, event) -> None:
        event.stop()
        for start, end, value in self._spans:
            if start <= event.x < end:
                self.post_message(self.Picked(None if value == self._value else value))
                return
