"""Reading rubric and assessment files, and packages, into a store: everything is parsed and
checked first, then stored in one transaction under the write policy, so one bad file changes
nothing. A package's evidence is checked byte for byte against its manifest on the way in."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assessment import Assessment, check_against_rubric
from .errors import InvalidFile, MeritError, Problem
from .identity import default_user
from .rubric import Rubric
from .rubric.load import is_rubric_document, rubric_from_document
from .sealing import HEAD_KEY, SEAL_KEY
from .store import Store
from .store.imports import Outcome, self_only, store_file
from .validation import check, validate
from .vocab import Role
from .yamlio import Document, load_path, parse, read_path


@dataclass
class Incoming:
    """One assessment file read and checked, with the seal it carries (if any)."""

    doc: Document
    assessment: Assessment
    rubric: Rubric
    seal: Any = None  # trust.seal.Seal
    seal_problem: Problem | None = None
    packaged: bool = False


@dataclass
class Result:
    ids: list[int] = field(default_factory=list)
    rubrics: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    seals: list[str] = field(default_factory=list)  # one line per sealed file: its state
    missing_evidence: int = 0


def import_files(store: Store, paths: list[str | Path], replace: bool = False, who: str | None = None,
                 role: str = Role.ASSESSOR, self_fields_only: bool = False) -> list[int]:
    """Import rubric and assessment files (and packages) in one transaction; the assessment ids."""
    return import_all(store, paths, replace, who, role, self_fields_only).ids


def import_all(store: Store, paths: list[str | Path], replace: bool = False, who: str | None = None,
               role: str = Role.ASSESSOR, self_fields_only: bool = False, *, bundled: bool = False) -> Result:
    """`bundled` is only for the examples shipped inside merit-tui (seeding a new database):
    their published verification has no seal, and they are not anyone's input."""
    rubric_docs: list[tuple[Rubric, str]] = []
    assessment_docs: list[tuple[Document, bool]] = []
    problems: list[Problem] = []
    for p in paths:
        try:
            if _is_package(p):
                name, text = _unpack(store, p)
                assessment_docs.append((parse(text, name), True))
                continue
            name, text = read_path(p)
            doc = parse(text, name)
            if is_rubric_document(doc):
                rubric_docs.append((rubric_from_document(doc), text))
            else:
                assessment_docs.append((doc, False))
        except InvalidFile as exc:
            problems += exc.problems
    batch = {(r.id, r.version): r for r, _ in rubric_docs}
    incoming: list[Incoming] = []
    for doc, packaged in assessment_docs:
        try:
            incoming.append(_read(store, doc, batch, packaged))
        except InvalidFile as exc:
            problems += exc.problems
    if problems:
        raise InvalidFile(problems)
    result = Result(rubrics=len(rubric_docs))
    who = who or default_user()
    with store.transaction():
        for rubric, text in rubric_docs:
            store.rubrics.add(rubric, text)
        for item in incoming:
            a = self_only(item.assessment) if self_fields_only else item.assessment
            sealed = False
            if item.seal is not None and not self_fields_only:
                check = store.seals.check_against(item.seal, item.assessment, in_this_log=False)
                result.seals.append(f"{item.doc.filename}: segel {check.report()}")
                sealed = check.state == "sah"
            outcome = store_file(store.assessments, a, item.rubric, replace=replace, who=who, role=role, sealed=sealed or bundled,
                                 via="contoh" if bundled else "paket" if item.packaged else "impor")
            if item.seal is not None:
                store.seals.store(outcome.aid, item.seal, who, role, "paket" if item.packaged else "impor")
            result.ids.append(outcome.aid)
            result.outcomes.append(outcome)
            result.missing_evidence += sum(1 for r in a.responses for d in r.documents if d.sha256 and not store.evidence.has(d.sha256))
    return result


def _is_package(path: str | Path) -> bool:
    p = Path(path)
    return p.suffix.lower() == ".zip" or (p.is_file() and zipfile.is_zipfile(p))


def _unpack(store: Store, path: str | Path) -> tuple[str, str]:
    """A package's assessment text; its evidence checked into the evidence folder."""
    from .trust.package import read_package

    try:
        package = read_package(path, store.evidence)
    except MeritError as exc:
        raise InvalidFile([Problem(str(path), None, None, "", exc.message)]) from None
    return f"{path}:penilaian.yaml", package.assessment_yaml


def _read(store: Store, doc: Document, batch: dict[tuple[str, str], Rubric], packaged: bool) -> Incoming:
    data = doc.data
    seal = None
    if isinstance(data, dict) and (SEAL_KEY in data or HEAD_KEY in data):
        data = {k: v for k, v in data.items() if k not in (SEAL_KEY, HEAD_KEY)}
        if SEAL_KEY in doc.data:
            from .trust.seal import seal_from_data

            seal = seal_from_data(doc.data[SEAL_KEY], doc.filename)
    a = validate(Assessment, doc, data)
    rubric = batch.get((a.rubric_id, a.rubric_version)) or rubric_for(store, a, doc)
    check(doc, check_against_rubric(a, rubric))
    if packaged:
        missing = [d for r in a.responses for d in r.documents if d.sha256 and not store.evidence.has(d.sha256)]
        if missing:
            raise InvalidFile([doc.problem((), f"berkas bukti {d.name} (sha256 {d.sha256[:12]}…) disebut tetapi tidak ada di paket") for d in missing])
    return Incoming(doc, a, rubric, seal, packaged=packaged)


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
