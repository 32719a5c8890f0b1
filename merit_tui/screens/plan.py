"""Rencana aksi: the living plan, largest potential gain first, edited row by row."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from .. import policy
from ..commands import ScreenActions
from ..dialogs.plan_row import PlanRowDialog
from ..dialogs.save_as import SaveAs
from ..errors import MeritError
from ..exports.plan import path_lines, write_plan
from ..numbers import fmt
from ..reports import settings as report_settings
from ..reports.data import plan_data, seal_info
from ..reports.output import FORMATS as DOCUMENTS
from ..reports.output import file_name, write_report
from ..store import Store
from ..vocab import PLAN_STATUS_LABELS
from ..widgets.key_bar import KeyBar
from ..workbench import Workbench
from .printing import PrintsDocuments

SHEETS = (".xlsx", ".csv", ".md")


NUMBERS = {"Mandiri", "Verif.", "Potensi"}


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())  # one line in a cell
    return text if len(text) <= width else text[: width - 1] + "…"


class PlanScreen(PrintsDocuments):
    COMMANDS = {ScreenActions}
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Kembali", id="plan.back"),
        Binding("enter", "edit", "Ubah baris", id="plan.edit", priority=True),
        Binding("e", "export", "Ekspor", id="plan.export"),
    ]
    DEFAULT_CSS = """
    PlanScreen #plan-paths { height: auto; padding: 0 1; margin-bottom: 1; }
    PlanScreen DataTable { height: 1fr; }
    """
    app = getters.app(Workbench)

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id

    @property
    def store(self) -> Store:
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="plan-paths")
        yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if hasattr(self, "plan") and self._layout() != getattr(self, "_columns", None):
            self.refresh_rows()

    def _layout(self) -> list[tuple[str, int]]:
        """Column widths for this width: the three text columns share what the numbers leave, and
        at 80 columns the scores and the due date give way (Enter shows a row whole)."""
        width = (self.size.width or self.app.size.width) - 2  # the scrollbar
        fixed = [("No", 3), ("Mandiri", 7), ("Verif.", 6), ("Potensi", 7), ("Target", 10), ("Status", 8)]
        for drop in ([], ["Target"], ["Target", "Mandiri", "Verif."]):
            kept = [c for c in fixed if c[0] not in drop]
            rest = width - sum(w + 2 for _, w in kept) - 3 * 2
            if rest >= 45 or drop == ["Target", "Mandiri", "Verif."]:
                break
        rest = max(rest, 30)
        shares = {"Butir": rest * 40 // 100, "Rencana aksi": rest * 35 // 100}
        shares["PJ"] = rest - sum(shares.values())
        order = ["No", "Butir", "Mandiri", "Verif.", "Potensi", "Rencana aksi", "PJ", "Target", "Status"]
        widths = dict(kept) | shares
        return [("Penanggung jawab" if name == "PJ" and widths[name] >= 16 else name, widths[name]) for name in order if name in widths]

    def refresh_rows(self) -> None:
        self.plan = self.store.plan(self.aid)
        a = self.plan.assessment
        self.sub_title = f"Rencana aksi · {a.agency} · {self.plan.rubric.label} {a.year} · {len(self.plan.rows)} baris"
        lines = path_lines(self.plan)
        self.query_one("#plan-paths", Static).update(
            Text.assemble(("Jalan ke kategori berikutnya", "bold"), "\n" + "\n".join(lines)) if lines
            else Text("Urut potensi kenaikan terbesar. Enter untuk mengubah baris, e untuk ekspor atau cetak.")
        )
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        self._columns = self._layout()
        table.clear(columns=True)
        for label, width in self._columns:
            table.add_column(label, width=width)
        shown = [label for label, _ in self._columns]
        for r in self.plan.rows:
            values = {"No": str(r.no), "Butir": f"{r.item_id} {r.item_text}", "Mandiri": r.self_score or "–",
                      "Verif.": r.verified_score or "–", "Potensi": fmt(r.potential), "Rencana aksi": r.action or "–",
                      "PJ": r.owner or "–", "Penanggung jawab": r.owner or "–", "Target": r.due or "–",
                      "Status": PLAN_STATUS_LABELS.get(r.status, r.status)}
            cells = [_cut(values[label], width) for label, width in self._columns]
            table.add_row(*(Text(c, justify="right" if label in NUMBERS else "left") for c, label in zip(cells, shown)), key=r.item_id)
        if self.plan.rows:
            table.move_cursor(row=min(cursor, len(self.plan.rows) - 1))

    def action_edit(self) -> None:
        if not isinstance(self.focused, DataTable) or not self.plan.rows:
            return
        if (refusal := policy.plan_edit(self.app.role)) is not None:
            self.notify(refusal, severity="warning", markup=False)
            return
        row = self.plan.rows[self.query_one(DataTable).cursor_row]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                changed = [f for f, v in values.items() if self.store.set_plan_field(self.aid, row.item_id, f, v, who=self.app.who, role=self.app.role)]
            except MeritError as exc:
                self.notify(exc.message, severity="error", timeout=8, markup=False)
                return
            self.refresh_rows()
            if changed:
                self.notify(f"Rencana {row.item_id} tersimpan")

        self.app.push_screen(PlanRowDialog(row, self.plan.assessment.year + 1), done)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_export(self) -> None:
        a = self.plan.assessment
        name = file_name(a.agency, a.year, self.plan.rubric.label, SHEETS[0], prefix="rencana aksi")
        self.ask_where("Ekspor rencana aksi", name, SHEETS + DOCUMENTS, self._export)

    def _export(self, choice: SaveAs) -> None:
        # everything from the store is read here; the worker only renders and writes
        plan = self.store.plan(self.aid)
        protect, force, path = [self.store.path], choice.overwrite, choice.path
        if path.suffix.lower() in DOCUMENTS:
            given = self.report_settings()
            signature = report_settings.signature(given, date.today())
            data = plan_data(plan.assessment, plan.rubric, plan, signature, seal_info(self.store, self.aid), aid=self.aid)
            templates = report_settings.template_dir(given)
            self.start_writing(lambda: write_report(data, path, kind="rencana-aksi", force=force, protect=protect,
                                                    template_dir=templates), "Rencana aksi")
        else:
            self.start_writing(lambda: write_plan(plan, path, force=force, protect=protect), "Rencana aksi")
