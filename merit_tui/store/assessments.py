"""Assessments and their responses: reading them, and changing them one field or one move at a
time. Every write reads the status inside its transaction, asks the policy (policy.py), and logs
each changed value with who, which role and by which path."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import policy
from ..assessment import Assessment, OfficialResult, Response, check_against_rubric
from ..bundled import mapping_files
from ..carryover import Carry, carry, load_mappings
from ..errors import Conflict, InvalidFile, MeritError
from ..model import to_data
from ..numbers import fmt, parse
from ..rubric import Rubric
from ..rubric.maturity import MaturityRubric
from ..rubric.models import ComplianceRubric
from ..scoring_maturity import agency_kind as agency_kind_of
from ..validation import validate
from ..vocab import FIELD_BY_NAME, Role, field_label
from ..yamlio import Document
from .codec import (
    components_text,
    components_value,
    response_row,
    row_response,
    row_value,
    store_value,
    text,
)
from .connection import Database, now
from .events import EventLog
from .rubrics import RubricRepository
from .state import (
    DELETED,
    IMPORT,
    OFFICIAL,
    STATUS,
    UNDELETE,
    assessment_state,
    official_json,
    to_json,
)


@dataclass(frozen=True)
class Loaded:
    id: int
    assessment: Assessment
    rubric: Rubric


class Assessments:
    def __init__(self, db: Database, rubrics: RubricRepository, log: EventLog) -> None:
        self.db = db
        self.rubrics = rubrics
        self.log = log

    # ---------- reading ----------
    def row(self, aid: int) -> dict[str, Any]:
        rows = self.db.query("SELECT * FROM assessments WHERE id = ?", [aid])
        if not rows:
            raise MeritError(f"penilaian dengan id {aid} tidak ada (lihat 'merit list')")
        return rows[0]

    def exists(self, aid: int) -> bool:
        return self.db.execute("SELECT 1 FROM assessments WHERE id = ?", [aid]).fetchone() is not None

    def status(self, aid: int) -> str:
        return self.row(aid)["status"]

    def response(self, aid: int, item_id: str) -> Response | None:
        """One stored response, without loading the whole assessment."""
        rows = self.db.query("SELECT * FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item_id])
        return row_response(rows[0]) if rows else None

    def verifier_fields(self, aid: int) -> int:
        """How many verifier values this assessment holds."""
        columns = [f.key for f in FIELD_BY_NAME.values() if f.side == Role.VERIFIER]
        row = self.db.execute(f"SELECT {' + '.join(f'COUNT({c})' for c in columns)} FROM responses WHERE assessment_id = ?", [aid]).fetchone()
        official = self.db.execute("SELECT official_index IS NOT NULL FROM assessments WHERE id = ?", [aid]).fetchone()
        return row[0] + (official[0] if official else 0)

    def load(self, aid: int) -> Loaded:
        row = self.row(aid)
        rubric = self.rubrics.by_pk(row["rubric_pk"])
        order = {item: i for i, item in enumerate(rubric.item_ids())}
        responses = sorted(
            (row_response(r) for r in self.db.query("SELECT * FROM responses WHERE assessment_id = ?", [aid])),
            key=lambda r: order.get(r.id, len(order)),
        )
        official = None
        if row["official_index"] is not None:
            official = OfficialResult(index=Decimal(row["official_index"]), category=row["official_category"] or "", source=row["official_source"])
        a = Assessment(
            agency=row["instansi"], year=row["tahun"], rubric_id=rubric.id, rubric_version=rubric.version,
            status=row["status"], target=parse(row["target"]), source=row["sumber"], official=official,
            agency_kind=row["jenis_instansi"], components=components_value(row["komponen"]), responses=responses,
        )
        return Loaded(aid, a, rubric)

    # ---------- whole assessments ----------
    def next_id(self) -> int:
        """Ids are never reused: a deleted assessment's history stays its own."""
        row = self.db.execute(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM assessments), 0), COALESCE((SELECT MAX(assessment_id) FROM events), 0))"
        ).fetchone()
        return row[0] + 1

    def log_state(self, aid: int, who: str, role: str, field: str, note: str | None, via: str) -> None:
        """Record the assessment's whole content (the log can then be replayed from here)."""
        state = assessment_state(self.db, aid)
        self.log.append(aid, who, role, None, field, None, to_json(state) if state else None, note, via)

    def create(self, agency: str, year: int, rubric_id: str, version: str | None, carry_from: int | None, who: str,
               role: str = Role.ASSESSOR, agency_kind: str | None = None) -> tuple[int, Carry | None]:
        """A new, empty draft; optionally carrying kondisi and evidence over from an earlier one
        (of the same instrument, or of one mapped to it). Returns its id and what came over."""
        if role != Role.ASSESSOR:
            raise MeritError("penilaian baru dibuat oleh penilai (instansi); verifikator menerima penilaian lewat impor paket")
        rubric = self.rubrics.get(rubric_id, version)
        kinds = [k.id for k in rubric.agency_kinds] if isinstance(rubric, MaturityRubric) else []
        prev = self.load(carry_from) if carry_from is not None else None
        if agency_kind is None and prev is not None and prev.assessment.agency_kind in kinds:
            agency_kind = prev.assessment.agency_kind
        if agency_kind is not None and agency_kind not in kinds:
            raise MeritError(f"jenis instansi '{agency_kind}' tidak dikenal rubrik {rubric.key}; "
                             f"pilihan: {', '.join(kinds) or 'tidak ada (bukan rubrik kematangan)'}")
        a = Assessment(agency=agency, year=year, rubric_id=rubric.id, rubric_version=rubric.version, agency_kind=agency_kind)
        carried = None
        if prev is not None:
            kind = agency_kind_of(rubric, a)[0] if isinstance(rubric, MaturityRubric) else None
            carried = carry(prev.assessment, prev.rubric, rubric, load_mappings(mapping_files()), kind)
            a = with_responses(a, carried.responses)
        with self.db.transaction():
            existing = self.find(a.agency, a.year, rubric)
            if existing is not None:
                raise MeritError(f"penilaian {agency} {year} ({rubric.id}) sudah ada (id {existing})")
            aid = self.insert_new(a, rubric, who, role, "baru", f"dari penilaian {carry_from}" if carry_from else None)
        return aid, carried

    def find(self, agency: str, year: int, rubric: Rubric) -> int | None:
        """The stored assessment of this instansi, year and rubric version, if any."""
        row = self.db.execute(
            "SELECT id FROM assessments WHERE instansi = ? AND tahun = ? AND rubric_pk = ?", [agency, year, self.rubrics.pk(rubric.id, rubric.version)]
        ).fetchone()
        return row[0] if row else None

    def insert_new(self, a: Assessment, rubric: Rubric, who: str, role: str, via: str, note: str | None = None) -> int:
        """Store a new assessment under a fresh id (inside a transaction) and log its whole content."""
        pk = self.rubrics.pk(rubric.id, rubric.version)
        assert pk is not None
        aid = self.next_id()
        stamp = now()
        self.db.execute(
            "INSERT INTO assessments (id, instansi, tahun, rubric_pk, status, target, sumber, official_index, official_category,"
            " official_source, jenis_instansi, komponen, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [aid, a.agency, a.year, pk, a.status, text(a.target), a.source,
             text(a.official.index) if a.official else None, a.official.category if a.official else None,
             a.official.source if a.official else None, a.agency_kind, components_text(a.components), stamp, stamp],
        )
        self.write_responses(aid, [r for r in a.responses if not r.is_empty()], stamp, who)
        self.log_state(aid, who, role, IMPORT, note, via)
        return aid

    def write_responses(self, aid: int, responses: list[Response], stamp: str, who: str) -> None:
        rows = [response_row(aid, r, stamp, who) for r in responses]
        if rows:
            columns = list(rows[0])
            self.db.conn.executemany(f"INSERT INTO responses ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                     [list(r.values()) for r in rows])

    def delete(self, aid: int, who: str, role: str = Role.ASSESSOR) -> None:
        """Delete a draft nobody has verified; its whole content stays in the log (undelete)."""
        with self.db.transaction():
            row = self.row(aid)
            if (problem := policy.delete(role, row["status"], self.verifier_fields(aid))) is not None:
                raise MeritError(problem)
            state = assessment_state(self.db, aid)
            self.db.execute("DELETE FROM responses WHERE assessment_id = ?", [aid])
            self.db.execute("DELETE FROM plan_items WHERE assessment_id = ?", [aid])
            self.db.execute("DELETE FROM assessments WHERE id = ?", [aid])
            self.log.append(aid, who, role, None, DELETED, to_json(state) if state else None, None, None, "hapus")

    def undelete(self, aid: int, who: str, role: str = Role.ASSESSOR) -> None:
        """Bring a deleted assessment back, under its own id, from its deletion event."""
        with self.db.transaction():
            if self.exists(aid):
                raise MeritError(f"penilaian {aid} tidak terhapus")
            found = self.db.execute(
                "SELECT old FROM events WHERE assessment_id = ? AND field = ? ORDER BY id DESC LIMIT 1", [aid, DELETED]
            ).fetchone()
            if found is None or not found[0]:
                raise MeritError(f"tidak ada penghapusan penilaian {aid} di log yang dapat dipulihkan")
            state = json.loads(found[0])
            rubric_id, _, version = state["rubrik"].partition("@")
            pk = self.rubrics.pk(rubric_id, version)
            if pk is None:
                raise MeritError(f"rubrik {state['rubrik']} tidak ada lagi di basis data; impor rubriknya dulu")
            duplicate = self.db.execute("SELECT id FROM assessments WHERE instansi = ? AND tahun = ? AND rubric_pk = ?",
                                        [state["instansi"], state["tahun"], pk]).fetchone()
            if duplicate:
                raise MeritError(f"sudah ada penilaian {state['instansi']} {state['tahun']} dengan rubrik yang sama (id {duplicate[0]})")
            write_state(self.db, aid, pk, state, who)
            self.log_state(aid, who, role, UNDELETE, None, "pulih")

    # ---------- one field ----------
    def set_field(self, aid: int, item_id: str, name: str, value: Any, who: str, role: str = Role.ASSESSOR, expected: Any = ...) -> bool:
        """Store one field of one response, logged; returns False when nothing changed.

        With `expected` (the value the caller last saw), a value saved by someone else in the
        meantime is never overwritten silently: Conflict carries both values instead.
        """
        if (problem := policy.unknown_role(role)) is not None:
            raise MeritError(problem)
        if name not in FIELD_BY_NAME:
            raise MeritError(f"isian '{name}' tidak dikenal")
        column = FIELD_BY_NAME[name].key
        with self.db.transaction():
            row = self.row(aid)
            if (problem := policy.write_field(role, row["status"], name)) is not None:
                raise MeritError(problem)
            rubric = self.rubrics.by_pk(row["rubric_pk"])
            value = self.checked(rubric, item_id, name, value)
            stored = store_value(name, value)
            found = self.db.execute(
                f"SELECT {column}, updated_by FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item_id]
            ).fetchone()
            old = found[0] if found else None
            if old == stored:
                return False
            if expected is not ... and old != store_value(name, self.checked(rubric, item_id, name, expected)):
                raise Conflict(name, item_id, row_value(name, old), value, found[1] if found else None)
            stamp = now()
            # `column` is a known field's column (checked above), never user text
            self.db.execute(
                f"INSERT INTO responses (assessment_id, item_id, {column}, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
                f"ON CONFLICT (assessment_id, item_id) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [aid, item_id, stored, stamp, who],
            )
            self.db.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [stamp, aid])
            self.log.append(aid, who, role, item_id, column, old, stored, None, "isian")
        return True

    def checked(self, rubric: Rubric, item_id: str, name: str, value: Any) -> Any:
        """The value as the model holds it, if the rubric allows it for this item."""
        if item_id not in rubric.item_ids():
            raise MeritError(f"butir '{item_id}' tidak ada di rubrik {rubric.key}")
        if value in ("", None, []):
            return None
        key = FIELD_BY_NAME[name].key
        try:
            response = validate(Response, Document("-", None, None, ""), {"id": item_id, key: to_data(value)})
        except InvalidFile as exc:  # its own words, never the value (a pasted 20,000-character note)
            raise MeritError(f"{field_label(name)}: {exc.problems[0].message}") from None
        probe = Assessment(agency="-", year=2000, rubric_id=rubric.id, rubric_version=rubric.version, responses=[response])
        problems = check_against_rubric(probe, rubric)
        if problems:
            raise MeritError(f"{field_label(name)}: {problems[0][1]}")
        return getattr(response, name)

    # ---------- the assessment as a whole ----------
    def set_status(self, aid: int, status: str, who: str, role: str, note: str | None = None) -> str:
        """Move an assessment along draf → diajukan → diverifikasi → dikembalikan → final; returns
        the status it had."""
        with self.db.transaction():
            current = self.row(aid)["status"]
            if (problem := policy.move(role, current, status)) is not None:
                raise MeritError(problem)
            self.db.execute("UPDATE assessments SET status = ?, updated_at = ? WHERE id = ?", [status, now(), aid])
            self.log.append(aid, who, role, None, STATUS, current, status, note, "status")
        return current

    def set_official(self, aid: int, index: Decimal | str | None, category: str | None, who: str, role: str = Role.VERIFIER, source: str | None = None) -> None:
        """Record the verifying body's own index and letter (NSPK: BKN's result)."""
        try:
            value = None if index in (None, "") else Decimal(str(index).replace(",", "."))
        except InvalidOperation:
            raise MeritError(f"indeks resmi '{index}' bukan angka") from None
        if value is not None and not (value.is_finite() and 0 <= value <= 100):
            raise MeritError(f"indeks resmi {index} di luar 0–100")
        with self.db.transaction():
            row = self.row(aid)
            if (problem := policy.official(role, row["status"])) is not None:
                raise MeritError(problem)
            rubric = self.rubrics.by_pk(row["rubric_pk"])
            if not isinstance(rubric, ComplianceRubric):
                raise MeritError(f"hasil resmi (Nilai Indeks dan kategori BKN) dicatat pada penilaian NSPK; penilaian {aid} "
                                 f"adalah {rubric.label}, yang hasilnya total verifikasi")
            if value is not None:
                known = {b.category.upper(): b.category for b in rubric.bands}
                if (category or "").strip().upper() not in known:
                    raise MeritError(f"kategori resmi '{(category or '')[:40]}' tidak dikenal; pilih salah satu: {', '.join(known.values())}")
                category = known[(category or "").strip().upper()]
            new_row = {"official_index": text(value), "official_category": (category or None) if value is not None else None,
                       "official_source": source if value is not None else None}
            self.db.execute(
                "UPDATE assessments SET official_index = ?, official_category = ?, official_source = ?, updated_at = ? WHERE id = ?",
                [new_row["official_index"], new_row["official_category"], new_row["official_source"], now(), aid],
            )
            old_text = None if row["official_index"] is None else f"{row['official_index']} {row['official_category'] or ''}".strip()
            new_text = None if value is None else f"{fmt(value)} {category or ''}".strip()
            self.log.append(aid, who, role, None, OFFICIAL, official_json(row), official_json(new_row),
                            f"{old_text or '∅'} → {new_text or '∅'}" + (f"; {source}" if source else ""), "isian")


def write_state(db: Database, aid: int, rubric_pk: int, state: dict[str, Any], who: str) -> None:
    """Insert an assessment from its whole state (an undelete), under the id given. Only the
    tables' own columns are taken from the state, whatever the log holds."""
    stamp = now()
    known = _columns(db, "assessments")
    header = {k: v for k, v in state.items() if k in known}
    row = header | {"id": aid, "rubric_pk": rubric_pk, "created_at": stamp, "updated_at": stamp}
    db.execute(f"INSERT INTO assessments ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    for table, items in (("responses", state.get("butir", {})), ("plan_items", state.get("rencana", {}))):
        known = _columns(db, table)
        for item, values in items.items():
            cols = {"assessment_id": aid, "item_id": item, **{k: v for k, v in values.items() if k in known}, "updated_at": stamp, "updated_by": who}
            db.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", list(cols.values()))


def _columns(db: Database, table: str) -> set[str]:
    return {r[1] for r in db.execute(f"PRAGMA table_info({table})")}


def with_responses(a: Assessment, responses: list[Response]) -> Assessment:
    return dataclasses.replace(a, responses=responses)
