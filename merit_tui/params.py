"""click parameter types that turn a hostile command-line value into a usage error in Indonesian.

click wraps each failure as "Nilai tidak sah untuk 'ID': …" (with cli_i18n
installed), naming the argument; the value itself is shown made harmless and short.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from .errors import MeritError
from .text import NAME_MAX, NOTE_MAX, clean_name, clean_note, excerpt

SQLITE_INT_MAX = 2**63 - 1
# ASCII digits only: Python's int() and Decimal() also take Arabic-Indic and full-width digits.
_INTEGER = re.compile(r"[+]?[0-9]{1,25}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_TEXT_MAX = 60


def _decimals(value: Decimal) -> int:
    """Digits after the point that matter: 87.50000000 has one (normalize() would round long input)."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if not any(digits):
        return 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))


def _plain(value: Decimal) -> str:
    return format(value, "f")


class AssessmentId(click.ParamType):
    """A stored assessment's id: 1 … 2**63-1, the range of an SQLite INTEGER PRIMARY KEY."""

    name = "id"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "ID"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not _INTEGER.fullmatch(text):
                self.fail(f"“{excerpt(value)}” bukan nomor penilaian; tulis bilangan bulat positif (lihat: merit list)", param, ctx)
            number = int(text)
        if not 1 <= number <= SQLITE_INT_MAX:
            self.fail(f"“{excerpt(value)}” bukan nomor penilaian; harus antara 1 dan {SQLITE_INT_MAX}", param, ctx)
        return number


def stored_ref(ref: str) -> int | None:
    """The stored assessment an ID|BERKAS argument names, or None when it names a file (it
    exists, or is not all digits). An id out of SQLite's range is said as such."""
    if not ref.isdigit() or Path(ref).exists():
        return None
    return AssessmentId().convert(ref, None, None)


class DecimalRange(click.ParamType):
    """An exact decimal within [lo, hi] with at most `places` decimals; a decimal comma is accepted."""

    name = "angka"

    def __init__(self, lo: Decimal | int | str, hi: Decimal | int | str, places: int = 6) -> None:
        self.lo, self.hi, self.places = Decimal(lo), Decimal(hi), places

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "ANGKA"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, int) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            text = str(value).strip()
            # The pattern refuses NaN, Infinity, exponents and thousands separators before Decimal() sees them.
            if len(text) > _TEXT_MAX or not _DECIMAL.fullmatch(text):
                self.fail(f"“{excerpt(value)}” bukan angka; tulis mis. 87,5 atau 87.5", param, ctx)
            try:
                number = Decimal(text.replace(",", "."))
            except InvalidOperation:
                self.fail(f"“{excerpt(value)}” bukan angka; tulis mis. 87,5 atau 87.5", param, ctx)
        if not number.is_finite():
            self.fail(f"“{excerpt(value)}” bukan angka yang dapat dipakai", param, ctx)
        if _decimals(number) > self.places:
            self.fail(f"“{excerpt(value)}” terlalu banyak angka di belakang koma (paling banyak {self.places})", param, ctx)
        if not self.lo <= number <= self.hi:
            self.fail(f"{excerpt(value)} di luar rentang {_plain(self.lo)}–{_plain(self.hi)}", param, ctx)
        return number


class Score(DecimalRange):
    """A score on a rubric scale; the store still checks the rubric's own scale and steps."""

    name = "skor"

    def __init__(self, lo: Decimal | int | str = 0, hi: Decimal | int | str = 4, places: int = 6) -> None:
        super().__init__(lo, hi, places)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "SKOR"


class Index(DecimalRange):
    """An official index value (0–100, as the store accepts)."""

    name = "indeks"

    def __init__(self, lo: Decimal | int | str = 0, hi: Decimal | int | str = 100, places: int = 6) -> None:
        super().__init__(lo, hi, places)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "INDEKS"


class Name(click.ParamType):
    """A one-line name (instansi, bidang, a person) through text.clean_name."""

    name = "nama"

    def __init__(self, what: str = "nama", max_len: int = NAME_MAX) -> None:
        self.what, self.max_len = what, max_len

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "NAMA"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return clean_name(value, self.what, self.max_len)
        except MeritError as exc:
            self.fail(exc.message.removeprefix(f"{self.what}: "), param, ctx)


class Note(click.ParamType):
    """Free text for --note and the like, through text.clean_note."""

    name = "catatan"

    def __init__(self, what: str = "catatan", max_len: int = NOTE_MAX) -> None:
        self.what, self.max_len = what, max_len

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "TEKS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return clean_note(value, self.what, self.max_len)
        except MeritError as exc:
            self.fail(exc.message.removeprefix(f"{self.what}: "), param, ctx)
