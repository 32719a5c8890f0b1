"""The assessment file an export writes: the assessment, the head of the log it came from, and
its latest seal."""

from __future__ import annotations

from typing import Any

from ..assessment import Assessment, assessment_to_data
from ..sealing import HEAD_KEY, SEAL_KEY
from ..yaml_dump import dump


def assessment_yaml(a: Assessment, head: dict[str, str] | None = None, seal: dict[str, Any] | None = None) -> str:
    """The assessment file, with the head of the log it came from and its latest seal."""
    header = f"# {a.agency} {a.year}: {a.rubric_id} versi {a.rubric_version}. Diekspor oleh merit-tui.\n"
    data = assessment_to_data(a)
    if head is not None:
        data[HEAD_KEY] = head
    if seal is not None:
        data[SEAL_KEY] = seal
    return header + dump(data)
