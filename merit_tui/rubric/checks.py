"""What a rubric must satisfy beyond its shape: bands that tile the number line, levels on
the scale, ids used once. Each problem is (location in the file, message)."""

from __future__ import annotations

from ..numbers import fmt
from .found import Found
from .found import duplicates as _duplicates
from .maturity import MaturityRubric
from .maturity_checks import rubric_problems
from .models import Rubric, WeightedRubric


def semantic_problems(r: Rubric | MaturityRubric) -> Found:
    found: Found = []
    _bands(r, found)
    if isinstance(r, WeightedRubric):
        _weighted(r, found)
    elif isinstance(r, MaturityRubric):
        found += rubric_problems(r)
    else:
        _duplicates(found, [(("elements", i, "id"), e.id) for i, e in enumerate(r.elements)], "id elemen")
    return found


def _bands(r: Rubric | MaturityRubric, found: Found) -> None:
    """Bands must tile the number line: sorted, first and last open, no gaps or overlaps."""
    for i, band in enumerate(r.bands):
        if band.min is not None and band.max is not None and band.min >= band.max:
            found.append((("bands", i), f"min {fmt(band.min)} harus lebih kecil dari max {fmt(band.max)}"))
    if r.bands[0].min is not None:
        found.append((("bands", 0, "min"), f"kategori pertama harus terbuka ke bawah (hapus min); nilai di bawah {fmt(r.bands[0].min)} tidak punya kategori"))
    if r.bands[-1].max is not None:
        found.append((("bands", len(r.bands) - 1, "max"), f"kategori terakhir harus terbuka ke atas (hapus max); nilai {fmt(r.bands[-1].max)} ke atas tidak punya kategori"))
    for i in range(1, len(r.bands)):
        prev, cur = r.bands[i - 1], r.bands[i]
        if prev.max is None or cur.min is None:
            found.append((("bands", i), "hanya kategori pertama boleh tanpa min dan hanya yang terakhir tanpa max"))
        elif cur.min > prev.max:
            found.append((("bands", i, "min"), f"celah antara kategori {prev.category} dan {cur.category}: nilai {fmt(prev.max)} sampai di bawah {fmt(cur.min)} tidak punya kategori"))
        elif cur.min < prev.max:
            found.append((("bands", i, "min"), f"tumpang tindih dengan kategori {prev.category}: nilai {fmt(cur.min)} sampai di bawah {fmt(prev.max)} masuk dua kategori"))
    _duplicates(found, [(("bands", i, "category"), b.category) for i, b in enumerate(r.bands)], "kategori")


def _weighted(r: WeightedRubric, found: Found) -> None:
    for side in ("self", "verified"):
        scale = r.scales.self_ if side == "self" else r.scales.verified
        if scale.min > scale.max:
            found.append((("scales", side), f"min {fmt(scale.min)} lebih besar dari max {fmt(scale.max)}"))
        for j, lvl in enumerate(scale.levels):
            if not scale.allows(lvl.score):
                found.append((("scales", side, "levels", j, "score"), f"skor {fmt(lvl.score)} di luar skala {scale.describe()}"))
    _duplicates(found, [(("aspects", i, "id"), a.id) for i, a in enumerate(r.aspects)], "id aspek")
    ids = []
    low = min(r.scales.self_.min, r.scales.verified.min)
    high = max(r.scales.self_.max, r.scales.verified.max)
    for i, a in enumerate(r.aspects):
        for j, ind in enumerate(a.indicators):
            ids.append((("aspects", i, "indicators", j, "id"), ind.id))
            for k, lvl in enumerate(ind.levels):
                if not low <= lvl.score <= high:
                    found.append((("aspects", i, "indicators", j, "levels", k, "score"), f"skor {fmt(lvl.score)} di luar skala {fmt(low)}–{fmt(high)}"))
    _duplicates(found, ids, "id indikator")
