"""Beranda: the list of assessments in this database.

The other screens, the dialogs (Textual's form widgets), the importer and the YAML writer are
imported where first used: the list is the first thing a user waits for, and needs none of them.
"""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from .. import policy
from ..commands import ScreenActions
from ..errors import MeritError
from ..numbers import fmt
from ..store import AssessmentRow, Store
from ..vocab import STATUS_LABELS, WEIGHTED, Role, Status
from ..widgets.key_bar import KeyBar
from ..widgets.list_table import ListTable
from ..workbench import OpenAssessment, Workbench
from .transfer import TransfersFiles


class AssessmentRows:
    """The list's rows, read from the store a page at a time as they come into view."""

    PAGE = 100

    def __init__(self, store: Store, ids: list[int]) -> None:
        self.store, self.ids = store, ids
        self._pages: dict[int, list[AssessmentRow]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, index: int) -> AssessmentRow:
        page = index // self.PAGE
        if page not in self._pages:
            self._pages[page] = self.store.listing_rows(self.ids[page * self.PAGE:(page + 1) * self.PAGE])
        return self._pages[page][index % self.PAGE]

    def cells(self, index: int) -> tuple[str, ...]:
        r = self.row(index)
        # "Pemerintah" starts nearly every name; without it the part that tells rows apart fits
        return (
            r.agency.removeprefix("Pemerintah "), str(r.year), r.title, STATUS_LABELS.get(r.status, r.status), f"{r.self_done}/{r.items}",
            fmt(r.self_total) if r.self_total is not None else "–",
            fmt(r.verified_total) if r.verified_total is not None else "–",
            r.category or "–",
            SEAL_SHORT.get(seal_state(r), "–"),
        )

    def key(self, index: int) -> str:
        return str(self.ids[index])


COLUMNS = [("Instansi", 22), ("Tahun", 5), ("Instrumen", 12), ("Status", 12), ("Progres", 7), ("Mandiri", 7), ("Verif.", 6), ("Kategori", 12), ("Segel", 5)]
SEAL_SHORT = {"sah": "sah", "kunci_tidak_dikenal": "?", "rusak": "RUSAK"}
SEAL_WORDS = {"sah": "segel sah", "kunci_tidak_dikenal": "segel dari kunci yang tidak dikenal", "rusak": "segel RUSAK (isi berubah sejak disegel)",
              "lama": "segel verifikator dari sebelum perbaikan Anda"}
SEAL_SHORT["lama"] = "lama"


def seal_state(row: AssessmentRow) -> str:
    """A seal from before the agency's corrections (it was returned to them) is old, not broken:
    the verifier seals again when it comes back."""
    if row.seal == "rusak" and row.status in (Status.DRAFT, Status.RETURNED, Status.SUBMITTED):
        return "lama"
    return row.seal


class HomeScreen(TransfersFiles, Screen[None]):
    COMMANDS = {ScreenActions}
    BINDINGS = [
        Binding("enter", "open", "Buka penilaian", id="home.open", priority=True),
        Binding("n", "new", "Penilaian baru", id="home.new"),
        Binding("i", "import", "Impor", id="home.import"),
        Binding("e", "export", "Ekspor", id="home.export"),
        Binding("r", "summary", "Ringkasan", id="home.summary"),
        Binding("g", "gaps", "Selisih", id="home.gaps"),
        Binding("a", "plan", "Rencana aksi", id="home.plan"),
        Binding("s", "status", "Status", id="home.status"),
        Binding("d", "delete", "Hapus", id="home.delete"),
        Binding("slash", "search", "Cari", id="home.search"),
    ]
    search = ""
    app = getters.app(Workbench)

    def compose(self) -> ComposeResult:
        yield Header()
        # narrow: a shorter Instansi (the hint line has it whole), then no Segel (the hint says it),
        # then no Progres, and only then no Status
        yield ListTable(COLUMNS, flex=0, right=(4, 5, 6), drop=(8, 4, 3), flex_min=14, middle=(0, 2), id="home-table")
        yield Static("", id="home-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Beranda"
        self.refresh_rows()
        self._just_mounted = True
        self.query_one(ListTable).focus()

    def on_screen_resume(self) -> None:
        # coming back from another screen: scores may have changed (the first resume follows mount)
        if self._just_mounted:
            self._just_mounted = False
        else:
            self.refresh_rows()

    @property
    def store(self) -> Store:
        return self.app.store

    def refresh_rows(self, select: int | None = None) -> None:
        table = self.query_one(ListTable)
        current = select if select is not None else self.selected_id()
        ids = self.store.listing_ids(self.search)
        self.rows = AssessmentRows(self.store, ids)
        table.set_rows(self.rows, cursor=ids.index(current) if current in ids else 0)
        self._show_hint()

    def _show_hint(self) -> None:
        """How many are listed, the selected one in full (the list may cut or hide columns), where."""
        count = len(self.rows)
        if self.search:
            parts = [f"{count} penilaian cocok dengan “{self.search}” (Esc: semua)"]
        elif count:
            parts = [f"{count} penilaian"]
        else:
            parts = ["Belum ada penilaian. Tekan n untuk membuat, i untuk mengimpor"]
        row = self.selected_row()
        if row is not None:
            status = STATUS_LABELS.get(row.status, row.status)
            seal = f", {SEAL_WORDS[seal_state(row)]}" if seal_state(row) in SEAL_WORDS else ""
            parts.append(f"{row.agency} {row.year}: {status}, {row.self_done}/{row.items} terisi{seal}")
            if row.category.endswith("*"):  # see store/maturity_totals.py
                parts.append("* kategori dari batas sementara dan bobot belum resmi")
        if count and not self.search:
            parts.append("/ untuk mencari")
        parts.append(f"basis data {self.store.path}")
        self.query_one("#home-hint", Static).update(Text(" · ".join(parts)))

    @on(ListTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        if hasattr(self, "rows"):
            self._show_hint()

    # ---------- search ----------
    def action_search(self) -> None:
        from textual.widgets import Input

        boxes = self.query("#home-search")
        if boxes:
            box = boxes.first(Input)
        else:  # mounted on first use: the Input widget is not needed to show the list
            box = Input(value=self.search, placeholder="Cari instansi, tahun atau instrumen…", id="home-search")
            self.mount(box, after=self.query_one(ListTable))
        box.display = True
        box.focus()

    def on_input_changed(self, event) -> None:
        if event.input.id == "home-search":
            self.search = event.value.strip()
            self.refresh_rows()

    def on_key(self, event) -> None:
        if event.key == "escape" and (self.search or self.query("#home-search")):
            event.stop()
            self.search = ""
            for box in self.query("#home-search"):
                box.remove()
            self.refresh_rows()
            self.query_one(ListTable).focus()

    def selected_row(self) -> AssessmentRow | None:
        table = self.query_one(ListTable)
        return self.rows.row(table.cursor_row) if table.row_count else None

    def selected_id(self) -> int | None:
        key = self.query_one(ListTable).cursor_key
        return int(key) if key else None

    def _need_row(self) -> AssessmentRow | None:
        row = self.selected_row()
        if row is None:
            self.notify("Belum ada penilaian yang dipilih", severity="warning")
        return row

    def _need_selection(self) -> int | None:
        row = self._need_row()
        return row.id if row else None

    @on(ListTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if getattr(self.focused, "id", None) == "home-search":  # Enter ends the search, the list keeps the filter
            self.query_one(ListTable).focus()
            return
        if not isinstance(self.focused, ListTable):
            return
        aid = self._need_selection()
        if aid is not None:
            self.post_message(OpenAssessment(aid))

    def action_summary(self) -> None:
        from .summary import SummaryScreen

        aid = self._need_selection()
        if aid is not None:
            self.app.push_screen(SummaryScreen(aid))

    def action_gaps(self) -> None:
        from .gaps import GapScreen

        row = self._need_row()
        if row is None:
            return
        aid = row.id
        if row.kind != WEIGHTED:
            self.notify("Tinjauan selisih untuk Sistem Merit KASN; untuk NSPK dan Sistem Merit 2026 lihat ringkasan (r) dan rencana aksi (a)")
            return
        self.app.push_screen(GapScreen(aid))  # Enter there opens the indicator over the list

    def action_plan(self) -> None:
        from .plan import PlanScreen

        aid = self._need_selection()
        if aid is not None:
            self.app.push_screen(PlanScreen(aid))

    def action_status(self) -> None:
        aid = self._need_selection()
        if aid is not None:
            from . import flows

            flows.change_status(self, aid, self.refresh_rows)

    def action_new(self, previous=None) -> None:
        """`previous`: what was typed, when the user comes back to the dialog."""
        # the dialog's widgets, and the mappings between instruments (YAML), only when asked for
        from .. import bundled
        from ..carryover import load_mappings, sources_for
        from ..dialogs.new_assessment import NewAssessmentDialog

        if self.app.role != Role.ASSESSOR:
            self.notify("Penilaian baru dibuat oleh penilai (instansi); verifikator menerimanya lewat impor paket (i)", severity="warning")
            return
        rubrics = [(r["rubric_id"], r["version"], r["title"]) for r in self.store.rubric_rows()]
        if not rubrics:
            self.notify("Belum ada rubrik; impor berkas rubrik dulu (i)", severity="warning")
            return
        selected = self.selected_row()
        listed = []
        if selected is not None:
            # carry-over comes from the same agency's earlier years; offering the whole national
            # list would make a drop-down of thousands
            same = self.store.listing_rows(self.store.listing_ids(selected.agency))
            listed = [r for r in same if r.agency == selected.agency]
        earlier = [(f"{r.agency} {r.year} — {r.title}", r.id, r.rubric_id) for r in listed]
        instansi = previous.instansi if previous else selected.agency if selected else ""
        rubric = (f"{previous.rubric_id}@{previous.version}" if previous
                  else f"{selected.rubric_id}@{selected.rubric_version}" if selected else None)
        try:
            mappings = load_mappings(bundled.mapping_files())
        except MeritError as exc:  # a broken mapping file: carry-over from the same instrument still works
            self.notify(exc.message, severity="warning", timeout=10, markup=False)
            mappings = []
        sources = {rid: sources_for(rid, mappings) for rid, _, _ in rubrics}
        self.app.push_screen(NewAssessmentDialog(rubrics, earlier, instansi, rubric, sources, year=previous.tahun if previous else None,
                                                 carry=previous.carry_from if previous else None), self._create)

    def _create(self, new) -> None:
        if new is None:
            return
        from ..carryover import carry_lines  # with the dialog: only when creating
        from ..text import clean_name

        try:
            existing = self.store.assessments.find(clean_name(new.instansi, "instansi"), new.tahun,
                                                   self.store.rubrics.get(new.rubric_id, new.version))
        except MeritError:
            existing = None  # the store says what is wrong below
        if existing is not None:
            self._offer_existing(existing, new)
            return
        try:
            aid, carried = self.store.start_assessment(new.instansi, new.tahun, new.rubric_id, new.version, new.carry_from,
                                                       who=self.app.who, role=self.app.role)
        except MeritError as exc:
            self.notify(exc.message, severity="error", timeout=8, markup=False)
            return
        self.refresh_rows(select=aid)
        said = "\n".join(carry_lines(carried, new.carry_from))
        self.notify(f"Penilaian {new.instansi} {new.tahun} dibuat" + (f"\n{said}" if said else ""), markup=False, timeout=20 if said else 5)
        self.post_message(OpenAssessment(aid))

    def _offer_existing(self, aid: int, new) -> None:
        """The same instansi, year and instrument is stored already: open it, or go back to the
        dialog with what was typed (it was simply lost before, with a toast)."""
        from ..dialogs.confirm import ConfirmDialog

        def answered(open_it: bool | None) -> None:
            if open_it:
                self.refresh_rows(select=aid)
                self.post_message(OpenAssessment(aid))
            else:
                self.action_new(new)

        self.app.push_screen(ConfirmDialog(f"Penilaian {new.instansi} {new.tahun} untuk instrumen ini sudah ada (id {aid}). "
                                           "Buka penilaian itu? (Tidak: kembali ke isian tadi)", yes="Buka"), answered)

    def action_delete(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        row = self._need_row()
        if row is None:
            return
        aid = row.id
        refusal = policy.delete(self.app.role, row.status, self.store.assessments.verifier_fields(aid))
        if refusal is not None:
            self.notify(f"Tidak dapat dihapus: {refusal}", severity="warning", markup=False)
            return

        def done(yes: bool | None) -> None:
            if yes:
                try:
                    self.store.delete_assessment(aid, who=self.app.who, role=self.app.role)
                except MeritError as exc:
                    self.notify(exc.message, severity="error", markup=False)
                    return
                self.refresh_rows()
                self.notify(f"Penilaian {row.agency} {row.year} dihapus (isinya tetap di log: merit undelete {aid})", markup=False)

        self.app.push_screen(ConfirmDialog(f"Hapus penilaian {row.agency} {row.year} ({row.title})? Semua skor dan catatannya ikut terhapus."), done)
