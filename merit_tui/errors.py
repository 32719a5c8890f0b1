"""Errors the user sees: short, in Indonesian, pointing at a file and line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .vocab import field_label


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int | None
    col: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class MeritError(Exception):
    """An error with a message fit for the user; the CLI prints it without a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Busy(MeritError):
    """Another process holds the database's write lock longer than we wait (5 s): nothing was
    changed, and the same write may simply be tried again."""


class InvalidFile(MeritError):
    """A file with one or more problems, all collected before raising."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Conflict(MeritError):
    """Someone else saved this field since it was loaded: both values, for the user to choose."""

    def __init__(self, field: str, item_id: str, current: object, mine: object, who: str | None) -> None:
        self.field, self.item_id, self.current, self.mine, self.who = field, item_id, current, mine, who
        by = f" oleh {who}" if who else ""
        super().__init__(f"{field_label(field)} {item_id} sudah diubah{by} sejak dibuka; pilih nilai yang dipakai")


def suggest(word: str, choices: list[str]) -> str:
    """A "did you mean" hint for a misspelt key or id, or nothing."""
    hint = difflib.get_close_matches(word, choices, n=1)
    return f"; maksud Anda '{hint[0]}'?" if hint else ""
