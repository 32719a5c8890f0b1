"""Edit one row of the rencana aksi."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, TextArea

from ..plan import PlanRow
from ..vocab import PLAN_STATUS_LABELS, PlanStatus
from ._base import DIALOG_CSS, FormDialog


class PlanRowDialog(FormDialog[dict[str, str] | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="PlanRowDialog") + """
    PlanRowDialog TextArea { height: 5; margin-bottom: 1; }
    """
    BINDINGS = [Binding("ctrl+s", "submit", "Simpan")]
    ok_id = "save"

    def __init__(self, row: PlanRow, next_year: int | None = None) -> None:
        """`next_year`: the year after the assessment's, for the example in the empty due date."""
        super().__init__()
        self.row = row
        self.next_year = next_year

    def compose(self) -> ComposeResult:
        r = self.row
        with Vertical():
            yield Label(Text(f"{r.item_id} {r.item_text}"[:200]), classes="title")
            yield Label(f"Potensi kenaikan {r.potential} · catatan: {(r.note or r.recommendation or '–')[:160]}", markup=False)
            yield Label("Rencana aksi")
            yield TextArea(r.action, id="action", soft_wrap=True)
            yield Label("Penanggung jawab")
            yield Input(r.owner, id="owner", compact=True)
            yield Label("Target waktu")
            yield Input(r.due, id="due", placeholder=f"mis. Juni {self.next_year}" if self.next_year else "mis. Juni tahun depan", compact=True)
            yield Label("Status")
            yield Select([(PLAN_STATUS_LABELS[s], s.value) for s in PlanStatus], value=r.status if r.status in tuple(PlanStatus) else PlanStatus.PLANNED.value,
                         allow_blank=False, id="status", compact=True)
            yield from self.buttons("Simpan")

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        self.dismiss({
            "action": self.query_one("#action", TextArea).text,
            "owner": self.query_one("#owner", Input).value,
            "due": self.query_one("#due", Input).value,
            "status": str(self.query_one("#status", Select).value),
        })
