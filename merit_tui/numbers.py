"""Decimals as people write them; kept apart from the models so listing code stays light."""

from __future__ import annotations

from decimal import Decimal


def fmt(value: Decimal | None) -> str:
    """A Decimal as people write it: 299.5, 129, 7.5 (never 1.3E+2 or 129.0)."""
    if value is None:
        return "–"
    return format(value.normalize(), "f")
