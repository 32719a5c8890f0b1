"""Assessment files: what an instansi claimed and what the verifier found.

File keys are Indonesian because staff and verifiers read and edit these files; the mapping to
the English names used in code is in vocab.py.
"""

from __future__ import annotations

from dataclasses import field, fields
from decimal import Decimal
from typing import Annotated, Any, Literal

from .errors import suggest
from .model import Before, Constrained, Name, NonEmpty, Note, Year, model, to_data
from .numbers import MAX_DIGITS, fmt
from .rubric.maturity import MaturityRubric
from .rubric.maturity_checks import assessment_problems
from .rubric.models import Rubric, WeightedRubric
from .vocab import (
    ASSESSMENT_KEYS,
    FIELD_BY_NAME,
    GATE_ANSWERS,
    OFFICIAL_KEYS,
    RESPONSE_KEYS,
    Finding,
    Status,
)

FindingValue = Literal[tuple(f.value for f in Finding)]  # type: ignore[valid-type]
StatusValue = Literal[tuple(s.value for s in Status)]  # type: ignore[valid-type]
AnswerValue = Literal[tuple(GATE_ANSWERS)]  # type: ignore[valid-type]
# a component score entered or computed from a survey, on 0–100
# every number a file brings in is bounded (a million-digit target crashed the summary, and an
# export of one could not be imported again): as many digits as the YAML reader allows
Number = Annotated[Decimal, Constrained(max_digits=MAX_DIGITS)]
Target = Annotated[Decimal, Constrained(ge=Decimal(0), max_digits=MAX_DIGITS)]
ComponentScore = Annotated[Decimal, Constrained(ge=Decimal(0), le=Decimal(100), max_digits=MAX_DIGITS)]


def _named(value: Any) -> Any:
    """A document may be written as just its name (or link)."""
    return {"nama": value} if isinstance(value, str) else value


@model({"name": "nama", "sha256": "sha256", "size": "ukuran"})
class DocRef:
    """A supporting document: its name or link, and for a file attached to the assessment (kept in
    the evidence folder beside the database) its sha256 and size in bytes."""

    name: Name
    sha256: Annotated[str, Constrained(pattern=r"^[0-9a-f]{64}$")] | None = None
    size: Annotated[int, Constrained(ge=0)] | None = None

    def file_value(self) -> Any:
        return self.name if self.sha256 is None else {"nama": self.name, "sha256": self.sha256, "ukuran": self.size}


def docref(value: str | dict[str, Any] | DocRef) -> DocRef:
    """A document entry as stored (a name, or name, sha256 and size) as a DocRef."""
    if isinstance(value, DocRef):
        return value
    if isinstance(value, str):
        return DocRef(name=value)
    size = value.get("ukuran")
    return DocRef(name=value["nama"], sha256=value.get("sha256"), size=None if size is None else int(size))


@model(RESPONSE_KEYS)
class Response:
    id: str
    self_score: Number | None = None
    self_status: FindingValue | None = None
    answer: AnswerValue | None = None
    condition: Note | None = None
    evidence: Note | None = None
    documents: list[Annotated[DocRef, Before(_named)]] = field(default_factory=list)
    verified_score: Number | None = None
    verified_status: FindingValue | None = None
    note: Note | None = None
    recommendation: Note | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, name) in (None, "", []) for name in _VALUE_FIELDS)


_VALUE_FIELDS = tuple(f.name for f in fields(Response) if f.name != "id")  # once: fields() per call cost an import 0.4 s


@model(OFFICIAL_KEYS)
class OfficialResult:
    """The index and letter as the verifying body published them."""

    index: Number
    category: Name
    source: Note | None = None


@model(ASSESSMENT_KEYS)
class Assessment:
    agency: Name
    year: Year
    rubric_id: NonEmpty
    rubric_version: NonEmpty
    agency_kind: str | None = None
    status: StatusValue = Status.DRAFT.value
    target: Target | None = None
    source: Note | None = None
    official: OfficialResult | None = None
    components: dict[str, ComponentScore] = field(default_factory=dict)
    responses: list[Response] = field(default_factory=list)

    def by_item(self) -> dict[str, Response]:
        return {r.id: r for r in self.responses}


def assessment_to_data(a: Assessment) -> dict[str, Any]:
    """The assessment as its file holds it (file keys, nothing empty written)."""
    return to_data(a, drop_empty=("documents", "components"))


def check_against_rubric(a: Assessment, rubric: Rubric | MaturityRubric) -> list[tuple[tuple[Any, ...], str]]:
    """Problems that only show once we know the rubric: ids, scales, fields of the wrong kind."""
    found: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(rubric, MaturityRubric):
        found += assessment_problems(a, rubric)
    else:
        for key, value in (("jenis_instansi", a.agency_kind), ("komponen", a.components)):
            if value:
                found.append(((key,), f"'{key}' hanya untuk rubrik kematangan, bukan {rubric.kind} ({rubric.key})"))
    ids = rubric.item_ids()
    known = set(ids)
    seen: set[str] = set()
    what = "elemen" if rubric.kind == "compliance" else ("butir" if isinstance(rubric, MaturityRubric) else "indikator")
    wrong = [f for f in FIELD_BY_NAME.values() if not f.applies_to(rubric.kind)]
    for i, r in enumerate(a.responses):
        if r.id not in known:
            found.append((("penilaian", i, "id"), f"{what} '{r.id}' tidak ada di rubrik {rubric.key}{suggest(r.id, ids)}"))
        if r.id in seen:
            found.append((("penilaian", i, "id"), f"{what} '{r.id}' muncul dua kali"))
        seen.add(r.id)
        for f in wrong:
            if getattr(r, f.name) is not None:
                found.append((("penilaian", i, f.key), f"'{f.key}' tidak berlaku untuk rubrik {rubric.kind} ({rubric.key})"))
        if isinstance(rubric, WeightedRubric):
            for name, scale in (("self_score", rubric.scales.self_), ("verified_score", rubric.scales.verified)):
                v = getattr(r, name)
                if v is not None and not scale.allows(v):
                    found.append((("penilaian", i, FIELD_BY_NAME[name].key), f"{scale.name} {fmt(v)} di luar skala {scale.describe()}"))
    return found
