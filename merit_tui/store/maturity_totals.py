"""Totals of maturity assessments for the list and `merit score --all`.

Whether an item counts depends on gate answers and the agency kind, which SQL sums cannot follow
simply; maturity assessments are few (one per agency per year), so they are scored here with the
Python scorer, exactly as `merit score` does.
"""

from __future__ import annotations

from ..assessment import Assessment
from ..rubric.maturity import MaturityRubric
from ..scoring import Side
from ..scoring_maturity import (
    PROVISIONAL_BANDS,
    PROVISIONAL_WEIGHTS,
    MaturityReport,
    score_maturity,
)
from .codec import components_value, row_response
from .connection import Database, id_list


def maturity_reports(db: Database, rubric: MaturityRubric, ids: list[int]) -> dict[int, MaturityReport]:
    if not ids:
        return {}
    responses: dict[int, list] = {aid: [] for aid in ids}
    for row in db.query(f"SELECT * FROM responses WHERE assessment_id IN ({id_list(ids)})"):
        responses[row["assessment_id"]].append(row_response(row))
    out = {}
    for row in db.query(f"SELECT id, instansi, tahun, jenis_instansi, komponen FROM assessments WHERE id IN ({id_list(ids)})"):
        a = Assessment(agency=row["instansi"], year=row["tahun"], rubric_id=rubric.id, rubric_version=rubric.version,
                       agency_kind=row["jenis_instansi"], components=components_value(row["komponen"]),
                       responses=responses[row["id"]])
        out[row["id"]] = score_maturity(rubric, a)
    return out


def sides(report: MaturityReport) -> tuple[Side, Side]:
    """The index of each side as the list shows a total: two places, with its category."""
    s, v = report.self, report.verified
    return Side(s.shown, s.band, s.scored, s.missing), Side(v.shown, v.band, v.scored, v.missing)


def notes(report: MaturityReport) -> tuple[str, ...]:
    """What the list and `merit score --all` must say about the numbers behind these totals."""
    p = report.provisional
    return tuple(n for flag, n in ((p.weights, PROVISIONAL_WEIGHTS), (p.bands, PROVISIONAL_BANDS)) if flag)


def category(report: MaturityReport) -> str:
    """The verified category once there is one, else the self-assessed; * when its edges are provisional."""
    side = report.verified if report.verified.value is not None else report.self
    if side.band is None:
        return ""
    return side.band.label + ("*" if report.provisional.bands else "")
