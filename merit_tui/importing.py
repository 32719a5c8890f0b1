"""Reading rubric and assessment files into a store: everything is parsed and checked first, and
then stored in one transaction, so one bad file changes nothing."""

from __future__ import annotations

from pathlib import Path

from .assessment import Assessment, check_against_rubric
from .errors import InvalidFile, MeritError, Problem
from .identity import default_user
from .rubric import Rubric
from .rubric.load import is_rubric_document, rubric_from_document
from .store import Store
from .validation import check, validate
from .yamlio import Document, load_path, parse, read_path


def import_files(store: Store, paths: list[str | Path], replace: bool = False, who: str | None = None) -> list[int]:
    """Import rubric and assessment files in one transaction; returns the assessment ids."""
    rubric_docs: list[tuple[Rubric, str]] = []
    assessment_docs: list[Document] = []
    problems: list[Problem] = []
    for p in paths:
        try:
            name, text = read_path(p)
            doc = parse(text, name)
            if is_rubric_document(doc):
                rubric_docs.append((rubric_from_document(doc), text))
            else:
                assessment_docs.append(doc)
        except InvalidFile as exc:
            problems += exc.problems
    batch = {(r.id, r.version): r for r, _ in rubric_docs}
    parsed: list[tuple[Assessment, Rubric]] = []
    for doc in assessment_docs:
        try:
            a = validate(Assessment, doc)
            rubric = batch.get((a.rubric_id, a.rubric_version)) or rubric_for(store, a, doc)
            check(doc, check_against_rubric(a, rubric))
            parsed.append((a, rubric))
        except InvalidFile as exc:
            problems += exc.problems
    if problems:
        raise InvalidFile(problems)
    who = who or default_user()
    ids = []
    with store.transaction():
        for rubric, text in rubric_docs:
            store.rubrics.add(rubric, text)
        for a, rubric in parsed:
            ids.append(store.assessments.insert(a, rubric, replace, who))
    return ids


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
    a = validate(Assessment, doc)
    rubric = rubric_for(store, a, doc)
    check(doc, check_against_rubric(a, rubric))
    return a, rubric

