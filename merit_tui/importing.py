"""Reading rubric and assessment files, and packages, into a store: everything is parsed and
checked first (batch_read.py, on every core for a large batch), then stored in one transaction
under the write policy, so one bad file changes nothing. A package's evidence is checked byte
for byte against its manifest on the way in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .batch_read import READ, STORE, Incoming, OnStep, read_batch
from .errors import InvalidFile
from .identity import default_user
from .reading import load_file, rubric_for
from .store import Store
from .store.imports import Outcome, self_only, store_file
from .vocab import Role

__all__ = ["READ", "STORE", "Incoming", "Result", "import_all", "import_files", "load_file", "rubric_for"]


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
               role: str = Role.ASSESSOR, self_fields_only: bool = False, *, bundled: bool = False,
               on_step: OnStep | None = None) -> Result:
    """`bundled` is only for the examples shipped inside merit-tui (seeding a new database):
    their published verification has no seal, and they are not anyone's input."""
    step = on_step or (lambda stage, done, total: None)
    batch = read_batch(store, list(paths), step)
    if batch.problems:
        raise InvalidFile(batch.problems)
    rubric_docs, incoming = batch.rubrics, batch.incoming
    result = Result(rubrics=len(rubric_docs))
    who = who or default_user()
    with store.transaction():
        for rubric, text in rubric_docs:
            store.rubrics.add(rubric, text)
        for n, item in enumerate(incoming, 1):
            a = self_only(item.assessment) if self_fields_only else item.assessment
            sealed = False
            if item.seal is not None and not self_fields_only:
                check = store.seals.check_against(item.seal, item.assessment, in_this_log=False)
                result.seals.append(f"{item.filename}: segel {check.report()}")
                sealed = check.state == "sah"
            outcome = store_file(store.assessments, a, item.rubric, replace=replace, who=who, role=role, sealed=sealed or bundled,
                                 via="contoh" if bundled else "paket" if item.packaged else "impor", self_fields_only=self_fields_only)
            if item.seal is not None:
                store.seals.store(outcome.aid, item.seal, who, role, "paket" if item.packaged else "impor")
            result.ids.append(outcome.aid)
            result.outcomes.append(outcome)
            result.missing_evidence += sum(1 for r in a.responses for d in r.documents if d.sha256 and not store.evidence.has(d.sha256))
            step(STORE, n, len(incoming))
    return result
