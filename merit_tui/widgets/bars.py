"""Horizontal bar chart of self against verified per aspect, drawn with Rich text."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.widgets import Static

from ..numbers import fmt, percent


class GapBars(Static):
    DEFAULT_CSS = """
    GapBars { height: auto; padding: 0 1; border: round $primary-background; }
    """

    def __init__(self, rows: list[tuple[str, Decimal, Decimal, Decimal]], id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows

    def on_mount(self) -> None:
        self.update(self._render_bars())

    def show(self, rows: list[tuple[str, Decimal, Decimal, Decimal]]) -> None:
        self.rows = rows
        self.update(self._render_bars())

    def on_resize(self) -> None:
        self.update(self._render_bars())

    def _render_bars(self) -> Text:
        label_w = min(30, max((len(r[0]) for r in self.rows), default=10))
        width = max(10, self.content_size.width - label_w - 12) if self.content_size.width else 40
        text = Text()
        text.append("█ Mandiri", style="bold cyan")
        text.append("   ")
        text.append("█ Verifikasi", style="bold magenta")
        text.append("   (persen dari nilai ideal)\n")
        for name, ideal, self_total, verified in self.rows:
            for label, value, style in ((name[:label_w], self_total, "cyan"), ("", verified, "magenta")):
                # the numbers rule (numbers.py): 2 places, half up, as the table beside it says
                share = percent(value, ideal) if ideal else Decimal(0)
                filled = min(width, int(share * width / 100)) if share > 0 else 0
                text.append(f"{label:<{label_w}} ")
                text.append("█" * filled, style=style)
                text.append("·" * (width - filled), style="dim")
                text.append(f" {fmt(share):>6} %\n")
        return text


def progress_line(done: int, total: int, width: int = 30) -> Text:
    """`━━━━━━━━━━━━ 12/37`: how many items are filled, as one line of text (a ProgressBar
    widget costs more to mount than the walk's whole detail pane)."""
    filled = round(width * done / total) if total else 0
    text = Text("━" * filled, style="green")
    text.append("━" * (width - filled), style="grey30")
    text.append(f" {done}/{total}")
    return text
