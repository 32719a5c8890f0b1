"""Move an assessment to another status, with a note; only the moves the role may make."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from ..errors import MeritError
from ..workflow import STATUS_LABELS, allowed_moves
from ._base import DIALOG_CSS, FormDialog


class StatusDialog(FormDialog[str | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="StatusDialog")

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id

    def compose(self) -> ComposeResult:
        status = self.app.store.status(self.aid)  # type: ignore[attr-defined]
        role = self.app.role  # type: ignore[attr-defined]
        moves = allowed_moves(status, role)
        with Vertical():
            yield Label(f"Status penilaian: {STATUS_LABELS[status]}", classes="title")
            if not moves:
                yield Label(f"Sebagai {role}, tidak ada perubahan status yang dapat Anda lakukan dari {STATUS_LABELS[status]}.")
            else:
                yield Label("Ubah menjadi")
                yield Select([(STATUS_LABELS[m], m) for m in moves], value=moves[0], allow_blank=False, id="new-status", compact=True)
                yield Label("Catatan (mis. alasan dikembalikan)")
                yield Input(id="note", compact=True)
            yield Label("", id="error")
            yield from self.buttons("Ubah status", show_ok=bool(moves))

    def submit(self) -> None:
        new = str(self.query_one("#new-status", Select).value)
        note = self.query_one("#note", Input).value.strip() or None
        try:
            self.app.store.set_status(self.aid, new, who=self.app.who, role=self.app.role, note=note)  # type: ignore[attr-defined]
        except MeritError as exc:
            self.query_one("#error", Label).update(f"[b red]{exc.message}[/]")
            return
        self.app.notify(f"Status: {STATUS_LABELS[new]}")
        self.dismiss(new)
