"""How the data models are declared: frozen dataclasses that pydantic validates on demand.

Models are plain dataclasses so that importing them costs nothing (defining pydantic models
costs more than a whole `merit score`); pydantic builds a validator for them the first time a
file is validated (see validation.py). Each model lists its file keys (Indonesian, from
vocab.py) once; validation, error locations and `to_data` all use that one mapping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from .errors import MeritError
from .text import clean_name, clean_note

T = TypeVar("T")


def model(keys: Mapping[str, str] | None = None) -> Callable[[type[T]], type[T]]:
    """Declare a frozen, keyword-only dataclass whose fields are written in files under `keys`
    (code name -> file key; unlisted fields keep their name). Unknown keys are errors."""

    keys = dict(keys or {})

    def wrap(cls: type[T]) -> type[T]:
        cls = dataclasses.dataclass(frozen=True, kw_only=True)(cls)
        config: dict[str, Any] = {"extra": "forbid"}
        if keys:
            config["alias_generator"] = lambda name: keys.get(name, name)
        cls.__pydantic_config__ = config  # type: ignore[attr-defined]
        cls.__file_keys__ = keys  # type: ignore[attr-defined]
        return cls

    return wrap


def file_key(cls: type, name: str) -> str:
    return getattr(cls, "__file_keys__", {}).get(name, name)


def file_keys(cls: type) -> list[str]:
    """The keys a file may use for this model, in declaration order."""
    return [file_key(cls, f.name) for f in dataclasses.fields(cls)]


def field_by_key(cls: type, key: str) -> dataclasses.Field | None:
    return next((f for f in dataclasses.fields(cls) if file_key(cls, f.name) == key), None)


def to_data(obj: Any, drop_empty: tuple[str, ...] = ()) -> Any:
    """A model as the plain data a file holds: file keys in declaration order, None left out
    (and the empty lists or mappings of the fields named in `drop_empty`). A model may write itself shorter
    with a `file_value()` method."""
    if hasattr(obj, "file_value"):
        return obj.file_value()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is None or (value in ([], {}) and f.name in drop_empty):
                continue
            out[file_key(type(obj), f.name)] = to_data(value, drop_empty)
        return out
    if isinstance(obj, dict):
        return {k: to_data(v, drop_empty) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_data(v, drop_empty) for v in obj]
    return obj


class Constrained:
    """Constraints added to the core schema pydantic builds for the annotated type (min_length,
    pattern, gt, ge, le, strip_whitespace…), so models need not import pydantic."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), **self.constraints}


class Before:
    """A plain conversion applied to the file's value before it is validated (a shorthand a file
    may use, such as a document written as just its name)."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.convert, handler(source))


def _hygiene(clean: Callable[[object, str], str]) -> Callable[[Any], Any]:
    """A text.py cleaner as a validation step: hidden characters refused (named, with their
    position), Unicode normalised, so equal-looking text compares equal."""

    def convert(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the type check says what is wrong
        try:
            return clean(value, "")
        except MeritError as exc:
            raise ValueError(exc.message.removeprefix(": ")) from None

    return convert


# A name on one line (instansi, category, a document's name); free text (notes, rubric texts).
Name = Annotated[str, Constrained(strip_whitespace=True, min_length=1), Before(_hygiene(clean_name))]
Text = Annotated[str, Constrained(strip_whitespace=True, min_length=1), Before(_hygiene(clean_note))]
Note = Annotated[str, Before(_hygiene(clean_note))]
NonEmpty = Annotated[str, Constrained(min_length=1)]
Identifier = Annotated[str, Constrained(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
Positive = Annotated[Decimal, Constrained(gt=Decimal(0))]
Year = Annotated[int, Constrained(ge=2000, le=2100)]
