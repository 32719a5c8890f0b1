"""A seal: a verifier's Ed25519 signature over an assessment's content, carried with the content.

The seal embeds the content it signed, so a check can name exactly which fields changed since.
The signature covers canonical_bytes of the seal's data without the signature itself: format,
signer, fingerprint, public key, time and content. Anyone can check it; only the key holder can
make one. Whether the key is one the agency accepts is a separate question (`trusted`).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from ..errors import InvalidFile, MeritError, Problem
from .keys import PublicKey, SigningKey, check_signer_name, fingerprint, iso_utc
from .plain import NotPlain, PathPart, canonical_bytes, plain

__all__ = [
    "SEAL_FORMAT",
    "Change",
    "Seal",
    "SealCheck",
    "canonical_bytes",
    "check_seal",
    "diff",
    "make_seal",
    "seal_from_data",
    "seal_to_data",
]

SEAL_FORMAT = "merit-tui-seal-v1"
State = Literal["sah", "kunci_tidak_dikenal", "rusak"]
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_FIELDS = ("format", "penanda_tangan", "sidik_jari", "kunci_publik", "waktu", "isi", "tanda_tangan")
_MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()


@dataclass(frozen=True)
class Seal:
    version: str
    signer: str
    fingerprint: str
    public_key: bytes
    signed_at: str  # ISO 8601 UTC, e.g. 2023-05-12T10:04:00Z
    content: dict[str, Any] = field(repr=False)
    signature: bytes = field(repr=False)

    def signed_bytes(self) -> bytes:
        data = seal_to_data(self)
        del data["tanda_tangan"]
        return canonical_bytes(data)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def make_seal(content: dict[str, Any], key: SigningKey, *, now: datetime, signer: str | None = None) -> Seal:
    """Sign `content` (plain data: text, ints, bools, None, lists, dicts; no floats).

    Raises NotPlain (a ValueError) for content that cannot be sealed: that is a caller's bug.
    """
    if not isinstance(content, dict):
        raise TypeError("content must be a dict")
    unsigned = Seal(
        version=SEAL_FORMAT,
        signer=check_signer_name(signer if signer is not None else key.name),
        fingerprint=key.fingerprint,
        public_key=key.public.raw,
        signed_at=iso_utc(now),
        content=plain(content),
        signature=b"",
    )
    return replace(unsigned, signature=key.sign(unsigned.signed_bytes()))


def seal_to_data(seal: Seal) -> dict[str, Any]:
    """The seal as plain strings and dicts, for a YAML or JSON export (keys in Indonesian)."""
    return {
        "format": seal.version,
        "penanda_tangan": seal.signer,
        "sidik_jari": seal.fingerprint,
        "kunci_publik": _b64(seal.public_key),
        "waktu": seal.signed_at,
        "isi": seal.content,
        "tanda_tangan": _b64(seal.signature),
    }


def seal_from_data(data: Any, filename: str | None = None, where: str = "segel") -> Seal:
    """Read a seal back from plain data (e.g. the `segel:` block of a YAML export).

    Checks shape only; whether it is genuine is check_seal's job. Raises InvalidFile with one
    Problem per bad field, each named like `segel.tanda_tangan`.
    """
    file = filename or "segel"
    problems: list[Problem] = []

    def fail(name: str, message: str) -> None:
        problems.append(Problem(file, None, None, f"{where}.{name}" if name else where, message))

    if not isinstance(data, dict):
        fail("", "harus berupa peta (format, penanda_tangan, …, tanda_tangan)")
        raise InvalidFile(problems)
    for name in data:
        if name not in _FIELDS:
            fail(str(name), "isian tidak dikenal pada segel")
    for name in _FIELDS:
        if name not in data:
            fail(name, "tidak ada")

    def text(name: str) -> str | None:
        value = data.get(name)
        if name in data and (not isinstance(value, str) or not value.strip()):
            fail(name, "harus berupa teks yang tidak kosong")
            return None
        return value

    version = text("format")
    if version is not None and version != SEAL_FORMAT:
        if version.startswith("merit-tui-seal-"):
            fail("format", f"versi segel {version!r} belum dikenal; perbarui merit-tui")
        else:
            fail("format", f"bukan segel merit-tui (harus {SEAL_FORMAT!r})")

    def raw(name: str, length: int) -> bytes | None:
        value = text(name)
        if value is None:
            return None
        try:
            decoded = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            fail(name, "bukan base64 yang sah")
            return None
        if len(decoded) != length:
            fail(name, f"harus {length} bita, bukan {len(decoded)}")
            return None
        return decoded

    signer, fp, signed_at = text("penanda_tangan"), text("sidik_jari"), text("waktu")
    if signer is not None:
        try:
            signer = check_signer_name(signer)
        except MeritError as exc:
            fail("penanda_tangan", exc.message)
    if fp is not None and not re.fullmatch(r"[0-9A-Fa-f ]{32,40}", fp):
        fail("sidik_jari", "harus 32 digit heksadesimal, mis. 3F2A 91C0 …")
    public_key, signature = raw("kunci_publik", 32), raw("tanda_tangan", 64)
    if signed_at is not None and not _valid_time(signed_at):
        fail("waktu", "harus waktu UTC seperti 2023-05-12T10:04:00Z")
    content = data.get("isi")
    if "isi" in data:
        if not isinstance(content, dict):
            fail("isi", "harus berupa peta")
        else:
            try:
                content = plain(content)
            except NotPlain as exc:
                fail(".".join(str(p) for p in ("isi", *exc.path)), exc.message)
    if problems:
        raise InvalidFile(problems)
    assert version and signer and fp and public_key and signed_at and signature is not None
    return Seal(version, signer, fp, public_key, signed_at, content, signature)


def _valid_time(value: str) -> bool:
    if not _TIME.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


# --- differences ---------------------------------------------------------------------------------


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class Change:
    """One field that differs: `path` like ('butir', '3.1', 'nilai_verifikasi'); ABSENT if missing."""

    path: tuple[PathPart, ...]
    sealed: Any
    current: Any

    @property
    def where(self) -> str:
        """`butir 3.1 nilai_verifikasi`; list positions count from 1: `dokumen 3.1 #2 sha256`."""
        return " ".join(f"#{p + 1}" if isinstance(p, int) else _printable(p) for p in self.path) or "(seluruh isi)"

    def describe(self) -> str:
        return f"{self.where}: disegel {_show(self.sealed)}, sekarang {_show(self.current)}"


def _printable(text: str) -> str:
    """Keys come from a file anyone may edit: no escape sequence may reach the terminal."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c).startswith("C") else c for c in text)


def _show(value: Any, limit: int = 60) -> str:
    if value is ABSENT:
        return "(tidak ada)"
    if value is None:
        return "(kosong)"
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _natural(key: str) -> tuple[Any, ...]:
    # "3.10" after "3.9", "10.1" after "2.1": item ids read as people number them.
    parts = re.split(r"([0-9]+)", key)
    return tuple((0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p) for p in parts if p)


def _is_container(value: Any) -> bool:
    return isinstance(value, dict | list)


def diff(sealed: Any, current: Any, path: tuple[PathPart, ...] = ()) -> list[Change]:
    """Every leaf that differs between two plain values, in reading order.

    Dicts are compared key by key, lists of dicts or lists item by item; a list of plain values
    (e.g. a multi-valued field) is one value. Types count: "3" differs from 3 and True from 1.
    """
    if isinstance(sealed, dict) and isinstance(current, dict):
        keys = sorted(sealed.keys() | current.keys(), key=_natural)
        return [c for k in keys for c in diff(sealed.get(k, ABSENT), current.get(k, ABSENT), (*path, k))]
    if isinstance(sealed, list) and isinstance(current, list) and any(map(_is_container, sealed + current)):
        length = max(len(sealed), len(current))
        pad = [ABSENT] * length
        return [c for i, (a, b) in enumerate(zip((sealed + pad)[:length], (current + pad)[:length])) for c in diff(a, b, (*path, i))]
    if _same(sealed, current):
        return []
    return [Change(path, sealed, current)]


def _same(a: Any, b: Any) -> bool:
    if a is ABSENT or b is ABSENT:
        return a is b
    return canonical_bytes(a) == canonical_bytes(b)


# --- checking ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealCheck:
    state: State
    seal: Seal
    signature_valid: bool
    trusted: bool
    changes: tuple[Change, ...]

    @property
    def ok(self) -> bool:
        return self.state == "sah"

    def describe(self) -> str:
        """One line in Indonesian, e.g. 'SAH: disegel Budi (BKN), kunci 3F2A …, 12 Mei 2023 10:04 UTC; kunci dipercaya'."""
        s = self.seal
        who = f"{s.signer}, kunci {s.fingerprint}, {human_time(s.signed_at)}"
        if self.state == "sah":
            return f"SAH: disegel {who}; kunci dipercaya"
        if self.state == "kunci_tidak_dikenal":
            return (
                f"SAH, KUNCI TIDAK DIKENAL: disegel {who}; kunci ini tidak ada dalam daftar kunci tepercaya "
                "(cocokkan sidik jarinya dengan penanda tangan)"
            )
        reasons = []
        if not self.signature_valid:
            reasons.append("tanda tangan tidak cocok, segel itu sendiri telah diubah")
        if self.changes:
            names = ", ".join(c.where for c in self.changes[:3]) + (", …" if len(self.changes) > 3 else "")
            reasons.append(f"{len(self.changes)} isian berubah sejak disegel ({names})")
        if not self.signature_valid:
            return f"RUSAK: {'; '.join(reasons)}; mengaku disegel {who}"
        trust = "kunci dipercaya" if self.trusted else "kunci tidak dikenal"
        return f"RUSAK: {'; '.join(reasons)}; disegel {who}; {trust}"

    def report(self) -> str:
        """describe() followed by one indented line per change."""
        return "\n".join([self.describe(), *(f"  {c.describe()}" for c in self.changes)])


def human_time(iso: str) -> str:
    try:
        t = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return iso
    return f"{t.day} {_MONTHS[t.month - 1]} {t.year} {t:%H:%M} UTC"


def _key_id(fp: str) -> str:
    return re.sub(r"[\s:-]", "", fp).upper()


def check_seal(seal: Seal, current_content: dict[str, Any], trusted_fingerprints: Collection[str]) -> SealCheck:
    """Is the seal genuine, does the content still match it, and is the key one we accept?

    `rusak` if the signature fails (the seal was edited, including its signer name or embedded
    content) or the current content differs from the sealed content; then `changes` lists what.
    `kunci_tidak_dikenal` if genuine and unchanged but the key is not trusted; else `sah`.
    """
    valid = (
        seal.version == SEAL_FORMAT
        and _key_id(seal.fingerprint) == _key_id(fingerprint(seal.public_key))
        and PublicKey(seal.signer, seal.public_key).verify(seal.signature, _signed_bytes_or_none(seal))
    )
    changes = tuple(diff(seal.content, plain(current_content)))
    trusted = _key_id(fingerprint(seal.public_key)) in {_key_id(f) for f in trusted_fingerprints}
    state: State = "rusak" if not valid or changes else ("sah" if trusted else "kunci_tidak_dikenal")
    return SealCheck(state, seal, valid, trusted, changes)


def _signed_bytes_or_none(seal: Seal) -> bytes:
    try:
        return seal.signed_bytes()
    except NotPlain:
        # A Seal built by hand with unsealable content cannot have a valid signature.
        return b""
