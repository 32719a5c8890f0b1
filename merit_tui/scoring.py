"""The scorer: pure functions from a rubric and responses to exact totals.

No I/O and no UI here. Every number is a Decimal; a missing score is reported
as missing, never counted as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .assessment import Assessment, Response
from .numbers import percent
from .rubric.maturity import MaturityRubric
from .rubric.models import Band, ComplianceRubric, Rubric, WeightedRubric
from .scoring_maturity import MaturityReport, score_maturity
from .vocab import Finding


@dataclass(frozen=True)
class Side:
    """One side of the assessment (self or verified): total, category, what is missing."""

    total: Decimal | None
    band: Band | None
    scored: int
    missing: int


@dataclass(frozen=True)
class IndicatorScore:
    aspect_id: str
    id: str
    text: str
    weight: Decimal
    self_score: Decimal | None
    verified_score: Decimal | None
    ideal: Decimal

    @property
    def self_value(self) -> Decimal | None:
        return None if self.self_score is None else self.weight * self.self_score

    @property
    def verified_value(self) -> Decimal | None:
        return None if self.verified_score is None else self.weight * self.verified_score


@dataclass(frozen=True)
class AspectScore:
    id: str
    name: str
    ideal: Decimal
    self_total: Decimal
    verified_total: Decimal
    self_missing: int
    verified_missing: int
    indicators: list[IndicatorScore] = field(default_factory=list)

    @property
    def gap(self) -> Decimal:
        return self.self_total - self.verified_total

    @property
    def self_percent(self) -> Decimal | None:
        return percent(self.self_total, self.ideal)

    @property
    def verified_percent(self) -> Decimal | None:
        return percent(self.verified_total, self.ideal)


@dataclass(frozen=True)
class WeightedReport:
    rubric: WeightedRubric
    ideal: Decimal
    self: Side
    verified: Side
    aspects: list[AspectScore]
    target: Decimal | None

    @property
    def gap(self) -> Decimal:
        return (self.self.total or 0) - (self.verified.total or 0)

    @property
    def achievement(self) -> Decimal | None:
        """Self total against the target, as the LKjIP reports it (299.5 / 265 = 113.02 %)."""
        if self.target is None or self.self.total is None:
            return None
        return percent(self.self.total, self.target)

    @property
    def total_items(self) -> int:
        return sum(len(a.indicators) for a in self.aspects)


@dataclass(frozen=True)
class ElementResult:
    id: str
    name: str
    weight: Decimal
    self_status: str
    verified_status: str
    note: str | None
    recommendation: str | None


@dataclass(frozen=True)
class ComplianceSide:
    counts: dict[str, int]
    estimate: Decimal | None
    band: Band | None

    @property
    def judged(self) -> int:
        return self.counts["sesuai"] + self.counts["belum_sesuai"]


@dataclass(frozen=True)
class ComplianceReport:
    rubric: ComplianceRubric
    elements: list[ElementResult]
    self: ComplianceSide
    verified: ComplianceSide
    official_index: Decimal | None
    official_category: str | None

    @property
    def total_items(self) -> int:
        return len(self.elements)


Report = WeightedReport | ComplianceReport | MaturityReport


def category_for(rubric: Rubric, total: Decimal | None) -> Band | None:
    return None if total is None else rubric.band_for(total)


def score_weighted(rubric: WeightedRubric, responses: dict[str, Response], target: Decimal | None = None) -> WeightedReport:
    aspects: list[AspectScore] = []
    top = rubric.scales.self_.max
    for aspect in rubric.aspects:
        rows = []
        for ind in aspect.indicators:
            r = responses.get(ind.id)
            rows.append(
                IndicatorScore(
                    aspect.id, ind.id, ind.text, ind.weight,
                    r.self_score if r else None,
                    r.verified_score if r else None,
                    ind.weight * top,
                )
            )
        aspects.append(
            AspectScore(
                aspect.id,
                aspect.name,
                ideal=sum((x.ideal for x in rows), Decimal(0)),
                self_total=sum((x.self_value for x in rows if x.self_value is not None), Decimal(0)),
                verified_total=sum((x.verified_value for x in rows if x.verified_value is not None), Decimal(0)),
                self_missing=sum(1 for x in rows if x.self_score is None),
                verified_missing=sum(1 for x in rows if x.verified_score is None),
                indicators=rows,
            )
        )
    n = sum(len(a.indicators) for a in aspects)

    def side(total: Decimal, missing: int) -> Side:
        scored = n - missing
        value = total if scored else None
        return Side(value, category_for(rubric, value), scored, missing)

    return WeightedReport(
        rubric=rubric,
        ideal=sum((a.ideal for a in aspects), Decimal(0)),
        self=side(sum((a.self_total for a in aspects), Decimal(0)), sum(a.self_missing for a in aspects)),
        verified=side(sum((a.verified_total for a in aspects), Decimal(0)), sum(a.verified_missing for a in aspects)),
        aspects=aspects,
        target=target,
    )


def _compliance_side(rubric: ComplianceRubric, statuses: list[tuple[Decimal, str]]) -> ComplianceSide:
    counts = {s.value: 0 for s in Finding}
    for _, s in statuses:
        counts[s] += 1
    judged = [(w, s) for w, s in statuses if s != Finding.UNJUDGED]
    total = sum((w for w, _ in judged), Decimal(0))
    ok = sum((w for w, s in judged if s == Finding.COMPLIANT), Decimal(0))
    estimate = percent(ok, total)
    return ComplianceSide(counts, estimate, category_for(rubric, estimate))


def score_compliance(rubric: ComplianceRubric, responses: dict[str, Response], official_index: Decimal | None = None, official_category: str | None = None) -> ComplianceReport:
    elements = []
    for el in rubric.elements:
        r = responses.get(el.id)
        elements.append(
            ElementResult(
                el.id, el.name, rubric.weight(el),
                (r.self_status if r else None) or Finding.UNJUDGED.value,
                (r.verified_status if r else None) or Finding.UNJUDGED.value,
                r.note if r else None,
                r.recommendation if r else None,
            )
        )
    return ComplianceReport(
        rubric=rubric,
        elements=elements,
        self=_compliance_side(rubric, [(e.weight, e.self_status) for e in elements]),
        verified=_compliance_side(rubric, [(e.weight, e.verified_status) for e in elements]),
        official_index=official_index,
        official_category=official_category,
    )


def score(rubric: Rubric | MaturityRubric, assessment: Assessment) -> Report:
    if isinstance(rubric, MaturityRubric):
        return score_maturity(rubric, assessment)
    responses = assessment.by_item()
    if isinstance(rubric, WeightedRubric):
        return score_weighted(rubric, responses, assessment.target)
    official = assessment.official
    return score_compliance(rubric, responses, official.index if official else None, official.category if official else None)


def points_to_next(rubric: Rubric, total: Decimal | None) -> tuple[Band, Decimal] | None:
    """The next category up and the points still needed to reach it."""
    if total is None:
        return None
    current = rubric.band_for(total)
    if current is None or current.max is None:
        return None
    nxt = rubric.band_for(current.max)
    return (nxt, current.max - total) if nxt else None
