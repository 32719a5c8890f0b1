"""Which printed parts go with which instrument kind: the one place that looks at the report's type.

A new kind (say the 2026 maturity instrument) writes one function from its score report to
`Parts` (summary lines, chart, Lampiran columns and rows, notices) in its own module, and adds
one line to `KINDS`; the renderers, the templates and the rest of the report stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..assessment import Assessment
from ..errors import MeritError
from ..scoring import ComplianceReport, Report, WeightedReport
from ..scoring_maturity import MaturityReport
from . import compliance, maturity, weighted
from .parts import Parts

# One entry per instrument kind: its score report's type and the function that prints it.
KINDS: list[tuple[type, Callable[[Any, Assessment], Parts]]] = [
    (WeightedReport, weighted.parts),
    (ComplianceReport, compliance.parts),
    (MaturityReport, maturity.parts),
]


def kind_parts(report: Report, assessment: Assessment) -> Parts:
    for kind, build in KINDS:
        if isinstance(report, kind):
            return build(report, assessment)
    raise MeritError(f"Laporan cetak belum tersedia untuk instrumen jenis {report.rubric.kind}")
