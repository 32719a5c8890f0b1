"""What a verification seal covers, built the same way for sealing and for checking.

The content is plain text all the way down (numbers as the files write them), so the same
assessment gives the same bytes in the verifier's database, in an exported file and in the
agency's database: instansi, tahun, the rubric (id, version and the sha256 of its text), every
item's fields on both sides, the evidence files' hashes, the status, the official result and
the head of the log it was sealed from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .assessment import Assessment
from .model import to_data
from .numbers import fmt
from .vocab import RESPONSE_FIELDS

SEAL_KEY = "segel"  # where an exported assessment file carries its seal
HEAD_KEY = "kepala_log"  # and the head of the log it was exported from


def content(a: Assessment, rubric_sha256: str, log_head: dict[str, str] | None) -> dict[str, Any]:
    items: dict[str, dict[str, Any]] = {}
    files: dict[str, list[dict[str, str]]] = {}
    for r in a.responses:
        values: dict[str, Any] = {}
        for f in RESPONSE_FIELDS:
            value = getattr(r, f.name)
            if value in (None, "", []):
                continue
            values[f.key] = [d.name for d in value] if f.type == "list" else _text(value)
        if values:
            items[r.id] = values
        attached = [{"nama": d.name, "sha256": d.sha256, "ukuran": str(d.size)} for d in r.documents if d.sha256]
        if attached:
            files[r.id] = attached
    official = None
    if a.official is not None:
        official = {k: _text(v) for k, v in to_data(a.official).items()}
    return {
        "instansi": a.agency,
        "tahun": str(a.year),
        "rubrik": {"id": a.rubric_id, "versi": a.rubric_version, "sha256": rubric_sha256},
        "butir": items,
        "dokumen": files,
        "status": a.status,
        "hasil_resmi": official,
        "log": log_head,
    }


def _text(value: Any) -> str:
    return fmt(value) if isinstance(value, Decimal) else str(value)
