"""Validate file data into the models, with located, Indonesian problems and "did you mean" hints.

Plainly right data is validated without pydantic (fastpath.py). pydantic is imported here, the
first time data needs it, and nowhere else: the models are plain dataclasses (model.py), so
reading the database, listing assessments or scoring a valid file never pays for it.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Any, TypeVar

from . import fastpath
from .errors import InvalidFile
from .model import field_by_key, file_keys
from .numbers import MAX_DIGITS
from .text import excerpt
from .yamlio import Document

M = TypeVar("M")

_MESSAGES = {
    "missing": "wajib diisi",
    "missing_keyword_only_argument": "wajib diisi",
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "decimal_type": "harus berupa angka",
    "decimal_parsing": "harus berupa angka",
    "finite_number": "harus berupa angka terhingga",
    "decimal_max_digits": f"angka terlalu panjang (paling banyak {MAX_DIGITS} digit termasuk nol di depan atau di belakang koma)",
    "decimal_max_places": "terlalu banyak angka di belakang koma",
    "list_type": "harus berupa daftar (- ...)",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "dataclass_type": "harus berupa pemetaan (kunci: nilai)",
    "dataclass_args_type": "harus berupa pemetaan (kunci: nilai)",
    "too_short": "tidak boleh kosong",
    "string_too_short": "tidak boleh kosong",
    "string_pattern_mismatch": "hanya huruf kecil, angka, titik, garis bawah dan tanda hubung",
    "bool_type": "harus ya/tidak (true/false)",
}
_EXTRA = ("extra_forbidden", "unexpected_keyword_argument")
_adapters: dict[type, Any] = {}


def _adapter(model: type) -> Any:
    if model not in _adapters:
        from pydantic import TypeAdapter

        _adapters[model] = TypeAdapter(model)
    return _adapters[model]


def _fields_at(model: type, loc: tuple[Any, ...]) -> list[str]:
    """File keys of the model that `loc` points into."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if dataclasses.is_dataclass(current):
            field = field_by_key(current, str(part))
            if field is None:
                return []
            current = typing.get_type_hints(current, include_extras=True)[field.name]
        elif isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        else:
            return []
    current = _unwrap(current)
    return file_keys(current) if dataclasses.is_dataclass(current) else []


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated so we reach the model or list inside."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(inner) != 1:
                return tp
            tp = inner[0]
        else:
            return tp


def _message(model: type, err: dict[str, Any]) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    if kind in _EXTRA and loc:
        key = str(loc[-1])
        allowed = _fields_at(model, loc[:-1])
        hint = difflib.get_close_matches(key, allowed, n=1)
        msg = f"kunci tidak dikenal '{key}'"
        if hint:
            msg += f"; maksud Anda '{hint[0]}'?"
        elif allowed:
            msg += f"; yang dikenal: {', '.join(allowed)}"
        return msg
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " atau ")  # pydantic joins choices in English
        return f"nilai '{excerpt(err.get('input'))}' tidak dikenal; pilih salah satu: {expected}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        ctx = err.get("ctx", {})
        sym = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"harus {sym} {bound} (tertulis {excerpt(err.get('input'))})"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return _MESSAGES.get(kind, err["msg"])


def validate(model: type[M], doc: Document, data: Any = None) -> M:
    """Validate a document against a model, raising every problem at once."""
    value = doc.data if data is None else data
    try:
        return fastpath.validator(model)(value)
    except fastpath.Unsure:
        pass
    from pydantic import ValidationError

    try:
        return _adapter(model).validate_python(value)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(doc.problem(loc, _message(model, err), key=err["type"] in _EXTRA))
        raise InvalidFile(problems) from None


def check(doc: Document, found: list[tuple[tuple[Any, ...], str]]) -> None:
    """Raise the semantic problems found after structural validation, if any."""
    if found:
        raise InvalidFile([doc.problem(loc, msg) for loc, msg in found])
