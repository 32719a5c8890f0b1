"""Rubric models: an instrument as data, loaded from a YAML file.

Two kinds exist: `weighted` (aspects of indicators with a bobot, scored on a scale, e.g. the
KASN merit index) and `compliance` (elements judged sesuai / belum sesuai, e.g. BKN's NSPK
index). A new instrument is a new file.
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from typing import Annotated, Literal

from ..model import Constrained, Identifier, Positive, Text, model
from ..numbers import fmt

Confidence = Literal["high", "medium", "low"]


@model()
class Sourced:
    """Every node that holds numbers may say where they come from."""

    source: str | None = None
    confidence: Confidence | None = None


@model()
class Level:
    score: Decimal
    name: Text
    description: str | None = None


@model()
class Scale(Sourced):
    name: Text
    min: Decimal
    max: Decimal
    step: Positive = Decimal(1)
    levels: list[Level] = field(default_factory=list)

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


@model({"self_": "self"})
class Scales:
    self_: Scale
    verified: Scale


@model()
class Band(Sourced):
    """A half-open interval [min, max); a missing min or max is unbounded."""

    category: Text
    label: Text
    min: Decimal | None = None
    max: Decimal | None = None

    def contains(self, value: Decimal) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)


@model()
class Indicator(Sourced):
    id: Text
    text: Text
    weight: Positive
    levels: list[Level] = field(default_factory=list)
    typical_evidence: list[str] = field(default_factory=list)


@model()
class Aspect(Sourced):
    id: Text
    name: Text
    typical_evidence: list[str] = field(default_factory=list)
    indicators: Annotated[list[Indicator], Constrained(min_length=1)]


@model()
class Element(Sourced):
    id: Text
    name: Text
    weight: Positive | None = None
    typical_evidence: list[str] = field(default_factory=list)


@model()
class RubricBase(Sourced):
    id: Identifier
    version: Text
    title: Text
    short_title: str | None = None
    description: str | None = None
    bands: Annotated[list[Band], Constrained(min_length=1)]

    def band_for(self, value: Decimal) -> Band | None:
        return next((b for b in self.bands if b.contains(value)), None)

    @property
    def label(self) -> str:
        return self.short_title or self.title

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


@model()
class WeightedRubric(RubricBase):
    kind: Literal["weighted"]
    scales: Scales
    aspects: Annotated[list[Aspect], Constrained(min_length=1)]

    def indicators(self) -> list[tuple[Aspect, Indicator]]:
        return [(a, i) for a in self.aspects for i in a.indicators]

    def item_ids(self) -> list[str]:
        return [i.id for a in self.aspects for i in a.indicators]

    def item_names(self) -> dict[str, str]:
        return {i.id: i.text for _, i in self.indicators()}

    def weights(self) -> dict[str, Decimal]:
        return {i.id: i.weight for _, i in self.indicators()}

    def groups(self) -> dict[str, str]:
        """Item id -> the aspect it belongs to."""
        return {i.id: a.id for a, i in self.indicators()}


@model()
class ComplianceRubric(RubricBase):
    kind: Literal["compliance"]
    default_weight: Positive = Decimal(1)
    weight_source: str | None = None
    weight_confidence: Confidence | None = None
    elements: Annotated[list[Element], Constrained(min_length=1)]

    def weight(self, element: Element) -> Decimal:
        return element.weight if element.weight is not None else self.default_weight

    def item_ids(self) -> list[str]:
        return [e.id for e in self.elements]

    def item_names(self) -> dict[str, str]:
        return {e.id: e.name for e in self.elements}

    def weights(self) -> dict[str, Decimal]:
        return {e.id: self.weight(e) for e in self.elements}

    def groups(self) -> dict[str, str]:
        return {e.id: e.id for e in self.elements}


Rubric = WeightedRubric | ComplianceRubric
