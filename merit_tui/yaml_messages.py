"""PyYAML's and libyaml's English messages in Indonesian, with the line and column kept.

tests/test_hostile_yaml.py checks that every problem text in both is matched here.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.reader import ReaderError

from .errors import Problem
from .text import char_label

ALIAS_MESSAGE = "alias YAML (*nama) tidak didukung; tulis nilainya langsung"
TAB_MESSAGE = "karakter tab tidak boleh dipakai untuk indentasi YAML; gunakan spasi"


class Refusal(yaml.MarkedYAMLError):
    """A refusal of ours, already in Indonesian: not to be translated."""



_QUOTE_TIP = "untuk jalur Windows pakai tanda kutip tunggal ('C:\\Data'), atau tulis '\\\\'"
_INDENT_TIP = "periksa indentasi: baris ini tidak sejajar dengan baris di atasnya"

# Pattern on the English problem (PyYAML's wording, then libyaml's) → Indonesian.
# tests/test_hostile_yaml.py checks that every problem text in both is matched here.
_PROBLEMS: list[tuple[str, str]] = [
    (r"found a tab character .*", TAB_MESSAGE),
    (r"could not find expected ':'", "tanda ':' setelah kunci tidak ditemukan (baris terputus, atau tanda kutip belum ditutup?)"),
    (r"mapping keys are not allowed (?:here|in this context)", "kunci pemetaan ('? ') tidak boleh di sini; " + _INDENT_TIP),
    (r"mapping values are not allowed (?:here|in this context)",
     "tanda ': ' tidak boleh di sini; apit nilai yang memuat ': ' dengan tanda kutip, atau periksa indentasi"),
    (r"(?:block )?sequence entries are not allowed (?:here|in this context)", "butir daftar '- ' tidak boleh di sini; " + _INDENT_TIP),
    (r"found unexpected end of stream", "berkas berakhir sebelum teks ditutup (tanda kutip penutup hilang?)"),
    (r"found unexpected document (?:separator|indicator)", "penanda dokumen ('---' atau '...') muncul sebelum tanda kutip ditutup"),
    (r"found unknown escape character.*", "urutan '\\' tidak dikenal dalam teks bertanda kutip ganda; " + _QUOTE_TIP),
    (r"expected escape sequence of \d+ hexadecimal numbers, but found .*|did not find expected hexdecimal number"
     r"|found invalid Unicode character escape code",
     "urutan '\\x', '\\u' atau '\\U' tidak sah dalam teks bertanda kutip ganda; " + _QUOTE_TIP),
    (r"expected indentation indicator in the range 1-9, but found 0|found an indentation indicator equal to 0",
     "angka indentasi setelah '|' atau '>' harus 1–9, bukan 0"),
    (r"expected chomping or indentation indicators, but found .*", "setelah '|' atau '>' hanya boleh '+', '-' atau angka 1–9"),
    (r"expected a comment or a line break, but found .*|did not find expected comment or line break",
     "setelah penanda ini hanya boleh komentar (#) atau akhir baris"),
    (r"expected alphabetic or numeric character, but found .*|did not find expected alphabetic or numeric character",
     "nama jangkar (&), alias (*) atau direktif (%) hanya boleh huruf dan angka"),
    (r"expected a digit(?: or '[. ]')?, but found .*|did not find expected digit or '\.' character|did not find expected version number"
     r"|found extremely long version number|could not find expected directive name|found unexpected non-alphabetical character"
     r"|found unknown directive name|did not find expected whitespace(?: or line break)?",
     "direktif '%' tidak sah; berkas merit-tui tidak memerlukan baris '%'"),
    (r"expected ' ', but found .*", "diharapkan spasi setelah tag (!) ini"),
    (r"expected '>', but found .*|did not find the expected '>'|expected '!', but found .*|did not find expected '!'"
     r"|expected URI, but found .*|did not find expected tag URI|expected URI escape sequence of 2 hexadecimal numbers, but found .*"
     r"|did not find URI escaped octet|found an incorrect (?:leading|trailing) UTF-8 octet|found undefined tag handle.*"
     r"|duplicate tag handle.*|found duplicate %TAG directive",
     "tag YAML (!…) tidak sah; hapus tanda '!' atau apit nilai dengan tanda kutip"),
    (r"expected '<document start>', but found .*|did not find expected <(?:document |stream-)start>",
     "diharapkan awal dokumen ('---') setelah baris '%'"),
    (r"found duplicate (?:%)?YAML directive|found incompatible YAML document.*|incompatible %YAML directive",
     "versi YAML tidak didukung; hapus baris '%YAML'"),
    (r"expected the node content, but found .*|did not find expected node content",
     "nilai yang diharapkan tidak ada (tanda ',', ']', '}' atau '-' di tempat yang salah?)"),
    (r"expected <block end>, but found .*|did not find expected key", _INDENT_TIP),
    (r"did not find expected '-' indicator", "diharapkan butir daftar '- '; " + _INDENT_TIP),
    (r"expected ',' or '\]', but got .*|did not find expected ',' or '\]'", "daftar [ … ] belum ditutup: diharapkan ',' atau ']'"),
    (r"expected ',' or '\}', but got .*|did not find expected ',' or '\}'", "pemetaan { … } belum ditutup: diharapkan ',' atau '}'"),
    (r"found unexpected ':'", "tanda ':' tak terduga; apit nilai dengan tanda kutip"),
    (r"but found another document", "berkas hanya boleh berisi satu dokumen YAML; hapus '---' kedua beserta isinya"),
    (r"found undefined alias.*", ALIAS_MESSAGE),
    (r"second occurrence", "nama jangkar (&nama) dipakai dua kali"),
    (r"found unhashable key", "kunci tidak boleh berupa daftar atau pemetaan"),
    (r"found unconstructable recursive node", ALIAS_MESSAGE),
    (r"expected a (?:scalar|sequence|mapping) node, but found .*", "jenis nilai tidak sesuai dengan tag-nya"),
    (r"expected a mapping (?:or list of mappings )?for merging, but found .*", "kunci gabungan '<<' harus berisi pemetaan"),
    (r"failed to (?:convert base64 data into ascii|decode base64 data).*", "data !!binary tidak sah"),
    (r"expected a sequence, but found .*|expected a mapping of length 1, but found .*|expected a single mapping item, but found .*",
     "!!omap dan !!pairs harus berupa daftar pemetaan satu kunci"),
    (r"could not determine a constructor for the tag (?P<tag>.*)",
     "tag {tag} tidak didukung; hapus tag itu (berkas merit-tui hanya berisi teks, angka, daftar dan pemetaan)"),
    (r"exceeded maximum nesting depth", "YAML terlalu dalam bersarang"),
]

# Where the construct the problem is in began, for the "; … di baris L, kolom C" tail.
_CONTEXTS: list[tuple[str, str | None]] = [
    (r"while (?:scanning|parsing) a (?:double-)?quoted scalar", "teks bertanda kutip dimulai"),
    (r"while scanning a plain scalar", "teks dimulai"),
    (r"while scanning a block scalar", "blok teks (| atau >) dimulai"),
    (r"while scanning a simple key", "kunci dimulai"),
    (r"while parsing a block mapping|while constructing a mapping", "pemetaan dimulai"),
    (r"while parsing a block collection", "daftar dimulai"),
    (r"while parsing a flow sequence", "daftar [ … ] dimulai"),
    (r"while parsing a flow mapping", "pemetaan { … } dimulai"),
    (r"while parsing a (?:block |flow )?node", "nilai dimulai"),
    (r"while (?:scanning|parsing) an? (?:%YAML |%TAG |tag )?directive", "direktif dimulai"),
    (r"while scanning an anchor", "jangkar (&) dimulai"),
    (r"while scanning an alias", "alias (*) dimulai"),
    (r"while (?:scanning|parsing) a tag", "tag (!) dimulai"),
    (r"while constructing (?:an ordered map|pairs)", "nilai dimulai"),
    (r"expected a single document in the stream", "dokumen pertama dimulai"),
    (r"found duplicate anchor.*first occurrence", "pertama kali"),
    (r"while scanning for the next token|while increasing (?:block|flow) level", None),
]


def _lookup(table: list[tuple[str, Any]], english: str) -> tuple[bool, Any]:
    for pattern, indonesian in table:
        m = re.fullmatch(pattern, english, flags=re.DOTALL)
        if m:
            return True, indonesian.format(**m.groupdict()) if m.groupdict() else indonesian
    return False, None


def _char_at(text: str, mark: Any) -> str | None:
    lines = text.splitlines()
    if mark is not None and 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return None


def translate(exc: yaml.MarkedYAMLError, text: str) -> str:
    """An Indonesian message for a PyYAML/libyaml error; unknown English is kept in parentheses."""
    if isinstance(exc, Refusal):
        return str(exc.problem)
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or str(exc)
    if "cannot start any token" in problem:
        # libyaml does not say which character; the text does.
        ch = _char_at(text, mark)
        if ch == "\t" or "'\\t'" in problem:
            return TAB_MESSAGE
        shown = f" {char_label(ch)}" if ch and not ch.isprintable() else f" '{ch}'" if ch else ""
        return f"karakter{shown} tidak boleh mengawali nilai; apit nilai dengan tanda kutip"
    found, message = _lookup(_PROBLEMS, problem)
    if not found:
        message = f"kesalahan sintaks YAML ({problem})"
    if message in (TAB_MESSAGE, ALIAS_MESSAGE):
        return message  # where the enclosing text began does not help with these
    cm, pm = exc.context_mark, exc.problem_mark
    if exc.context and exc.problem and cm is not None and (pm is None or (cm.line, cm.column) != (pm.line, pm.column)):
        known, phrase = _lookup(_CONTEXTS, exc.context)
        where = f"baris {cm.line + 1}, kolom {cm.column + 1}"
        if not known:
            message += f"; ({exc.context}) {where}"
        elif phrase:
            message += f"; {phrase} di {where}"
    return message


def bad_character(filename: str, text: str, ch: str, position: int | None) -> Problem:
    """A character the YAML reader refuses, found in the text so its line and column are exact."""
    index = text.find(ch)
    if index < 0:
        index = position if position is not None and 0 <= position <= len(text) else -1
    line = col = None
    if index >= 0:
        line = text.count("\n", 0, index) + 1
        col = index - text.rfind("\n", 0, index)
    return Problem(filename, line, col, "", f"YAML tidak valid: karakter tak tercetak {char_label(ch)} tidak boleh ada di berkas YAML; hapus karakter itu")


def reader_problem(filename: str, text: str, exc: ReaderError) -> Problem:
    ch = chr(exc.character) if isinstance(exc.character, int) else "\ufffd"
    return bad_character(filename, text, ch, exc.position)
