"""Ringkasan: the aspect table, totals and categories, and a chart of self against verified."""

from __future__ import annotations

from rich.markup import escape
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from .. import summary as words
from . import summary_maturity as maturity
from ..numbers import fmt, pct
from ..scoring import ComplianceReport, WeightedReport, score
from ..scoring_maturity import MaturityReport
from ..vocab import FINDING_LABELS
from ..widgets.bars import GapBars
from ..widgets.key_bar import KeyBar
from ..workbench import Workbench


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,r", "app.pop_screen", "Kembali", id="summary.back"),
        Binding("k", "survey", "Skor survei", id="summary.survey"),
    ]
    app = getters.app(Workbench)

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id

    def compose(self) -> ComposeResult:
        self.loaded = self.app.store.load(self.aid)
        self.report = score(self.loaded.rubric, self.loaded.assessment)
        yield Header()
        with VerticalScroll(id="summary"):
            yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="summary-totals")
            if isinstance(self.report, WeightedReport):
                yield GapBars([(a.name, a.ideal, a.self_total, a.verified_total) for a in self.report.aspects], id="chart")
            elif isinstance(self.report, MaturityReport):
                yield GapBars(maturity.chart_rows(self.report), id="chart")
        yield KeyBar()

    def on_mount(self) -> None:
        a = self.loaded.assessment
        self.sub_title = f"Ringkasan · {a.agency} · {self.loaded.rubric.title} {a.year}"
        table = self.query_one(DataTable)
        totals = self.query_one("#summary-totals", Static)
        if isinstance(self.report, MaturityReport):
            maturity.fill(table, totals, self.report)
        elif isinstance(self.report, WeightedReport):
            self._weighted(table, totals, self.report)
        else:
            self._compliance(table, totals, self.report)

    def _weighted(self, table: DataTable, totals: Static, r: WeightedReport) -> None:
        table.add_columns("No", "Aspek", "Ideal", "Mandiri", "Verifikasi", "Selisih", "% mandiri", "% verif.")
        for a in r.aspects:
            table.add_row(a.id, a.name, fmt(a.ideal), fmt(a.self_total), fmt(a.verified_total), fmt(a.gap), pct(a.self_percent), pct(a.verified_percent))
        lines = []
        for side in words.sides(r):
            if side.total is None:
                lines.append(f"[b]{side.label}[/b]: belum dinilai")
                continue
            line = f"[b]{side.label}[/b]: {fmt(side.total)} dari {fmt(side.ideal)} · {words.band_text(side.band)}"
            if side.next_band:
                line += f" · {words.next_text(side)}"
            if side.missing:
                line += f" · [yellow]{words.missing_text(side.missing)}[/]"
            lines.append(line)
        lines.append(f"[b]Selisih[/b] mandiri − verifikasi: {words.gap_text(r)}")
        if r.achievement is not None:
            lines.append(f"[b]{words.achievement_label(r)}[/b]: {pct(r.achievement)}")
        totals.update("\n".join(lines))

    def _compliance(self, table: DataTable, totals: Static, r: ComplianceReport) -> None:
        table.add_columns("No", "Elemen", "Mandiri", "Hasil verifikasi")
        for e in r.elements:
            table.add_row(e.id, e.name, FINDING_LABELS[e.self_status], FINDING_LABELS[e.verified_status])
        lines = []
        for label, side in words.compliance_sides(r):
            estimate = words.estimate_text(side)
            lines.append(f"[b]{label}[/b]: {words.counts_text(side)}" + (f" · {estimate}" if estimate else ""))
        lines.append(f"[b]Nilai Indeks resmi BKN[/b]: {escape(words.official_text(r))}")
        totals.update("\n".join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The survey key only where there is a survey component (maturity instruments)."""
        return isinstance(self.report, MaturityReport) if action == "survey" else True

    def action_survey(self) -> None:
        assert isinstance(self.report, MaturityReport)
        maturity.enter_survey(self, self.aid, self.report, lambda: self.app.switch_screen(SummaryScreen(self.aid)))
