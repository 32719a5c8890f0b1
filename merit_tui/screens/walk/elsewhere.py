"""The walk's keys to the other screens about the same assessment: summary, gap review, plan,
the official result (mixed into WalkScreen, which provides the rest). Each screen is imported
when first opened, as Beranda does; whatever was typed is stored first."""

from __future__ import annotations

from .. import flows


class OpensOthers:
    def action_summary(self) -> None:
        from ..summary import SummaryScreen

        self.flush()
        self.app.push_screen(SummaryScreen(self.aid))

    def action_gaps(self) -> None:
        from ..gaps import GapScreen

        self.flush()
        if not self.spec.has_gaps:
            self.notify("Tinjauan selisih untuk instrumen berbobot (Sistem Merit); untuk NSPK lihat rencana aksi (a)")
            return
        self.app.push_screen(GapScreen(self.aid), self._jump)

    def _jump(self, item_id: str | None) -> None:
        if item_id:
            self.go(item_id)

    def action_plan(self) -> None:
        from ..plan import PlanScreen

        self.flush()
        self.app.push_screen(PlanScreen(self.aid))

    def action_official(self) -> None:
        if not self.spec.records_official:
            self.notify("Nilai Indeks resmi dicatat verifikator pada penilaian NSPK", severity="warning")
            return
        flows.record_official(self, self.aid)
