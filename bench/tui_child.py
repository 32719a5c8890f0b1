"""One workbench session against a seeded database, driven with Pilot; prints one JSON line.

    python bench/tui_child.py start  DB '{"floor": false}'
    python bench/tui_child.py screens DB '{"aid": 12, "rounds": 3}'
    python bench/tui_child.py keys   DB '{"rubric": "kasn-sistem-merit"}'

Each session first waits, as a person reading Beranda would, for what the app prepares in the
meantime (the other screens loaded, a walk composed per rubric); `warm_wait_s` says how long.
A screen is "drawn" at the last frame Textual sends to the terminal before it goes idle
(`App._display`, watched here), measured from the moment the key is pressed. The floor of a
screen is a bare screen with as many Static widgets, pushed by a key in the same session,
alternating with the real one so a busy moment on the machine hits both alike.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import sys
import time

try:
    from merit_tui.frames import FRAMES_PER_SECOND
except ImportError:  # a tree from before it (measuring main, say): Textual's default
    FRAMES_PER_SECOND = "60"
os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)  # before Textual loads, as `merit` does
MODE, DB = sys.argv[1], sys.argv[2]
OPTS = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
T0 = time.perf_counter()

from textual.app import App  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import DataTable, Static  # noqa: E402


def peak_mb() -> float:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (large) parent
    with open("/proc/self/status") as fh:
        return int(fh.read().split("VmHWM:")[1].split()[0]) / 1024


class Bare(Screen):
    """The floor: as many plain Static widgets as the screen it stands for."""

    BINDINGS = [Binding("escape", "app.pop_screen"), Binding("3", "tick")]

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n, self.ticks = n, 0

    def compose(self):
        for i in range(self.n):
            yield Static(f"baris {i}", id=f"s{i}")

    def action_tick(self) -> None:
        self.ticks += 1
        self.query_one("#s0", Static).update(f"tekan {self.ticks}")


class Frames:
    """Every frame the app sends to the (headless) terminal, with its screen and time."""

    def __init__(self, app: App) -> None:
        self.seen: list[tuple[Screen, float]] = []
        original = app._display

        def display(screen, update):
            self.seen.append((screen, time.perf_counter()))
            return original(screen, update)

        app._display = display


async def settled(app: App, frames: Frames, since: float) -> float:
    """Seconds from `since` to the last frame of the current screen before it went idle."""
    screen = app.screen
    idle = asyncio.Event()
    screen.call_after_refresh(idle.set)
    await asyncio.wait_for(idle.wait(), 30)
    shown = [t for s, t in frames.seen if s is screen and t >= since]
    return (shown[-1] if shown else time.perf_counter()) - since


async def timed_key(app, pilot, frames, key: str) -> float:
    t = time.perf_counter()
    await pilot.press(key)
    return await settled(app, frames, t)


def add_floor_key(app, state: dict) -> None:
    app.action_bench_floor = lambda: app.push_screen(Bare(state["n"]))
    app.bind("f12", "bench_floor")


async def ready(app, pilot, wait_warm: bool = True) -> dict:
    try:
        from merit_tui.screens import warm
    except ImportError:  # a tree from before the warm-up (measuring main, say)
        warm = None

    deadline = time.perf_counter() + 120
    while not app.screen.query("#home-table") or app.screen.query_one("#home-table").row_count == 0:
        if time.perf_counter() > deadline:
            raise SystemExit("Beranda never listed the assessments")
        await pilot.pause(0.005)
    home_s = time.perf_counter() - T0
    t = time.perf_counter()
    if wait_warm:
        while warm is not None and not warm.done.is_set() and time.perf_counter() - t < 30:
            await asyncio.sleep(0.01)
    # a person reads Beranda before pressing anything: the app loads the other screens and composes
    # a walk per rubric meanwhile (screens/warm.py, screens/walk/ready.py); wait for that, then a bit
    while time.perf_counter() - t < 5 and not all(w.is_mounted for w in getattr(getattr(app, "_walks", None), "kept", {}).values()):
        await asyncio.sleep(0.01)
    warm_s = time.perf_counter() - t
    await pilot.pause(0.3)
    return {"home_s": home_s, "warm_wait_s": warm_s}


def select(app, aid: int) -> None:
    home = app.screen
    home.query_one("#home-table").move_cursor(row=home.rows.ids.index(aid))


# ---------- modes ----------

def start() -> dict:
    """Time to Beranda listing every assessment (or a bare app with a DataTable: the floor)."""
    if OPTS.get("floor"):
        class BareApp(App):
            def compose(self):
                yield DataTable(id="home-table")
        app, expected = BareApp(), 0
    else:
        from merit_tui.app import make_app
        from merit_tui.store import Store

        store = Store.open(DB)
        expected = store.conn.execute("select count(*) from assessments").fetchone()[0]
        store.set_setting("last_assessment:bench", "")  # start on Beranda, not in a walk left open
        app = make_app(store, user="bench")

    async def main() -> float:
        async with app.run_test(size=(120, 40)) as pilot:
            while app.screen.query("#home-table").first().row_count < expected:
                await pilot.pause(0.005)
            return time.perf_counter() - T0

    return {"seconds": asyncio.run(main()), "peak_mb": peak_mb()}


SCREENS = [  # name, key on Beranda (walk: key in the walk), screen opened from the walk
    ("walk", "enter", False), ("summary", "r", False), ("gaps", "g", False), ("plan", "a", False),
    ("help", "question_mark", False), ("new", "n", False), ("history", "h", True),
]


def screens() -> dict:
    from merit_tui.app import make_app
    from merit_tui.store import Store

    store = Store.open(DB)
    app = make_app(store, user="bench")
    frames = Frames(app)
    state = {"n": 1}
    add_floor_key(app, state)
    has_history = importlib.util.find_spec("merit_tui.screens.history") is not None
    out: dict = {name: {"real": [], "floor": [], "widgets": 0, "screen": ""} for name, _, _ in SCREENS}

    async def main() -> dict:
        async with app.run_test(size=(120, 40)) as pilot:
            info = await ready(app, pilot)
            select(app, OPTS["aid"])
            for _ in range(OPTS.get("rounds", 3)):
                for name, key, in_walk in SCREENS:
                    if in_walk and not has_history:
                        continue
                    if in_walk:
                        await pilot.press("enter")
                        await settled(app, frames, time.perf_counter())
                    before = app.screen
                    seconds = await timed_key(app, pilot, frames, key)
                    if app.screen is before:
                        out[name]["missing"] = True  # the key opened nothing here
                        continue
                    out[name]["screen"] = type(app.screen).__name__
                    state["n"] = out[name]["widgets"] = len(list(app.screen.walk_children()))
                    out[name]["real"].append(seconds)
                    await pilot.press("escape")
                    await pilot.pause(0.05)
                    out[name]["floor"].append(await timed_key(app, pilot, frames, "f12"))
                    await pilot.press("escape")
                    if in_walk:
                        await pilot.press("escape")
                    await pilot.pause(0.05)
            return info

    info = asyncio.run(main())
    return {"screens": out, "peak_mb": peak_mb(), **info}


def keys() -> dict:
    """A whole walk on a new assessment: key → stored, key → drawn, and n → drawn, per item."""
    from merit_tui.app import make_app
    from merit_tui.store import Store

    store = Store.open(DB)
    # a new assessment each run, opened at its first item as a person meets it
    aid = store.create_assessment(f"Pemerintah Kabupaten Bench {time.time_ns()}", 2030, OPTS["rubric"], who="bench")
    app = make_app(store, user="bench")
    frames = Frames(app)
    stored_at: list[float] = []
    set_field = store.set_field

    def timed_set_field(*args, **kwargs):
        result = set_field(*args, **kwargs)
        stored_at.append(time.perf_counter())
        return result

    store.set_field = timed_set_field
    state = {"n": 30}
    add_floor_key(app, state)
    res: dict = {"stored": [], "scored": [], "moved": [], "floor": [], "move_writes": 0, "items": 0}

    async def main() -> dict:
        async with app.run_test(size=(120, 40)) as pilot:
            info = await ready(app, pilot)
            select(app, aid)
            await pilot.press("enter")
            await settled(app, frames, time.perf_counter())
            walk = app.screen
            ids = walk.rubric.item_ids()
            res["items"] = len(ids)
            for i, _item in enumerate(ids):
                stored_at.clear()
                t = time.perf_counter()
                await pilot.press("3")
                res["scored"].append(await settled(app, frames, t))
                res["stored"].append(stored_at[0] - t if stored_at else float("nan"))
                if i + 1 < len(ids):
                    changes = store.conn.total_changes
                    res["moved"].append(await timed_key(app, pilot, frames, "n"))
                    res["move_writes"] += store.conn.total_changes - changes
            await pilot.press("escape")
            await pilot.pause(0.05)
            await pilot.press("f12")  # the floor: a key that updates one Static on a bare screen
            await settled(app, frames, time.perf_counter())
            for _ in range(len(ids)):
                res["floor"].append(await timed_key(app, pilot, frames, "3"))
            return info

    info = asyncio.run(main())
    return {**res, "peak_mb": peak_mb(), **info}


if __name__ == "__main__":
    print(json.dumps({"start": start, "screens": screens, "keys": keys}[MODE]()))
