"""Beranda: the list of assessments in this database."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ..commands import ScreenActions
from ..errors import MeritError
from ..numbers import fmt
from ..store import AssessmentRow
from ..workflow import STATUS_LABELS



COLUMNS = [("Instansi", 22), ("Tahun", 5), ("Instrumen", 12), ("Status", 12), ("Progres", 7), ("Mandiri", 7), ("Verif.", 6), ("Kategori", 12)]


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
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="home-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Beranda"
        table = self.query_one(DataTable)
        # fixed widths: the table need not measure thousands of cells to lay itself out
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        self.refresh_rows()
        self._just_mounted = True
        table.focus()

    def on_screen_resume(self) -> None:
        # coming back from another screen: scores may have changed (the first resume follows mount)
        if self._just_mounted:
            self._just_mounted = False
        else:
            self.refresh_rows()

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def refresh_rows(self, select: int | None = None) -> None:
        table = self.query_one(DataTable)
        current = select if select is not None else self.selected_id()
        rows = self.rows = self.store.list_assessments()
        table.clear()
        for r in rows:
            table.add_row(*self._cells(r), key=str(r.id))
        if rows:
            ids = [r.id for r in rows]
            table.move_cursor(row=ids.index(current) if current in ids else 0)
        where = self.store.path
        self.query_one("#home-hint", Static).update(
            f"{len(rows)} penilaian · basis data {where}" if rows else f"Belum ada penilaian. Tekan n untuk membuat, i untuk mengimpor. · {where}"
        )

    @staticmethod
    def _cells(r: AssessmentRow) -> tuple[Text, ...]:
        # Text, not str: a str cell is parsed as markup, which is most of the cost of a long list
        values = (
            r.instansi, str(r.tahun), r.title, STATUS_LABELS.get(r.status, r.status), f"{r.self_done}/{r.items}",
            fmt(r.self_total) if r.self_total is not None else "–",
            fmt(r.verified_total) if r.verified_total is not None else "–",
            r.category or "–",
        )
        return tuple(Text(v, no_wrap=True, overflow="ellipsis") for v in values)

    def selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def _need_selection(self) -> int | None:
        aid = self.selected_id()
        if aid is None:
            self.notify("Belum ada penilaian yang dipilih", severity="warning")
        return aid

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if not isinstance(self.focused, DataTable):
            return
        aid = self._need_selection()
        if aid is not None:
            self.app.open_assessment(aid)  # type: ignore[attr-defined]

    def action_summary(self) -> None:
        from .summary import SummaryScreen

        aid = self._need_selection()
        if aid is not None:
            self.app.push_screen(SummaryScreen(aid))

    def action_gaps(self) -> None:
        from .gaps import GapScreen

        aid = self._need_selection()
        if aid is None:
            return
        if self.store.load(aid).rubric.kind != "weighted":
            self.notify("Tinjauan selisih untuk instrumen berbobot (Sistem Merit); untuk NSPK lihat rencana aksi (a)")
            return

        def opened(item_id: str | None) -> None:
            if item_id:
                self.app.open_assessment(aid, item_id)  # type: ignore[attr-defined]

        self.app.push_screen(GapScreen(aid), opened)

    def action_plan(self) -> None:
        from .plan import PlanScreen

        aid = self._need_selection()
        if aid is not None:
            self.app.push_screen(PlanScreen(aid))

    def action_status(self) -> None:
        from ..dialogs.status import StatusDialog

        aid = self._need_selection()
        if aid is not None:
            self.app.push_screen(StatusDialog(aid), lambda _: self.refresh_rows())

    def action_new(self) -> None:
        from ..dialogs.new_assessment import NewAssessmentDialog

        rubrics = [(r["rubric_id"], r["version"], r["title"]) for r in self.store.rubric_rows()]
        if not rubrics:
            self.notify("Belum ada rubrik; impor berkas rubrik dulu (i)", severity="warning")
            return
        listed = self.rows
        earlier = [(f"{r.instansi} {r.tahun} — {r.title}", r.id) for r in listed]
        selected = next((r for r in listed if r.id == self.selected_id()), None)
        instansi = selected.instansi if selected else ""
        rubric = f"{selected.rubric_id}@{selected.rubric_version}" if selected else None
        self.app.push_screen(NewAssessmentDialog(rubrics, earlier, instansi, rubric), self._create)

    def _create(self, new) -> None:
        if new is None:
            return
        try:
            aid = self.store.create_assessment(new.instansi, new.tahun, new.rubric_id, new.version, new.carry_from, who=self.app.who)  # type: ignore[attr-defined]
        except MeritError as exc:
            self.notify(exc.message, severity="error", timeout=8)
            return
        self.refresh_rows(select=aid)
        self.notify(f"Penilaian {new.instansi} {new.tahun} dibuat")
        self.app.open_assessment(aid)  # type: ignore[attr-defined]

    def action_import(self) -> None:
        from ..dialogs.ask_path import AskPathDialog

        self.app.push_screen(AskPathDialog("Impor berkas YAML (penilaian atau rubrik)"), self._import)

    def _import(self, path: str | None) -> None:
        if not path:
            return
        try:
            ids = self.store.import_files([Path(path).expanduser()], who=self.app.who)  # type: ignore[attr-defined]
        except MeritError as exc:
            lines = exc.message.splitlines()
            more = f"\n… dan {len(lines) - 5} masalah lain" if len(lines) > 5 else ""
            self.notify("\n".join(lines[:5]) + more, title="Impor gagal, tidak ada yang diubah", severity="error", timeout=15)
            return
        self.refresh_rows(select=ids[0] if ids else None)
        self.notify(f"Diimpor: {path}")

    def action_export(self) -> None:
        from ..dialogs.ask_path import AskPathDialog

        aid = self._need_selection()
        if aid is None:
            return
        row = next(r for r in self.rows if r.id == aid)
        name = re.sub(r"[^a-z0-9]+", "-", f"{row.instansi} {row.tahun} {row.rubric_id}".lower()).strip("-") + ".yaml"
        self.app.push_screen(AskPathDialog("Ekspor ke berkas YAML", str(Path.cwd() / name)), lambda p: self._export(aid, p))

    def _export(self, aid: int, path: str | None) -> None:
        from ..files import assessment_yaml, write_atomic

        if not path:
            return
        try:
            write_atomic(Path(path).expanduser(), assessment_yaml(self.store.export(aid)))
        except MeritError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        self.notify(f"Diekspor ke {path}")

    def action_delete(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        aid = self._need_selection()
        if aid is None:
            return
        row = next(r for r in self.rows if r.id == aid)

        def done(yes: bool | None) -> None:
            if yes:
                self.store.delete_assessment(aid, who=self.app.who)  # type: ignore[attr-defined]
                self.refresh_rows()
                self.notify(f"Penilaian {row.instansi} {row.tahun} dihapus")

        self.app.push_screen(ConfirmDialog(f"Hapus penilaian {row.instansi} {row.tahun} ({row.title})? Semua skor dan catatannya ikut terhapus."), done)
