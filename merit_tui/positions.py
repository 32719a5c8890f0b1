"""Where each user was: the assessment they had open and the item they were on.

Kept per user, so an assessor and a verifier sharing a database each come back to their own
place (`position:{user}:{aid}`, `last_assessment:{user}`). Databases from before this keep the
old keys (`position:{aid}`, `last_assessment`); they are read when a user has none of their own.
The walk writes a position when the user leaves it, quits, or rests on an item, never on each
move: a setting is a write transaction.
"""

from __future__ import annotations

from .errors import MeritError
from .store import Store

PLACE_WAIT_MS = 200  # a place is a convenience: never hold the screen long for a busy database


def _position_key(user: str, aid: int) -> str:
    return f"position:{user}:{aid}"


def _last_key(user: str) -> str:
    return f"last_assessment:{user}"


def item_at(store: Store, user: str, aid: int) -> str | None:
    """The item this user was on in this assessment, if known."""
    return store.setting(_position_key(user, aid)) or store.setting(f"position:{aid}")


def last_open(store: Store, user: str) -> int | None:
    """The assessment this user had open when they quit (None if they had left it)."""
    last = store.setting(_last_key(user))
    if last is None:
        last = store.setting("last_assessment")
    return int(last) if last and last.isdigit() and store.exists(int(last)) else None


class Position:
    """One user's place in one assessment, written only when it changed."""

    def __init__(self, store: Store, user: str, aid: int) -> None:
        self.store, self.user, self.aid = store, user, aid
        self.item: str | None = None
        self._written: tuple[str | None, bool] | None = None

    def start(self) -> str | None:
        return item_at(self.store, self.user, self.aid)

    def save(self, still_open: bool) -> bool:
        """Store the item and whether the assessment is still open (it reopens at the next start).
        A busy or read-only database keeps the old place (False): losing where one was is not
        losing what one typed, and must not stop the user."""
        state = (self.item, still_open)
        if state == self._written:
            return True
        try:
            with self.store.db.waiting_at_most(PLACE_WAIT_MS), self.store.transaction():
                if self.item is not None:
                    self.store.set_setting(_position_key(self.user, self.aid), self.item)
                self.store.set_setting(_last_key(self.user), str(self.aid) if still_open else "")
        except MeritError:
            return False
        self._written = state
        return True
