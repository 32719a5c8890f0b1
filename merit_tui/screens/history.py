"""Riwayat status dan catatan: every status move with who, when, from → to and the whole note, and
the items the verifier commented on, each note in full. Reached with h from the walk and the
summary, so a return note is never only a toast or a line cut at the screen's edge."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from .. import history
from ..vocab import ROLE_LABELS, STATUS_LABELS
from ..widgets.key_bar import KeyBar
from ..workbench import Workbench


class HistoryScreen(Screen[None]):
    DEFAULT_CSS = """
    HistoryScreen #history { padding: 0 1; }
    HistoryScreen .history-title { text-style: bold; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,h", "app.pop_screen", "Kembali", id="history.back")]
    app = getters.app(Workbench)

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id

    def compose(self) -> ComposeResult:
        loaded = self.app.store.load(self.aid)
        a = loaded.assessment
        self.sub_title = f"Riwayat · {a.agency} · {loaded.rubric.label} {a.year}"
        yield Header()
        with VerticalScroll(id="history"):
            yield Static(Text(f"Status sekarang: {STATUS_LABELS.get(a.status, a.status)}"), id="history-status")
            yield Static("Riwayat status dan catatan", classes="history-title")
            yield Static(self._entries(), id="history-moves")
            yield Static("Catatan verifikator per butir", classes="history-title")
            yield Static(self._comments(loaded), id="history-comments")
        yield KeyBar()

    def _entries(self) -> Text:
        out = Text()
        found = history.entries(self.app.store.events(self.aid))
        if not found:
            return Text("Belum ada perpindahan status yang tercatat.", style="dim")
        for i, e in enumerate(reversed(found)):  # the latest first: that is what the user came for
            if i:
                out.append("\n\n")
            role = ROLE_LABELS.get(e.role, e.role)  # type: ignore[call-overload]
            out.append(e.what, style="bold")
            out.append(f"\n{e.at} · {e.who} ({role.lower()})", style="dim")
            if e.note:
                out.append("\n")
                out.append(e.note)
        return out

    def _comments(self, loaded) -> Text:
        found = history.comments(loaded.rubric, loaded.assessment)
        if not found:
            return Text("Belum ada catatan verifikator.", style="dim")
        out = Text()
        for i, c in enumerate(found):
            if i:
                out.append("\n\n")
            out.append(f"{c.item_id}  ", style="bold")
            out.append(c.name, style="bold")
            if c.verified:
                out.append("\nHasil verifikasi: ")
                out.append(c.verified, style="cyan")
            if c.note:
                out.append("\nCatatan: ")
                out.append(c.note)
            if c.recommendation:
                out.append("\nRekomendasi: ")
                out.append(c.recommendation)
        return out
