"""Beranda: the list of assessments in this database.

The other screens, the dialogs (Textual's form widgets), the importer and the YAML writer are
imported where first used: the list is the first thing a user waits for, and needs none of them.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.markup import escape
from textual import getters, on, work
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


class HomeScreen(Screen[None]):
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
        # narrow: no Segel (the hint line says it), then no Progres, then no Status
        yield ListTable(COLUMNS, flex=0, right=(4, 5, 6), drop=(8, 4, 3), id="home-table")
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
        if count and not self.search:
            parts.append("/ untuk mencari")
        parts.append(f"basis data {self.store.path}")
        self.query_one("#home-hint", Static).update(escape(" · ".join(parts)))

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
            self.notify("Tinjauan selisih untuk instrumen berbobot (Sistem Merit); untuk NSPK lihat rencana aksi (a)")
            return

        def opened(item_id: str | None) -> None:
            if item_id:
                self.post_message(OpenAssessment(aid, item_id))

        self.app.push_screen(GapScreen(aid), opened)

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

    def action_new(self) -> None:
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
        earlier = [(f"{r.agency} {r.year} — {r.title}", r.id) for r in listed]
        instansi = selected.agency if selected else ""
        rubric = f"{selected.rubric_id}@{selected.rubric_version}" if selected else None
        self.app.push_screen(NewAssessmentDialog(rubrics, earlier, instansi, rubric), self._create)

    def _create(self, new) -> None:
        if new is None:
            return
        try:
            aid = self.store.create_assessment(new.instansi, new.tahun, new.rubric_id, new.version, new.carry_from, who=self.app.who, role=self.app.role)
        except MeritError as exc:
            self.notify(exc.message, severity="error", timeout=8, markup=False)
            return
        self.refresh_rows(select=aid)
        self.notify(f"Penilaian {new.instansi} {new.tahun} dibuat", markup=False)
        self.post_message(OpenAssessment(aid))

    def action_import(self) -> None:
        from ..dialogs.ask_path import AskPathDialog

        self.app.push_screen(AskPathDialog("Impor berkas YAML (penilaian atau rubrik), paket .zip, atau folder berisi berkas itu"), self._import)

    def _import(self, path: str | None) -> None:
        if path:
            self.query_one(ListTable).loading = True
            self._import_worker(Path(path).expanduser(), self.app.who, self.app.role)

    @work(thread=True, exclusive=True, group="import")
    def _import_worker(self, path: Path, who: str, role: str) -> None:
        """Parse, check and store in a thread with its own connection: the screen stays live, and
        a long import (a folder of every agency's files) says how far it is in the hint line."""
        from ..importing import import_all
        from ..progress import Progress

        store = Store.open(self.store.path)
        progress = Progress(lambda line: self.app.call_from_thread(self._import_progress, line))
        try:
            paths: list[str | Path] = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".zip")) if path.is_dir() else [path]
            ids = import_all(store, paths, who=who, role=role, on_step=progress.step).ids
        except OSError as exc:
            self.app.call_from_thread(self._import_failed, f"{path}: folder tidak dapat dibaca ({exc.strerror})")
            return
        except MeritError as exc:
            self.app.call_from_thread(self._import_failed, exc.message)
            return
        finally:
            store.close()
        self.app.call_from_thread(self._imported, path, ids)

    def _import_progress(self, line: str) -> None:
        self.query_one("#home-hint", Static).update(escape(f"Impor: {line}"))

    def _import_failed(self, message: str) -> None:
        self.query_one(ListTable).loading = False
        lines = message.splitlines()
        more = f"\n… dan {len(lines) - 5} masalah lain" if len(lines) > 5 else ""
        self.notify("\n".join(lines[:5]) + more, title="Impor gagal, tidak ada yang diubah", severity="error", timeout=15, markup=False)

    def _imported(self, path: Path, ids: list[int]) -> None:
        self.query_one(ListTable).loading = False
        self.refresh_rows(select=ids[0] if ids else None)
        self.notify(f"Diimpor: {path}", markup=False)

    def action_export(self) -> None:
        from ..dialogs.ask_path import AskPathDialog

        row = self._need_row()
        if row is None:
            return
        aid = row.id
        name = re.sub(r"[^a-z0-9]+", "-", f"{row.agency} {row.year} {row.rubric_id}".lower()).strip("-") + ".yaml"
        self.app.push_screen(AskPathDialog("Ekspor ke berkas YAML", str(Path.cwd() / name)), lambda p: self._export(aid, p))

    def _export(self, aid: int, path: str | None) -> None:
        if path:
            self._write_worker(Path(path).expanduser(), self.store.export_yaml(aid), self.store.path)

    @work(thread=True, group="export")
    def _write_worker(self, path: Path, text: str, database: Path) -> None:
        from ..safe_io import write_atomic

        try:
            write_atomic(path, text, protect=[database])
        except MeritError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=10, markup=False)
            return
        self.app.call_from_thread(self.notify, f"Diekspor ke {path}", markup=False)

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
