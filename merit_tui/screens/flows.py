"""Small flows several screens share: ask with a dialog, then write what it returned. Dialogs
only return values; the writing happens here, on the screen's side, and a refusal reopens the
dialog with what was typed and the reason."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from .. import policy
from ..completeness import shortfalls
from ..dialogs.confirm import ConfirmDialog
from ..dialogs.official import OfficialDialog, OfficialInput
from ..dialogs.passphrase import PassphraseDialog, Unlock
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
    """Ask for the new status; a verifier with a key seals the move (dikembalikan, diverifikasi,
    final) after giving the key's passphrase."""
    app = _app(screen)

    def move(change: StatusChange, key: object = None) -> None:
        try:
            made = app.store.set_status(aid, change.status, who=app.who, role=app.role, note=change.note, key=key)  # type: ignore[arg-type]
        except MeritError as exc:
            change_status(screen, aid, after, exc.message, change)
            return
        sealed = f"; disegel oleh {made.signer}" if made is not None else ""
        app.notify(f"Status: {STATUS_LABELS[change.status]}{sealed}", markup=False)
        after()

    def done(change: StatusChange | None) -> None:
        if change is None:
            return
        loaded = app.store.load(aid)
        missing = shortfalls(loaded.rubric, loaded.assessment, change.status, change.note)
        if not missing:
            seal_and_move(change)
            return
        question = (f"Penilaian belum lengkap untuk diubah menjadi {STATUS_LABELS[change.status]}:\n"
                    + "\n".join(f"• {m.describe()}" for m in missing) + "\n\nTetap ubah status?")
        app.push_screen(ConfirmDialog(question, yes="Ya, tetap ubah"),
                        lambda sure: seal_and_move(change) if sure else change_status(screen, aid, after, "", change))

    def seal_and_move(change: StatusChange) -> None:
        if policy.seal(app.role, change.status) is not None:
            move(change)
            return
        from ..trust.keys import list_keys

        keys = list_keys()
        if not keys:
            app.notify("Tanpa segel: Anda belum punya kunci (buat dengan: merit key new)", severity="warning", markup=False)
            move(change)
            return
        unlock_and(screen, [k.name for k in keys], f"Menyegel hasil verifikasi penilaian {aid} ({STATUS_LABELS[change.status]})",
                   lambda key: move(change, key))

    app.push_screen(StatusDialog(app.store.status(aid), app.role, error, typed), done)


def unlock_and(screen: Screen, keys: list[str], purpose: str, then: Callable[[object], None], error: str = "") -> None:
    """Ask for a key's passphrase, unlock it in a thread (it takes a deliberate half second),
    then continue with the key."""
    app = _app(screen)

    async def given(unlock: Unlock | None) -> None:
        if unlock is None:
            return
        from ..trust.keys import find_key, load_key

        worker = app.run_worker(lambda: load_key(find_key(unlock.key), unlock.passphrase), thread=True, exit_on_error=False)
        try:
            key = await worker.wait()
        except Exception:
            problem = worker.error.message if isinstance(worker.error, MeritError) else str(worker.error)
            unlock_and(screen, keys, purpose, then, problem)
            return
        then(key)

    app.push_screen(PassphraseDialog(keys, purpose, error), given)


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
