"""What the semantic checks of every rubric kind share: problems as (location, message), and ids
used twice."""

from __future__ import annotations

from typing import Any

Found = list[tuple[tuple[Any, ...], str]]


def duplicates(found: Found, items: list[tuple[tuple[Any, ...], str]], what: str) -> None:
    first: set[str] = set()
    for loc, value in items:
        if value in first:
            found.append((loc, f"{what} '{value}' ganda (sudah dipakai sebelumnya)"))
        first.add(value)
