"""Moving an assessment to another stored version of its rubric, explicitly and logged."""

from __future__ import annotations

from ..assessment import Assessment, check_against_rubric
from ..errors import MeritError
from ..rubric.diff import describe, diff
from ..vocab import Role
from .assessments import Assessments
from .connection import Database, now
from .events import EventLog
from .rubrics import RubricRepository


def upgrade_rubric(db: Database, rubrics: RubricRepository, assessments: Assessments, log: EventLog,
                   aid: int, version: str, who: str) -> dict[str, list[str]]:
    """Returns the items added, removed (their answers are dropped; the log keeps them) and
    re-weighted. Refused if any kept score falls outside the new version's scales."""
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
    change = diff(old, new)
    kept = [r for r in assessments.load(aid).assessment.responses if r.id in new.weights()]
    probe = Assessment(agency="-", year=2000, rubric_id=new.id, rubric_version=new.version, responses=kept)
    problems = check_against_rubric(probe, new)
    if problems:
        raise MeritError(f"tidak dapat pindah ke versi {version}: {problems[0][1]}")
    with db.transaction():
        for item in change["dihapus"]:
            db.execute("DELETE FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item])
        db.execute("UPDATE assessments SET rubric_pk = ?, updated_at = ? WHERE id = ?", [new_pk, now(), aid])
        log.append(aid, who, Role.ASSESSOR, None, "versi_rubrik", old.version, new.version, describe(change))
    return change
