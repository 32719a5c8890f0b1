"""Small flows several screens share: ask with a dialog, then write what it returned. Dialogs
only return values; the writing happens here, on the screen's side, and a refusal reopens the
dialog with what was typed and the reason."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from ..dialogs.official import OfficialDialog, OfficialInput
from ..dialogs.status import StatusChange, StatusDialog
from ..errors import MeritError
from ..numbers import fmt
from ..vocab import STATUS_LABELS
from ..workbench import Workbench


def _app(screen: Screen) -> Workbench:
    app = screen.app
    assert isinstance(app, Workbench)
    return app


def change_status(screen: Screen, aid: int, after: Callable[[], None], error: str = "", typed: StatusChange | None = None) -> None:
    app = _app(screen)

    def done(change: StatusChange | None) -> None:
        if change is None:
            return
        try:
            app.store.set_status(aid, change.status, who=app.who, role=app.role, note=change.note)
        except MeritError as exc:
            change_status(screen, aid, after, exc.message, change)
            return
        app.notify(f"Status: {STATUS_LABELS[change.status]}")
        after()

    app.push_screen(StatusDialog(app.store.status(aid), app.role, error, typed), done)


def record_official(screen: Screen, aid: int, error: str = "", typed: OfficialInput | None = None) -> None:
    app = _app(screen)
    if typed is None:
        official = app.store.load(aid).assessment.official
        typed = OfficialInput(fmt(official.index), official.category, official.source) if official else None

    def done(given: OfficialInput | None) -> None:
        if given is None:
            return
        try:
            app.store.set_official(aid, given.index, given.category, who=app.who, role=app.role, source=given.source)
        except MeritError as exc:
            record_official(screen, aid, exc.message, given)
            return
        app.notify(f"Hasil resmi tersimpan: {given.index} ({given.category})", markup=False)

    app.push_screen(OfficialDialog(typed, error), done)
