"""The walk's ways to the other screens of the same assessment: what was typed is saved first."""

from __future__ import annotations

from textual.screen import Screen

from .. import flows


class OpensScreens:
    """Mixed into WalkScreen, which has aid, current, spec, flush(), go() and the app."""

    aid: int
    current: str | None

    def _push_saved(self, screen: Screen) -> None:
        self.flush()  # what was typed is saved before another screen reads the store
        self.app.push_screen(screen)

    def action_summary(self) -> None:
        from ..summary import SummaryScreen

        self._push_saved(SummaryScreen(self.aid))

    def action_history(self) -> None:
        from ..history import HistoryScreen

        self._push_saved(HistoryScreen(self.aid))

    def action_gaps(self) -> None:
        from ..gaps import GapScreen

        self.flush()
        if not self.spec.has_gaps:
            self.notify("Tinjauan selisih untuk Sistem Merit KASN; untuk NSPK dan Sistem Merit 2026 lihat ringkasan (r) dan rencana aksi (a)")
            return
        self.app.push_screen(GapScreen(self.aid))  # Enter there opens the indicator over the list

    def action_plan(self) -> None:
        from ..plan import PlanScreen

        self._push_saved(PlanScreen(self.aid))

    def action_status(self) -> None:
        self.flush()
        flows.change_status(self, self.aid, lambda: self.bind(self.aid, self.current))  # the new status may make it read-only

    def action_official(self) -> None:
        if not self.spec.records_official:
            self.notify("Nilai Indeks resmi dicatat verifikator pada penilaian NSPK", severity="warning")
            return
        flows.record_official(self, self.aid)

