"""The item's text in the walk's detail pane, in a box as tall as the rubric's tallest item.

When the text above the score picker changed height from one item to the next, everything below
it moved, and Textual laid the screen out and painted it two or three times over (40 ms a move,
where a repaint takes 5). In a box of one height the picker and the text fields stay put and a
move is a repaint. The height is found with a greedy word wrap, the rule Textual follows, at a
tenth of the cost of measuring with Textual's Content (10 ms a rubric); where it guesses short,
the box grows for that item, so nothing is ever cut.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.widgets import Static

SCROLLBAR = 2  # cells of a vertical scrollbar
PADDING = 2  # the detail pane's left and right padding (app.tcss)


def wrapped_lines(text: str, width: int) -> int:
    """Lines `text` takes at `width` cells: words wrapped greedily, longer words folded."""
    if width <= 0:
        return text.count("\n") + 1
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            size = cell_len(word)
            if used and used + 1 + size > width:
                lines += 1
                used = 0
            used += size + (1 if used else 0)
            while used > width:  # a word longer than the line folds onto the next
                lines += 1
                used -= width
    return lines


def detail_width(screen_width: int, list_share: float = 0.4, list_min: int = 28) -> int:
    """The detail pane's text width before the first layout (app.tcss: #items and #detail)."""
    return screen_width - max(list_min, int(screen_width * list_share)) - PADDING - SCROLLBAR


Shown = Content | Text | str


def as_content(shown: Shown) -> Content:
    """What a walk shows, as Textual content: rich Text as styled, a str as plain text (never
    markup: rubric and response text may hold brackets)."""
    if isinstance(shown, Content):
        return shown
    return Content.from_rich_text(shown) if isinstance(shown, Text) else Content(shown)


class Fitted(Static):
    """Text that is laid out again only when its height changes: the same text is left alone,
    and other text of as many lines is a repaint."""

    _shown: tuple = ()

    def _changed(self, content: Content) -> bool:
        key = (content.plain, tuple(content.spans))  # Content's == compares the text only
        if key == self._shown:
            return False
        self._shown = key
        return True

    def _need(self, content: Content) -> tuple[int, int]:
        width, height = self.content_size
        return (content.get_height(self.styles, width) if width else -1), height

    def show(self, shown: Shown) -> None:
        content = as_content(shown)
        if self._changed(content):
            need, height = self._need(content)
            self.update(content, layout=need != height)


class ItemBox(Fitted):
    """One item's text; `texts` gives every item's text as shown, to size the box."""

    def __init__(self, texts: Callable[[], Iterable[str]], screen_width: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.texts = texts
        self._sized_for = detail_width(screen_width)
        self.styles.height = self._tallest(self._sized_for)

    def _tallest(self, width: int) -> int:
        return max((wrapped_lines(t, width) for t in self.texts()), default=1)

    def show(self, shown: Shown) -> None:
        content = as_content(shown)
        if not self._changed(content):
            return
        need, height = self._need(content)
        if need > height:
            self.styles.height = need  # the estimate was short for this item: grow, never cut
        self.update(content, layout=need > height)

    def on_resize(self) -> None:
        width = self.content_size.width
        if width and width != self._sized_for:
            self._sized_for = width
            height = self._tallest(width)
            if height != self.size.height:
                self.styles.height = height
