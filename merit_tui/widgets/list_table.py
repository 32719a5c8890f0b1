"""A read-only table that draws only the rows on screen.

Textual's DataTable measures every cell it is given, which for a national list
(thousands of assessments × eight columns) takes longer than everything else the
workbench does on start. Here the columns have known widths, so a row costs
nothing until it is scrolled into view.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .cursor import KEYS, cursor_css


def fit(text: str, width: int, right: bool = False) -> str:
    """Exactly `width` cells: padded (on the left if `right`), or cut with an ellipsis."""
    length = cell_len(text)
    if length <= width:
        return " " * (width - length) + text if right else set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…" if width > 0 else ""


def fit_middle(text: str, width: int) -> str:
    """Exactly `width` cells, cut before the last word when too long, so both ends stay readable:
    "Sistem Merit 2026" in 12 cells is "Sistem… 2026", not "Sistem Meri…"."""
    if cell_len(text) <= width or " " not in text:
        return fit(text, width)
    tail = text[text.rindex(" "):]
    head = width - 1 - cell_len(tail)
    if head < 3:
        return fit(text, width)
    return fit(set_cell_size(text, head).rstrip() + "…" + tail, width)


class Rows(Protocol):
    """What the table shows: it asks only for the rows it draws."""

    def __len__(self) -> int: ...

    def cells(self, index: int) -> tuple[str, ...]: ...

    def key(self, index: int) -> str: ...


class RowList:
    """Rows held in memory."""

    def __init__(self, rows: Sequence[tuple[str, ...]], keys: Sequence[str]) -> None:
        self.rows, self.keys = rows, keys

    def __len__(self) -> int:
        return len(self.rows)

    def cells(self, index: int) -> tuple[str, ...]:
        return self.rows[index]

    def key(self, index: int) -> str:
        return self.keys[index]


class ListTable(ScrollView, can_focus=True):
    """Rows of text under a fixed header; one row has the cursor, Enter or a click selects it."""

    COMPONENT_CLASSES = {"list-table--header", "list-table--even-row", "list-table--cursor"}
    DEFAULT_CSS = """
    ListTable {
        background: $surface;
        color: $foreground;
        & > .list-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .list-table--even-row { background: $surface-lighten-1 50%; }""" + cursor_css("list-table--cursor") + """
        &:dark > .list-table--even-row { background: $surface-darken-1 40%; }
    }
    """
    BINDINGS = KEYS

    cursor_row: reactive[int] = reactive(0, always_update=False, repaint=True)

    class RowHighlighted(Message):
        def __init__(self, table: "ListTable", index: int, key: str | None) -> None:
            super().__init__()
            self.table, self.index, self.key = table, index, key

        @property
        def control(self) -> "ListTable":
            return self.table

    class RowSelected(RowHighlighted):
        pass

    def __init__(self, columns: list[tuple[str, int]], flex: int | None = None, right: tuple[int, ...] = (),
                 drop: tuple[int, ...] = (), *, flex_min: int | None = None, middle: tuple[int, ...] = (),
                 id: str | None = None, classes: str | None = None) -> None:
        """`columns` are (label, width); the `flex` column also takes any width to spare, and
        gives up width down to `flex_min` before any column is hidden; the `right` columns
        (numbers) are aligned right; the `middle` columns are cut in the middle (their ends tell
        rows apart: "Sistem… 2026"); the `drop` columns are hidden, in that order, when the view
        is still too narrow."""
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.flex = flex
        self.flex_min = flex_min
        self.middle = middle
        self.right = right
        self.drop = drop
        self.rows: Rows = RowList([], [])
        self._plan_at = -1
        self._plan: list[tuple[int, int, str]] = []  # (column, width, gap before it)
        self._need = 0

    # ---------- data ----------
    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: Rows, cursor: int = 0) -> None:
        self.rows = rows
        self._layout_columns()
        self.set_reactive(ListTable.cursor_row, -1)  # announce the row under the cursor even if the index is unchanged
        self.move_cursor(row=cursor)
        self.refresh()

    def get_row_at(self, index: int) -> tuple[str, ...]:
        return self.rows.cells(index)

    def key_at(self, index: int) -> str | None:
        return self.rows.key(index) if 0 <= index < len(self.rows) else None

    @property
    def cursor_key(self) -> str | None:
        return self.key_at(self.cursor_row)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.rows) - 1))

    # ---------- layout ----------
    def _layout_columns(self) -> None:
        width = self._planned(self.scrollable_content_region.width)
        self.virtual_size = Size(width, len(self.rows) + 1)

    def _planned(self, width: int) -> int:
        """Which columns fit in `width` and how wide each is; returns the width they need."""
        if self._plan_at != width:
            shown = list(range(len(self.columns)))
            while True:
                plan, need = [], 1
                for n, i in enumerate(shown):
                    # one space between columns, two where text follows a right-aligned number
                    gap = "  " if n and shown[n - 1] in self.right and i not in self.right else " "
                    plan.append((i, self.columns[i][1], gap))
                    need += len(gap) + self.columns[i][1]
                if need > width and self.flex in shown and self.flex_min is not None:
                    give = min(need - width, self.columns[self.flex][1] - self.flex_min)
                    if give > 0:
                        plan = [(i, w - give if i == self.flex else w, g) for i, w, g in plan]
                        need -= give
                droppable = [i for i in self.drop if i in shown]
                if need <= width or not droppable:
                    break
                shown.remove(droppable[0])
            if self.flex is not None and self.flex in shown and need < width and not any(
                    i == self.flex and w < self.columns[i][1] for i, w, _ in plan):
                plan = [(i, w + width - need if i == self.flex else w, g) for i, w, g in plan]
                need = width
            self._plan, self._plan_at, self._need = plan, width, need
        return self._need

    def on_resize(self) -> None:
        self._layout_columns()
        self._scroll_to_cursor()

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor_row(self, old: int, new: int) -> None:
        if new < 0:
            return
        self._scroll_to_cursor()
        self.post_message(self.RowHighlighted(self, new, self.key_at(new)))

    def _scroll_to_cursor(self) -> None:
        row, top = self.cursor_row, round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + self._page:
            self.scroll_to(y=row - self._page + 1, animate=False, immediate=True)

    # ---------- drawing ----------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        self._planned(width)
        if y == 0:
            cells = tuple(label for label, _ in self.columns)
            style = base + self.get_component_rich_style("list-table--header")
        else:
            index = scroll_y + y - 1
            if index >= len(self.rows):
                return Strip.blank(width, base)
            cells = self.rows.cells(index)
            style = base
            if index % 2:
                style += self.get_component_rich_style("list-table--even-row")
            if index == self.cursor_row:
                style += self.get_component_rich_style("list-table--cursor")
        text = "".join(gap + (fit_middle(cells[i], w) if i in self.middle else fit(cells[i], w, i in self.right))
                       for i, w, gap in self._plan) + " "
        strip = Strip([Segment(text, style)], cell_len(text))
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    # ---------- input ----------
    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor_row + direction * self._page)

    def action_edge(self, end: int) -> None:
        self.move_cursor(len(self.rows) - 1 if end else 0)

    def action_select(self) -> None:
        if len(self.rows):
            self.post_message(self.RowSelected(self, self.cursor_row, self.cursor_key))

    def on_click(self, event) -> None:
        if event.y < 1:
            return
        index = round(self.scroll_y) + event.y - 1
        if index >= len(self.rows):
            return
        if index == self.cursor_row or event.chain > 1:
            self.move_cursor(index)
            self.action_select()
        else:
            self.move_cursor(index)
