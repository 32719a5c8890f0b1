"""An assessment's whole stored state as plain data, and the log replayed into the same shape.

The log records every change; `replay` applies the events in order and `compare` sets the result
beside the tables, so a row edited behind the store's back (a direct UPDATE with sqlite3) is
found and named with both values. Full-state events (an import, a deletion, the baseline a
migration wrote) carry this shape as JSON; field events change one value in it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..vocab import PLAN_KEYS, RESPONSE_FIELDS
from .codec import components_text, components_value
from .connection import Database

# columns that are bookkeeping, not content
_SKIP_ASSESSMENT = {"id", "rubric_pk", "created_at", "updated_at"}
RESPONSE_COLUMNS = tuple(f.key for f in RESPONSE_FIELDS)
PLAN_COLUMNS = tuple(PLAN_KEYS.values())
# events that carry a whole state (as JSON in `new`), and the one that removes it (in `old`)
IMPORT, CONTENT, UNDELETE = "impor", "isi", "pulih"
FULL_STATE = (IMPORT, CONTENT, UNDELETE)
DELETED = "hapus"
STATUS = "status_penilaian"
OFFICIAL = "hasil_resmi"
RUBRIC = "versi_rubrik"
PLAN_PREFIX = "rencana."
AGENCY_KIND = "jenis_instansi"  # maturity: the agency kind, a column of assessments
COMPONENT_PREFIX = "komponen."  # maturity: one component score, kept with the others as JSON


def to_json(state: dict[str, Any]) -> str:
    return json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def assessment_state(db: Database, aid: int) -> dict[str, Any] | None:
    rows = db.query("SELECT * FROM assessments WHERE id = ?", [aid])
    if not rows:
        return None
    row = rows[0]
    rubric = db.execute("SELECT rubric_id, version FROM rubrics WHERE pk = ?", [row["rubric_pk"]]).fetchone()
    state: dict[str, Any] = {k: v for k, v in row.items() if k not in _SKIP_ASSESSMENT and v is not None}
    state["rubrik"] = f"{rubric[0]}@{rubric[1]}"
    state["butir"] = _items(db, "responses", RESPONSE_COLUMNS, aid)
    state["rencana"] = _items(db, "plan_items", PLAN_COLUMNS, aid)
    return state


def _items(db: Database, table: str, columns: tuple[str, ...], aid: int) -> dict[str, dict[str, str]]:
    # SELECT *: a migration takes its baseline before later migrations add their columns
    out: dict[str, dict[str, str]] = {}
    for row in db.query(f"SELECT * FROM {table} WHERE assessment_id = ?", [aid]):
        values = {c: row[c] for c in columns if row.get(c) is not None}
        if values:
            out[row["item_id"]] = values
    return out


def official_json(row: dict[str, Any]) -> str | None:
    """The official result as its event records it."""
    values = {k: row[k] for k in ("official_index", "official_category", "official_source") if row.get(k) is not None}
    return to_json(values) if values else None


@dataclass(frozen=True)
class Mismatch:
    aid: int
    where: str
    logged: Any
    stored: Any

    def describe(self) -> str:
        return f"penilaian {self.aid}, {self.where}: menurut log {_show(self.logged)}, tersimpan {_show(self.stored)}"


def _show(value: Any) -> str:
    if value is None:
        return "∅"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 50 else text[:49] + "…"


def replay(db: Database) -> tuple[dict[int, dict[str, Any]], set[int]]:
    """Every assessment's state as the log tells it, and the ids whose history starts before the
    log recorded whole states (a database from before that; never after its baseline)."""
    states: dict[int, dict[str, Any]] = {}
    unknown: set[int] = set()
    for aid, item, field, new in db.execute(
        "SELECT assessment_id, item_id, field, new FROM events WHERE assessment_id IS NOT NULL ORDER BY id"
    ):
        if field in FULL_STATE:
            try:
                states[aid] = json.loads(new)
                unknown.discard(aid)
            except (TypeError, ValueError):
                unknown.add(aid)  # an import recorded before whole states were logged
            continue
        if field == DELETED:
            states.pop(aid, None)
            continue
        state = states.get(aid)
        if state is None:
            unknown.add(aid)
            continue
        if field == STATUS:
            state["status"] = new
        elif field == OFFICIAL:
            for k in ("official_index", "official_category", "official_source"):
                state.pop(k, None)
            state.update(json.loads(new) if new else {})
        elif field == RUBRIC:
            state["rubrik"] = new
        elif field == AGENCY_KIND:
            _put(state, AGENCY_KIND, new)
        elif field.startswith(COMPONENT_PREFIX):
            components = components_value(state.get("komponen"))
            components.pop(field[len(COMPONENT_PREFIX):], None)
            if new is not None:
                components[field[len(COMPONENT_PREFIX):]] = Decimal(new)
            _put(state, "komponen", components_text(components))
        elif item is not None and field in RESPONSE_COLUMNS:
            _set(state["butir"], item, field, new)
        elif item is not None and field.startswith(PLAN_PREFIX) and field[len(PLAN_PREFIX):] in PLAN_COLUMNS:
            _set(state["rencana"], item, field[len(PLAN_PREFIX):], new)
    return states, unknown


def _put(state: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        state.pop(key, None)
    else:
        state[key] = value


def _set(items: dict[str, dict[str, str]], item: str, column: str, value: str | None) -> None:
    values = items.setdefault(item, {})
    if value is None:
        values.pop(column, None)
        if not values:
            items.pop(item)
    else:
        values[column] = value


def compare(db: Database) -> list[Mismatch]:
    """Where the tables differ from what the log says they hold."""
    logged, unknown = replay(db)
    stored_ids = {r[0] for r in db.execute("SELECT id FROM assessments")}
    out: list[Mismatch] = []
    for aid in sorted((stored_ids | set(logged)) - unknown):
        stored = assessment_state(db, aid)
        expected = logged.get(aid)
        if expected is None:
            out.append(Mismatch(aid, "penilaian", "tidak ada", "ada (tidak tercatat di log)"))
            continue
        if stored is None:
            out.append(Mismatch(aid, "penilaian", "ada", "tidak ada (terhapus tanpa tercatat)"))
            continue
        out += _differences(aid, expected, stored)
    return out


def _differences(aid: int, expected: dict[str, Any], stored: dict[str, Any]) -> list[Mismatch]:
    out = []
    for key in sorted(set(expected) | set(stored)):
        if key in ("butir", "rencana"):
            continue
        if expected.get(key) != stored.get(key):
            out.append(Mismatch(aid, key, expected.get(key), stored.get(key)))
    for part, label in (("butir", "butir"), ("rencana", "rencana butir")):
        a, b = expected.get(part, {}), stored.get(part, {})
        for item in sorted(set(a) | set(b)):
            x, y = a.get(item, {}), b.get(item, {})
            for column in sorted(set(x) | set(y)):
                if x.get(column) != y.get(column):
                    out.append(Mismatch(aid, f"{label} {item} {column}", x.get(column), y.get(column)))
    return out
