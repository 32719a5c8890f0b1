"""A rubric as lines of text: its tree with weights and ideal values, and its bands."""

from __future__ import annotations

from decimal import Decimal

from ..numbers import fmt
from .maturity import MaturityRubric
from .models import Rubric, WeightedRubric


def describe(r: Rubric | MaturityRubric) -> list[str]:
    out = [f"{r.title} ({r.id} versi {r.version})"]
    if r.source:
        out.append(f"Sumber: {r.source}")
    if isinstance(r, MaturityRubric):
        out += _maturity(r)
    elif isinstance(r, WeightedRubric):
        top = r.scales.self_.max
        out.append(f"Skala mandiri {r.scales.self_.describe()}, verifikasi {r.scales.verified.describe()}")
        for a in r.aspects:
            w = sum((i.weight for i in a.indicators), Decimal(0))
            out.append(f"\n{a.id}. {a.name}  (bobot {fmt(w)}, ideal {fmt(w * top)})")
            for i in a.indicators:
                out.append(f"   {i.id:>5}  bobot {fmt(i.weight):>4}  {i.text}")
        total = sum(r.weights().values(), Decimal(0))
        out.append(f"\nJumlah bobot {fmt(total)}; nilai ideal {fmt(total * top)}")
    else:
        out.append(f"Bobot elemen bawaan {fmt(r.default_weight)}" + (f" ({r.weight_source})" if r.weight_source else ""))
        for e in r.elements:
            out.append(f"   {e.id:>3}  bobot {fmt(r.weight(e)):>3}  {e.name}")
    out.append("\nKategori:")
    for b in r.bands:
        lo = fmt(b.min) if b.min is not None else "−∞"
        hi = fmt(b.max) if b.max is not None else "∞"
        conf = f" [keyakinan {b.confidence}]" if b.confidence else ""
        out.append(f"   {b.category:>4} {b.label:12} [{lo}, {hi}){conf}")
    return out


def _maturity(r: MaturityRubric) -> list[str]:
    """Aspects with their weight, items with what decides whether they apply, and components."""
    low = " [keyakinan low: bobot sementara, belum resmi]"
    out = [f"Skala {r.scale.min}–{r.scale.max} per butir; bukti wajib untuk skor di atas {r.evidence_required_above}",
           f"Rumus: aspek {r.formula.aspect}, indeks {r.formula.index}, komposit {r.formula.composite}"
           + (" [keyakinan low]" if r.formula.confidence == "low" else "")]
    for a in r.aspects:
        out.append(f"\n{a.id}. {a.name}  (bobot {fmt(a.weight)} %){low if a.confidence == 'low' else ''}")
        for i in a.items:
            rule = []
            if i.is_gate:
                rule.append("pertanyaan pembuka ya/tidak")
            if i.applies_if:
                rule.append(f"bila {i.applies_if.item} = {i.applies_if.answer}")
            if i.agency_kinds is not None:
                rule.append("hanya " + ", ".join(i.agency_kinds))
            out.append(f"   {i.id:>7}  {i.name}" + (f"  ({'; '.join(rule)})" if rule else ""))
    out.append("\nKomponen:")
    for c in r.components:
        out.append(f"   {c.id:>7}  bobot {fmt(c.weight)} %  {c.name}{low if c.confidence == 'low' else ''}")
    return out
