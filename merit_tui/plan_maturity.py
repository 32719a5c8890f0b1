"""The rencana aksi of a maturity assessment, through the same formula as the index.

One row per applicable scored item below the maximum. Its potensi kenaikan is the index points
gained by raising it to the maximum: aspect weight % × (max − base) ÷ (max × applicable items of
the aspect), where the base is the verifier's score, or the agency's own while unverified, or 0.
The path to the next categories takes the largest gains first, which is the fewest items.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .assessment import Assessment
from .rubric.maturity import MaturityRubric
from .rubric.models import Band
from .scoring_maturity import HUNDRED, agency_kind, applicability, aspect_value, band_of


@dataclass(frozen=True)
class Gain:
    aspect_id: str
    aspect_name: str
    item_id: str
    text: str
    self_score: Fraction | None
    verified_score: Fraction | None
    potential: Fraction  # index points
    note: str


@dataclass(frozen=True)
class Path:
    band: Band
    needed: Fraction
    items: list[str] | None  # None: out of reach even with every item at the maximum


def gains(rubric: MaturityRubric, a: Assessment) -> tuple[list[Gain], Fraction]:
    """The plan's rows, largest gain first, and the index its bases give (the plan's start)."""
    kind, _ = agency_kind(rubric, a)
    responses = a.by_item()
    reasons = applicability(rubric, kind, {r.id: r.answer for r in a.responses if r.answer is not None})
    top = rubric.scale.max
    out, index = [], Fraction(0)
    order = {i: n for n, i in enumerate(rubric.item_ids())}
    for aspect in rubric.aspects:
        items = [it for it in aspect.items if not it.is_gate and reasons[it.id] is None]
        bases = Fraction(0)
        for it in items:
            r = responses.get(it.id)
            own = Fraction(r.self_score) if r and r.self_score is not None else None
            verified = Fraction(r.verified_score) if r and r.verified_score is not None else None
            base = verified if verified is not None else (own if own is not None else Fraction(0))
            bases += base
            if base < top:
                potential = Fraction(aspect.weight) * (top - base) / (top * len(items))
                out.append(Gain(aspect.id, aspect.name, it.id, it.name, own, verified, potential, (r.note or "") if r else ""))
        index += Fraction(aspect.weight) * aspect_value(bases, len(items), top) / HUNDRED
    out.sort(key=lambda g: (-g.potential, order[g.item_id]))
    return out, index


def paths(rubric: MaturityRubric, index: Fraction, rows: list[Gain], how_many: int = 2) -> list[Path]:
    """For the next categories above the index: the fewest items whose gains reach them."""
    out = []
    for band in rubric.bands:
        if band.min is None or Fraction(band.min) <= index or len(out) == how_many:
            continue
        needed = Fraction(band.min) - index
        picked, running = [], Fraction(0)
        for g in rows:
            if running >= needed:
                break
            picked.append(g.item_id)
            running += g.potential
        out.append(Path(band, needed, picked if running >= needed else None))
    return out


def start_band(rubric: MaturityRubric, index: Fraction) -> Band | None:
    return band_of(rubric.bands, index)
