"""Walk screens kept composed between opens.

Composing a walk (the item list, the detail pane, the picker, three text fields) is most of what
opening an assessment costs, and the widgets depend only on the rubric and the role. So the app
keeps one composed walk per rubric and role, installed so that leaving it does not destroy it,
and shows the next assessment in it (`WalkScreen.bind`). The first one of a session is composed
while the user reads Beranda, for the rubric of the row under the cursor.
"""

from __future__ import annotations

from textual.app import App

from ...store import Store
from .screen import WalkScreen


class ReadyWalks:
    def __init__(self, app: App, store: Store) -> None:
        self.app, self.store = app, store
        self.kept: dict[tuple[str, str], WalkScreen] = {}

    def _kind(self, aid: int, role: str) -> tuple[str, str]:
        return (self.store.rubric_by_pk(self.store.assessments.row(aid)["rubric_pk"]).key, role)

    def open(self, aid: int, item_id: str | None, role: str) -> WalkScreen:
        """A walk showing this assessment: a kept one if it is free, else a new one (kept, if
        none of its kind is)."""
        kind = self._kind(aid, role)
        walk = self.kept.get(kind)
        if walk is not None and walk.is_mounted and walk not in self.app.screen_stack:
            walk.bind(aid, item_id)
            return walk
        walk = WalkScreen(aid, item_id)
        if kind not in self.kept:
            self._keep(kind, walk)
        return walk

    def prepare(self, aid: int, role: str) -> None:
        """Compose a walk for this assessment's rubric and role now, off screen, unless one is
        kept. Uses Textual's own first step of pushing a screen (mounting it); without it, the
        first open composes as before."""
        kind = self._kind(aid, role)
        mount = getattr(self.app, "_get_screen", None)
        if kind in self.kept or mount is None:
            return
        walk = WalkScreen(aid)
        self._keep(kind, walk)
        mount(walk)

    def _keep(self, kind: tuple[str, str], walk: WalkScreen) -> None:
        self.kept[kind] = walk
        self.app.install_screen(walk, f"walk:{kind[0]}:{kind[1]}")
