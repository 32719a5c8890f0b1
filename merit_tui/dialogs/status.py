"""Move an assessment to another status, with a note; only the moves the role may make."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from ..vocab import STATUS_LABELS
from ..workflow import allowed_moves
from ._base import DIALOG_CSS, FormDialog


@dataclass(frozen=True)
class StatusChange:
    status: str
    note: str | None


class StatusDialog(FormDialog[StatusChange | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="StatusDialog")

    def __init__(self, status: str, role: str, error: str = "", typed: StatusChange | None = None) -> None:
        super().__init__()
        self.status, self.role, self.error, self.typed = status, role, error, typed

    def compose(self) -> ComposeResult:
        moves = allowed_moves(self.status, self.role)
        with Vertical():
            yield Label(f"Status penilaian: {STATUS_LABELS[self.status]}", classes="title")
            if not moves:
                yield Label(f"Sebagai {self.role}, tidak ada perubahan status yang dapat Anda lakukan dari {STATUS_LABELS[self.status]}.")
            else:
                chosen = self.typed.status if self.typed and self.typed.status in moves else moves[0]
                yield Label("Ubah menjadi")
                yield Select([(STATUS_LABELS[m], m) for m in moves], value=chosen, allow_blank=False, id="new-status", compact=True)
                yield Label("Catatan (mis. alasan dikembalikan)")
                yield Input(value=(self.typed.note or "") if self.typed else "", id="note", compact=True)
            yield Label(Text(self.error, style="bold red"), id="error")
            yield from self.buttons("Ubah status", show_ok=bool(moves))

    def submit(self) -> None:
        self.dismiss(StatusChange(str(self.query_one("#new-status", Select).value), self.query_one("#note", Input).value.strip() or None))
