"""Ringkasan: the aspect table, totals and categories, and a chart of self against verified."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ..rubric import STATUS_LABELS, fmt
from ..scoring import ComplianceReport, WeightedReport, points_to_next, score
from ..widgets.bars import GapBars
from ..widgets.key_bar import KeyBar


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("escape,r", "app.pop_screen", "Kembali", id="summary.back")]

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id

    def compose(self) -> ComposeResult:
        loaded = self.app.store.load(self.aid)  # type: ignore[attr-defined]
        self.loaded = loaded
        self.report = score(loaded.rubric, loaded.assessment)
        yield Header()
        with VerticalScroll(id="summary"):
            yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="summary-totals")
            if isinstance(self.report, WeightedReport):
                yield GapBars([(a.name, a.ideal, a.self_total, a.verified_total) for a in self.report.aspects], id="chart")
        yield KeyBar()

    def on_mount(self) -> None:
        a = self.loaded.assessment
        self.sub_title = f"Ringkasan · {a.instansi} · {self.loaded.rubric.title} {a.tahun}"
        table = self.query_one(DataTable)
        totals = self.query_one("#summary-totals", Static)
        if isinstance(self.report, WeightedReport):
            self._weighted(table, totals, self.report)
        else:
            self._compliance(table, totals, self.report)

    def _weighted(self, table: DataTable, totals: Static, r: WeightedReport) -> None:
        table.add_columns("No", "Aspek", "Ideal", "Mandiri", "Verifikasi", "Selisih", "% mandiri", "% verif.")
        for a in r.aspects:
            table.add_row(a.id, a.name, fmt(a.ideal), fmt(a.self_total), fmt(a.verified_total), fmt(a.gap), f"{fmt(a.self_percent)} %", f"{fmt(a.verified_percent)} %")
        lines = []
        for label, side in (("Total Penilaian Mandiri", r.self), ("Total Akhir (Hasil Verifikasi)", r.verified)):
            if side.total is None:
                lines.append(f"[b]{label}[/b]: belum dinilai")
                continue
            band = f"Kategori {side.band.category} ({side.band.label})" if side.band else ""
            line = f"[b]{label}[/b]: {fmt(side.total)} dari {fmt(r.ideal)} · {band}"
            nxt = points_to_next(r.rubric, side.total)
            if nxt:
                line += f" · kurang {fmt(nxt[1])} poin menuju Kategori {nxt[0].category} ({nxt[0].label})"
            if side.missing:
                line += f" · [yellow]{side.missing} indikator belum dinilai[/]"
            lines.append(line)
        lines.append(f"[b]Selisih[/b] mandiri − verifikasi: {fmt(r.gap)} poin")
        if r.achievement is not None:
            lines.append(f"[b]Capaian terhadap target {fmt(r.target)}[/b]: {fmt(r.achievement)} %")
        totals.update("\n".join(lines))

    def _compliance(self, table: DataTable, totals: Static, r: ComplianceReport) -> None:
        table.add_columns("No", "Elemen", "Mandiri", "Hasil verifikasi")
        for e in r.elements:
            table.add_row(e.id, e.name, STATUS_LABELS[e.status], STATUS_LABELS[e.verified_status])
        lines = []
        for label, side in (("Mandiri", r.self), ("Hasil verifikasi", r.verified)):
            c = side.counts
            line = f"[b]{label}[/b]: {c['sesuai']} sesuai, {c['belum_sesuai']} belum sesuai, {c['belum_dinilai']} belum dinilai"
            if side.estimate is not None:
                line += f" · perkiraan kepatuhan {fmt(side.estimate)}" + (f" ({side.band.category}, perkiraan)" if side.band else "")
            lines.append(line)
        if r.official_index is not None:
            lines.append(f"[b]Nilai Indeks resmi BKN[/b]: {fmt(r.official_index)} (Kategori {r.official_category})")
        else:
            lines.append("[b]Nilai Indeks resmi BKN[/b]: belum dicatat")
        totals.update("\n".join(lines))
