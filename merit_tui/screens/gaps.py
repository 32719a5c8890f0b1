"""Tinjauan selisih: what was claimed beside what was accepted, the largest weighted gap first."""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Select, Static

from .. import summary as words
from ..commands import ScreenActions
from ..numbers import fmt
from ..plan import GAP_FILTERS, gap_rows
from ..rubric import WeightedRubric
from ..scoring import WeightedReport, score
from ..widgets.bars import GapBars
from ..widgets.key_bar import KeyBar
from ..workbench import OpenAssessment, Workbench


class GapScreen(Screen[None]):
    """Enter opens the indicator in a walk over this list; Esc there comes back here, where the
    user was, filters kept and the rows scored afresh."""

    COMMANDS = {ScreenActions}
    BINDINGS = [
        Binding("escape", "close", "Kembali", id="gaps.back"),
        Binding("f", "next_filter", "Ganti saring", id="gaps.filter"),
        Binding("A", "next_aspect", "Ganti aspek", id="gaps.aspect"),
    ]
    DEFAULT_CSS = """
    GapScreen #gap-top { height: auto; padding: 0 1; }
    GapScreen #gap-filters { height: 1; margin: 0 1; }
    GapScreen #gap-filters Select { width: 1fr; margin-right: 1; }
    GapScreen DataTable { height: 1fr; }
    GapScreen GapBars { max-height: 12; overflow-y: auto; }
    """
    app = getters.app(Workbench)

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id
        self._covered = False  # a walk over this list may change the scores

    def _load(self) -> None:
        loaded = self.app.store.load(self.aid)
        assert isinstance(loaded.rubric, WeightedRubric)
        self.rubric: WeightedRubric = loaded.rubric
        self.assessment = loaded.assessment
        report = score(self.rubric, self.assessment)
        assert isinstance(report, WeightedReport)
        self.report = report

    def compose(self) -> ComposeResult:
        self._load()
        report = self.report
        yield Header()
        with Vertical():
            yield Static(id="gap-top")
            with Horizontal(id="gap-filters"):
                yield Select([(Text(f"Aspek {a.id}. {a.name}"), a.id) for a in self.rubric.aspects], prompt="Semua aspek", id="aspect", compact=True)
                yield Select([(label, key) for key, label in GAP_FILTERS.items()], value="semua", allow_blank=False, id="kind", compact=True)
            yield DataTable(id="gap-table", cursor_type="row", zebra_stripes=True)
            yield GapBars([(a.name, a.ideal, a.self_total, a.verified_total) for a in report.aspects], id="gap-bars")
        yield KeyBar()

    def on_mount(self) -> None:
        a = self.assessment
        self.sub_title = f"Tinjauan selisih · {a.agency} {a.year}"
        self._show_top()
        table = self.query_one(DataTable)
        # the column the list is sorted by comes first, so a narrow terminal still shows it
        table.add_columns("No", "Selisih berbobot", "Mandiri", "Verif.", "Bobot", "Catatan", "Indikator")
        self.refresh_rows()
        table.focus()

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self) -> None:
        """Back from the walk: the scores may have changed; the filters and the place stay."""
        if not self._covered:
            return
        self._covered = False
        table = self.query_one(DataTable)
        at = self.shown[table.cursor_row] if 0 <= table.cursor_row < len(self.shown) else None
        self._load()
        self._show_top()
        self.query_one(GapBars).show([(x.name, x.ideal, x.self_total, x.verified_total) for x in self.report.aspects])
        self.refresh_rows()
        if at in self.shown:
            table.move_cursor(row=self.shown.index(at))

    def _show_top(self) -> None:
        r = self.report
        parts = []
        for side in words.sides(r):
            band = f" (Kategori {side.band.category}, {side.band.label})" if side.band else ""
            parts.append(Text.assemble((side.short, "bold"), f" {fmt(side.total)}{band}"))
        if r.verified.total is not None:
            parts.append(Text.assemble(("Selisih", "bold"), f" {words.gap_text(r)}"))
        self.query_one("#gap-top", Static).update(Text(" · ", justify="left").join(parts))

    @on(Select.Changed)
    def refresh_rows(self) -> None:
        aspect = self.query_one("#aspect", Select).value
        kind = str(self.query_one("#kind", Select).value)
        rows = gap_rows(self.rubric, self.assessment, aspect if isinstance(aspect, str) else None, kind)
        table = self.query_one(DataTable)
        table.clear()
        for r in rows:
            cells = (r.item_id, fmt(r.weighted_gap), fmt(r.self_score) if r.self_score is not None else "–",
                     fmt(r.verified_score) if r.verified_score is not None else "–", fmt(r.weight),
                     "✓" if r.has_note else "–", r.text[:60])
            table.add_row(*(Text(c) for c in cells), key=r.item_id)
        self.shown = [r.item_id for r in rows]
        if not rows:
            self.notify("Tidak ada indikator yang cocok dengan saringan ini (f: ganti saring, A: ganti aspek)", timeout=5)

    def action_next_filter(self) -> None:
        select = self.query_one("#kind", Select)
        keys = list(GAP_FILTERS)
        select.value = keys[(keys.index(str(select.value)) + 1) % len(keys)]

    def action_next_aspect(self) -> None:
        select = self.query_one("#aspect", Select)
        ids = [None] + [a.id for a in self.rubric.aspects]
        current = select.value if isinstance(select.value, str) else None
        nxt = ids[(ids.index(current) + 1) % len(ids)]
        if nxt is None:
            select.clear()
        else:
            select.value = nxt

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenAssessment(self.aid, event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)
