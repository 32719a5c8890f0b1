"""How far a long job is, in words a person reads: done of total, the rate, the time left.

The CLI prints it to stderr and the workbench shows it on Beranda; the job itself only counts
(`Progress.step`) and says now and then (`every` seconds) what it has done.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} dtk"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} mnt {seconds:02d} dtk"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} jam {minutes:02d} mnt"


def rate_line(n: int, total: int, elapsed: float, unit: str = "laporan") -> str:
    """'12/60 · 4.1 laporan/detik · sisa ± 12 dtk': how far, how fast, how long still."""
    rate = n / elapsed if elapsed > 0 else 0.0
    left = duration((total - n) / rate) if rate else "?"
    return f"{n}/{total} · {rate:.1f} {unit}/detik · sisa ± {left}"


class Progress:
    """Counts the steps of one stage of a job and calls `say` with a line at most every `every`
    seconds (none at all for a job shorter than `quiet` seconds), and once when a stage ends."""

    def __init__(self, say: Callable[[str], None], unit: str = "berkas", every: float = 0.5, quiet: float = 1.0) -> None:
        self.say, self.unit, self.every, self.quiet = say, unit, every, quiet
        self.started = time.perf_counter()
        self._stage_started = self.started
        self._last = 0.0
        self.spoke = False

    def step(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if done <= 1:
            self._stage_started = now
        finished = done >= total
        if now - self.started < self.quiet and not (finished and self.spoke):
            return
        if finished or now - self._last >= self.every:
            self._last = now
            self.spoke = True
            elapsed = now - self._stage_started
            rate = done / elapsed if elapsed > 0 else 0.0
            left = duration((total - done) / rate) if rate else "?"
            self.say(f"{done}/{total} {self.unit} {stage} · {rate:.0f} {self.unit}/detik · sisa ± {left}")
