"""The walk's list of items under their aspect headings, drawn a line at a time.

Textual's Tree builds, styles and measures a node per line and repaints whole branches when a
label changes; opening an assessment spent more on it than on everything else in the detail
pane. Here each line is a label rendered once into a strip and kept until that label changes,
so a score repaints one line and a cursor move two.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .cursor import KEYS, cursor_css

INDENT = 2  # items under a heading are indented this much


class ItemList(ScrollView, can_focus=True):
    """Lines of items, some under headings; the cursor moves over items only."""

    COMPONENT_CLASSES = {"item-list--cursor"}
    DEFAULT_CSS = """
    ItemList {
        background: $surface;""" + cursor_css("item-list--cursor") + """
    }
    """
    BINDINGS = KEYS

    cursor: reactive[int] = reactive(-1, always_update=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Selected(Highlighted):
        pass

    def __init__(self, lines: list[tuple[str, Text, bool]], *, id: str | None = None) -> None:
        """`lines` are (key, label, is an item); the others are headings."""
        super().__init__(id=id)
        self.keys = [key for key, _, _ in lines]
        self.labels = [label for _, label, _ in lines]
        self.items = [i for i, (_, _, item) in enumerate(lines) if item]
        self.index = {key: i for i, key in enumerate(self.keys)}
        indent = INDENT if len(self.items) < len(lines) else 0
        self.indents = [indent if item else 0 for _, _, item in lines]
        self._strips: dict[int, Strip] = {}
        self.virtual_size = Size(0, len(lines))

    # ---------- data ----------
    @property
    def cursor_key(self) -> str | None:
        return self.keys[self.cursor] if 0 <= self.cursor < len(self.keys) else None

    def set_label(self, key: str, label: Text) -> None:
        i = self.index[key]
        self.labels[i] = label
        self._strips.pop(i, None)
        self._refresh_index(i)

    def move_to(self, key: str) -> None:
        self.cursor = self.index[key]

    # ---------- cursor ----------
    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_index(old)
        self._refresh_index(new)
        if new >= 0:
            if self.size.height:  # before the first layout, on_resize scrolls
                self._show_line(new)
            self.post_message(self.Highlighted(self.keys[new]))

    def _refresh_index(self, i: int) -> None:
        if 0 <= i < len(self.keys):
            self.refresh_line(i)

    def _show_line(self, i: int) -> None:
        # a heading just above the cursor comes into view with it
        top, page = round(self.scroll_y), self._page
        want = i - 1 if i > 0 and self.indents[i - 1] < self.indents[i] else i
        if want < top:
            self.scroll_to(y=want, animate=False, immediate=True)
        elif i >= top + page:
            self.scroll_to(y=i - page + 1, animate=False, immediate=True)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def on_resize(self) -> None:
        self._strips.clear()
        if self.cursor >= 0:
            self._show_line(self.cursor)

    # ---------- drawing ----------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        i = round(self.scroll_y) + y
        if i >= len(self.keys):
            return Strip.blank(width, base)
        strip = self._strips.get(i)
        if strip is None:
            strip = self._strips[i] = self._render_label(i, width)
        style = base + self.get_component_rich_style("item-list--cursor") if i == self.cursor else base
        return strip.apply_style(style).extend_cell_length(width, style)

    def _render_label(self, i: int, width: int) -> Strip:
        label = self.labels[i]
        segments = [Segment(" " * self.indents[i]), *label.render(self.app.console)]
        strip = Strip(segments)
        if strip.cell_length > width > 1:  # cut long names with an ellipsis
            strip = Strip([*strip.crop(0, width - 1), Segment("…")])
        return strip

    # ---------- input ----------
    def _move(self, step: int) -> None:
        if not self.items:
            return
        at = self.items.index(self.cursor) if self.cursor in self.items else -1
        self.cursor = self.items[max(0, min(len(self.items) - 1, at + step))]

    def action_cursor(self, step: int) -> None:
        self._move(step)

    def action_page(self, direction: int) -> None:
        self._move(direction * self._page)

    def action_edge(self, end: int) -> None:
        if self.items:
            self.cursor = self.items[-1 if end else 0]

    def action_select(self) -> None:
        if self.cursor_key is not None:
            self.post_message(self.Selected(self.cursor_key))

    def on_click(self, event) -> None:
        i = round(self.scroll_y) + event.y
        if i not in self.items:
            return
        if i == self.cursor or event.chain > 1:
            self.cursor = i
            self.action_select()
        else:
            self.cursor = i
