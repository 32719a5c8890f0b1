"""Safe YAML reading that remembers where every value came from.

pydantic does not know lines, so we keep the composed node tree next to the
data and walk an error's `loc` down it to a start mark.

Every way a file can be wrong ends as an InvalidFile of Problems in Indonesian
with file:line:col: PyYAML's and libyaml's English messages are translated
below, numbers are bounded while they are built, and the file itself is read
through safe_io.read_bounded.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .errors import InvalidFile, Problem
from .numbers import MAX_DIGITS, MAX_EXPONENT, fits
from .safe_io import read_bounded
from .yaml_messages import (
    ALIAS_MESSAGE,
    Refusal,
    bad_character,
    reader_problem,
    translate,
)

MAX_BYTES = 5 * 1024 * 1024
# Weights and scores are small: a longer number is a slip or an attack, and a huge one
# (1e999999) would be stored as a million-digit string, or stop Python's int() outright.
_NUMBER_TEXT_MAX = 64


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




def _alias_error(mark) -> yaml.MarkedYAMLError:
    return Refusal(problem=ALIAS_MESSAGE, problem_mark=mark)


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
        return number if fits(Decimal(repr(number))) else _too_big(loader, node, text)
    if not value.is_finite():
        return _scalar_problem(loader, node, f"{_preview(text)} bukan angka yang dapat dipakai (tak hingga atau NaN)")
    return value if fits(value) else _too_big(loader, node, text)


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
        raise InvalidFile([bad_character(filename, text, text[exc.start], exc.start)]) from None
    except ReaderError as exc:
        raise InvalidFile([reader_problem(filename, text, exc)]) from None
    try:
        root = loader.get_single_node()
        # only an alias (*name) shares a node: a document without "*" needs no walk over its nodes
        if check_aliases and root is not None and "*" in text and _has_shared_node(root):
            raise _SharedNode
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise InvalidFile([Problem(filename, line, col, "", f"YAML tidak valid: {translate(exc, text)}")]) from None
    except ReaderError as exc:
        raise InvalidFile([reader_problem(filename, text, exc)]) from None
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
