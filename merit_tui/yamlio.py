"""Safe YAML reading that remembers where every value came from.

pydantic does not know lines, so we keep the composed node tree next to the
data and walk an error's `loc` down it to a start mark.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InvalidFile, Problem

MAX_BYTES = 5 * 1024 * 1024


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
    return yaml.MarkedYAMLError(problem="alias YAML (*nama) tidak didukung; tulis nilainya langsung", problem_mark=mark)


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


def _construct_decimal(loader: Any, node: ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    try:
        value = Decimal(str(text).replace("_", ""))
    except InvalidOperation:
        return yaml.SafeLoader.construct_yaml_float(loader, node)
    return value if value.is_finite() else float(value)


_PyLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
if _CBase is not None:
    _CLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


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
    """Return (display name, text) of a file, with clean errors for I/O problems."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InvalidFile([Problem(name, None, None, "", f"berkas terlalu besar ({size} byte; batas {MAX_BYTES})")])
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InvalidFile([Problem(name, None, None, "", "berkas tidak ditemukan")]) from None
    except IsADirectoryError:
        raise InvalidFile([Problem(name, None, None, "", "ini folder, bukan berkas")]) from None
    except PermissionError:
        raise InvalidFile([Problem(name, None, None, "", "tidak ada izin membaca berkas")]) from None
    except OSError as exc:
        raise InvalidFile([Problem(name, None, None, "", f"tidak dapat dibaca: {exc.strerror}")]) from None
    return name, decode(raw, name)


def parse(text: str, filename: str) -> Document:
    """Parse one YAML document; syntax errors, aliases and duplicate keys become Problems."""
    if _CBase is not None:
        try:
            return _parse_with(_CLoader, text, filename, check_aliases=True)
        except _SharedNode:
            pass
    return _parse_with(_PyLoader, text, filename, check_aliases=False)


class _SharedNode(Exception):
    pass


def _parse_with(loader_class: Any, text: str, filename: str, check_aliases: bool) -> Document:
    loader = loader_class(text, filename)
    try:
        root = loader.get_single_node()
        if check_aliases and root is not None and _has_shared_node(root):
            raise _SharedNode
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        msg = exc.problem or str(exc)
        if "found character '\\t'" in msg or "tab character" in msg:
            msg = "karakter tab tidak boleh dipakai untuk indentasi YAML; gunakan spasi"
        raise InvalidFile([Problem(filename, line, col, "", f"YAML tidak valid: {msg}")]) from None
    except yaml.YAMLError as exc:
        raise InvalidFile([Problem(filename, None, None, "", f"YAML tidak valid: {exc}")]) from None
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


class _Dumper(yaml.SafeDumper):
    """Readable, diffable YAML: long text folded, Decimals written as exact numbers."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 70 and value == value.strip() and "  " not in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value.normalize(), "f")
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Decimal, _represent_decimal)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
