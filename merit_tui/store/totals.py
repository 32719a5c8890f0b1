"""Scoring stored assessments in SQL, exactly, and the totals cache the list reads.

Weights and scores are scaled to whole numbers per rubric (2.5 → 25 with a scale of 10),
summed as integers by SQLite and divided back as Decimals, so the totals equal
`scoring.score` to the last half point.

`assessment_totals` holds each assessment's progress, totals and category as the list shows
them. Triggers (schema.py) drop a row whenever anything it depends on changes; `refresh`, run
before every write commits, recomputes the dropped rows, so a stale row cannot survive a commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ..numbers import percent
from ..rubric.maturity import MaturityRubric
from ..rubric.models import ComplianceRubric, Rubric, WeightedRubric
from ..scoring import Side, category_for
from .codec import text
from .connection import Database, id_list
from .maturity_totals import category as maturity_category
from .maturity_totals import maturity_reports, notes, sides

if TYPE_CHECKING:
    from .rubrics import RubricRepository


def decimal_places(values: Iterable[Decimal]) -> int:
    return max((max(0, -v.normalize().as_tuple().exponent) for v in values), default=0)


def weight_scale(rubric: Rubric | MaturityRubric) -> int:
    """10^d such that every weight times it is a whole number (2.5 → 10)."""
    return 10 ** decimal_places(rubric.weights().values())


def score_scale(rubric: WeightedRubric) -> int:
    """10^d such that every score on either scale times it is a whole number."""
    scales = (rubric.scales.self_, rubric.scales.verified)
    return 10 ** decimal_places([s.min for s in scales] + [s.step for s in scales])


def item_rows(pk: int, rubric: Rubric | MaturityRubric) -> list[dict]:
    """The rubric's items as `rubric_items` rows: group, weight, and weight in whole units."""
    scale = weight_scale(rubric)
    groups = rubric.groups()
    return [
        {"rubric_pk": pk, "item_id": item, "group_id": groups[item], "weight": text(w), "weight_units": int(w * scale)}
        for item, w in rubric.weights().items()
    ]


@dataclass
class BulkScore:
    rubric_pk: int
    self: Side
    verified: Side
    aspects: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # group id -> (self, verified)
    estimate: Decimal | None = None  # compliance: verified estimate
    notes: tuple[str, ...] = ()  # maturity: which unofficial numbers feed these totals


_WEIGHTED = """
SELECT r.assessment_id, {group},
       SUM(CASE WHEN r.skor IS NOT NULL THEN i.weight_units * CAST(ROUND(CAST(r.skor AS REAL) * :ss) AS INTEGER) END),
       COUNT(r.skor),
       SUM(CASE WHEN r.nilai_verifikasi IS NOT NULL THEN i.weight_units * CAST(ROUND(CAST(r.nilai_verifikasi AS REAL) * :ss) AS INTEGER) END),
       COUNT(r.nilai_verifikasi)
FROM assessments a
JOIN responses r ON r.assessment_id = a.id
JOIN rubric_items i ON i.rubric_pk = a.rubric_pk AND i.item_id = r.item_id
WHERE a.rubric_pk = :pk{only}
GROUP BY r.assessment_id{group_by}
"""

_COMPLIANCE = """
SELECT r.assessment_id,
       COUNT(CASE WHEN r.status IN ('sesuai', 'belum_sesuai') THEN 1 END),
       COUNT(CASE WHEN r.status_verifikasi IN ('sesuai', 'belum_sesuai') THEN 1 END),
       SUM(CASE WHEN r.status_verifikasi = 'sesuai' THEN i.weight_units ELSE 0 END),
       SUM(CASE WHEN r.status_verifikasi IN ('sesuai', 'belum_sesuai') THEN i.weight_units ELSE 0 END)
FROM assessments a
JOIN responses r ON r.assessment_id = a.id
JOIN rubric_items i ON i.rubric_pk = a.rubric_pk AND i.item_id = r.item_id
WHERE a.rubric_pk = :pk{only}
GROUP BY r.assessment_id
"""


def score_all(db: Database, rubrics: "RubricRepository", aspects: bool = False, ids: list[int] | None = None) -> dict[int, BulkScore]:
    """Self and verified totals and categories of every assessment, or of those in `ids`
    (and aspect totals, if asked)."""
    only = "" if ids is None else f" AND a.id IN ({id_list(ids)})"
    weighted_sql = _WEIGHTED.format(group="i.group_id" if aspects else "NULL", group_by=", i.group_id" if aspects else "", only=only)
    compliance_sql = _COMPLIANCE.format(only=only)
    conn = db.conn
    out: dict[int, BulkScore] = {}
    for (pk,) in conn.execute(f"SELECT DISTINCT rubric_pk FROM assessments a WHERE 1{only}").fetchall():
        rubric = rubrics.by_pk(pk)
        n = len(rubric.item_ids())
        ids_here = [row[0] for row in conn.execute(f"SELECT id FROM assessments a WHERE rubric_pk = ?{only}", [pk])]
        if isinstance(rubric, MaturityRubric):
            for aid, report in maturity_reports(db, rubric, ids_here).items():
                groups = {a.id: (a.self.shown, a.verified.shown) for a in report.aspects} if aspects else {}
                out[aid] = BulkScore(pk, *sides(report), groups, notes=notes(report))  # type: ignore[arg-type]
        elif isinstance(rubric, WeightedRubric):
            unit = Decimal(weight_scale(rubric) * score_scale(rubric))
            sums: dict[int, list] = {aid: [0, 0, 0, 0, {}] for aid in ids_here}
            for aid, group, s_units, s_n, v_units, v_n in conn.execute(weighted_sql, {"pk": pk, "ss": score_scale(rubric)}):
                acc = sums[aid]
                acc[0] += s_units or 0
                acc[1] += s_n
                acc[2] += v_units or 0
                acc[3] += v_n
                if aspects:
                    acc[4][group] = (Decimal(s_units or 0) / unit, Decimal(v_units or 0) / unit)
            for aid, (s_units, s_n, v_units, v_n, groups) in sums.items():
                s_total = Decimal(s_units) / unit if s_n else None
                v_total = Decimal(v_units) / unit if v_n else None
                out[aid] = BulkScore(
                    pk,
                    Side(s_total, category_for(rubric, s_total), s_n, n - s_n),
                    Side(v_total, category_for(rubric, v_total), v_n, n - v_n),
                    groups,
                )
        else:
            assert isinstance(rubric, ComplianceRubric)
            for aid in ids_here:
                out[aid] = BulkScore(pk, Side(None, None, 0, n), Side(None, None, 0, n))
            for aid, s_n, v_n, ok, judged in conn.execute(compliance_sql, {"pk": pk}):
                estimate = percent(Decimal(ok), Decimal(judged)) if judged else None
                out[aid] = BulkScore(
                    pk, Side(None, None, s_n, n - s_n), Side(None, category_for(rubric, estimate), v_n, n - v_n), estimate=estimate
                )
    return out


class TotalsCache:
    """The listing totals (and seal state) of each assessment, kept current inside every write
    transaction."""

    def __init__(self, db: Database, rubrics: "RubricRepository", seal_state: Callable[[int], str]) -> None:
        self.db = db
        self.rubrics = rubrics
        self.seal_state = seal_state

    def compute(self, ids: list[int]) -> list[tuple]:
        """Cache rows for these assessments, scored exactly."""
        totals = score_all(self.db, self.rubrics, ids=ids)
        out = []
        for aid, rpk, off_idx, off_cat in self.db.execute(
            f"SELECT id, rubric_pk, official_index, official_category FROM assessments WHERE id IN ({id_list(ids)})"
        ).fetchall():
            rubric = self.rubrics.by_pk(rpk)
            t = totals[aid]
            if isinstance(rubric, MaturityRubric):
                report = maturity_reports(self.db, rubric, [aid])[aid]
                out.append((aid, rubric.label, rubric.kind, report.total_items, t.self.scored, t.verified.scored,
                            text(t.self.total), text(t.verified.total), maturity_category(report), self.seal_state(aid)))
                continue
            if isinstance(rubric, WeightedRubric):
                band = (t.verified if t.verified.total is not None else t.self).band  # the verified result once there is one
                category = f"{band.category} {band.label}" if band else ""
            else:
                category = f"{off_cat} (resmi {off_idx})" if off_idx is not None else ""
            out.append((aid, rubric.label, rubric.kind, len(rubric.item_ids()), t.self.scored, t.verified.scored,
                        text(t.self.total), text(t.verified.total), category, self.seal_state(aid)))
        return out

    def refresh(self) -> None:
        """Recompute the rows the triggers dropped in this transaction."""
        stale = [r[0] for r in self.db.execute(
            "SELECT a.id FROM assessments a LEFT JOIN assessment_totals t ON t.assessment_id = a.id WHERE t.assessment_id IS NULL"
        )]
        if stale:
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO assessment_totals (assessment_id, label, kind, items, self_done, verified_done, self_total,"
                " verified_total, category, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.compute(stale))
