"""Saving what is typed in the walk: text is kept per (item, field) until a pause in typing, a
blur, a move or leaving the screen, then stored; nothing is overwritten silently."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.markup import escape

from ...assessment import DocRef, Response
from ...dialogs.conflict import ConflictDialog
from ...errors import Conflict, MeritError
from ...store import Store
from ...vocab import FIELD_BY_NAME, field_label

_PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")


class Saver:
    def __init__(self, store: Store, aid: int, role: str) -> None:
        self.store, self.aid, self.role = store, aid, role
        self.pending: dict[tuple[str, str], str] = {}

    def typed(self, item_id: str, field: str, text: str) -> None:
        self.pending[(item_id, field)] = text

    def take(self, current: Callable[[str], Response]) -> list[tuple[str, str, Any]]:
        """The typed notes as the fields hold them (documents: one name or link per line, an
        attached file keeping its hash while its line stays; text: trimmed)."""
        pending, self.pending = self.pending, {}
        out = []
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


class ResolvesConflicts:
    """The walk's answer to a value someone else saved meanwhile (mixed into WalkScreen, which
    provides the rest)."""

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
