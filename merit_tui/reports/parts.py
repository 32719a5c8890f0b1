"""What each instrument kind contributes to a printed report, and the small helpers they share.

A kind (weighted, compliance, and any added later) is one function from its score report to
`Parts`: the first page's summary lines and chart, the Lampiran table, and the notices about
numbers in its rubric that are not certain. `reports.data` assembles the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..rubric.models import Band, Rubric


@dataclass(frozen=True)
class Parts:
    lines: list[dict[str, str]]
    chart: dict[str, Any] | None
    lampiran: dict[str, Any]
    notices: list[str] = field(default_factory=list)


def column(key: str, label: str, width: float, align: str = "left") -> dict[str, Any]:
    return {"key": key, "label": label, "width": width, "align": align}


def bar(value: Decimal | None) -> float:
    """A chart bar's length (nothing yet: no bar)."""
    return float(value) if value is not None else 0.0


def chart(title: str, unit: str, rows: list[dict[str, Any]], verified: bool) -> dict[str, Any]:
    """The per-aspect bar chart every instrument kind draws: self, and verified once there is any."""
    return {"title": title, "unit": unit, "series": ["Mandiri", "Verifikasi"] if verified else ["Mandiri"], "rows": rows, "max": 100}


def line(label: str, value: str, note: str = "") -> dict[str, str]:
    return {"label": label, "value": value, "note": note}


def is_low(node: Any) -> bool:
    """A rubric number its file marks `confidence: low` (not yet confirmed by a source)."""
    return getattr(node, "confidence", None) == "low"


def low_bands(bands: list[Band]) -> list[str]:
    return [b.category for b in bands if is_low(b)]


def low_notice(what: list[str], consequence: str) -> str:
    """One notice for the uncertain numbers that feed a printed total, saying what follows from it."""
    named = what[0] if len(what) == 1 else ", ".join(what[:-1]) + " dan " + what[-1]
    return f"{named[:1].upper()}{named[1:]} belum pasti (keyakinan rendah): {consequence}"


def has_groups(rubric: Rubric) -> bool:
    """Items sit under groups (indicators under aspects); an NSPK element is its own group."""
    return any(item != group for item, group in rubric.groups().items())
