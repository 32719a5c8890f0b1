"""Which Kind of walk a rubric gets: weighted and compliance (spec.py), maturity (maturity.py)."""

from __future__ import annotations

from ...assessment import Assessment, Response
from ...rubric import Rubric
from ...rubric.maturity import MaturityRubric
from ...vocab import Role
from .maturity import maturity_spec
from .spec import WalkSpec
from .spec import spec_for as legacy_spec


def spec_for(rubric: Rubric | MaturityRubric, role: Role | str, assessment: Assessment, responses: dict[str, Response]) -> WalkSpec:
    """A maturity spec follows `responses`, the screen's live dict, for what gates decide."""
    if isinstance(rubric, MaturityRubric):
        return maturity_spec(rubric, Role(role), assessment, responses)
    return legacy_spec(rubric, role)
