"""Beranda's import and export of YAML files, asked in dialogs and done in threads.

An export onto an existing file asks "Timpa?" in the dialog; an import of an assessment that is
stored already asks "Ganti?" and, if agreed, replaces it under the write policy (every changed
value logged). Nothing tells the user to use a command-line flag. Dialogs and the importer are
imported when first used: Beranda is the first thing a user waits for.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.markup import escape
from textual import work
from textual.widgets import Static

from ..errors import MeritError
from ..store import AssessmentRow, Store
from ..widgets.list_table import ListTable


class TransfersFiles:
    """Mixed into HomeScreen, which has store, app, notify, refresh_rows and _need_row."""

    store: Store

    # ---------- import ----------
    def action_import(self) -> None:
        from ..dialogs.ask_path import AskPathDialog

        self.app.push_screen(AskPathDialog("Impor berkas YAML (penilaian atau rubrik), paket .zip, atau folder berisi berkas itu"), self._import)

    def _import(self, path: str | None, replace: bool = False) -> None:
        if path:
            self.query_one(ListTable).loading = True
            self._import_worker(Path(path).expanduser(), self.app.who, self.app.role, replace)

    @work(thread=True, exclusive=True, group="import")
    def _import_worker(self, path: Path, who: str, role: str, replace: bool) -> None:
        """Parse, check and store in a thread with its own connection: the screen stays live, and
        a long import (a folder of every agency's files) says how far it is in the hint line."""
        from ..importing import import_all
        from ..progress import Progress
        from ..store.imports import AlreadyStored

        store = Store.open(self.store.path)
        progress = Progress(lambda line: self.app.call_from_thread(self._import_progress, line))
        try:
            paths: list[str | Path] = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".zip")) if path.is_dir() else [path]
            ids = import_all(store, paths, replace=replace, who=who, role=role, on_step=progress.step).ids
        except AlreadyStored as exc:
            self.app.call_from_thread(self._ask_replace, path, exc)
            return
        except OSError as exc:
            self.app.call_from_thread(self._import_failed, f"{path}: folder tidak dapat dibaca ({exc.strerror})")
            return
        except MeritError as exc:
            self.app.call_from_thread(self._import_failed, exc.message)
            return
        finally:
            store.close()
        self.app.call_from_thread(self._imported, path, ids, replace)

    def _import_progress(self, line: str) -> None:
        self.query_one("#home-hint", Static).update(escape(f"Impor: {line}"))

    def _ask_replace(self, path: Path, exc: MeritError) -> None:
        from ..dialogs.confirm import ConfirmDialog

        self.query_one(ListTable).loading = False
        question = (f"{exc.message}.\nGanti dengan isi {path.name}? Setiap nilai yang berubah tercatat di log; "
                    "isian yang bukan hak peran Anda tidak diambil.")
        self.app.push_screen(ConfirmDialog(question, yes="Ya, ganti"), lambda yes: self._import(str(path), replace=True) if yes else None)

    def _import_failed(self, message: str) -> None:
        self.query_one(ListTable).loading = False
        lines = message.splitlines()
        more = f"\n… dan {len(lines) - 5} masalah lain" if len(lines) > 5 else ""
        self.notify("\n".join(lines[:5]) + more, title="Impor gagal, tidak ada yang diubah", severity="error", timeout=15, markup=False)

    def _imported(self, path: Path, ids: list[int], replaced: bool) -> None:
        self.query_one(ListTable).loading = False
        self.refresh_rows(select=ids[0] if ids else None)
        self.notify(f"{'Diganti' if replaced else 'Diimpor'}: {path}", markup=False)

    # ---------- export ----------
    def action_export(self) -> None:
        from ..dialogs.save_as import SaveAsDialog

        row: AssessmentRow | None = self._need_row()
        if row is None:
            return
        aid = row.id
        name = re.sub(r"[^a-z0-9]+", "-", f"{row.agency} {row.year} {row.rubric_id}".lower()).strip("-") + ".yaml"
        self.app.push_screen(SaveAsDialog("Ekspor ke berkas YAML", str(Path.cwd() / name), (".yaml", ".yml")),
                             lambda choice: self._export(aid, choice))

    def _export(self, aid: int, choice) -> None:
        if choice is not None:
            # read here: the store's connection belongs to this thread
            self._write_worker(choice.path, self.store.export_yaml(aid), choice.overwrite, self.store.path)

    @work(thread=True, group="export")
    def _write_worker(self, path: Path, text: str, overwrite: bool, database: Path) -> None:
        from ..safe_io import write_atomic

        try:
            write_atomic(path, text, force=overwrite, protect=[database])
        except MeritError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=10, markup=False)
            return
        self.app.call_from_thread(self.notify, f"Diekspor ke {path}", markup=False)
