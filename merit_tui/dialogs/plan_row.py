"""Edit one row of the rencana aksi."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, TextArea

from ..plan import PLAN_STATUSES, PlanRow
from ._base import DIALOG_CSS, FormDialog


class PlanRowDialog(FormDialog[dict[str, str] | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="PlanRowDialog") + """
    PlanRowDialog TextArea { height: 5; margin-bottom: 1; }
    """
    BINDINGS = [Binding("ctrl+s", "submit", "Simpan")]
    ok_id = "save"

    def __init__(self, row: PlanRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        r = self.row
        with Vertical():
            yield Label(f"{r.item_id} {r.item_text}"[:200], classes="title")
            yield Label(f"Potensi kenaikan {r.potential} · catatan: {(r.catatan or r.rekomendasi or '–')[:160]}")
            yield Label("Rencana aksi")
            yield TextArea(r.rencana_aksi, id="rencana_aksi", soft_wrap=True)
            yield Label("Penanggung jawab")
            yield Input(r.penanggung_jawab, id="penanggung_jawab", compact=True)
            yield Label("Target waktu")
            yield Input(r.target_waktu, id="target_waktu", placeholder="mis. Juni 2024", compact=True)
            yield Label("Status")
            yield Select([(s.capitalize(), s) for s in PLAN_STATUSES], value=r.status if r.status in PLAN_STATUSES else "rencana",
                         allow_blank=False, id="status", compact=True)
            yield from self.buttons("Simpan")

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        self.dismiss({
            "rencana_aksi": self.query_one("#rencana_aksi", TextArea).text,
            "penanggung_jawab": self.query_one("#penanggung_jawab", Input).value,
            "target_waktu": self.query_one("#target_waktu", Input).value,
            "status": str(self.query_one("#status", Select).value),
        })
