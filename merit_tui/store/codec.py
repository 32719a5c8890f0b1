"""Responses as rows and rows as responses. The columns of `responses` are the fields' file
keys (vocab.py); decimals are stored as exact text, document lists as JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..assessment import Response, docref
from ..model import to_data
from ..numbers import fmt
from ..vocab import FIELD_BY_NAME, RESPONSE_FIELDS

COLUMNS = tuple(f.key for f in RESPONSE_FIELDS)


def text(value: Decimal | None) -> str | None:
    return None if value is None else fmt(value)


def store_value(name: str, value: Any) -> str | None:
    """A field's value as its column holds it."""
    return _column(FIELD_BY_NAME[name].type, value)


def _column(kind: str, value: Any) -> str | None:
    if value is None:
        return None
    if kind == "decimal":
        return fmt(value)
    if kind == "list":
        return json.dumps(to_data(list(value)), ensure_ascii=False)
    return str(value)


def row_value(name: str, stored: str | None) -> Any:
    """A column value as the models hold it."""
    if stored is None:
        return None
    kind = FIELD_BY_NAME[name].type
    if kind == "decimal":
        return Decimal(stored)
    if kind == "list":
        return [docref(d) for d in json.loads(stored)]
    return stored


_KINDS = tuple((f.name, f.type) for f in RESPONSE_FIELDS)


def response_row(aid: int, r: Response, stamp: str, who: str) -> dict[str, Any]:
    row: dict[str, Any] = {"assessment_id": aid, "item_id": r.id, "updated_at": stamp, "updated_by": who}
    for (name, kind), key in zip(_KINDS, COLUMNS):  # the kinds looked up once, not per value
        value = getattr(r, name)
        row[key] = _column(kind, None if value in ("", []) else value)
    return row


def row_response(row: dict[str, Any]) -> Response:
    """A stored row as a Response (the store only holds values that were validated on the way in)."""
    values: dict[str, Any] = {}
    for f in RESPONSE_FIELDS:
        stored = row[f.key]
        if stored is not None and (f.type != "list" or stored):
            values[f.name] = row_value(f.name, stored)
    return Response(id=row["item_id"], **values)


def components_text(components: dict[str, Decimal]) -> str | None:
    """Component scores as the assessments table holds them: JSON of exact decimal text, by id (so
    the log's replay writes the same text)."""
    return json.dumps({k: fmt(v) for k, v in sorted(components.items())}, ensure_ascii=False) if components else None


def components_value(stored: str | None) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in json.loads(stored).items()} if stored else {}
