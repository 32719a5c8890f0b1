"""Numbers as people read them and as files hold them, in one place.

A person reads numbers as the seed's own tables print them: a decimal point, no trailing zeros
(299.5, 129, 7.5, 113.02 %).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def fmt(value: Decimal | None) -> str:
    """A Decimal as people write it: 299.5, 129, 7.5 (never 1.3E+2 or 129.0); – when missing."""
    if value is None:
        return "–"
    return format(value.normalize() if value else Decimal(0), "f")  # -0 and 0.0 read as 0


def pct(value: Decimal | None) -> str:
    return f"{fmt(value)} %"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part/whole as a percentage rounded half-up to 2 places (299.5/265 → 113.02)."""
    if not whole:
        return None
    return (part * HUNDRED / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


MAX_DIGITS = 30  # as many digits as a file or a key may bring in
MAX_EXPONENT = MAX_DIGITS  # and no further from the decimal point
MAX_STORED_CHARS = 40  # longer than any number a file or a key may bring in (30 digits, sign, point)


def fits(value: Decimal) -> bool:
    """A number the workbench takes: finite, at most MAX_DIGITS digits, not too far from the point."""
    return value.is_finite() and len(value.as_tuple().digits) <= MAX_DIGITS and abs(value.adjusted()) <= MAX_EXPONENT


def parse(text: str | None) -> Decimal | None:
    """A decimal as the database stores it (exact text), or None: also for text no number the
    workbench writes could be (a doctored database: a million digits, NaN, infinity)."""
    if text is None or len(text) > MAX_STORED_CHARS:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError:
        return None
    return value if fits(value) else None


def plain(value: Decimal | None) -> int | float | None:
    """A number for JSON or a spreadsheet cell: whole values as ints, half points as exact
    binary floats."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
