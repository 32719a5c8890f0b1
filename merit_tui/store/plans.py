"""The living rencana aksi: the agency's edits per plan row, and who is responsible per aspect
or element (the bidang that gets a row by default)."""

from __future__ import annotations

from .. import policy
from ..errors import MeritError
from ..plan import PLAN_FIELDS, Plan, build_plan
from ..rubric import WeightedRubric
from ..rubric.maturity import MaturityRubric
from ..vocab import PLAN_KEYS, PlanStatus, Role
from .assessments import Assessments
from .connection import Database, now
from .events import EventLog
from .rubrics import RubricRepository


class Plans:
    def __init__(self, db: Database, rubrics: RubricRepository, assessments: Assessments, log: EventLog) -> None:
        self.db = db
        self.rubrics = rubrics
        self.assessments = assessments
        self.log = log

    def edits(self, aid: int) -> dict[str, dict[str, str]]:
        rows = self.db.execute(
            f"SELECT item_id, {', '.join(PLAN_KEYS.values())} FROM plan_items WHERE assessment_id = ?", [aid]
        ).fetchall()
        return {r[0]: {k: v for k, v in zip(PLAN_FIELDS, r[1:]) if v is not None} for r in rows}

    def set_field(self, aid: int, item_id: str, field: str, value: str | None, who: str, role: str = Role.ASSESSOR) -> bool:
        """Edit the living plan (rencana aksi, penanggung jawab, target waktu, status), logged."""
        if field not in PLAN_FIELDS:
            raise MeritError(f"kolom rencana '{field}' tidak dikenal")
        column = PLAN_KEYS[field]
        if role != Role.ASSESSOR:
            raise MeritError("rencana aksi disusun oleh penilai (instansi), bukan verifikator")
        rubric = self.rubrics.by_pk(self.assessments.row(aid)["rubric_pk"])
        if item_id not in rubric.item_ids():
            raise MeritError(f"butir '{item_id}' tidak ada di rubrik {rubric.key}")
        value = (value or "").strip() or None
        if field == "status" and value is not None and value not in tuple(PlanStatus):
            raise MeritError(f"status rencana '{value}' tidak dikenal; pilih {', '.join(PlanStatus)}")
        with self.db.transaction():
            # `column` is one of PLAN_KEYS, checked above
            row = self.db.execute(f"SELECT {column} FROM plan_items WHERE assessment_id = ? AND item_id = ?", [aid, item_id]).fetchone()
            old = row[0] if row else None
            if old == value:
                return False
            self.db.table("plan_items").upsert(
                {"assessment_id": aid, "item_id": item_id, column: value, "updated_at": now(), "updated_by": who},
                pk=("assessment_id", "item_id"),
            )
            self.log.append(aid, who, role, item_id, f"rencana.{column}", old, value, None)
        return True

    def responsible(self, rubric_id: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT node_id, bidang FROM responsible WHERE rubric_id = ?", [rubric_id]).fetchall())

    def set_responsible(self, rubric_id: str, node_id: str, bidang: str, who: str, role: str = Role.ASSESSOR) -> None:
        if (problem := policy.bidang(role)) is not None:
            raise MeritError(problem)
        rubric = self.rubrics.get(rubric_id)
        nodes = [a.id for a in rubric.aspects] if isinstance(rubric, WeightedRubric | MaturityRubric) else rubric.item_ids()
        if node_id not in nodes:
            raise MeritError(f"'{node_id}' bukan aspek/elemen rubrik {rubric_id} (yang ada: {', '.join(nodes)})")
        if not bidang.strip():
            raise MeritError("nama bidang tidak boleh kosong")
        with self.db.transaction():
            old = self.responsible(rubric_id).get(node_id)
            self.db.table("responsible").upsert({"rubric_id": rubric_id, "node_id": node_id, "bidang": bidang.strip()}, pk=("rubric_id", "node_id"))
            self.log.append(None, who, role, node_id, f"penanggung_jawab.{rubric_id}", old, bidang.strip(), None)

    def plan(self, aid: int) -> Plan:
        loaded = self.assessments.load(aid)
        return build_plan(loaded.rubric, loaded.assessment, self.edits(aid), self.responsible(loaded.rubric.id))
