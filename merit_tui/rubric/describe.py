"""A rubric as lines of text: its tree with weights and ideal values, and its bands."""

from __future__ import annotations

from decimal import Decimal

from ..numbers import fmt
from .models import Rubric, WeightedRubric


def describe(r: Rubric) -> list[str]:
    out = [f"{r.title} ({r.id} versi {r.version})"]
    if r.source:
        out.append(f"Sumber: {r.source}")
    if isinstance(r, WeightedRubric):
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
