"""Timing on a shared machine: what is compared runs alternately, in the same run, and the
median is kept; each row says how far its runs spread."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Row:
    what: str
    ours: str
    floor: str
    ratio: str
    target: str
    ok: bool | None  # None: reported, no target
    spread: str = ""  # how noisy the runs were
    key: str = ""  # for the reason of a miss (results.py)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def spread(xs: list[float]) -> str:
    """The runs' range around the median, e.g. '±12%'."""
    if len(xs) < 2:
        return ""
    m = median(xs)
    return f"±{max(abs(max(xs) - m), abs(m - min(xs))) / m * 100:.0f}%" if m else ""


def alternate(jobs: dict[str, Callable[[], float | None]], repeat: int) -> dict[str, list[float]]:
    """Each job `repeat` times, round robin; a job returns its own seconds, or None to be timed here."""
    runs: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, job in jobs.items():
            started = time.perf_counter()
            seconds = job()
            runs[name].append(time.perf_counter() - started if seconds is None else seconds)
    return runs


def process(cmd: list[str], env: dict, timeout: float = 1800) -> None:
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd[:6])} …\n{out.stderr[-2000:]}")


def child(mode: str, db: Path, options: dict, env: dict) -> dict:
    """A Pilot session in a child process (tui_child.py); its JSON answer."""
    cmd = [sys.executable, str(HERE / "tui_child.py"), mode, str(db), json.dumps(options)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"child {mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def ratio_row(what: str, ours: list[float], floor: list[float], floor_name: str, target: float, key: str,
              limit: float | None = None, unit: Callable[[float], str] = ms) -> Row:
    """ours/floor medians against `target` (and an absolute `limit` in seconds, if given)."""
    o, f = median(ours), median(floor)
    ok = o / f <= target and (limit is None or o <= limit)
    text = f"≤ {target:g}×" + (f" dan ≤ {limit * 1000:.0f} ms" if limit else "")
    return Row(what, unit(o), f"{unit(f)} ({floor_name})", f"{o / f:.2f}×", text, ok,
               f"{spread(ours)} / {spread(floor)}", key)
