"""Saving what is typed in the walk: text is kept per (item, field) until a pause in typing, a
blur, a move or leaving the screen, then stored; nothing is overwritten silently."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.markup import escape
from rich.text import Text
from textual.widgets import Static

from ...assessment import DocRef, Response
from ...dialogs.conflict import ConflictDialog
from ...errors import Busy, Conflict, MeritError
from ...store import Store
from ...vocab import FIELD_BY_NAME, field_label

_PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")
RETRY = 2.0  # seconds between tries to store what a busy database refused
RETRY_WAIT_MS = 200  # how long one retry waits for the lock (the screen stays live)


class Saver:
    def __init__(self, store: Store, aid: int, role: str) -> None:
        self.store, self.aid, self.role = store, aid, role
        self.pending: dict[tuple[str, str], str] = {}  # typed, not yet taken to the store
        self.waiting: dict[tuple[str, str], Any] = {}  # refused by a busy database, retried until stored

    def typed(self, item_id: str, field: str, text: str) -> None:
        self.pending[(item_id, field)] = text

    def wait(self, item_id: str, field: str, value: Any) -> None:
        self.waiting[(item_id, field)] = value

    def take(self, current: Callable[[str], Response]) -> list[tuple[str, str, Any]]:
        """What waits for a busy database, then the typed notes as the fields hold them
        (documents: one name or link per line, an attached file keeping its hash while its line
        stays; text: trimmed). A note typed since it waited replaces it."""
        pending, self.pending = self.pending, {}
        waiting, self.waiting = self.waiting, {}
        out = [(item_id, field, value) for (item_id, field), value in waiting.items() if (item_id, field) not in pending]
        for (item_id, field), text in pending.items():
            if field == "documents":
                attached = {d.name: d for d in current(item_id).documents}
                value: Any = [attached.get(line.strip(), DocRef(name=line.strip())) for line in text.splitlines() if line.strip()]
            else:
                value = text.strip() or None
            out.append((item_id, field, value))
        return out

    def save(self, item_id: str, field: str, value: Any, seen: Response, who: str) -> bool:
        """Store one field, refusing (Conflict) if someone else changed it since `seen`."""
        return self.store.set_field(self.aid, item_id, field, _number(field, value), who=who, role=self.role,
                                    expected=getattr(seen, field))

    def save_knowingly(self, item_id: str, field: str, value: Any, over: Any, who: str) -> bool:
        """Store the user's value over the one they were shown in a conflict."""
        return self.store.set_field(self.aid, item_id, field, _number(field, value), who=who, role=self.role, expected=over)

    def reload(self, item_id: str) -> Response:
        return self.store.response(self.aid, item_id) or Response(id=item_id)


class StoresEdits:
    """Storing what the walk's user scores and types (mixed into WalkScreen, which provides the
    rest): a value someone else saved meanwhile is shown beside theirs to choose from; a value a
    busy database refuses waits and is tried again until stored, and the screen says so."""

    def _save(self, field: str, value: Any, item_id: str | None = None, show: bool = True) -> bool:
        item_id = item_id or self.current
        assert item_id is not None
        if self.read_only:
            if show:
                self.notify(f"Hanya baca: {self.refusal}", severity="warning", markup=False)
            return False
        try:
            changed = self.saver.save(item_id, field, value, self._response(item_id), self.app.who)
        except Busy:
            # another process holds the database: keep the value and try again until it is stored
            self.saver.wait(item_id, field, value)
            if show:
                self._busy()
            return False
        except Conflict as exc:
            if show:
                self._resolve(exc)
            else:  # leaving the screen: never overwrite, keep theirs and say so on the way out
                self.app.notify(f"{exc.message}; nilai tersimpan dipertahankan", severity="warning", timeout=10, markup=False)
            return False
        except MeritError as exc:
            self._refused(item_id, field, value, exc.message, show)
            return False
        if changed:
            self.responses[item_id] = self.saver.reload(item_id)
        if changed and show:
            self._saved(item_id, field)
        return changed

    def _refused(self, item_id: str, field: str, value: Any, reason: str, show: bool) -> None:
        """The store refused a value (too long, off the scale): say why on the status line, and
        keep typed text in a recovery file, since the field will show what is stored."""
        kept = None
        if isinstance(value, str) and FIELD_BY_NAME[field].type != "decimal":
            a = self.assessment
            kept = self.app.write_recovery([f"{a.agency} {a.year} ({self.rubric.id}) · butir {item_id} · {field_label(field)}:", value])
        said = f"✗ Tidak tersimpan · {field_label(field)} {item_id}: {reason[:160]}" + (f" · teks Anda disimpan di {kept}" if kept else "")
        if show:
            self.query_one("#save-status", Static).update(Text(said, style="bold red"))
            self.notify(said, severity="error", timeout=12, markup=False)
        else:
            self.app.notify(said, severity="error", timeout=12, markup=False)

    def _busy(self) -> None:
        """Say so, and retry every RETRY seconds, each try waiting only briefly for the lock."""
        n = len(self.saver.waiting)
        self.query_one("#save-status", Static).update(
            Text(f"⏳ Basis data sedang dipakai proses lain · {n} isian menunggu, dicoba lagi (tidak hilang)", style="bold yellow"))
        if self._retry is None:
            self._retry = self.set_interval(RETRY, self._try_again)

    def _try_again(self) -> None:
        with self.app.store.db.waiting_at_most(RETRY_WAIT_MS):
            self.flush()
        if not self.saver.waiting and self._retry is not None:
            self._retry.stop()
            self._retry = None

    def unsaved(self) -> int:
        """How many values still wait for a busy database (after one more try)."""
        self.flush()
        return len(self.saver.waiting)

    def unsaved_lines(self) -> list[str]:
        a = self.assessment
        return [f"{a.agency} {a.year} ({self.rubric.id}) · butir {item_id} · {field_label(field)}: {value if value is not None else '(kosong)'}"
                for (item_id, field), value in self.saver.waiting.items()]

    def flush(self, show: bool = True) -> None:
        """Store every note typed but not yet saved (`show=False` once the widgets are gone)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for item_id, field, value in self.saver.take(self._response):
            self._save(field, value, item_id, show=show)

    def _resolve(self, exc: Conflict) -> None:
        """Both values side by side; the user picks, and that choice is saved knowingly."""
        def chosen(choice: str | None) -> None:
            item_id, field = exc.item_id, exc.field
            if choice == "mine":
                try:
                    self.saver.save_knowingly(item_id, field, exc.mine, exc.current, self.app.who)
                except MeritError as again:
                    self.notify(escape(again.message), severity="error", timeout=8)
            self.responses[item_id] = self.saver.reload(item_id)
            if item_id == self.current:
                self._show(item_id)
            self._saved(item_id, field, "milik Anda" if choice == "mine" else "milik " + (exc.who or "orang lain"))

        self.app.push_screen(ConflictDialog(field_label(exc.field), exc.item_id, exc.current, exc.mine, exc.who), chosen)


def _number(field: str, value: Any) -> Any:
    """A score key ("3") as the number it names: checked without pydantic, whose first use costs
    the first key press of a session 80 ms (numbers written as text are left to it, and these
    come from the picker, never from typing)."""
    if FIELD_BY_NAME[field].type == "decimal" and isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return Decimal(value)
    return value
