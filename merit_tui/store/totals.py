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
SELECT r.assessment_id, i.group_id,
       SUM(CASE WHEN r.skor IS NOT NULL THEN i.weight_units * CAST(ROUND(CAST(r.skor AS REAL) * :ss) AS INTEGER) END),
       SUM(CASE WHEN r.nilai_verifikasi IS NOT NULL THEN i.weight_units * CAST(ROUND(CAST(r.nilai_verifikasi AS REAL) * :ss) AS INTEGER) END)
FROM assessments a
JOIN responses r ON r.assessment_id = a.id
JOIN rubric_items i ON i.rubric_pk = a.rubric_pk AND i.item_id = r.item_id
WHERE a.rubric_pk = :pk{only}
GROUP BY r.assessment_id, i.group_id
"""

# One query per rubric, reading only that rubric's responses: the assessments in id order, each
# one's responses through their index, so nothing is read twice and nothing is sorted. (Joining
# from the responses read every response once per rubric, twice the work of one aggregate.)
# `NOT INDEXED` and `CROSS JOIN` keep SQLite to that order; an id is still found by its key.
# A new instrument kind adds its own query here and its own case in `_Totals`.
_FROM = """
FROM assessments a NOT INDEXED
CROSS JOIN responses r ON r.assessment_id = a.id
CROSS JOIN rubric_items i ON i.rubric_pk = a.rubric_pk AND i.item_id = r.item_id
WHERE a.rubric_pk = :pk{only}
GROUP BY a.id
"""
_WEIGHTED_SUMS = "SELECT a.id, SUM(i.weight_units * {self_units}), COUNT(r.skor), SUM(i.weight_units * {verified_units}), COUNT(r.nilai_verifikasi)" + _FROM
_COMPLIANCE_SUMS = """
SELECT a.id,
       COUNT(CASE WHEN r.status IN ('sesuai', 'belum_sesuai') THEN 1 END),
       COUNT(CASE WHEN r.status_verifikasi IN ('sesuai', 'belum_sesuai') THEN 1 END),
       SUM(CASE WHEN r.status_verifikasi = 'sesuai' THEN i.weight_units ELSE 0 END),
       SUM(CASE WHEN r.status_verifikasi IN ('sesuai', 'belum_sesuai') THEN i.weight_units ELSE 0 END)""" + _FROM


def _units(column: str, scale: int) -> str:
    """A score column in whole units of the rubric's scale: whole-number scales (every rubric
    today) need only a cast; a scale in halves is multiplied first."""
    return f"CAST(r.{column} AS INTEGER)" if scale == 1 else f"CAST(ROUND(CAST(r.{column} AS REAL) * {int(scale)}) AS INTEGER)"


class _Totals:
    """One rubric's sums turned into BulkScores. Sides are kept by the sums they come from and
    shared between assessments with the same sums (they are frozen, and most sums repeat):
    building a Decimal, a band and a Side for each of 12,600 assessments cost as much as the query."""

    def __init__(self, pk: int, rubric: Rubric) -> None:
        self.pk, self.rubric, self.items = pk, rubric, len(rubric.item_ids())
        self.unit = Decimal(weight_scale(rubric) * score_scale(rubric)) if isinstance(rubric, WeightedRubric) else None
        self._sides: dict[tuple, Side] = {}

    def _weighted(self, units: int | None, scored: int) -> Side:
        side = self._sides.get((units, scored))
        if side is None:
            assert self.unit is not None
            total = Decimal(units or 0) / self.unit if scored else None
            side = self._sides[(units, scored)] = Side(total, category_for(self.rubric, total), scored, self.items - scored)
        return side

    def _judged(self, estimate: Decimal | None, scored: int) -> Side:
        side = self._sides.get(("judged", estimate, scored))
        if side is None:
            side = self._sides[("judged", estimate, scored)] = Side(None, category_for(self.rubric, estimate), scored, self.items - scored)
        return side

    def empty(self) -> BulkScore:
        """An assessment with no responses."""
        if self.unit is not None:
            return BulkScore(self.pk, self._weighted(None, 0), self._weighted(None, 0))
        return BulkScore(self.pk, self._judged(None, 0), self._judged(None, 0))

    def all(self, conn, only: str) -> dict[int, BulkScore]:
        """The BulkScore of every assessment of this rubric that has responses."""
        if self.unit is not None:
            scale = score_scale(self.rubric)  # type: ignore[arg-type]
            sql = _WEIGHTED_SUMS.format(self_units=_units("skor", scale), verified_units=_units("nilai_verifikasi", scale), only=only)
            return {aid: BulkScore(self.pk, self._weighted(s_units, s_n), self._weighted(v_units, v_n))
                    for aid, s_units, s_n, v_units, v_n in conn.execute(sql, {"pk": self.pk})}
        assert isinstance(self.rubric, ComplianceRubric)
        out = {}
        for aid, s_n, v_n, ok, judged in conn.execute(_COMPLIANCE_SUMS.format(only=only), {"pk": self.pk}):
            estimate = percent(Decimal(ok), Decimal(judged)) if judged else None
            out[aid] = BulkScore(self.pk, self._judged(None, s_n), self._judged(estimate, v_n), estimate=estimate)
        return out


def score_all(db: Database, rubrics: "RubricRepository", aspects: bool = False, ids: list[int] | None = None) -> dict[int, BulkScore]:
    """Self and verified totals and categories of every assessment, or of those in `ids`
    (and aspect totals, if asked)."""
    conn = db.conn
    only = "" if ids is None else f" AND a.id IN ({id_list(ids)})"
    out: dict[int, BulkScore] = {}
    for (pk,) in conn.execute(f"SELECT DISTINCT rubric_pk FROM assessments a WHERE 1{only}").fetchall():
        rubric = rubrics.by_pk(pk)
        if isinstance(rubric, MaturityRubric):
            ids_here = [row[0] for row in conn.execute(f"SELECT id FROM assessments a WHERE rubric_pk = ?{only}", [pk])]
            for aid, report in maturity_reports(db, rubric, ids_here).items():
                groups = {a.id: (a.self.shown, a.verified.shown) for a in report.aspects} if aspects else {}
                out[aid] = BulkScore(pk, *sides(report), groups, notes=notes(report))  # type: ignore[arg-type]
            continue
        totals = _Totals(pk, rubric)
        found = totals.all(conn, only)
        for (aid,) in conn.execute(f"SELECT id FROM assessments a WHERE rubric_pk = ?{only}", [pk]):
            out[aid] = found.get(aid) or totals.empty()
        if aspects and totals.unit is not None:
            for aid, group, s_units, v_units in conn.execute(_WEIGHTED.format(only=only), {"pk": pk, "ss": score_scale(totals.rubric)}):
                out[aid].aspects[group] = (Decimal(s_units or 0) / totals.unit, Decimal(v_units or 0) / totals.unit)
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

    def differences(self) -> list[str]:
        """Cached rows that are not what scoring the stored responses gives (the list reads
        them, so a row changed outside merit-tui would show a total nobody gave)."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM assessments ORDER BY id")]
        if not ids:
            return []
        stored = {r[0]: tuple(r) for r in self.db.execute(
            "SELECT assessment_id, label, kind, items, self_done, verified_done, self_total, verified_total, category, seal"
            " FROM assessment_totals")}
        names = ("label", "kind", "items", "self_done", "verified_done", "self_total", "verified_total", "category", "seal")
        out = []
        for row in self.compute(ids):
            have = stored.get(row[0])
            if have is None:
                continue  # dropped by a trigger, recomputed before the next read
            for name, mine, theirs in zip(names, row[1:], have[1:]):
                if mine != theirs:
                    shown = str(theirs) if len(str(theirs)) <= 40 else str(theirs)[:40] + "…"
                    out.append(f"penilaian {row[0]}: total di daftar ({name}) {shown!r}, seharusnya {mine!r}")
        return out

    def refresh(self, ids: list[int] | None = None) -> None:
        """Recompute the rows the triggers dropped in this transaction (among `ids`, if given)."""
        among = "" if ids is None else f" AND a.id IN ({id_list(ids)})"
        stale = [r[0] for r in self.db.execute(
            "SELECT a.id FROM assessments a LEFT JOIN assessment_totals t ON t.assessment_id = a.id WHERE t.assessment_id IS NULL" + among
        )]
        if stale:
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO assessment_totals (assessment_id, label, kind, items, self_done, verified_done, self_total,"
                " verified_total, category, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.compute(stale))
        self.db.totals_refreshed()
