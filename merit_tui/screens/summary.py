"""Ringkasan: the aspect table, totals and categories, and a chart of self against verified."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from .. import summary as words
from ..dialogs.save_as import SaveAs
from ..numbers import fmt, pct
from ..reports import settings as report_settings
from ..reports.data import for_stored
from ..reports.output import FORMATS, file_name, write_report
from ..scoring import ComplianceReport, WeightedReport, score
from ..scoring_maturity import MaturityReport
from ..vocab import FINDING_LABELS
from ..widgets.bars import GapBars
from ..widgets.key_bar import KeyBar
from ..workbench import Workbench
from . import summary_maturity as maturity
from .printing import PrintsDocuments


class SummaryScreen(PrintsDocuments):
    BINDINGS = [
        Binding("escape,r", "app.pop_screen", "Kembali", id="summary.back"),
        Binding("e", "print_report", "Cetak laporan", id="summary.print"),
        Binding("k", "survey", "Skor survei", id="summary.survey"),
        Binding("h", "history", "Riwayat", id="summary.history"),
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
            yield Static(id="summary-seal")
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
        self._seal()

    def _seal(self) -> None:
        """The seal state, when the verifier sealed the result."""
        store = self.app.store
        seal = self.query_one("#summary-seal", Static)
        if not store.sealed(self.aid):
            seal.display = False
            return
        check = store.seal_check(self.aid)
        if check is not None:
            style = "green" if check.state == "sah" else "yellow" if check.state == "kunci_tidak_dikenal" else "red"
            seal.update(Text.assemble(("Segel", "bold"), ": ", (check.report(), style)))

    def _name_width(self, others: int) -> int:
        """What the name column may take so every number stays on screen (80 columns and up)."""
        return max(12, (self.size.width or self.app.size.width) - others)

    def on_resize(self) -> None:
        if isinstance(self.report, WeightedReport) and hasattr(self, "_shown_width") and self._name_width(0) != self._shown_width:
            table = self.query_one(DataTable)
            table.clear(columns=True)
            self._weighted_rows(table, self.report)

    def _weighted_rows(self, table: DataTable, r: WeightedReport) -> None:
        # short headings and a name cut to fit: at 80 columns all eight columns show
        table.add_columns("No", "Aspek", "Ideal", "Mandiri", "Verif.", "Selisih", "%Mandiri", "%Verif.")
        self._shown_width = self._name_width(0)
        width = self._name_width(62)
        verified = r.verified.total is not None  # no verification yet: no verified column, no gap
        for a in r.aspects:
            name = a.name if len(a.name) <= width else a.name[: width - 1] + "…"
            cells = [a.id, name, fmt(a.ideal), fmt(a.self_total), fmt(a.verified_total) if verified else "–",
                     fmt(a.gap) if verified else "–", pct(a.self_percent), pct(a.verified_percent) if verified else "–"]
            table.add_row(*(Text(c, justify="right" if i >= 2 else "left") for i, c in enumerate(cells)))

    def _weighted(self, table: DataTable, totals: Static, r: WeightedReport) -> None:
        self._weighted_rows(table, r)
        lines = []
        for side in words.sides(r):
            if side.total is None:
                lines.append(Text.assemble((side.label, "bold"), ": belum dinilai"))
                continue
            line = Text.assemble((side.label, "bold"), f": {fmt(side.total)} dari {fmt(side.ideal)} · {words.band_text(side.band)}")
            if side.next_band:
                line.append(f" · {words.next_text(side)}")
            if side.missing:
                line.append(f" · {words.missing_text(side.missing)}", style="yellow")
            lines.append(line)
        if r.verified.total is not None:
            lines.append(Text.assemble(("Selisih", "bold"), f" mandiri − verifikasi: {words.gap_text(r)}"))
        if r.achievement is not None:
            lines.append(Text.assemble((words.achievement_label(r), "bold"), f": {pct(r.achievement)}"))
        totals.update(Text("\n").join(lines))

    def _compliance(self, table: DataTable, totals: Static, r: ComplianceReport) -> None:
        table.add_columns("No", "Elemen", "Mandiri", "Hasil verifikasi")
        for e in r.elements:
            table.add_row(*(Text(c) for c in (e.id, e.name, FINDING_LABELS[e.self_status], FINDING_LABELS[e.verified_status])))
        lines = []
        for label, side in words.compliance_sides(r):
            estimate = words.estimate_text(side)
            lines.append(Text.assemble((label, "bold"), f": {words.counts_text(side)}" + (f" · {estimate}" if estimate else "")))
        lines.append(Text.assemble(("Nilai Indeks resmi BKN", "bold"), f": {words.official_text(r)}"))
        totals.update(Text("\n").join(lines))

    # ---- e: the printed report ----
    def action_print_report(self) -> None:
        a = self.loaded.assessment
        name = file_name(a.agency, a.year, self.loaded.rubric.label, FORMATS[0])
        self.ask_where("Cetak laporan penilaian", name, FORMATS, self._print)

    def _print(self, choice: SaveAs) -> None:
        store = self.app.store
        given = self.report_settings()
        data = for_stored(store, self.aid)  # read here: the store's connection belongs to this thread
        templates, protect = report_settings.template_dir(given), [store.path]
        self.start_writing(lambda: write_report(data, choice.path, force=choice.overwrite, protect=protect,
                                                template_dir=templates), "Laporan")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The survey key only where there is a survey component (maturity instruments)."""
        return isinstance(self.report, MaturityReport) if action == "survey" else True

    def action_survey(self) -> None:
        assert isinstance(self.report, MaturityReport)
        maturity.enter_survey(self, self.aid, self.report, lambda: self.app.switch_screen(SummaryScreen(self.aid)))

    def action_history(self) -> None:
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.aid))
