"""The small versioned text files keys live in: a format line, then `name: value` lines.

Comments (#) and blank lines are ignored; CRLF and a UTF-8 BOM (Notepad) are accepted. Problems
are collected with their line numbers, so a doctored file is reported line by line.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidFile, MeritError, Problem

# Key files are a few hundred bytes; refusing big ones keeps a wrong file from being read whole.
MAX_KEY_FILE = 64 * 1024


@dataclass
class Fields:
    file: str
    values: dict[str, tuple[str, int]]  # key -> (value, line number)
    problems: list[Problem]

    def get(self, key: str) -> tuple[str, int] | None:
        got = self.values.get(key)
        if got is None:
            self.problems.append(Problem(self.file, None, None, "", f"baris '{key}:' tidak ada"))
        return got

    def fail(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, None, "", message))


def read_text(path: Path, what: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_KEY_FILE:
            raise MeritError(f"{path}: terlalu besar untuk {what} ({size} bita)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MeritError(f"{path}: berkas tidak ditemukan") from None
    except IsADirectoryError:
        raise MeritError(f"{path}: ini folder, bukan {what}") from None
    except OSError as exc:
        raise MeritError(f"{path}: tidak dapat dibaca ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8-sig")  # Notepad may add a BOM
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFile([Problem(str(path), line, None, "", f"bukan teks UTF-8; bukan {what}")]) from None


def parse_fields(text: str, file: str, magic: str, known: tuple[str, ...], what: str) -> Fields:
    lines = text.splitlines()
    fields = Fields(file, {}, [])
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None or lines[first].strip() != magic:
        got = lines[first].strip()[:40] if first is not None else ""
        if got.startswith("merit-tui-") and got.split("-v")[0] == magic.split("-v")[0]:
            message = f"format {got!r} belum dikenal versi merit-tui ini; perbarui merit-tui"
        else:
            message = f"bukan {what} (baris pertama harus '{magic}')"
        fields.fail((first or 0) + 1, message)
        return fields
    for number, line in enumerate(lines[first + 1 :], start=first + 2):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        key = key.strip()
        if not sep:
            fields.fail(number, f"baris tidak dikenal (harus 'nama: nilai'): {stripped[:40]!r}")
        elif key not in known:
            fields.fail(number, f"isian {key[:40]!r} tidak dikenal")
        elif key in fields.values:
            fields.fail(number, f"isian '{key}' muncul dua kali")
        else:
            fields.values[key] = (value.strip(), number)
    return fields


def decode_b64(fields: Fields, key: str, length: int | None) -> bytes | None:
    got = fields.get(key)
    if got is None:
        return None
    value, line = got
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        fields.fail(line, f"'{key}' bukan base64 yang sah")
        return None
    if length is not None and len(data) != length:
        fields.fail(line, f"'{key}' harus {length} bita, bukan {len(data)}")
        return None
    return data
