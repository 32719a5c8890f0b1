"""Moving an assessment to another stored version of its rubric, explicitly, under the write
policy, with every dropped value kept in the log."""

from __future__ import annotations

from .. import policy
from ..assessment import Assessment, check_against_rubric
from ..errors import MeritError
from ..rubric.diff import describe, diff
from ..vocab import RESPONSE_FIELDS
from .assessments import Assessments
from .connection import Database, now
from .events import EventLog
from .rubrics import RubricRepository
from .state import RUBRIC


def upgrade_rubric(db: Database, rubrics: RubricRepository, assessments: Assessments, log: EventLog,
                   aid: int, version: str, who: str, role: str) -> dict[str, list[str]]:
    """Returns the items added, removed (their values are dropped; the log keeps each one) and
    re-weighted. Refused if any kept score falls outside the new version's scales, or if the
    role may not drop a value the removed items hold."""
    with db.transaction():
        row = assessments.row(aid)
        old = rubrics.by_pk(row["rubric_pk"])
        new_pk = rubrics.pk(old.id, version)
        if new_pk is None:
            raise MeritError(f"rubrik {old.id} versi {version} belum diimpor (merit import BERKAS-RUBRIK.yaml)")
        if new_pk == row["rubric_pk"]:
            raise MeritError(f"penilaian {aid} sudah memakai {old.id} versi {version}")
        new = rubrics.by_pk(new_pk)
        if new.kind != old.kind:
            raise MeritError(f"versi {version} berjenis {new.kind}, bukan {old.kind}")
        if (problem := policy.side_at(role, row["status"])) is not None:
            raise MeritError(f"pindah versi rubrik: {problem}")
        change = diff(old, new)
        responses = assessments.load(aid).assessment.responses
        kept = [r for r in responses if r.id in new.weights()]
        dropped = [(r.id, f) for r in responses if r.id not in new.weights() for f in RESPONSE_FIELDS if getattr(r, f.name) not in (None, [], "")]
        if (problem := policy.drop_values(role, row["status"], [f.name for _, f in dropped])) is not None:
            items = sorted({item for item, _ in dropped})
            raise MeritError(f"pindah versi rubrik akan membuang nilai butir {', '.join(items)}; {problem}")
        probe = Assessment(agency="-", year=2000, rubric_id=new.id, rubric_version=new.version, responses=kept)
        problems = check_against_rubric(probe, new)
        if problems:
            raise MeritError(f"tidak dapat pindah ke versi {version}: {problems[0][1]}")
        for item in change["dihapus"]:
            for column, value in _values(db, aid, item).items():
                log.append(aid, who, role, item, column, value, None, f"butir dihapus di versi {version}", "versi rubrik")
            db.execute("DELETE FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item])
        db.execute("UPDATE assessments SET rubric_pk = ?, updated_at = ? WHERE id = ?", [new_pk, now(), aid])
        log.append(aid, who, role, None, RUBRIC, f"{old.id}@{old.version}", f"{new.id}@{new.version}", describe(change), "versi rubrik")
    return change


def _values(db: Database, aid: int, item: str) -> dict[str, str]:
    columns = [f.key for f in RESPONSE_FIELDS]
    row = db.execute(f"SELECT {', '.join(columns)} FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item]).fetchone()
    return {c: v for c, v in zip(columns, row) if v is not None} if row else {}
