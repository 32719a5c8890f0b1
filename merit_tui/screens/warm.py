"""What the next screens need, loaded while the user reads Beranda.

Beranda imports nothing it does not show, so the first walk, summary, gap review or help used
to pay for its imports (a fifth to half a second) on the key press. Once Beranda is drawn, a
thread imports them; the user's first key finds them loaded, or waits only for the rest.

Then the garbage collector is told to leave everything loaded so far alone (`gc.freeze`): a
full collection walks every object the process holds, Textual's and ours, and took 100–120 ms
at random moments, one of them inside nearly every walk; after the freeze it walks only what
was made since.
"""

from __future__ import annotations

import gc
import importlib
import threading
from collections.abc import Callable

MODULES = (
    "merit_tui.store.assessments",
    "merit_tui.store.totals",
    "merit_tui.screens.walk",
    "merit_tui.screens.summary",
    "merit_tui.screens.gaps",
    "merit_tui.screens.plan",
    "merit_tui.screens.history",
    "merit_tui.dialogs.new_assessment",
    "merit_tui.dialogs.status",
    "merit_tui.screens.help",
)
_frozen = threading.Lock()
done = threading.Event()  # set once everything is loaded and frozen (the benchmarks wait on it)


def start(call_from_thread: Callable[[Callable[[], None]], object], then: Callable[[], None]) -> None:
    """Load in a thread, then run `then` on the app's thread (at once, if loaded already)."""
    if done.is_set():
        then()
    else:
        threading.Thread(target=warm, args=(call_from_thread, then), name="merit-warm", daemon=True).start()


def warm(call_from_thread: Callable[[Callable[[], None]], object] | None = None, then: Callable[[], None] | None = None) -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # a screen this version does not have
            pass
    if _frozen.acquire(blocking=False):  # once per process: what later apps make stays collectable
        gc.freeze()
    done.set()
    if call_from_thread is not None and then is not None:
        try:
            call_from_thread(then)
        except RuntimeError:  # the app has already ended
            pass
