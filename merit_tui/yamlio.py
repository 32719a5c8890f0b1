"""Safe YAML reading that remembers where every value came from.

pydantic does not know lines, so we keep the composed node tree next to the
data and walk an error's `loc` down it to a start mark.

Every way a file can be wrong ends as an InvalidFile of Problems in Indonesian
with file:line:col: PyYAML's and libyaml's English messages are translated
below, numbers are bounded while they are built, and the file itself is read
through safe_io.read_bounded.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .errors import InvalidFile, Problem
from .safe_io import read_bounded
from .text import char_label

MAX_BYTES = 5 * 1024 * 1024
# Weights and scores are small: a longer number is a slip or an attack, and a huge one
# (1e999999) would be stored as a million-digit string, or stop Python's int() outright.
MAX_DIGITS = 30
MAX_EXPONENT = 30
_NUMBER_TEXT_MAX = 64


class _Refusal(yaml.MarkedYAMLError):
    """A refusal of ours, already in Indonesian: not to be translated."""


class _PyLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as exact Decimals, refuses aliases and reports duplicate keys."""

    def __init__(self, stream: str, filename: str) -> None:
        super().__init__(stream)
        self.filename = filename
        self.problems: list[Problem] = []

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            raise _alias_error(self.peek_event().start_mark)
        return Composer.compose_node(self, parent, index)

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        _check_duplicates(self, node)
        return super().construct_mapping(node, deep=deep)


# libyaml composes many times faster; it cannot stop at an alias, so a shared node
# sends the document back through the pure-Python loader to find the alias's line.
_CBase = getattr(yaml, "CSafeLoader", None)


if _CBase is not None:

    class _CLoader(_CBase):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str, filename: str) -> None:
            super().__init__(stream)
            self.filename = filename
            self.problems: list[Problem] = []

        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            _check_duplicates(self, node)
            return super().construct_mapping(node, deep=deep)


ALIAS_MESSAGE = "alias YAML (*nama) tidak didukung; tulis nilainya langsung"
TAB_MESSAGE = "karakter tab tidak boleh dipakai untuk indentasi YAML; gunakan spasi"


def _alias_error(mark) -> yaml.MarkedYAMLError:
    return _Refusal(problem=ALIAS_MESSAGE, problem_mark=mark)


def _check_duplicates(loader, node: MappingNode) -> None:
    seen: dict[Any, Node] = {}
    for key_node, _ in node.value:
        if isinstance(key_node, ScalarNode):
            key = key_node.value
            if key in seen:
                mark = key_node.start_mark
                loader.problems.append(
                    Problem(
                        loader.filename, mark.line + 1, mark.column + 1, str(key),
                        f"kunci ganda '{key}' (sudah ada di baris {seen[key].start_mark.line + 1})",
                    )
                )
            seen[key] = key_node


def _has_shared_node(root: Node) -> bool:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for k, v in node.value:
                stack += (k, v)
        elif isinstance(node, SequenceNode):
            stack += node.value
    return False


# ---------- scalars: bounded numbers, real dates ----------


def _scalar_problem(loader: Any, node: ScalarNode, message: str) -> None:
    """Record a bad value with its place and carry on, so one run reports every bad value."""
    mark = node.start_mark
    loader.problems.append(Problem(loader.filename, mark.line + 1, mark.column + 1, "", message))


def _preview(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def _too_big(loader: Any, node: ScalarNode, text: str) -> None:
    _scalar_problem(
        loader, node,
        f"angka terlalu besar/terlalu panjang: {_preview(text)} (paling banyak {MAX_DIGITS} digit, eksponen ±{MAX_EXPONENT}; "
        "apit dengan tanda kutip bila ini teks)",
    )


def _fits(value: Decimal) -> bool:
    return value.is_finite() and len(value.as_tuple().digits) <= MAX_DIGITS and abs(value.adjusted()) <= MAX_EXPONENT


def _construct_int(loader: Any, node: ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    if len(text) > _NUMBER_TEXT_MAX:  # before int(): 5000 digits would raise Python's int-digits ValueError
        return _too_big(loader, node, text)
    try:
        value = SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # "0x_" and "0b_" match YAML's int pattern but hold no digits
        return _scalar_problem(loader, node, f"bilangan bulat tidak sah: {_preview(text)}")
    if abs(value) >= 10**MAX_DIGITS:
        return _too_big(loader, node, text)
    return value


def _construct_decimal(loader: Any, node: ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    if len(text) > _NUMBER_TEXT_MAX:
        return _too_big(loader, node, text)
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        # YAML spellings Decimal does not know: .inf, .nan, sexagesimal 1:30.5.
        number = SafeConstructor.construct_yaml_float(loader, node)
        if number != number or number in (float("inf"), float("-inf")):
            return _scalar_problem(loader, node, f"{_preview(text)} bukan angka yang dapat dipakai (tak hingga atau NaN)")
        return number if _fits(Decimal(repr(number))) else _too_big(loader, node, text)
    if not value.is_finite():
        return _scalar_problem(loader, node, f"{_preview(text)} bukan angka yang dapat dipakai (tak hingga atau NaN)")
    return value if _fits(value) else _too_big(loader, node, text)


def _construct_timestamp(loader: Any, node: ScalarNode) -> Any:
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):  # 2022-13-45 matches YAML's date pattern; datetime refuses it
        return _scalar_problem(loader, node, f"tanggal atau waktu tidak sah: {_preview(str(node.value))}")


for _loader in (_PyLoader, *((_CLoader,) if _CBase is not None else ())):
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
del _loader


# ---------- PyYAML and libyaml messages in Indonesian ----------

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
    if isinstance(exc, _Refusal):
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


def _bad_character(filename: str, text: str, ch: str, position: int | None) -> Problem:
    """A character the YAML reader refuses, found in the text so its line and column are exact."""
    index = text.find(ch)
    if index < 0:
        index = position if position is not None and 0 <= position <= len(text) else -1
    line = col = None
    if index >= 0:
        line = text.count("\n", 0, index) + 1
        col = index - text.rfind("\n", 0, index)
    return Problem(filename, line, col, "", f"YAML tidak valid: karakter tak tercetak {char_label(ch)} tidak boleh ada di berkas YAML; hapus karakter itu")


def _reader_problem(filename: str, text: str, exc: ReaderError) -> Problem:
    ch = chr(exc.character) if isinstance(exc.character, int) else "\ufffd"
    return _bad_character(filename, text, ch, exc.position)


# ---------- documents ----------


class Document:
    """Parsed YAML data plus its node tree, for locating problems."""

    def __init__(self, filename: str, data: Any, root: Node | None, text: str) -> None:
        self.filename = filename
        self.data = data
        self.root = root
        self.text = text

    def locate(self, loc: tuple[Any, ...], key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the deepest node `loc` reaches (its key, if `key`)."""
        node = self.root
        if node is None:
            return None, None
        best: Node = node
        for depth, part in enumerate(loc):
            key_node, nxt = None, None
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if k.value == str(part):
                        key_node, nxt = k, v
                        break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                nxt = node.value[part]
            if nxt is None:
                break
            last = depth == len(loc) - 1
            node = best = key_node if (key and last and key_node is not None) else nxt
        mark = best.start_mark
        return mark.line + 1, mark.column + 1

    def problem(self, loc: tuple[Any, ...], message: str, key: bool = False) -> Problem:
        line, col = self.locate(loc, key)
        return Problem(self.filename, line, col, dotted(loc), message)


def dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def decode(raw: bytes, filename: str) -> str:
    """UTF-8 text (a BOM is allowed); anything else is refused with its line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFile(
            [Problem(filename, line, None, "", f"berkas bukan teks UTF-8 (byte 0x{raw[exc.start]:02x} di posisi {exc.start}); simpan ulang sebagai UTF-8")]
        ) from None


def read_path(path: str | Path) -> tuple[str, str]:
    """Return (display name, text) of a file; a FIFO, device, oversized or changing file is refused."""
    name = str(path)
    return name, decode(read_bounded(path, MAX_BYTES), name)


def parse(text: str, filename: str) -> Document:
    """Parse one YAML document; syntax errors, aliases, duplicate keys and wild numbers become Problems."""
    if _CBase is not None:
        try:
            return _parse_with(_CLoader, text, filename, check_aliases=True)
        except _SharedNode:
            pass
    return _parse_with(_PyLoader, text, filename, check_aliases=False)


class _SharedNode(Exception):
    pass


def _parse_with(loader_class: Any, text: str, filename: str, check_aliases: bool) -> Document:
    try:
        loader = loader_class(text, filename)  # PyYAML's reader checks every character here
    except UnicodeEncodeError as exc:  # a lone surrogate cannot be handed to libyaml
        raise InvalidFile([_bad_character(filename, text, text[exc.start], exc.start)]) from None
    except ReaderError as exc:
        raise InvalidFile([_reader_problem(filename, text, exc)]) from None
    try:
        root = loader.get_single_node()
        if check_aliases and root is not None and _has_shared_node(root):
            raise _SharedNode
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise InvalidFile([Problem(filename, line, col, "", f"YAML tidak valid: {translate(exc, text)}")]) from None
    except ReaderError as exc:
        raise InvalidFile([_reader_problem(filename, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise InvalidFile([Problem(filename, None, None, "", f"YAML tidak valid: kesalahan sintaks YAML ({exc})")]) from None
    except RecursionError:
        raise InvalidFile([Problem(filename, None, None, "", "YAML terlalu dalam bersarang")]) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise InvalidFile(loader.problems)
    return Document(filename, data, root, text)


def load_path(path: str | Path) -> Document:
    name, text = read_path(path)
    return parse(text, name)


# ---------- writing ----------


class _Dumper(yaml.SafeDumper):
    """Readable, diffable YAML: long text folded, Decimals written as exact numbers."""


# Characters YAML treats as line breaks (NEL, U+2028/9, CR) or that are not printable: in
# plain, quoted-single and block styles they come back changed, so only "\…" escapes keep them.
_NEEDS_ESCAPE = re.compile("[\r\x85\u2028\u2029\ufeff]|[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _NEEDS_ESCAPE.search(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 70 and value == value.strip() and "  " not in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    # normalize() rounds to the context's 28 digits unless told the precision the value has.
    text = format(value.normalize(Context(prec=max(len(value.as_tuple().digits), 1))), "f")
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Decimal, _represent_decimal)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
