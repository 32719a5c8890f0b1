"""Plain data: what may be sealed or put in a manifest, normalised so equal things are equal bytes."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

PathPart = str | int


class NotPlain(ValueError):
    """A value that cannot be sealed; `path` locates it, `message` is for the user (Indonesian)."""

    def __init__(self, path: tuple[PathPart, ...], message: str) -> None:
        super().__init__(f"{dotted(path)}: {message}")
        self.path = path
        self.message = message


def dotted(path: tuple[PathPart, ...]) -> str:
    return ".".join(str(p) for p in path) or "(akar)"


def _text(value: str, path: tuple[PathPart, ...]) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise NotPlain(path, "teks berisi karakter yang tidak sah (surrogate)") from None
    return unicodedata.normalize("NFC", value)


def plain(value: Any, path: tuple[PathPart, ...] = ()) -> Any:
    """A normalised copy: NFC text, str keys, lists for tuples. Floats (and Decimals, dates…) are
    refused because their text is not unique: a score travels as the string "3.5"."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return _text(value, path)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotPlain(path, f"kunci {key!r} harus teks, bukan {_kind(key)}")
            norm = _text(key, path)
            if norm in out:
                raise NotPlain(path, f"kunci {norm!r} muncul dua kali (setelah normalisasi Unicode)")
            out[norm] = plain(item, (*path, norm))
        return out
    if isinstance(value, list | tuple):
        return [plain(item, (*path, i)) for i, item in enumerate(value)]
    if isinstance(value, float):
        raise NotPlain(path, f"angka pecahan {value!r} tidak boleh; tulis sebagai teks, mis. \"{value}\"")
    raise NotPlain(path, f"nilai jenis {_kind(value)} tidak boleh; hanya teks, bilangan bulat, ya/tidak, daftar dan peta")


def _kind(value: Any) -> str:
    return type(value).__name__


def canonical_bytes(content: Any) -> bytes:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8, NFC. Raises NotPlain for floats etc."""
    return json.dumps(plain(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8"
    )
