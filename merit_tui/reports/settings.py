"""What an agency sets once for its printed reports: who signs, where, the letterhead, its templates.

Kept in the database's settings table under the keys below (the same keys `merit setting` takes),
so every PC that opens the shared database prints the same signature block. Each key checks its
value before it is stored; a bad value never reaches a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from ..errors import MeritError, suggest
from ..text import char_label, clean_name, is_hidden

# Month names written out, so a date never depends on the PC's locale (Windows often runs in English).
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
# What prints where a setting is missing: a line to fill in by hand, visibly empty.
BLANK = "." * 40
BLANK_SHORT = "." * 24
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
_NIP = re.compile(r"[0-9 ]+")


class SettingsStore(Protocol):
    """The part of the store settings need (the Store facade and its Database both fit)."""

    def setting(self, key: str, default: str | None = None) -> str | None: ...


@dataclass(frozen=True)
class Setting:
    key: str
    label: str  # what it is, as `merit setting list` says it
    example: str
    check: Callable[[str], str]  # the value to store, or MeritError


def _name(what: str) -> Callable[[str], str]:
    return lambda value: clean_name(value, what)


def _nip(value: str) -> str:
    text = " ".join(clean_name(value, "NIP").split())
    digits = text.replace(" ", "")
    if not _NIP.fullmatch(text) or len(digits) != 18:
        raise MeritError(f"NIP “{text}” tidak sah: NIP terdiri atas 18 angka, boleh dipisah spasi "
                         "(mis. 19750101 199803 1 001)")
    # printed as the civil service writes it: birth date, appointment month, sex, number
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _path(value: str, what: str) -> Path:
    """A path as typed: spaces inside it are kept (a name would have them folded), hidden characters refused."""
    text = value.strip()
    if not text:
        raise MeritError(f"{what}: wajib diisi")
    hidden = next((ch for ch in text if is_hidden(ch)), None)
    if hidden is not None:
        raise MeritError(f"{what}: karakter tersembunyi {char_label(hidden)} tidak boleh ada di nama berkas")
    return Path(text).expanduser()


def _kop(value: str) -> str:
    path = _path(value, "kop")
    if not path.is_file():
        raise MeritError(f"kop: berkas {path} tidak ditemukan")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise MeritError(f"kop: berkas {path} tidak dapat dibaca ({exc.strerror})") from None
    # The content decides, not the name; the name must agree, as the PDF engine goes by it.
    suffix = path.suffix.lower()
    if head.startswith(PNG_MAGIC):
        ok = suffix == ".png"
    elif head.startswith(JPEG_MAGIC):
        ok = suffix in (".jpg", ".jpeg")
    else:
        raise MeritError(f"kop: {path} bukan gambar PNG atau JPEG")
    if not ok:
        raise MeritError(f"kop: isi {path} tidak cocok dengan akhiran namanya; ganti nama berkas menjadi .png atau .jpg")
    return str(path.resolve())


def _templates(value: str) -> str:
    path = _path(value, "templat")
    if not path.is_dir():
        raise MeritError(f"templat: folder {path} tidak ditemukan")
    if not any(p.suffix == ".typ" for p in path.iterdir() if p.is_file()):
        raise MeritError(f"templat: folder {path} tidak berisi berkas .typ; salin templat yang ingin diubah ke sana "
                         "(salinan templat bawaan: merit examples --to FOLDER, lalu FOLDER/templates/)")
    return str(path.resolve())


SETTINGS = (
    Setting("penandatangan.nama", "Nama penanda tangan (Kepala BKPSDM)", '"H. Nama Lengkap, S.STP., M.Si."',
            _name("nama penanda tangan")),
    Setting("penandatangan.nip", "NIP penanda tangan", '"19750101 199803 1 001"', _nip),
    Setting("penandatangan.jabatan", "Jabatan penanda tangan", '"Kepala BKPSDM Kabupaten Balangan"',
            _name("jabatan penanda tangan")),
    Setting("tempat", "Tempat penandatanganan", "Paringin", _name("tempat")),
    Setting("kop", "Gambar kop surat (PNG atau JPEG)", "kop-bkpsdm.png", _kop),
    Setting("templat", "Folder templat laporan milik instansi", "templat-bkpsdm/", _templates),
)
BY_KEY = {s.key: s for s in SETTINGS}
SIGNATORY = ("penandatangan.nama", "penandatangan.nip", "penandatangan.jabatan", "tempat")


def known(key: str) -> Setting:
    if key not in BY_KEY:
        raise MeritError(f"kunci pengaturan '{key}' tidak dikenal{suggest(key, list(BY_KEY))}; "
                         f"yang dikenal: {', '.join(BY_KEY)}")
    return BY_KEY[key]


def checked(key: str, value: str) -> str:
    """The value as it will be stored, or MeritError saying what is wrong with it."""
    return known(key).check(value)


def values(store: SettingsStore) -> dict[str, str | None]:
    return {s.key: store.setting(s.key) for s in SETTINGS}


def missing_signatory(given: dict[str, str | None]) -> list[str]:
    """The signature block's keys not set yet, so the user can be told what to set."""
    return [k for k in SIGNATORY if not given.get(k)]


def indonesian_date(day: date) -> str:
    """29 November 2026, whatever language the PC is set to."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def signature(given: dict[str, str | None], day: date) -> dict[str, str | None]:
    """The report's signature block; what is not set prints as a dotted line to fill in by hand."""
    return {
        "place_date": f"{given.get('tempat') or BLANK_SHORT}, {indonesian_date(day)}",
        "jabatan": given.get("penandatangan.jabatan") or BLANK,
        "nama": given.get("penandatangan.nama") or BLANK,
        "nip": given.get("penandatangan.nip") or BLANK_SHORT,
        "kop": given.get("kop") or None,
    }


def template_dir(given: dict[str, str | None]) -> Path | None:
    folder = given.get("templat")
    return Path(folder) if folder else None
