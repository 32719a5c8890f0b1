"""The app as its screens see it: the store, who is at the keyboard and in which role, and the
messages screens send up to it. Screens reach it with `app = getters.app(Workbench)`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.message import Message

from .errors import MeritError
from .identity import default_user
from .store import Store
from .vocab import Role


class OpenAssessment(Message):
    """Open an assessment's walk (at an item, if given)."""

    def __init__(self, aid: int, item_id: str | None = None) -> None:
        super().__init__()
        self.aid = aid
        self.item_id = item_id


class EditsAssessment:
    """A screen where an assessment is being filled in: it knows which one and where, and can
    store what was typed but not yet saved."""

    aid: int
    current: str | None

    def flush(self, show: bool = True) -> None:
        raise NotImplementedError

    def unsaved(self) -> int:
        """How many values a busy database still refuses, after one more try."""
        return 0

    def unsaved_lines(self) -> list[str]:
        """Those values in words, to keep them when the user quits anyway."""
        return []


class Workbench(App[None]):
    def __init__(self, store: Store, user: str | None = None, role: Role | str = Role.ASSESSOR) -> None:
        super().__init__()
        self.store = store
        self.role = Role(role)
        self.user_override = user

    @property
    def who(self) -> str:
        return self.user_override or self.store.setting("user") or default_user()

    def write_recovery(self, lines: list[str]) -> Path | None:
        """What could not be stored, to a file beside the database (the user retypes it from
        there): nothing typed is lost. None if even that cannot be written (said)."""
        from .safe_io import write_atomic

        path = self.store.path.parent / f"merit-pemulihan-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        header = f"Isian yang belum tersimpan ke {self.store.path} ({self.who}, {self.role}). Masukkan lagi di meja kerja.\n"
        try:
            return write_atomic(path, header + "\n".join(lines) + "\n", protect=[self.store.path])
        except MeritError as exc:
            self.notify(exc.message, severity="error", timeout=10, markup=False)
            return None

    def remember(self, key: str, value: str) -> bool:
        """Keep a preference; a busy or read-only database is said, never a crash (a preference
        is not anyone's input, and the session goes on with it in memory)."""
        try:
            with self.store.db.waiting_at_most(500):
                self.store.set_setting(key, value)
        except MeritError as exc:
            self.notify(f"{exc.message}\nPengaturan '{key}' tidak disimpan untuk sesi berikutnya.", severity="warning", timeout=8, markup=False)
            return False
        return True
