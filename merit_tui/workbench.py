"""The app as its screens see it: the store, who is at the keyboard and in which role, and the
messages screens send up to it. Screens reach it with `app = getters.app(Workbench)`."""

from __future__ import annotations

from textual.app import App
from textual.message import Message

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


class Workbench(App[None]):
    def __init__(self, store: Store, user: str | None = None, role: Role | str = Role.ASSESSOR) -> None:
        super().__init__()
        self.store = store
        self.role = Role(role)
        self.user_override = user

    @property
    def who(self) -> str:
        return self.user_override or self.store.setting("user") or default_user()
