"""Rencana aksi: the living plan, largest potential gain first, edited row by row."""

from __future__ import annotations

import re
from pathlib import Path

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from .. import policy
from ..commands import ScreenActions
from ..dialogs.ask_path import AskPathDialog
from ..dialogs.plan_row import PlanRowDialog
from ..errors import MeritError
from ..exports.plan import path_lines, write_plan
from ..numbers import fmt
from ..plan import Plan
from ..store import Store
from ..widgets.key_bar import KeyBar
from ..workbench import Workbench


class PlanScreen(Screen[None]):
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
        table = self.query_one(DataTable)
        table.add_columns("No", "Butir", "Mandiri", "Verif.", "Potensi", "Rencana aksi", "Penanggung jawab", "Target", "Status")
        self.refresh_rows()
        table.focus()

    def refresh_rows(self) -> None:
        self.plan = self.store.plan(self.aid)
        a = self.plan.assessment
        self.sub_title = f"Rencana aksi · {a.agency} · {self.plan.rubric.label} {a.year} · {len(self.plan.rows)} baris"
        lines = path_lines(self.plan)
        self.query_one("#plan-paths", Static).update(
            "[b]Jalan ke kategori berikutnya[/b]\n" + "\n".join(lines) if lines else "Urut potensi kenaikan terbesar. Enter untuk mengubah baris, e untuk ekspor."
        )
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for r in self.plan.rows:
            table.add_row(
                str(r.no), f"{r.item_id} {r.item_text}"[:48], r.self_score or "–", r.verified_score or "–", fmt(r.potential),
                (r.action or "–")[:30], (r.owner or "–")[:24], r.due or "–", r.status, key=r.item_id,
            )
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

        self.app.push_screen(PlanRowDialog(row), done)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_export(self) -> None:
        a = self.plan.assessment
        name = re.sub(r"[^a-z0-9]+", "-", f"rencana aksi {a.agency} {a.year} {a.rubric_id}".lower()).strip("-") + ".xlsx"
        self.app.push_screen(AskPathDialog("Ekspor rencana aksi (.xlsx, .csv atau .md)", str(Path.cwd() / name)), self._export)

    def _export(self, path: str | None) -> None:
        if path:
            self._export_worker(self.store.plan(self.aid), Path(path).expanduser(), self.store.path)

    @work(thread=True, group="export")
    def _export_worker(self, plan: Plan, path: Path, database: Path) -> None:
        """Spreadsheets take a moment to build; the screen stays live meanwhile."""
        try:
            write_plan(plan, path, protect=(database,))
        except MeritError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=10, markup=False)
            return
        self.app.call_from_thread(self.notify, f"Rencana aksi diekspor ke {path}", markup=False)
