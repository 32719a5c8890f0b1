"""The Textual workbench. `make_app` is the one way to build it (CLI, tests, screenshots)."""

from __future__ import annotations

import time
from pathlib import Path

from textual import events, on
from textual.binding import Binding

from . import positions
from .identity import default_user
from .screens import warm
from .screens.home import HomeScreen
from .store import Store
from .vocab import Role
from .workbench import EditsAssessment, OpenAssessment, Workbench
from .workspace import open_store

QUIT_AGAIN = 10  # seconds in which a second q quits although values wait for a busy database


class MeritApp(Workbench):
    CSS_PATH = "app.tcss"
    TITLE = "merit-tui"
    SUB_TITLE = "Meja kerja Indeks Sistem Merit dan NSPK"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit", "Keluar", id="quit"),
        Binding("question_mark,f1", "help", "Bantuan", id="help"),
        Binding("f2", "switch_role", "Peran", id="role"),
    ]

    def __init__(self, store: Store, user: str | None = None, role: Role | str = Role.ASSESSOR, ask_user: bool = True) -> None:
        super().__init__(store, user, role)
        self._ask_user = ask_user
        self._walks = None
        self._quit_asked = -QUIT_AGAIN

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        self.call_after_refresh(warm.start, self.call_from_thread, self._prepare_walk)  # once Beranda is drawn
        if self.user_override is None and self.store.setting("user") is None and self._ask_user:
            from .dialogs.who import (
                WhoDialog,  # form widgets load only when a form is shown
            )

            self.push_screen(WhoDialog(default_user()), self._remember_user)
        else:
            self._resume()

    def _remember_user(self, name: str | None) -> None:
        self.remember("user", name or default_user())
        self.notify(f"Bekerja sebagai {self.who} ({self.role})", markup=False)
        self._resume()

    def _resume(self) -> None:
        """Reopen the assessment and item this user was on when they quit."""
        last = positions.last_open(self.store, self.who)
        if last is not None:
            self.open_assessment(last)

    @on(OpenAssessment)
    def _open(self, message: OpenAssessment) -> None:
        self.open_assessment(message.aid, message.item_id)

    def _ready_walks(self):
        from .screens.walk.ready import (
            ReadyWalks,  # on first open: Beranda is what a user waits for at start
        )

        if self._walks is None:
            self._walks = ReadyWalks(self, self.store)
        return self._walks

    def _prepare_walk(self) -> None:
        """While the user reads Beranda, compose a walk for each rubric in use (the row under the
        cursor's first)."""
        if isinstance(self.screen, HomeScreen):
            selected = self.screen.selected_id()
            first = [selected] if selected is not None else []
            for aid in first + self.store.listing.one_per_rubric():
                self._ready_walks().prepare(aid, self.role)

    def open_assessment(self, aid: int, item_id: str | None = None) -> None:
        # a walk kept composed for this rubric and role shows it (screens/walk/ready.py); the walk
        # remembers where the user is (positions.py)
        self.push_screen(self._ready_walks().open(aid, item_id, self.role))

    def action_switch_role(self) -> None:
        from .dialogs.role import (  # form widgets load only when a form is shown
            Identity,
            RoleDialog,
        )

        def done(identity: Identity | None) -> None:
            if identity is None:
                return
            self.role = Role(identity.role)
            self.user_override = identity.name
            self.remember("user", identity.name)
            walk = next((s for s in self.screen_stack if isinstance(s, EditsAssessment)), None)
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
            if walk is not None:  # reopen where we were, now with the other role's fields
                self.open_assessment(walk.aid, walk.current)
            self.notify(f"Bekerja sebagai {identity.name} ({identity.role})", markup=False)

        self.push_screen(RoleDialog(self.role, self.who), done)

    async def action_quit(self) -> None:
        """Nothing is unsaved, but a note typed in the last moment is flushed first. What a busy
        database still refuses keeps the app open; a second q within QUIT_AGAIN seconds quits and
        writes those values to a file beside the database, so nothing typed is lost."""
        walks = [s for s in self.screen_stack if isinstance(s, EditsAssessment)]
        waiting = sum(w.unsaved() for w in walks)
        if not waiting:
            self.exit()
            return
        now = time.monotonic()
        if now - self._quit_asked > QUIT_AGAIN:
            self._quit_asked = now
            self.notify(f"{waiting} isian belum tersimpan: basis data sedang dipakai proses lain dan terus dicoba. "
                        "Tekan q sekali lagi untuk tetap keluar; isian itu ditulis ke berkas pemulihan.",
                        severity="warning", timeout=QUIT_AGAIN)
            return
        lines = [line for w in walks for line in w.unsaved_lines()]
        path = self.write_recovery(lines)
        if path is None:
            return
        self.exit(message=f"{len(lines)} isian belum tersimpan ditulis ke {path}")

    # ---------- Ctrl+P in Indonesian (palette.py) ----------
    def get_system_commands(self, screen):  # type: ignore[override]
        from . import palette

        yield from palette.system_commands(self, screen)

    def action_command_palette(self) -> None:
        from . import palette

        palette.open_palette(self)

    @on(events.DeliveryComplete)
    @on(events.DeliveryFailed)
    def _screenshot_saved(self, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
        from . import palette

        palette.notify_screenshot(self, event)

    def action_help(self) -> None:
        from .screens.help import (
            HelpScreen,  # Markdown is slow to import; most sessions never ask
        )

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(store: Store | str | Path, user: str | None = None, role: Role | str = Role.ASSESSOR, ask_user: bool = True) -> MeritApp:
    if not isinstance(store, Store):
        store = open_store(store)
    return MeritApp(store, user=user, role=role, ask_user=ask_user)
