"""Assessments and their responses: creating, reading, and changing one field at a time, every
change logged with who, which role, and the old and new value."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..assessment import Assessment, OfficialResult, Response, check_against_rubric
from ..errors import Conflict, MeritError
from ..numbers import fmt, parse
from ..bundled import mapping_files
from ..carryover import Carry, carry, load_mappings
from ..rubric import Rubric
from ..rubric.maturity import MaturityRubric
from ..scoring_maturity import agency_kind as agency_kind_of
from ..validation import validate
from ..vocab import (
    FIELD_BY_NAME,
    SELF_FIELDS,
    VERIFIER_FIELDS,
    Role,
    Status,
    field_label,
)
from ..workflow import check_move
from ..yamlio import Document
from .codec import components_text, components_value, response_row, row_response, row_value, store_value, text
from .connection import Database, now
from .events import EventLog
from .rubrics import RubricRepository


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
    def insert(self, a: Assessment, rubric: Rubric, replace: bool, who: str) -> int:
        """Store an assessment (inside a transaction); with `replace`, over the one with the same
        instansi, year and rubric version."""
        pk = self.rubrics.pk(rubric.id, rubric.version)
        assert pk is not None
        existing = self.db.execute(
            "SELECT id FROM assessments WHERE instansi = ? AND tahun = ? AND rubric_pk = ?", [a.agency, a.year, pk]
        ).fetchone()
        if existing and not replace:
            raise MeritError(
                f"penilaian {a.agency} {a.year} ({rubric.id}) sudah ada (id {existing[0]}); pakai --replace untuk menggantinya"
            )
        stamp = now()
        row = {
            "instansi": a.agency, "tahun": a.year, "rubric_pk": pk, "status": a.status,
            "target": text(a.target), "sumber": a.source,
            "official_index": text(a.official.index) if a.official else None,
            "official_category": a.official.category if a.official else None,
            "official_source": a.official.source if a.official else None,
            "jenis_instansi": a.agency_kind, "komponen": components_text(a.components),
            "updated_at": stamp,
        }
        table = self.db.table("assessments")
        if existing:
            # update in place: the plan rows that refer to this assessment stay valid
            aid = existing[0]
            table.update(aid, row)
            self.db.execute("DELETE FROM responses WHERE assessment_id = ?", [aid])
        else:
            table.insert(row | {"created_at": stamp})
            aid = table.last_pk
        assert isinstance(aid, int)
        self.db.table("responses").insert_all([response_row(aid, r, stamp, who) for r in a.responses if not r.is_empty()])
        self.log.append(aid, who, "impor", None, "impor", None, f"{len(a.responses)} butir", "diganti" if existing else None)
        return aid

    def create(self, agency: str, year: int, rubric_id: str, version: str | None, carry_from: int | None, who: str,
               agency_kind: str | None = None) -> tuple[int, Carry | None]:
        """A new, empty assessment; optionally carrying kondisi and evidence over from an earlier one
        (of the same instrument, or of one mapped to it). Returns its id and what came over."""
        rubric = self.rubrics.get(rubric_id, version)
        kinds = [k.id for k in rubric.agency_kinds] if isinstance(rubric, MaturityRubric) else []
        prev = self.load(carry_from) if carry_from is not None else None
        if agency_kind is None and prev is not None and prev.assessment.agency_kind in kinds:
            agency_kind = prev.assessment.agency_kind
        if agency_kind is not None and agency_kind not in kinds:
            raise MeritError(f"jenis instansi '{agency_kind}' tidak dikenal rubrik {rubric.key}; pilihan: {', '.join(kinds) or 'tidak ada (bukan rubrik kematangan)'}")
        a = Assessment(agency=agency, year=year, rubric_id=rubric.id, rubric_version=rubric.version, agency_kind=agency_kind)
        carried = None
        if prev is not None:
            kind = agency_kind_of(rubric, a)[0] if isinstance(rubric, MaturityRubric) else None
            carried = carry(prev.assessment, prev.rubric, rubric, load_mappings(mapping_files()), kind)
            a = with_responses(a, carried.responses)
        with self.db.transaction():
            return self.insert(a, rubric, False, who), carried

    def delete(self, aid: int, who: str) -> None:
        self.row(aid)
        with self.db.transaction():
            self.db.execute("DELETE FROM responses WHERE assessment_id = ?", [aid])
            self.db.execute("DELETE FROM plan_items WHERE assessment_id = ?", [aid])
            self.db.execute("DELETE FROM assessments WHERE id = ?", [aid])
            self.log.append(aid, who, Role.ASSESSOR, None, "hapus", None, None, None)

    # ---------- one field ----------
    def set_field(self, aid: int, item_id: str, name: str, value: Any, who: str, role: str = Role.ASSESSOR, expected: Any = ...) -> bool:
        """Store one field of one response, logged; returns False when nothing changed.

        With `expected` (the value the caller last saw), a value saved by someone else in the
        meantime is never overwritten silently: Conflict carries both values instead.
        """
        if role not in tuple(Role):
            raise MeritError(f"peran '{role}' tidak dikenal; pilih {' atau '.join(Role)}")
        allowed = SELF_FIELDS if role == Role.ASSESSOR else VERIFIER_FIELDS
        if name not in allowed:
            raise MeritError(f"{field_label(name)} tidak boleh diubah oleh {role}")
        row = self.row(aid)
        if row["status"] == Status.FINAL:
            raise MeritError("penilaian berstatus final dan hanya dapat dibaca")
        rubric = self.rubrics.by_pk(row["rubric_pk"])
        value = self.checked(rubric, item_id, name, value)
        stored = store_value(name, value)
        column = FIELD_BY_NAME[name].key  # one of the role's allowed fields, checked above
        with self.db.transaction():
            found = self.db.execute(
                f"SELECT {column}, updated_by FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item_id]
            ).fetchone()
            old = found[0] if found else None
            if old == stored:
                return False
            if expected is not ... and old != store_value(name, self.checked(rubric, item_id, name, expected)):
                raise Conflict(name, item_id, row_value(name, old), value, found[1] if found else None)
            stamp = now()
            self.db.execute(
                f"INSERT INTO responses (assessment_id, item_id, {column}, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
                f"ON CONFLICT (assessment_id, item_id) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [aid, item_id, stored, stamp, who],
            )
            self.db.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [stamp, aid])
            self.log.append(aid, who, role, item_id, column, old, stored, None)
        return True

    def checked(self, rubric: Rubric, item_id: str, name: str, value: Any) -> Any:
        """The value as the model holds it, if the rubric allows it for this item."""
        if item_id not in rubric.item_ids():
            raise MeritError(f"butir '{item_id}' tidak ada di rubrik {rubric.key}")
        if value in ("", None, []):
            return None
        key = FIELD_BY_NAME[name].key
        try:
            response = validate(Response, Document("-", None, None, ""), {"id": item_id, key: value})
        except MeritError:
            raise MeritError(f"{field_label(name)}: nilai '{value}' tidak valid") from None
        probe = Assessment(agency="-", year=2000, rubric_id=rubric.id, rubric_version=rubric.version, responses=[response])
        problems = check_against_rubric(probe, rubric)
        if problems:
            raise MeritError(f"{field_label(name)}: {problems[0][1]}")
        return getattr(response, name)

    # ---------- the assessment as a whole ----------
    def set_status(self, aid: int, status: str, who: str, role: str, note: str | None = None) -> None:
        """Move an assessment along draf → diajukan → diverifikasi → dikembalikan → final."""
        current = self.row(aid)["status"]
        problem = check_move(current, status, role)
        if problem:
            raise MeritError(problem)
        with self.db.transaction():
            self.db.execute("UPDATE assessments SET status = ?, updated_at = ? WHERE id = ?", [status, now(), aid])
            self.log.append(aid, who, role, None, "status_penilaian", current, status, note)

    def set_official(self, aid: int, index: Decimal | str | None, category: str | None, who: str, role: str = Role.VERIFIER, source: str | None = None) -> None:
        """Record the verifying body's own index and letter (NSPK: BKN's result)."""
        if role != Role.VERIFIER:
            raise MeritError("hasil resmi hanya dicatat oleh verifikator")
        row = self.row(aid)
        if row["status"] == Status.FINAL:
            raise MeritError("penilaian berstatus final dan hanya dapat dibaca")
        try:
            value = None if index in (None, "") else Decimal(str(index).replace(",", "."))
        except InvalidOperation:
            raise MeritError(f"indeks resmi '{index}' bukan angka") from None
        if value is not None and not (0 <= value <= 100):
            raise MeritError(f"indeks resmi {fmt(value)} di luar 0–100")
        new = None if value is None else f"{fmt(value)} {category or ''}".strip()
        old = None if row["official_index"] is None else f"{row['official_index']} {row['official_category'] or ''}".strip()
        with self.db.transaction():
            self.db.execute(
                "UPDATE assessments SET official_index = ?, official_category = ?, official_source = ?, updated_at = ? WHERE id = ?",
                [text(value), category or None, source, now(), aid],
            )
            self.log.append(aid, who, role, None, "hasil_resmi", old, new, source)


def with_responses(a: Assessment, responses: list[Response]) -> Assessment:
    return dataclasses.replace(a, responses=responses)
