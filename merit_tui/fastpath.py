"""Validation without pydantic for data that is plainly right.

Most files people score or import are valid and simple: strings where text is wanted, whole
numbers or exact decimals where numbers are, known keys only. For such data a validator built
from the model's own field types (this module) gives exactly what pydantic would, in a fraction
of the time and without importing pydantic, whose import and schema building cost three times
a whole `merit score`. Anything the simple validator is not sure about (an unknown key, a
number written as text, a wrong type, a value out of range) is handed to pydantic, which stays
the one authority on what is wrong and where. `tests/test_fastpath.py` checks, over many random
documents, that whatever this accepts pydantic accepts with the same result.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .model import Before, Constrained, file_key


class Unsure(Exception):
    """The simple validator cannot vouch for this data; pydantic decides."""


Check = Callable[[Any], Any]
_compiled: dict[type, Check] = {}
# Python's str.strip() also strips these four separators; pydantic's does not
_SEPARATORS = re.compile("[\x1c-\x1f]")


def validator(model: type) -> Check:
    if model not in _compiled:
        _compiled[model] = _model(model)
    return _compiled[model]


def _model(cls: type) -> Check:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = {}
    required = set()
    for f in dataclasses.fields(cls):
        fields[file_key(cls, f.name)] = (f.name, _type(hints[f.name]))
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.add(f.name)

    def check(data: Any) -> Any:
        if type(data) is not dict:
            raise Unsure
        values = {}
        for key, value in data.items():
            found = fields.get(key) if type(key) is str else None
            if found is None:
                raise Unsure
            name, convert = found
            values[name] = convert(value)
        if not required <= values.keys():
            raise Unsure
        return cls(**values)

    return check


def _type(tp: Any) -> Check:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(tp)
        convert = _type(base)
        befores = [m.convert for m in meta if isinstance(m, Before)]
        limits = [m.constraints for m in meta if isinstance(m, Constrained)]
        if len(limits) + len(befores) != len(meta) or len(befores) > 1:
            raise TypeError(f"no simple validator for {tp}")
        if limits:
            convert = _constrained(convert, {k: v for c in limits for k, v in c.items()})
        if befores:
            convert = _before(befores[0], convert)
        return convert
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no simple validator for {tp}")
        inner = _type(args[0])
        return lambda v: None if v is None else inner(v)
    if origin is typing.Literal:
        allowed = set(typing.get_args(tp))
        if not all(type(a) is str for a in allowed):
            raise TypeError(f"no simple validator for {tp}")
        return lambda v: v if type(v) is str and v in allowed else _unsure()
    if origin is dict:
        key, value = typing.get_args(tp)
        if key is not str:
            raise TypeError(f"no simple validator for {tp}")
        inner = _type(value)
        return lambda v: {k: inner(i) for k, i in v.items()} if type(v) is dict and all(type(k) is str for k in v) else _unsure()
    if origin is list:
        (item,) = typing.get_args(tp)
        inner = _type(item)
        return lambda v: [inner(i) for i in v] if type(v) is list else _unsure()
    if tp is str:
        return lambda v: v if type(v) is str else _unsure()
    if tp is int:
        return lambda v: v if type(v) is int else _unsure()
    if tp is Decimal:
        return _decimal
    if dataclasses.is_dataclass(tp):
        return validator(tp)
    raise TypeError(f"no simple validator for {tp}")


def _before(first: Check, then: Check) -> Check:
    def check(v: Any) -> Any:
        try:
            v = first(v)
        except ValueError:
            raise Unsure from None  # pydantic says what is wrong, and where
        return then(v)

    return check


def _decimal(v: Any) -> Decimal:
    if type(v) is Decimal and v.is_finite():
        return v
    if type(v) is int:
        return Decimal(v)
    raise Unsure


def _constrained(convert: Check, limits: dict[str, Any]) -> Check:
    unknown = set(limits) - {"strip_whitespace", "min_length", "pattern", "gt", "ge", "le", "max_digits"}
    if unknown:
        raise TypeError(f"no simple validator for constraints {unknown}")
    pattern = re.compile(limits["pattern"].removeprefix("^").removesuffix("$")) if "pattern" in limits else None

    def check(v: Any) -> Any:
        v = convert(v)
        if limits.get("strip_whitespace"):
            if _SEPARATORS.search(v):
                raise Unsure
            v = v.strip()
        if "min_length" in limits and len(v) < limits["min_length"]:
            raise Unsure
        if pattern is not None and not pattern.fullmatch(v):
            raise Unsure
        if "max_digits" in limits and _digits(v) > limits["max_digits"]:
            raise Unsure
        if ("gt" in limits and not v > limits["gt"]) or ("ge" in limits and not v >= limits["ge"]) or ("le" in limits and not v <= limits["le"]):
            raise Unsure
        return v

    return check


def _digits(v: Decimal) -> int:
    """Digits as pydantic counts them for max_digits: 1E+30 has 31, 0.001 has 3."""
    t = v.as_tuple()
    assert isinstance(t.exponent, int)
    return len(t.digits) + t.exponent if t.exponent >= 0 else max(len(t.digits), -t.exponent)


def _unsure() -> Any:
    raise Unsure
