"""Reading one assessment file against the rubrics a store holds, without storing anything.

Apart from importing.py, so that `merit score FILE` loads the reader, the models and the scorer,
and not the importer with its write paths, seals and policy.
"""

from __future__ import annotations

from pathlib import Path

from .assessment import Assessment, check_against_rubric
from .errors import InvalidFile, MeritError
from .rubric import Rubric
from .sealing import HEAD_KEY, SEAL_KEY
from .store import Store
from .validation import check, validate
from .yamlio import Document, load_path


def rubric_for(store: Store, a: Assessment, doc: Document) -> Rubric:
    """The stored rubric version an assessment file names, or a problem at the key that is wrong."""
    try:
        return store.rubrics.get(a.rubric_id, a.rubric_version)
    except MeritError as exc:
        key = "versi_rubrik" if store.rubrics.pk(a.rubric_id, None) else "rubrik"
        raise InvalidFile([doc.problem((key,), exc.message)]) from None


def load_file(store: Store, path: str | Path) -> tuple[Assessment, Rubric]:
    """Read an assessment file and find its rubric in the store, without storing anything."""
    doc = load_path(path)
    data = doc.data
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in (SEAL_KEY, HEAD_KEY)}
    a = validate(Assessment, doc, data)
    rubric = rubric_for(store, a, doc)
    check(doc, check_against_rubric(a, rubric))
    return a, rubric
