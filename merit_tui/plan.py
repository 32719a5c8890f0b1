"""The rencana aksi: from what was claimed and what was accepted to a plan, and the gap review.

Pure functions: the store supplies the plan edits and the penanggung jawab mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import plan_maturity
from .assessment import Assessment
from .numbers import HUNDRED, fmt
from .rubric import Band, Rubric, WeightedRubric
from .rubric.maturity import MaturityRubric
from .scoring import score
from .scoring_maturity import PROVISIONAL_BANDS, PROVISIONAL_WEIGHTS, shown
from .vocab import FINDING_LABELS, PLAN_KEYS, Finding, PlanStatus

PLAN_FIELDS = tuple(PLAN_KEYS)


@dataclass
class PlanRow:
    group_id: str
    group_name: str
    item_id: str
    item_text: str
    self_score: str  # as shown: a score or a status label
    verified_score: str
    gap: Decimal | None  # self − verified, in score points
    potential: Decimal  # nilai gained if raised to the maximum (an estimate for NSPK)
    note: str = ""
    recommendation: str = ""
    action: str = ""
    owner: str = ""
    due: str = ""
    status: str = PlanStatus.PLANNED.value
    no: int = 0


@dataclass(frozen=True)
class CategoryPath:
    """The fewest items that, raised to the maximum, reach a category."""

    band: Band
    needed: Decimal
    items: list[str] | None  # None: not reachable even with every item at the maximum


@dataclass
class Plan:
    rubric: Rubric | MaturityRubric
    assessment: Assessment
    rows: list[PlanRow]
    paths: list[CategoryPath] = field(default_factory=list)
    verified_total: Decimal | None = None
    verified_band: Band | None = None
    seal: str = ""  # the verification seal's state in words, when the result was sealed
    # how the start of the path is named, what an item is called, and which unofficial numbers
    # (confidence: low) feed the potensi kenaikan and the path
    basis: str = "Nilai verifikasi"
    item_word: str = "indikator"
    notes: list[str] = field(default_factory=list)


def _text(value: Decimal | None) -> str:
    return "" if value is None else fmt(value)


def build_plan(rubric: Rubric | MaturityRubric, assessment: Assessment, edits: dict[str, dict[str, str]] | None = None,
               responsible: dict[str, str] | None = None) -> Plan:
    """One row per item not yet at the maximum (or with a recommendation), largest potential gain first."""
    edits = edits or {}
    responsible = responsible or {}
    responses = assessment.by_item()
    rows: list[PlanRow] = []
    if isinstance(rubric, MaturityRubric):
        return _maturity_plan(rubric, assessment, edits, responsible)
    if isinstance(rubric, WeightedRubric):
        top = rubric.scales.verified.max
        for aspect, ind in rubric.indicators():
            r = responses.get(ind.id)
            verified = r.verified_score if r else None
            self_score = r.self_score if r else None
            # while unverified, the plan starts from what the agency itself claims
            base = verified if verified is not None else (self_score if self_score is not None else Decimal(0))
            if base >= top:
                continue
            rows.append(PlanRow(
                aspect.id, aspect.name, ind.id, ind.text, _text(self_score), _text(verified),
                None if self_score is None or verified is None else self_score - verified,
                ind.weight * (top - base),
                note=(r.note or "") if r else "",
                owner=responsible.get(aspect.id, ""),
            ))
    else:
        total_weight = sum((rubric.weight(e) for e in rubric.elements), Decimal(0))
        for el in rubric.elements:
            r = responses.get(el.id)
            found = (r.verified_status if r else None) or Finding.UNJUDGED.value
            recommendation = (r.recommendation or "") if r else ""
            if found == Finding.COMPLIANT and not recommendation:
                continue
            potential = Decimal(0) if found == Finding.COMPLIANT else (rubric.weight(el) * HUNDRED / total_weight).quantize(Decimal("0.01"))
            rows.append(PlanRow(
                el.id, el.name, el.id, el.name,
                FINDING_LABELS[(r.self_status if r else None) or Finding.UNJUDGED], FINDING_LABELS[found], None, potential,
                note=(r.note or "") if r else "", recommendation=recommendation,
                owner=responsible.get(el.id, ""),
            ))
    order = {item: i for i, item in enumerate(rubric.item_ids())}
    rows.sort(key=lambda row: (-row.potential, order[row.item_id]))
    _number_and_edit(rows, edits)
    plan = Plan(rubric, assessment, rows)
    if isinstance(rubric, WeightedRubric):
        report = score(rubric, assessment)
        plan.verified_total = report.verified.total  # type: ignore[union-attr]
        plan.verified_band = report.verified.band  # type: ignore[union-attr]
        plan.paths = paths_to_next_categories(rubric, plan.verified_total or Decimal(0), [(r.item_id, r.potential) for r in rows])
    return plan


def _number_and_edit(rows: list[PlanRow], edits: dict[str, dict[str, str]]) -> None:
    for no, row in enumerate(rows, 1):
        row.no = no
        for name, value in edits.get(row.item_id, {}).items():
            if value is not None and name in PLAN_FIELDS:
                setattr(row, name, value)


def _maturity_plan(rubric: MaturityRubric, assessment: Assessment, edits: dict[str, dict[str, str]], responsible: dict[str, str]) -> Plan:
    """Rows and path in index points (plan_maturity.py), rounded only here, for people."""
    gains, index = plan_maturity.gains(rubric, assessment)
    rows = [PlanRow(g.aspect_id, g.aspect_name, g.item_id, g.text, _text(_dec(g.self_score)), _text(_dec(g.verified_score)),
                    None if g.self_score is None or g.verified_score is None else _dec(g.self_score - g.verified_score),
                    shown(g.potential) or Decimal(0), note=g.note, owner=responsible.get(g.aspect_id, ""))
            for g in gains]
    _number_and_edit(rows, edits)
    paths = [CategoryPath(p.band, shown(p.needed) or Decimal(0), p.items) for p in plan_maturity.paths(rubric, index, gains)]
    low_weights = any(a.confidence == "low" for a in rubric.aspects)
    low_bands = any(b.confidence == "low" for b in rubric.bands)
    notes = [n for flag, n in ((low_weights, PROVISIONAL_WEIGHTS), (low_bands, PROVISIONAL_BANDS)) if flag]
    return Plan(rubric, assessment, rows, paths, shown(index), plan_maturity.start_band(rubric, index),
                basis="Indeks dasar rencana (skor verifikasi, atau skor mandiri bila belum diverifikasi)", item_word="butir", notes=notes)


def _dec(value) -> Decimal | None:
    """A whole or half score kept as a Fraction, as the Decimal a plan row shows."""
    return None if value is None else Decimal(value.numerator) / Decimal(value.denominator)


def paths_to_next_categories(rubric: Rubric, total: Decimal, gains: list[tuple[str, Decimal]], how_many: int = 2) -> list[CategoryPath]:
    """For the next categories above `total`: the fewest items whose gains reach them.

    Taking the largest gains first is optimal for the fewest items.
    """
    ranked = sorted(gains, key=lambda g: -g[1])
    out = []
    for band in rubric.bands:
        if band.min is None or band.min <= total or len(out) == how_many:
            continue
        needed = band.min - total
        picked, running = [], Decimal(0)
        for item_id, gain in ranked:
            if running >= needed:
                break
            if gain > 0:
                picked.append(item_id)
                running += gain
        out.append(CategoryPath(band, needed, picked if running >= needed else None))
    return out


@dataclass(frozen=True)
class GapRow:
    aspect_id: str
    aspect_name: str
    item_id: str
    text: str
    weight: Decimal
    self_score: Decimal | None
    verified_score: Decimal | None
    has_note: bool

    @property
    def weighted_gap(self) -> Decimal:
        """bobot × (self − verified); an unverified item counts its whole claim."""
        return self.weight * ((self.self_score or 0) - (self.verified_score or 0))


GAP_FILTERS = {
    "semua": "Semua",
    "nol": "Verifikator memberi 0",
    "tanpa_catatan": "Belum ada catatan",
    "belum_diverifikasi": "Belum diverifikasi",
}


def gap_rows(rubric: WeightedRubric, assessment: Assessment, aspect: str | None = None, kind: str = "semua") -> list[GapRow]:
    """Every indicator, self beside verified, the largest weighted gap first."""
    responses = assessment.by_item()
    rows = []
    for a, ind in rubric.indicators():
        r = responses.get(ind.id)
        rows.append(GapRow(a.id, a.name, ind.id, ind.text, ind.weight, r.self_score if r else None,
                           r.verified_score if r else None, bool(r and r.note)))
    if aspect:
        rows = [r for r in rows if r.aspect_id == aspect]
    if kind == "nol":
        rows = [r for r in rows if r.verified_score == 0]
    elif kind == "tanpa_catatan":
        rows = [r for r in rows if not r.has_note]
    elif kind == "belum_diverifikasi":
        rows = [r for r in rows if r.verified_score is None]
    order = {item: i for i, item in enumerate(rubric.item_ids())}
    return sorted(rows, key=lambda r: (-r.weighted_gap, order[r.item_id]))

