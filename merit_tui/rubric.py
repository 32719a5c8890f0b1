"""Rubric models: an instrument as data, loaded from a YAML file.

Two kinds exist: `weighted` (aspects of indicators with a bobot, scored on a
scale, e.g. the KASN merit index) and `compliance` (elements judged sesuai /
belum sesuai, e.g. BKN's NSPK index). A new instrument is a new file.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from .errors import InvalidFile, Problem
from .numbers import fmt
from .validation import Strict, check, validate
from .yamlio import Document, parse

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Confidence = Literal["high", "medium", "low"]


class Sourced(Strict):
    """Every node that holds numbers may say where they come from."""

    source: str | None = None
    confidence: Confidence | None = None


class Level(Strict):
    score: Decimal
    name: Text
    description: str | None = None


class Scale(Sourced):
    name: Text
    min: Decimal
    max: Decimal
    step: Decimal = Field(Decimal(1), gt=0)
    levels: list[Level] = []

    def allows(self, value: Decimal) -> bool:
        return self.min <= value <= self.max and (value - self.min) % self.step == 0

    def values(self) -> list[Decimal]:
        out, v = [], self.min
        while v <= self.max:
            out.append(v)
            v += self.step
        return out

    def describe(self) -> str:
        return f"{fmt(self.min)}–{fmt(self.max)}" + (f" (kelipatan {fmt(self.step)})" if self.step != 1 else "")


class Scales(Strict):
    self_: Scale = Field(alias="self")
    verified: Scale


class Band(Sourced):
    """A half-open interval [min, max); a missing min or max is unbounded."""

    category: Text
    label: Text
    min: Decimal | None = None
    max: Decimal | None = None

    def contains(self, value: Decimal) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)


class Indicator(Sourced):
    id: Text
    text: Text
    weight: Decimal = Field(gt=0)
    levels: list[Level] = []
    typical_evidence: list[str] = []


class Aspect(Sourced):
    id: Text
    name: Text
    typical_evidence: list[str] = []
    indicators: list[Indicator] = Field(min_length=1)


class Element(Sourced):
    id: Text
    name: Text
    weight: Decimal | None = Field(None, gt=0)
    typical_evidence: list[str] = []


class _RubricBase(Sourced):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
    version: Text
    title: Text
    short_title: str | None = None
    description: str | None = None
    bands: list[Band] = Field(min_length=1)

    def band_for(self, value: Decimal) -> Band | None:
        return next((b for b in self.bands if b.contains(value)), None)

    @property
    def label(self) -> str:
        return self.short_title or self.title

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


class WeightedRubric(_RubricBase):
    kind: Literal["weighted"]
    scales: Scales
    aspects: list[Aspect] = Field(min_length=1)

    def indicators(self) -> list[tuple[Aspect, Indicator]]:
        return [(a, i) for a in self.aspects for i in a.indicators]

    def item_ids(self) -> list[str]:
        return [i.id for a in self.aspects for i in a.indicators]


class ComplianceRubric(_RubricBase):
    kind: Literal["compliance"]
    default_weight: Decimal = Field(Decimal(1), gt=0)
    weight_source: str | None = None
    weight_confidence: Confidence | None = None
    elements: list[Element] = Field(min_length=1)

    def weight(self, element: Element) -> Decimal:
        return element.weight if element.weight is not None else self.default_weight

    def item_ids(self) -> list[str]:
        return [e.id for e in self.elements]


Rubric = WeightedRubric | ComplianceRubric

STATUSES = ("sesuai", "belum_sesuai", "belum_dinilai")
STATUS_LABELS = {"sesuai": "Sesuai", "belum_sesuai": "Belum sesuai", "belum_dinilai": "Belum dinilai"}


def _semantic_problems(r: Rubric) -> list[tuple[tuple[Any, ...], str]]:
    found: list[tuple[tuple[Any, ...], str]] = []
    # bands must tile the number line: sorted, first and last open, no gaps or overlaps
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

    if isinstance(r, WeightedRubric):
        for side in ("self", "verified"):
            scale = r.scales.self_ if side == "self" else r.scales.verified
            if scale.min > scale.max:
                found.append((("scales", side), f"min {fmt(scale.min)} lebih besar dari max {fmt(scale.max)}"))
            for j, lvl in enumerate(scale.levels):
                if not scale.allows(lvl.score):
                    found.append((("scales", side, "levels", j, "score"), f"skor {fmt(lvl.score)} di luar skala {scale.describe()}"))
        _duplicates(found, [(("aspects", i, "id"), a.id) for i, a in enumerate(r.aspects)], "id aspek")
        ids = []
        full_range = (min(r.scales.self_.min, r.scales.verified.min), max(r.scales.self_.max, r.scales.verified.max))
        for i, a in enumerate(r.aspects):
            for j, ind in enumerate(a.indicators):
                ids.append((("aspects", i, "indicators", j, "id"), ind.id))
                for k, lvl in enumerate(ind.levels):
                    if not full_range[0] <= lvl.score <= full_range[1]:
                        found.append((("aspects", i, "indicators", j, "levels", k, "score"), f"skor {fmt(lvl.score)} di luar skala {fmt(full_range[0])}–{fmt(full_range[1])}"))
        _duplicates(found, ids, "id indikator")
    else:
        _duplicates(found, [(("elements", i, "id"), e.id) for i, e in enumerate(r.elements)], "id elemen")
    return found


def _duplicates(found: list, items: list[tuple[tuple[Any, ...], str]], what: str) -> None:
    first: dict[str, int] = {}
    for idx, (loc, value) in enumerate(items):
        if value in first:
            found.append((loc, f"{what} '{value}' ganda (sudah dipakai sebelumnya)"))
        else:
            first[value] = idx


def parse_rubric(text: str, filename: str) -> Rubric:
    doc = parse(text, filename)
    return rubric_from_document(doc)


def rubric_from_document(doc: Document) -> Rubric:
    data = doc.data
    if not isinstance(data, dict):
        raise InvalidFile([doc.problem((), "rubrik harus berupa pemetaan (id, version, title, kind, ...)")])
    kind = data.get("kind")
    model: type[WeightedRubric] | type[ComplianceRubric]
    if kind == "weighted":
        model = WeightedRubric
    elif kind == "compliance":
        model = ComplianceRubric
    else:
        loc = ("kind",) if "kind" in data else ()
        msg = "wajib diisi: 'weighted' atau 'compliance'" if kind is None else f"jenis '{kind}' tidak dikenal; pilih 'weighted' atau 'compliance'"
        raise InvalidFile([Problem(doc.filename, *doc.locate(loc), "kind", msg)])
    rubric = validate(model, doc)
    check(doc, _semantic_problems(rubric))
    return rubric


def decimal_places(values) -> int:
    return max((max(0, -v.normalize().as_tuple().exponent) for v in values), default=0)


def weight_scale(rubric: Rubric) -> int:
    """10^d such that every weight times it is a whole number (2.5 → 10)."""
    if isinstance(rubric, WeightedRubric):
        return 10 ** decimal_places(i.weight for _, i in rubric.indicators())
    return 10 ** decimal_places(rubric.weight(e) for e in rubric.elements)


def score_scale(rubric: WeightedRubric) -> int:
    """10^d such that every score on either scale times it is a whole number."""
    scales = (rubric.scales.self_, rubric.scales.verified)
    return 10 ** decimal_places([s.min for s in scales] + [s.step for s in scales])


def rubric_item_rows(pk: int, rubric: Rubric) -> list[dict]:
    scale = weight_scale(rubric)
    if isinstance(rubric, WeightedRubric):
        items = [(a.id, i.id, i.weight) for a, i in rubric.indicators()]
    else:
        items = [(e.id, e.id, rubric.weight(e)) for e in rubric.elements]
    return [
        {"rubric_pk": pk, "item_id": item, "group_id": group, "weight": fmt(w), "weight_units": int(w * scale)}
        for group, item, w in items
    ]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
