"""Reading the files of an import: each parsed and checked against its rubric, nothing stored.

A large batch is read on every core: parsing YAML is most of an import, and a verifier body
imports every agency's file at once. Each worker process opens the database for reading, reads
a share of the files and sends back only the checked models, in the order given. Packages stay
with the caller (they write evidence), and so does a file whose rubric comes in another file of
the batch. Workers are forked, so they start at once with everything imported; a process with
other threads (the workbench) cannot fork safely and reads on one core, as does a small batch.

Each file is checked as soon as it is parsed and only its model is kept, not its YAML node tree:
holding 1,890 node trees until the last file was read made every garbage collection walk
millions of nodes, and parsing took three times as long inside an import as on its own.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assessment import Assessment, check_against_rubric
from .errors import InvalidFile, MeritError, Problem
from .reading import rubric_for
from .rubric import Rubric
from .rubric.load import is_rubric_document, rubric_from_document
from .sealing import HEAD_KEY, SEAL_KEY
from .store import Store
from .validation import check, validate
from .vocab import ASSESSMENT_KEYS
from .yamlio import Document, parse, read_path

# (stage, done, total): called as files are read, and as assessments are stored
OnStep = Callable[[str, int, int], None]
READ, STORE = "dibaca dan diperiksa", "disimpan"
PARALLEL_FROM = 200  # files; fewer are read faster than workers start
CHUNK = 40  # files a worker reads before reporting back


@dataclass
class Incoming:
    """One assessment file read and checked, with the seal it carries (if any)."""

    filename: str
    assessment: Assessment
    rubric: Rubric | None  # None only on its way back from a worker (the caller has the rubrics)
    seal: Any = None  # trust.seal.Seal
    seal_problem: Problem | None = None
    packaged: bool = False


@dataclass
class Batch:
    rubrics: list[tuple[Rubric, str]] = field(default_factory=list)  # with the text to store
    incoming: list[Incoming] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    by_key: dict[tuple[str, str], Rubric] = field(default_factory=dict)
    waiting: list[tuple[Document, bool]] = field(default_factory=list)  # rubric maybe later in the batch

    def add_rubric(self, rubric: Rubric, text: str) -> None:
        self.rubrics.append((rubric, text))
        self.by_key[(rubric.id, rubric.version)] = rubric

    def take(self, store: Store, doc: Document, packaged: bool) -> None:
        if not packaged and is_rubric_document(doc):
            self.add_rubric(rubric_from_document(doc), doc.text)
        elif _rubric_known(store, doc, self.by_key):
            self.incoming.append(_read(store, doc, self.by_key, packaged))
        else:
            self.waiting.append((doc, packaged))

    def finish(self, store: Store) -> None:
        for doc, packaged in self.waiting:
            try:
                self.incoming.append(_read(store, doc, self.by_key, packaged))
            except InvalidFile as exc:
                self.problems += exc.problems
        self.waiting = []


def read_batch(store: Store, paths: list[str | Path], step: OnStep) -> Batch:
    """Every file read and checked, in the order given (InvalidFile is not raised: see problems)."""
    batch = Batch()
    workers = min(os.cpu_count() or 1, 4)
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    results = _in_workers(store, paths, workers, step) if len(paths) >= PARALLEL_FROM and workers > 1 and forkable else None
    for n, p in enumerate(paths, 1):
        try:
            kind, value = results[n - 1] if results else ("path", p)
            if kind == "path":
                batch.take(store, *_parse(store, value))
            elif kind == "rubric":
                batch.add_rubric(*value)
            elif kind == "in":
                value.rubric = batch.by_key.get((value.assessment.rubric_id, value.assessment.rubric_version)) or store.rubrics.get(
                    value.assessment.rubric_id, value.assessment.rubric_version)
                batch.incoming.append(value)
            else:
                batch.problems += value
        except InvalidFile as exc:
            batch.problems += exc.problems
        if not results:
            step(READ, n, len(paths))
    batch.finish(store)
    return batch


def _in_workers(store: Store, paths: list[str | Path], workers: int, step: OnStep) -> list[tuple[str, Any]]:
    chunks = [[str(p) for p in paths[i:i + CHUNK]] for i in range(0, len(paths), CHUNK)]
    out: list[tuple[str, Any]] = []
    # the workers never touch the caller's connection, and leave by os._exit without closing it
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_open_worker_store, initargs=(str(store.path),)) as pool:
        for done in pool.map(_read_files, chunks):
            out += done
            step(READ, len(out), len(paths))
    return out


_worker_store: Store | None = None


def _open_worker_store(db_path: str) -> None:
    global _worker_store
    _worker_store = Store.open(db_path)  # its own connection, for reading rubrics


def _read_files(paths: list[str]) -> list[tuple[str, Any]]:
    """In a worker: each file as ("rubric", (rubric, text)), ("in", Incoming without its rubric),
    ("bad", problems), or ("path", path) for the caller to read (a package; a rubric not yet
    known)."""
    store = _worker_store
    assert store is not None
    out: list[tuple[str, Any]] = []
    for p in paths:
        if _is_package(p):
            out.append(("path", p))
            continue
        try:
            name, text = read_path(p)
            doc = parse(text, name)
            if is_rubric_document(doc):
                out.append(("rubric", (rubric_from_document(doc), text)))
            elif _rubric_known(store, doc, {}):
                incoming = _read(store, doc, {}, False)
                incoming.rubric = None  # not pickled back 1,890 times over
                out.append(("in", incoming))
            else:
                out.append(("path", p))
        except InvalidFile as exc:
            out.append(("bad", exc.problems))
    return out


def _parse(store: Store, path: str | Path) -> tuple[Document, bool]:
    """The file's document, and whether it came in a package."""
    if _is_package(path):
        name, text = _unpack(store, path)
        return parse(text, name), True
    name, text = read_path(path)
    return parse(text, name), False


def _rubric_known(store: Store, doc: Document, by_key: dict[tuple[str, str], Rubric]) -> bool:
    """Is the rubric this file names here already (or is the file too wrong to tell)?"""
    data = doc.data
    named = (data.get(ASSESSMENT_KEYS["rubric_id"]), data.get(ASSESSMENT_KEYS["rubric_version"])) if isinstance(data, dict) else ()
    if not named or not all(isinstance(x, str) for x in named):
        return True  # reading it now reports what is wrong
    return named in by_key or store.rubrics.pk(*named) is not None


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


def _read(store: Store, doc: Document, by_key: dict[tuple[str, str], Rubric], packaged: bool) -> Incoming:
    data = doc.data
    seal = None
    if isinstance(data, dict) and (SEAL_KEY in data or HEAD_KEY in data):
        data = {k: v for k, v in data.items() if k not in (SEAL_KEY, HEAD_KEY)}
        if SEAL_KEY in doc.data:
            from .trust.seal import seal_from_data

            seal = seal_from_data(doc.data[SEAL_KEY], doc.filename)
    a = validate(Assessment, doc, data)
    rubric = by_key.get((a.rubric_id, a.rubric_version)) or rubric_for(store, a, doc)
    check(doc, check_against_rubric(a, rubric))
    if packaged:
        missing = [d for r in a.responses for d in r.documents if d.sha256 and not store.evidence.has(d.sha256)]
        if missing:
            raise InvalidFile([doc.problem((), f"berkas bukti {d.name} (sha256 {d.sha256[:12]}…) disebut tetapi tidak ada di paket") for d in missing])
    return Incoming(doc.filename, a, rubric, seal, packaged=packaged)
