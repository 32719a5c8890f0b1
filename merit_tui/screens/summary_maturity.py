"""What the summary screen shows for a maturity assessment, and the survey score it takes.

The aspect table (score and category per aspect, self beside verified, what is still missing),
the index and composite with every note on unofficial numbers, the survey component beside the
self-assessment, items that do not apply, gates not yet answered and scores without evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rich.text import Text
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .. import summary_maturity as words
from ..dialogs.survey import SurveyDialog
from ..errors import MeritError
from ..numbers import fmt
from ..scoring_maturity import PROVISIONAL_COMPONENTS, MaturityReport, shown
from ..vocab import Role
from ..widgets.labelled import labelled
from ..workbench import Workbench


def fill(table: DataTable, totals: Static, r: MaturityReport) -> None:
    # narrower than the CLI's table, so that 80 columns show every number: score and category together
    table.add_columns("No", "Aspek", "Bobot", "Mandiri", "Verif.", "Belum")
    for a in r.aspects:
        name = a.name if len(a.name) <= 20 else a.name[:19] + "…"
        cells = [a.id, name, f"{fmt(a.weight)} %" + ("*" if a.provisional else ""),
                 _side(a.self), _side(a.verified), f"{a.self.missing}/{a.verified.missing}"]
        table.add_row(*(Text(c) for c in cells))
    lines = [labelled(("Jenis instansi", words.kind_text(r)))]
    legend = ["Belum: butir belum dinilai mandiri/verifikasi"]
    if any(a.provisional for a in r.aspects):
        legend.append(f"* {words.PROVISIONAL_WEIGHTS}")
    if r.provisional.bands:
        legend.append(f"kategori: {words.PROVISIONAL_BANDS}")
    lines.append(Text(" · ".join(legend)))
    lines += [labelled(tuple(line.split(": ", 1))) for line in words.total_lines(r)]  # type: ignore[arg-type]
    for c in r.self_composite.components:
        if not c.from_index:
            value = fmt(shown(c.value)) if c.value is not None else "belum diisi"
            note = f" · bobot {fmt(c.weight)} %" + (f" ({PROVISIONAL_COMPONENTS})" if c.provisional else "")
            lines.append(labelled((c.name, f"{value}{note} · tekan k untuk mengisi")))
    lines += [Text(line, style="yellow") for line in words.warning_lines(r)]
    missing = words.not_applicable(r)
    if missing:
        lines.append(labelled(("Tidak berlaku", ", ".join(missing))))
    totals.update(Text("\n").join(lines))


def _side(side) -> str:
    return f"{fmt(side.shown)} {words.label(side.band)}" if side.scored else "–"


def chart_rows(r: MaturityReport) -> list[tuple]:
    """Aspect scores for the bars: each out of 100."""
    return [(a.name, Decimal(100), a.self.shown or Decimal(0), a.verified.shown or Decimal(0)) for a in r.aspects]


def enter_survey(screen: Screen, aid: int, r: MaturityReport, after: Callable[[], None], error: str = "", typed: str | None = None) -> None:
    """Ask for the survey score, store it as the assessor, reopen the dialog with the reason if refused."""
    app = screen.app
    assert isinstance(app, Workbench)
    if app.role != Role.ASSESSOR:
        app.notify("Skor survei diisi oleh penilai; verifikator melihatnya saja", severity="warning")
        return
    component = next((c for c in r.self_composite.components if not c.from_index), None)
    if component is None:
        app.notify("Rubrik ini tidak punya komponen survei", severity="warning")
        return
    current = typed if typed is not None else (fmt(shown(component.value)) if component.value is not None else "")
    note = PROVISIONAL_COMPONENTS + " (belum resmi)" if component.provisional else ""

    def done(value: str | None) -> None:
        if value is None:
            return
        try:
            app.store.set_component(aid, component.id, value or None, who=app.who, role=app.role)
        except MeritError as exc:
            enter_survey(screen, aid, r, after, exc.message, value)
            return
        app.notify(f"Skor {component.name}: {value or 'dihapus'}", markup=False)
        after()

    app.push_screen(SurveyDialog(component.name, current, note, error), done)
