"""Text cells that a spreadsheet will show, never run (CSV/formula injection).

Excel and LibreOffice start a formula at "=", "+", "-" or "@", also after
leading spaces or line breaks, and LibreOffice folds the full-width and small
forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) to ASCII in some locales. openpyxl, for its part,
stores any string starting with "=" as a formula. A leading apostrophe makes
every one of them plain text.

This guard is for TEXT cells only: numbers must be written as numbers (int,
Decimal, float) and never pass through here. So "-5" arriving here is text
(say "-5 poin" or a pasted "-1+1") and gets the apostrophe like any other.
"""

from __future__ import annotations

import unicodedata

from .text import terminal_safe

FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
# A tab, CR or LF in the first position is itself a known trigger (OWASP's list).
LEADING_TRIGGERS = frozenset("\t\r\n")


def _skippable(ch: str) -> bool:
    """Characters a spreadsheet may skip before it looks for "=": blanks, controls, invisible marks."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def guard(value: str) -> str:
    """`value` with a leading "'" if a spreadsheet could read it as a formula; otherwise unchanged."""
    if not value:
        return value
    if value[0] in LEADING_TRIGGERS:
        return "'" + value
    for ch in value:
        if not _skippable(ch):
            return "'" + value if ch in FORMULA_START else value
    return value


def cell_text(value: str) -> str:
    """A text cell for XLSX or CSV: formula-guarded, hidden characters made visible.

    openpyxl refuses C0 controls outright (IllegalCharacterError), and a database
    written before text.clean_note existed may hold them; bidi overrides would make
    the cell read differently from what it holds.
    """
    return terminal_safe(guard(value))
