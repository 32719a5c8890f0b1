"""Writing a report or an export from a screen: ask where, build in the main thread, write in a worker.

The store's SQLite connection belongs to the main thread, so everything the document needs is read
first (the report-data dict, the settings); the worker only renders and writes, and reports back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.screen import Screen

from ..dialogs.save_as import SaveAs, SaveAsDialog
from ..errors import MeritError
from ..reports import settings as report_settings
from ..workbench import Workbench

BUSY = "Mencetak…"


class PrintsDocuments(Screen[None]):
    """A screen that writes documents; `e` opens `ask_where`, the screen supplies what to write."""

    def ask_where(self, title: str, name: str, formats: tuple[str, ...], then: Callable[[SaveAs], None]) -> None:
        def chosen(choice: SaveAs | None) -> None:
            if choice is not None:
                then(choice)

        self.app.push_screen(SaveAsDialog(title, str(Path.cwd() / name), formats), chosen)

    def report_settings(self) -> dict[str, str | None]:
        """The agency's settings, read here in the main thread; warns once if the signatory is missing."""
        app = self.app
        assert isinstance(app, Workbench)
        given = report_settings.values(app.store)
        missing = report_settings.missing_signatory(given)
        if missing:
            self.notify(f"{', '.join(missing)} belum diatur: dicetak sebagai garis kosong untuk diisi tangan. "
                        f"Atur sekali dengan: merit setting set {missing[0]} …", severity="warning", timeout=10, markup=False)
        return given

    def start_writing(self, write: Callable[[], Path], what: str) -> None:
        """Run `write` (render and write, no store access) in a worker, with "Mencetak…" showing meanwhile."""
        self._busy = getattr(self, "_busy", 0) + 1
        if self._busy == 1:
            self._idle_title = self.sub_title
            self.sub_title = f"{self.sub_title} · {BUSY}"
        self.notify(f"Mencetak {what.lower()}…", timeout=3, markup=False)
        self._write_worker(write, what)

    @work(thread=True, group="print")
    def _write_worker(self, write: Callable[[], Path], what: str) -> None:
        try:
            path = write()
        except MeritError as exc:
            self.app.call_from_thread(self._written, None, f"{what} gagal: {exc.message}")
            return
        self.app.call_from_thread(self._written, path, f"{what} ditulis ke {path}")

    def _written(self, path: Path | None, message: str) -> None:
        self._busy -= 1
        if self._busy == 0:
            self.sub_title = self._idle_title
        self.notify(message, severity="information" if path else "error", timeout=10 if path else 15, markup=False)
