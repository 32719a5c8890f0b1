"""Scoring every stored assessment at once, in SQL, exactly.

Weights and scores are scaled to whole numbers per rubric (2.5 → 25 with a
scale of 10), summed as integers by SQLite and divided back as Decimals, so
the totals equal `scoring.score` to the last half point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .rubric import ComplianceRubric, WeightedRubric, score_scale, weight_scale
from .scoring import Side, category_for, percent
from .store import Store, id_list


@dataclass
class BulkScore:
    rubric_pk: int
    self: Side
    verified: Side
    aspects: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # group id -> (self, verified)
    estimate: Decimal | None = None  # compliance: verified estimate


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


def score_all(store: "Store", aspects: bool = False, ids: list[int] | None = None) -> dict[int, BulkScore]:
    """Self and verified totals and categories of every assessment, or of those in `ids`
    (and aspect totals, if asked)."""
    only = "" if ids is None else f" AND a.id IN ({id_list(ids)})"
    weighted_sql = _WEIGHTED.format(group="i.group_id" if aspects else "NULL", group_by=", i.group_id" if aspects else "", only=only)
    compliance_sql = _COMPLIANCE.format(only=only)
    db = store.conn
    out: dict[int, BulkScore] = {}
    for (pk,) in db.execute(f"SELECT DISTINCT rubric_pk FROM assessments a WHERE 1{only}").fetchall():
        rubric = store.rubric_by_pk(pk)
        n = len(rubric.item_ids())
        ids_here = [row[0] for row in db.execute(f"SELECT id FROM assessments a WHERE rubric_pk = ?{only}", [pk])]
        if isinstance(rubric, WeightedRubric):
            unit = Decimal(weight_scale(rubric) * score_scale(rubric))
            sums: dict[int, list] = {aid: [0, 0, 0, 0, {}] for aid in ids_here}
            for aid, group, s_units, s_n, v_units, v_n in db.execute(weighted_sql, {"pk": pk, "ss": score_scale(rubric)}):
                acc = sums[aid]
                acc[0] += s_units or 0
                acc[1] += s_n
                acc[2] += v_units or 0
                acc[3] += v_n
                if aspects:
                    acc[4][group] = (Decimal(s_units or 0) / unit, Decimal(v_units or 0) / unit)
            for aid, (s_units, s_n, v_units, v_n, aspects) in sums.items():
                s_total = Decimal(s_units) / unit if s_n else None
                v_total = Decimal(v_units) / unit if v_n else None
                out[aid] = BulkScore(
                    pk,
                    Side(s_total, category_for(rubric, s_total), s_n, n - s_n),
                    Side(v_total, category_for(rubric, v_total), v_n, n - v_n),
                    aspects,
                )
        else:
            assert isinstance(rubric, ComplianceRubric)
            for aid in ids_here:
                out[aid] = BulkScore(pk, Side(None, None, 0, n), Side(None, None, 0, n))
            for aid, s_n, v_n, ok, judged in db.execute(compliance_sql, {"pk": pk}):
                estimate = percent(Decimal(ok), Decimal(judged)) if judged else None
                out[aid] = BulkScore(
                    pk, Side(None, None, s_n, n - s_n), Side(None, category_for(rubric, estimate), v_n, n - v_n), estimate=estimate
                )
    return out
