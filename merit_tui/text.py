"""Hygiene for text people type or paste: names, notes, and stored text shown in a terminal.

Names and notes end up in the database, in exported YAML and spreadsheets, and
on other people's screens. A hidden character there (an ANSI escape, a bidi
override that reverses what is shown, a zero-width space that makes two equal
looking names differ) is either an attack or a paste accident; both are refused
with the character named, so the user can find and delete it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .errors import MeritError

NAME_MAX = 200
NOTE_MAX = 20_000

# unicodedata has no names for control characters; these are their Unicode name aliases.
_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "BELL",
    "BACKSPACE", "TAB", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE",
    "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
_OTHER_NAMES = {0x7F: "DELETE", 0x85: "NEXT LINE (NEL)", 0x9B: "CONTROL SEQUENCE INTRODUCER"}
_CATEGORY_NAMES = {"Cc": "KENDALI C1", "Cs": "SURROGATE TUNGGAL"}

# Breaks that YAML and editors treat as a new line; notes store them all as "\n".
_NOTE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


def _is_noncharacter(cp: int) -> bool:
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def is_hidden(ch: str) -> bool:
    """True for characters that change how text shows or compares without being seen.

    Covers C0/C1 controls, DEL, every format character (bidi marks and
    overrides, zero-width space/joiners, word joiner, BOM, soft hyphen, tag
    characters), line/paragraph separators, lone surrogates and noncharacters.
    """
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cf", "Cs", "Zl", "Zp") or _is_noncharacter(ord(ch))


def char_label(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': how a refused character is named to the user."""
    cp = ord(ch)
    name = (
        (_C0_NAMES[cp] if cp < 0x20 else _OTHER_NAMES.get(cp))
        or unicodedata.name(ch, "")
        or _CATEGORY_NAMES.get(unicodedata.category(ch), "TANPA NAMA")
    )
    return f"U+{cp:04X} {name}"


def _refuse_hidden(value: str, what: str, allowed: str) -> None:
    probe = value
    for ch in allowed:
        probe = probe.replace(ch, "")
    # every hidden character is one str.isprintable() refuses (it refuses more: no-break
    # spaces, unassigned code points), so most text is cleared at C speed; a character at a
    # time cost a third of importing 1,890 files
    if probe.isprintable():
        return
    for i, ch in enumerate(value):
        if ch not in allowed and is_hidden(ch):
            line = value.count("\n", 0, i) + 1
            where = f"posisi {i + 1}" + (f" (baris {line})" if "\n" in allowed and line > 1 else "")
            raise MeritError(
                f"{what}: karakter tersembunyi {char_label(ch)} di {where} tidak boleh dipakai; hapus karakter itu lalu ketik ulang"
            )


def _require_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise MeritError(f"{what}: harus berupa teks")
    return value


def clean_name(value: object, what: str, max_len: int = NAME_MAX) -> str:
    """A one-line name (instansi, person, bidang), normalised so equal-looking names compare equal.

    Raises MeritError naming `what` for a non-string, any hidden character
    (including newline and tab), an empty result or more than `max_len` characters.
    """
    text = _require_str(value, what)
    _refuse_hidden(text, what, allowed="")
    text = unicodedata.normalize("NFC", text)
    # No-break and other Unicode spaces look like a space; runs of spaces look like one.
    text = " ".join(text.split())
    if not text:
        raise MeritError(f"{what}: wajib diisi")
    if len(text) > max_len:
        raise MeritError(f"{what}: terlalu panjang ({len(text)} karakter; batas {max_len})")
    return text


def clean_note(value: object, what: str, max_len: int = NOTE_MAX) -> str:
    """Multi-line free text (kondisi, catatan…): every line break becomes "\\n", tabs are kept.

    May be empty. Raises MeritError naming `what` for a non-string, any other
    hidden character, or more than `max_len` characters.
    """
    text = _require_str(value, what)
    _refuse_hidden(text, what, allowed="\n\t\r\x85\u2028\u2029")
    text = unicodedata.normalize("NFC", _NOTE_BREAKS.sub("\n", text))
    if len(text) > max_len:
        raise MeritError(f"{what}: terlalu panjang ({len(text)} karakter; batas {max_len})")
    return text


def _placeholder(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x20:
        return chr(0x2400 + cp)  # Control Pictures: ␛ for ESC, ␀ for NUL
    if cp == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{cp:04X}>"


def terminal_safe(text: str, keep_newlines: bool = True) -> str:
    """Text from an older database, made harmless to print: hidden characters become visible marks.

    Newlines and tabs are kept unless `keep_newlines` is false (for one-line output).
    """
    keep = "\n\t" if keep_newlines else ""
    if not any(ch not in keep and is_hidden(ch) for ch in text):
        return text
    return "".join(_placeholder(ch) if ch not in keep and is_hidden(ch) else ch for ch in text)


def excerpt(value: Any, width: int = 40, missing: str = "∅") -> str:
    """A value as a message or a log line shows it: one line, hidden characters made visible,
    cut to `width` (a 20,000-character note or a million-digit number never becomes the message)."""
    if value is None:
        return missing
    text = terminal_safe(str(value).replace("\n", " "), keep_newlines=False)
    return text if len(text) <= width else text[: width - 1] + "…"
