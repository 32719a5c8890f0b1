"""Instruments as data: the rubric models (reading them from YAML is in `rubric.load`)."""

from .models import (
    Aspect,
    Band,
    ComplianceRubric,
    Element,
    Indicator,
    Level,
    Rubric,
    Scale,
    WeightedRubric,
)

__all__ = ["Aspect", "Band", "ComplianceRubric", "Element", "Indicator", "Level", "Rubric", "Scale", "WeightedRubric"]
