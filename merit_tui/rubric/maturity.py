"""Maturity instruments (kind `maturity`, e.g. the 2026 Indeks Sistem Merit of PermenPANRB 19/2025).

Aspects with a percentage weight hold items scored 0–4 against cumulative level criteria. Some
items are ya/tidak gate questions that decide whether other items apply (`applies_if`); some
apply only to some kinds of agency (`agency_kinds`, a variant). The formula is data too: the
method names in `formula` are the only ones the scorer knows, and every number may say where it
comes from and how sure we are (`source`, `confidence`). The file format is described in the
README ("Rubrik kematangan").
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from typing import Annotated, Literal

from ..model import Constrained, Identifier, Text, model
from .models import Confidence, RubricBase, Sourced

GATE = "ya_tidak"
ANSWERS = ("ya", "tidak")
LOW: Confidence = "low"
Weight = Annotated[Decimal, Constrained(ge=Decimal(0))]


@model()
class ScoreRange:
    """The whole-number scale every scored item uses, for the agency and the verifier alike."""

    min: int
    max: int


@model()
class AgencyKind:
    id: Identifier
    name: Text


@model()
class Formula(Sourced):
    aspect: Literal["rata_rata_berlaku"]
    index: Literal["bobot_aspek"]
    composite: Literal["bobot_komponen"]


@model()
class SurveyScale:
    min: int
    max: int


@model()
class SurveyQuestion:
    id: Text
    text: Text


@model()
class Survey(Sourced):
    """What a CSV of survey responses holds: one column per question, answers on `scale`."""

    scale: SurveyScale
    questions: Annotated[list[SurveyQuestion], Constrained(min_length=1)]


@model({"source_of": "from"})
class Component(Sourced):
    """A part of the composite: the maturity index itself, or a survey entered as 0–100."""

    id: Identifier
    name: Text
    source_of: Literal["index", "survey"]
    weight: Weight
    survey: Survey | None = None


@model()
class Gate:
    item: Text
    answer: Literal["ya", "tidak"]


@model()
class LevelText:
    score: int
    text: Text


@model()
class MaturityItem(Sourced):
    id: Text
    type: Literal["ya_tidak"] | None = None
    sub_aspect: str | None = None
    indicator: str | None = None
    text: Text
    explanation: str | None = None
    levels: list[LevelText] = field(default_factory=list)
    typical_evidence: list[str] = field(default_factory=list)
    applies_if: Gate | None = None
    agency_kinds: list[str] | None = None

    @property
    def is_gate(self) -> bool:
        return self.type == GATE

    @property
    def name(self) -> str:
        """What the tree calls it: the sub-aspect, or the question."""
        return self.sub_aspect or self.text


@model()
class MaturityAspect(Sourced):
    id: Text
    name: Text
    weight: Weight
    description: str | None = None
    items: Annotated[list[MaturityItem], Constrained(min_length=1)]


@model()
class MaturityRubric(RubricBase):
    kind: Literal["maturity"]
    scale: ScoreRange
    evidence_required_above: int = 0
    agency_kinds: Annotated[list[AgencyKind], Constrained(min_length=1)]
    formula: Formula
    components: Annotated[list[Component], Constrained(min_length=1)]
    aspects: Annotated[list[MaturityAspect], Constrained(min_length=1)]

    def items(self) -> list[tuple[MaturityAspect, MaturityItem]]:
        return [(a, i) for a in self.aspects for i in a.items]

    def item(self, item_id: str) -> MaturityItem:
        return next(i for _, i in self.items() if i.id == item_id)

    def item_ids(self) -> list[str]:
        return [i.id for _, i in self.items()]

    def item_names(self) -> dict[str, str]:
        return {i.id: i.name for _, i in self.items()}

    def scored_ids(self) -> list[str]:
        return [i.id for _, i in self.items() if not i.is_gate]

    def weights(self) -> dict[str, Decimal]:
        """Item id -> the weight of its aspect (a gate weighs nothing): what `rubric upgrade`
        compares between versions and the SQL tables hold."""
        return {i.id: Decimal(0) if i.is_gate else a.weight for a, i in self.items()}

    def groups(self) -> dict[str, str]:
        return {i.id: a.id for a, i in self.items()}

    def kind_name(self, kind_id: str) -> str:
        return next((k.name for k in self.agency_kinds if k.id == kind_id), kind_id)

    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def survey_components(self) -> list[Component]:
        return [c for c in self.components if c.source_of == "survey"]
