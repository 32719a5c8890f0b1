"""Reading a rubric file: YAML, then the model of its kind, then the semantic checks."""

from __future__ import annotations

import hashlib

from ..errors import InvalidFile, Problem
from ..validation import check, validate
from ..yamlio import Document, parse
from .checks import semantic_problems
from .maturity import MaturityRubric
from .models import ComplianceRubric, Rubric, WeightedRubric

KINDS: dict[str, type[WeightedRubric] | type[ComplianceRubric] | type[MaturityRubric]] = {
    "weighted": WeightedRubric, "compliance": ComplianceRubric, "maturity": MaturityRubric,
}


def parse_rubric(text: str, filename: str) -> Rubric | MaturityRubric:
    return rubric_from_document(parse(text, filename))


def rubric_from_document(doc: Document) -> Rubric | MaturityRubric:
    data = doc.data
    if not isinstance(data, dict):
        raise InvalidFile([doc.problem((), "rubrik harus berupa pemetaan (id, version, title, kind, ...)")])
    kind = data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        loc = ("kind",) if "kind" in data else ()
        choices = " atau ".join(f"'{k}'" for k in KINDS)
        msg = f"wajib diisi: {choices}" if kind is None else f"jenis '{kind}' tidak dikenal; pilih {choices}"
        raise InvalidFile([Problem(doc.filename, *doc.locate(loc), "kind", msg)])
    rubric = validate(model, doc)
    check(doc, semantic_problems(rubric))
    return rubric


def is_rubric_document(doc: Document) -> bool:
    """Rubric files say what kind of instrument they are; assessment files list responses."""
    return isinstance(doc.data, dict) and "kind" in doc.data and "penilaian" not in doc.data


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
