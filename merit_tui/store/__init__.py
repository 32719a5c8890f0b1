"""The SQLite store: rubrics as imported, assessments, responses, the plan and the event log.

`Store` is a thin facade over the parts, one module each: the connection and its transactions
(connection.py), the schema and migrations (schema.py), rubrics (rubrics.py), rows ↔ responses
(codec.py), assessments and field writes (assessments.py), the totals cache and SQL scoring
(totals.py), the list (listing.py), the plan (plans.py), the event log (events.py), rubric
upgrades (upgrade.py) and backups (backup.py). Reading files into a store is above it, in
importing.py.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MeritError
from ..identity import default_user
from ..vocab import Role
from .connection import SCHEMA, Database, database_error, id_list
from .events import Break, Event, EventLog
from .listing import AssessmentRow, Listing

if TYPE_CHECKING:
    from ..assessment import Assessment, DocRef, Response
    from ..carryover import Carry
    from ..plan import Plan
    from ..rubric import Rubric
    from ..trust.evidence import EvidenceStore
    from ..trust.keys import PublicKey, SigningKey
    from ..trust.seal import Seal, SealCheck
    from .assessments import Assessments, Loaded
    from .events import Head
    from .maturity import MaturityWrites
    from .plans import Plans
    from .rubrics import RubricRepository
    from .seals import Seals
    from .state import Mismatch
    from .totals import BulkScore, TotalsCache

__all__ = ["SCHEMA", "AssessmentRow", "Break", "Event", "Store", "database_error", "evidence_dir", "id_list"]


def evidence_dir(db_path: Path) -> Path:
    """merit.db keeps its evidence in merit.bukti/ beside it."""
    return db_path.with_name(db_path.stem + ".bukti")


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.log = EventLog(db)
        self.listing = Listing(db, lambda ids: self.totals.compute(ids))
        db.before_commit.append(self._refresh_totals)

    @classmethod
    def open_new(cls, path: str | Path) -> tuple["Store", bool]:
        """The store at `path` (created empty if missing) and whether the file existed."""
        db, existed = Database.connect(path)
        if existed:
            from ..safe_io import sweep_temp

            sweep_temp(db.path.parent)  # a restore or backup killed half-way left its temp files here
        store = cls(db)
        try:
            db.prepare(existed, migrate)
        except BaseException:
            db.close()
            raise
        return store, existed

    @classmethod
    def open(cls, path: str | Path) -> "Store":
        return cls.open_new(path)[0]

    # The parts below need the rubric models and YAML; they are built on first use, so listing
    # assessments (Beranda, `merit list`) loads neither.
    @cached_property
    def rubrics(self) -> "RubricRepository":
        from .rubrics import RubricRepository

        return RubricRepository(self.db)

    @cached_property
    def totals(self) -> "TotalsCache":
        from .totals import TotalsCache

        return TotalsCache(self.db, self.rubrics, self._seal_state)

    def _seal_state(self, aid: int) -> str:
        if not self.sealed(aid):
            return ""
        return self.seals.state(aid)

    @cached_property
    def assessments(self) -> "Assessments":
        from .assessments import Assessments

        return Assessments(self.db, self.rubrics, self.log)

    @cached_property
    def maturity(self) -> "MaturityWrites":
        from .maturity import MaturityWrites

        return MaturityWrites(self.db, self.assessments, self.log)

    @cached_property
    def plans(self) -> "Plans":
        from .plans import Plans

        return Plans(self.db, self.rubrics, self.assessments, self.log)

    @cached_property
    def evidence(self) -> "EvidenceStore":
        """Attached evidence files, by content, in a folder beside the database."""
        from ..trust.evidence import EvidenceStore

        return EvidenceStore(evidence_dir(self.path))

    def attach(self, aid: int, item_id: str, paths: list[str | Path], who: str, role: str = Role.ASSESSOR) -> list["DocRef"]:
        """Copy files into the evidence folder (streamed, hashed) and list them in the item's
        dokumen; a file of the same name replaces the older entry."""
        from .. import policy
        from ..assessment import DocRef

        if (problem := policy.write_field(role, self.status(aid), "documents")) is not None:
            raise MeritError(problem)
        self.rubric_by_pk(self.assessments.row(aid)["rubric_pk"])
        with self.evidence.staging() as stage:
            refs = [stage.add(p) for p in paths]
        added = [DocRef(name=r.name, sha256=r.sha256, size=r.size) for r in refs]
        current = self.response(aid, item_id)
        names = {d.name for d in added}
        documents = [d for d in (current.documents if current else []) if d.name not in names] + added
        self.set_field(aid, item_id, "documents", documents, who=who, role=role)
        return added

    @cached_property
    def seals(self) -> "Seals":
        from .seals import Seals  # cryptography, only where seals are made or checked

        return Seals(self.db, self.rubrics, self.assessments, self.log)

    def _refresh_totals(self) -> None:
        ids = self.db.stale_totals()  # only what this connection changed (connection.py)
        if ids == []:
            return
        if ids is None and not self.db.execute(
            "SELECT 1 FROM assessments a LEFT JOIN assessment_totals t ON t.assessment_id = a.id WHERE t.assessment_id IS NULL LIMIT 1"
        ).fetchone():
            self.db.totals_refreshed()
            return
        self.totals.refresh(ids)

    # ---------- the connection ----------
    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def conn(self):
        return self.db.conn

    def close(self) -> None:
        self.db.close()

    def transaction(self):
        return self.db.transaction()

    def setting(self, key: str, default: str | None = None) -> str | None:
        return self.db.setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.db.set_setting(key, value)

    # ---------- rubrics ----------
    def rubric_rows(self) -> list[dict[str, Any]]:
        return self.rubrics.rows()

    def rubric(self, rubric_id: str, version: str | None = None) -> "Rubric":
        return self.rubrics.get(rubric_id, version)

    def rubric_by_pk(self, pk: int) -> "Rubric":
        return self.rubrics.by_pk(pk)

    # ---------- reading ----------
    def exists(self, aid: int) -> bool:
        return self.assessments.exists(aid)

    def status(self, aid: int) -> str:
        return self.assessments.status(aid)

    def load(self, aid: int) -> "Loaded":
        return self.assessments.load(aid)

    def export(self, aid: int) -> "Assessment":
        return self.assessments.load(aid).assessment

    def export_yaml(self, aid: int) -> str:
        """The assessment file as it travels: with the log head and the latest seal."""
        from ..exports.files import assessment_yaml

        a = self.export(aid)
        head = self.log.head()
        seal = None
        if self.sealed(aid):
            from ..trust.seal import seal_to_data

            latest = self.seals.latest(aid)
            seal = seal_to_data(latest) if latest else None
        return assessment_yaml(a, head.to_data() if head else None, seal)

    def response(self, aid: int, item_id: str) -> "Response | None":
        return self.assessments.response(aid, item_id)

    def list_assessments(self) -> list[AssessmentRow]:
        """Every assessment with progress, totals and category, newest year first."""
        return self.listing.all()

    def listing_ids(self, search: str = "") -> list[int]:
        return self.listing.ids(search)

    def listing_rows(self, ids: list[int]) -> list[AssessmentRow]:
        return self.listing.rows(ids)

    def score_all(self, aspects: bool = False, ids: list[int] | None = None) -> dict[int, "BulkScore"]:
        from .totals import score_all

        return score_all(self.db, self.rubrics, aspects, ids)

    # ---------- writing ----------
    def create_assessment(self, agency: str, year: int, rubric_id: str, version: str | None = None,
                          carry_from: int | None = None, who: str | None = None, role: str = Role.ASSESSOR) -> int:
        return self.start_assessment(agency, year, rubric_id, version, carry_from, who, role)[0]

    def start_assessment(self, agency: str, year: int, rubric_id: str, version: str | None = None, carry_from: int | None = None,
                         who: str | None = None, role: str = Role.ASSESSOR, agency_kind: str | None = None) -> "tuple[int, Carry | None]":
        """Create an assessment and say what came over from `carry_from` (see carryover.py)."""
        return self.assessments.create(agency, year, rubric_id, version, carry_from, who or default_user(), role, agency_kind)

    def delete_assessment(self, aid: int, who: str | None = None, role: str = Role.ASSESSOR) -> None:
        self.assessments.delete(aid, who or default_user(), role)

    def undelete_assessment(self, aid: int, who: str, role: str = Role.ASSESSOR) -> None:
        self.assessments.undelete(aid, who, role)

    def set_field(self, aid: int, item_id: str, field: str, value: Any, who: str, role: str = Role.ASSESSOR, expected: Any = ...) -> bool:
        return self.assessments.set_field(aid, item_id, field, value, who, role, expected)

    def set_status(self, aid: int, status: str, who: str, role: str, note: str | None = None, key: "SigningKey | None" = None) -> "Seal | None":
        """Move the status; a verifier's move to dikembalikan, diverifikasi or final is sealed
        with their key when one is given. Returns the seal made, if any."""
        from .. import policy

        self.assessments.set_status(aid, status, who, role, note)
        if key is not None and policy.seal(role, status) is None:
            return self.seals.seal(aid, key, who, role)
        return None

    def set_official(self, aid: int, index: Decimal | str | None, category: str | None, who: str,
                     role: str = Role.VERIFIER, source: str | None = None) -> None:
        self.assessments.set_official(aid, index, category, who, role, source)

    def set_component(self, aid: int, component_id: str, value: Decimal | str | None, who: str, role: str = Role.ASSESSOR,
                      note: str | None = None) -> bool:
        """A survey component's score on a maturity assessment (store/maturity.py)."""
        return self.maturity.set_component(aid, component_id, value, who, role, note)

    def set_agency_kind(self, aid: int, kind: str | None, who: str, role: str = Role.ASSESSOR) -> bool:
        return self.maturity.set_agency_kind(aid, kind, who, role)

    def upgrade_rubric(self, aid: int, version: str, who: str, role: str = Role.ASSESSOR) -> dict[str, list[str]]:
        from .upgrade import upgrade_rubric

        return upgrade_rubric(self.db, self.rubrics, self.assessments, self.log, aid, version, who, role)

    # ---------- rencana aksi ----------
    def plan(self, aid: int) -> "Plan":
        """The rencana aksi, with the seal's state when the result was sealed."""
        plan = self.plans.plan(aid)
        if self.sealed(aid):
            check = self.seals.check(aid)
            plan.seal = check.describe() if check else ""
        return plan

    def plan_edits(self, aid: int) -> dict[str, dict[str, str]]:
        return self.plans.edits(aid)

    def set_plan_field(self, aid: int, item_id: str, field: str, value: str | None, who: str, role: str = Role.ASSESSOR) -> bool:
        return self.plans.set_field(aid, item_id, field, value, who, role)

    def responsible(self, rubric_id: str) -> dict[str, str]:
        return self.plans.responsible(rubric_id)

    def set_responsible(self, rubric_id: str, node_id: str, bidang: str, who: str, role: str = Role.ASSESSOR) -> None:
        self.plans.set_responsible(rubric_id, node_id, bidang, who, role)

    # ---------- the event log ----------
    def events(self, aid: int | None = None) -> list[Event]:
        return self.log.events(aid)

    def last_status_note(self, aid: int) -> str | None:
        return self.log.last_status_note(aid)

    def verify_log(self) -> Break | None:
        return self.log.verify()

    def replay_differences(self) -> list["Mismatch"]:
        """Where the tables differ from what the log says (a direct edit with sqlite3)."""
        from .state import compare

        return compare(self.db)

    def quick_check(self) -> None:
        from .backup import quick_check

        quick_check(self.db.conn, self.db.path)

    # ---------- seals ----------
    def sealed(self, aid: int) -> bool:
        """Has this assessment ever been sealed (here, or in a file it came in)? Cheap: no keys needed."""
        return self.db.execute("SELECT 1 FROM seals WHERE assessment_id = ? LIMIT 1", [aid]).fetchone() is not None

    def seal(self, aid: int, key: "SigningKey", who: str, role: str = Role.VERIFIER) -> "Seal":
        return self.seals.seal(aid, key, who, role)

    def seal_check(self, aid: int) -> "SealCheck | None":
        return self.seals.check(aid)

    def trust_key(self, key: "PublicKey", who: str, role: str = Role.ASSESSOR) -> bool:
        return self.seals.trust(key, who, role)

    # ---------- backup ----------
    def backup(self, target: str | Path, force: bool = False) -> tuple[Path, "Head | None"]:
        from .backup import backup

        return backup(self.db, target, force)

    def restore_from(self, source: str | Path, who: str | None = None, role: str = Role.ASSESSOR) -> "Head | None":
        from .backup import restore

        head = restore(self.db, source, migrate, who or default_user(), role)
        self.rubrics.clear()
        return head


def migrate(db: Database) -> None:
    """Apply the schema migrations this database lacks (sqlite-utils is needed only here)."""
    from .schema import MIGRATIONS

    MIGRATIONS.apply(db.utils)
