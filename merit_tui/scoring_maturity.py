"""The scorer of maturity instruments: pure and exact, from a rubric and an assessment.

The default formula, kept in the rubric as data (`formula`):
- aspect score = Σ scores of the applicable items ÷ (scale max × number of applicable items) × 100;
  an applicable item not yet scored counts as missing: it adds nothing to the sum and stays in
  the denominator, and the count of such items is reported next to the score;
- maturity index = Σ aspect weight % × aspect score ÷ 100;
- composite = Σ component weight % × component score ÷ 100, once every component has a score.

Arithmetic is exact (Fraction: a third of a point stays a third); `shown` rounds half-up to two
places for people. Categories come from the rubric's bands, per aspect and overall, compared with
the exact value. Whether an item applies follows the agency kind and the gate answers
(`applicability`); an item that does not apply is out of the denominator, with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .assessment import Assessment, Response
from .rubric.maturity import LOW, MaturityRubric
from .rubric.models import Band

HUNDRED = Fraction(100)
# what a result says when an unofficial number (confidence: low) feeds it
PROVISIONAL_WEIGHTS = "bobot sementara (belum resmi)"
PROVISIONAL_BANDS = "batas kategori sementara"
PROVISIONAL_COMPONENTS = "bobot komponen sementara"
PROVISIONAL_FORMULA = "rumus bawaan merit-tui (belum resmi)"


def shown(value: Fraction | None) -> Decimal | None:
    """An exact value as people read it: two places, half-up (48.505 → 48.51)."""
    if value is None:
        return None
    hundredths = (value * 100 * 2 + 1) // 2  # floor(x + 1/2): half-up for the values we have (≥ 0)
    return Decimal(hundredths) / 100


def infer_agency_kind(agency: str) -> str:
    """kabkota for a Kabupaten or Kota, provinsi for a Provinsi, else kl (as the README says)."""
    if re.search(r"\b(kabupaten|kota)\b", agency, re.IGNORECASE):
        return "kabkota"
    if re.search(r"\bprovinsi\b", agency, re.IGNORECASE):
        return "provinsi"
    return "kl"


def agency_kind(rubric: MaturityRubric, a: Assessment) -> tuple[str, bool]:
    """The assessment's agency kind and whether it was inferred from the agency's name."""
    if a.agency_kind:
        return a.agency_kind, False
    kinds = [k.id for k in rubric.agency_kinds]
    guess = infer_agency_kind(a.agency)
    return (guess if guess in kinds else kinds[0]), True


def applicability(rubric: MaturityRubric, kind: str, answers: dict[str, str]) -> dict[str, str | None]:
    """Item id -> None if it applies, else why not. An unanswered gate leaves its items
    applicable; an item under a gate that does not apply does not apply either."""
    items = {it.id: it for _, it in rubric.items()}
    memo: dict[str, str | None] = {}

    def why(item_id: str, seen: frozenset[str]) -> str | None:
        if item_id in memo:
            return memo[item_id]
        it = items[item_id]
        reason = None
        if it.agency_kinds is not None and kind not in it.agency_kinds:
            reason = "hanya untuk " + ", ".join(rubric.kind_name(k) for k in it.agency_kinds)
        elif it.applies_if is not None and it.applies_if.item in items and item_id not in seen:
            gate = it.applies_if
            answer = answers.get(gate.item)
            if why(gate.item, seen | {item_id}) is not None:
                reason = f"pertanyaan {gate.item} tidak berlaku"
            elif answer is not None and answer != gate.answer:
                reason = f"{gate.item} dijawab “{answer}”"
        memo[item_id] = reason
        return reason

    return {item_id: why(item_id, frozenset()) for item_id in items}


def band_of(bands: list[Band], value: Fraction | None) -> Band | None:
    if value is None:
        return None
    return next((b for b in bands if (b.min is None or value >= Fraction(b.min)) and (b.max is None or value < Fraction(b.max))), None)


def aspect_value(total: Fraction, applicable: int, top: int) -> Fraction:
    return total / (top * applicable) * HUNDRED if applicable else Fraction(0)


@dataclass(frozen=True)
class ItemResult:
    aspect_id: str
    id: str
    name: str
    gate: bool
    reason: str | None  # why it does not apply; None when it applies
    answer: str | None
    self_score: Decimal | None
    verified_score: Decimal | None
    needs_evidence: bool  # a self score above the threshold without evidence or documents

    @property
    def applies(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class SideScore:
    """One side (self or verified) of an aspect or of the whole index."""

    value: Fraction | None  # over the applicable items, unscored ones counted as missing; None: index not yet scored
    band: Band | None
    scored: int
    missing: int

    @property
    def shown(self) -> Decimal | None:
        return shown(self.value)


@dataclass(frozen=True)
class AspectResult:
    id: str
    name: str
    weight: Decimal
    provisional: bool  # the weight has confidence: low
    applicable: int
    self: SideScore
    verified: SideScore


@dataclass(frozen=True)
class ComponentValue:
    id: str
    name: str
    weight: Decimal
    provisional: bool
    from_index: bool
    value: Fraction | None


@dataclass(frozen=True)
class Composite:
    value: Fraction | None  # None while any component has no score
    band: Band | None
    components: list[ComponentValue]

    @property
    def missing(self) -> list[str]:
        return [c.name for c in self.components if c.value is None]

    @property
    def shown(self) -> Decimal | None:
        return shown(self.value)


@dataclass(frozen=True)
class Provisional:
    """Which unofficial numbers (confidence: low) feed the results."""

    weights: bool
    bands: bool
    components: bool
    formula: bool


@dataclass(frozen=True)
class MaturityReport:
    rubric: MaturityRubric
    agency_kind: str
    kind_inferred: bool
    items: list[ItemResult]
    aspects: list[AspectResult]
    self: SideScore
    verified: SideScore
    self_composite: Composite
    verified_composite: Composite
    provisional: Provisional

    @property
    def total_items(self) -> int:
        """Scored items that apply to this assessment."""
        return sum(a.applicable for a in self.aspects)

    @property
    def unanswered_gates(self) -> list[str]:
        return [i.id for i in self.items if i.gate and i.applies and i.answer is None]

    @property
    def needs_evidence(self) -> list[str]:
        return [i.id for i in self.items if i.needs_evidence]


def score_maturity(rubric: MaturityRubric, a: Assessment) -> MaturityReport:
    responses = a.by_item()
    kind, inferred = agency_kind(rubric, a)
    answers = {r.id: r.answer for r in a.responses if r.answer is not None}
    reasons = applicability(rubric, kind, answers)
    top = rubric.scale.max
    items, aspects = [], []
    for aspect in rubric.aspects:
        rows = [_item(rubric, aspect.id, it.id, it.name, it.is_gate, reasons[it.id], responses.get(it.id)) for it in aspect.items]
        items += rows
        scored_rows = [r for r in rows if not r.gate and r.applies]
        sides = []
        for name in ("self_score", "verified_score"):
            values = [getattr(r, name) for r in scored_rows if getattr(r, name) is not None]
            value = aspect_value(sum((Fraction(v) for v in values), Fraction(0)), len(scored_rows), top)
            sides.append(SideScore(value, band_of(rubric.bands, value), len(values), len(scored_rows) - len(values)))
        aspects.append(AspectResult(aspect.id, aspect.name, aspect.weight, aspect.confidence == LOW, len(scored_rows), *sides))
    self_side, verified_side = _index(rubric, aspects, "self"), _index(rubric, aspects, "verified")
    return MaturityReport(
        rubric, kind, inferred, items, aspects, self_side, verified_side,
        _composite(rubric, a, self_side), _composite(rubric, a, verified_side),
        Provisional(
            weights=any(x.confidence == LOW for x in rubric.aspects),
            bands=any(b.confidence == LOW for b in rubric.bands),
            components=any(c.confidence == LOW for c in rubric.components),
            formula=rubric.formula.confidence == LOW,
        ),
    )


def _item(rubric: MaturityRubric, aspect_id: str, item_id: str, name: str, gate: bool, reason: str | None, r: Response | None) -> ItemResult:
    r = r or Response(id=item_id)
    needs = (not gate and reason is None and r.self_score is not None and r.self_score > rubric.evidence_required_above
             and not r.evidence and not r.documents)
    return ItemResult(aspect_id, item_id, name, gate, reason, r.answer, r.self_score, r.verified_score, needs)


def _index(rubric: MaturityRubric, aspects: list[AspectResult], side: str) -> SideScore:
    scored = sum(getattr(x, side).scored for x in aspects)
    missing = sum(getattr(x, side).missing for x in aspects)
    value = sum((Fraction(x.weight) * getattr(x, side).value / HUNDRED for x in aspects), Fraction(0)) if scored else None
    return SideScore(value, band_of(rubric.bands, value), scored, missing)


def _composite(rubric: MaturityRubric, a: Assessment, side: SideScore) -> Composite:
    parts = []
    for c in rubric.components:
        given = a.components.get(c.id)
        value = side.value if c.source_of == "index" else (None if given is None else Fraction(given))
        parts.append(ComponentValue(c.id, c.name, c.weight, c.confidence == LOW, c.source_of == "index", value))
    value = None
    if all(p.value is not None for p in parts):
        value = sum((Fraction(p.weight) * p.value / HUNDRED for p in parts if p.value is not None), Fraction(0))
    return Composite(value, band_of(rubric.bands, value), parts)
