"""What every command shares: the database, who is working and in which role."""

from __future__ import annotations

from pathlib import Path

import click

from ..identity import default_user
from ..store import Store
from ..vocab import Role
from ..workspace import open_store

ROLE_CHOICE = click.Choice([r.value for r in Role])


class Ctx:
    def __init__(self, db: Path | None = None, user: str | None = None, role: str = Role.ASSESSOR) -> None:
        self.db_path = db
        self.user = user
        self.role = role
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def who(self) -> str:
        return self.user or self.store.setting("user") or default_user()


pass_ctx = click.make_pass_decorator(Ctx)

