"""Turn pydantic errors into located, Indonesian problems with "did you mean" hints."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InvalidFile
from .yamlio import Document

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """Base for file models: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


_MESSAGES = {
    "missing": "wajib diisi",
    "extra_forbidden": "kunci tidak dikenal",
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "decimal_type": "harus berupa angka",
    "decimal_parsing": "harus berupa angka",
    "finite_number": "harus berupa angka terhingga",
    "list_type": "harus berupa daftar (- ...)",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
    "too_short": "tidak boleh kosong",
    "string_too_short": "tidak boleh kosong",
    "bool_type": "harus ya/tidak (true/false)",
}


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names (as written in files) of the model that `loc` points into."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field_by_name(current, part)
            if field is None:
                return []
            current = field.annotation
        elif isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _field_by_name(model: type[BaseModel], name: Any):
    for n, f in model.model_fields.items():
        if name in (n, f.alias):
            return f
    return None


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


def _message(model: type[BaseModel], err: dict[str, Any]) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    if kind == "extra_forbidden" and loc:
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
        expected = err.get("ctx", {}).get("expected", "")
        return f"nilai '{err.get('input')}' tidak dikenal; pilih salah satu: {expected}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        ctx = err.get("ctx", {})
        sym = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"harus {sym} {bound} (tertulis {err.get('input')})"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return _MESSAGES.get(kind, err["msg"])


def validate(model: type[M], doc: Document, data: Any = None) -> M:
    """Validate a document against a model, raising every problem at once."""
    try:
        return model.model_validate(doc.data if data is None else data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(doc.problem(loc, _message(model, err), key=err["type"] == "extra_forbidden"))
        raise InvalidFile(problems) from None


def check(doc: Document, found: list[tuple[tuple[Any, ...], str]]) -> None:
    """Raise the semantic problems found after structural validation, if any."""
    if found:
        raise InvalidFile([doc.problem(loc, msg) for loc, msg in found])


def suggest(word: str, choices: list[str]) -> str:
    hint = difflib.get_close_matches(word, choices, n=1)
    return f"; maksud Anda '{hint[0]}'?" if hint else ""
