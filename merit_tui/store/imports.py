"""An assessment file stored: new, or over the stored one, under the write policy.

Every changed value is logged with its old and new value and the path it came by (impor,
paket); a replacement ends with the whole new content, so the log replays. Verifier values
reach an agency's database only from a file whose seal is sah with a trusted key; the agency's
own values that differ in such a file are kept, and listed, never silently taken.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .. import policy
from ..assessment import Assessment, Response
from ..errors import MeritError
from ..rubric import Rubric
from ..vocab import FIELD_BY_NAME, RESPONSE_FIELDS, Role, Status, field_label
from .assessments import Assessments
from .codec import components_text, store_value, text
from .connection import now
from .state import IMPORT, OFFICIAL, STATUS, official_json


class AlreadyStored(MeritError):
    """The file's assessment is stored already and replacing was not asked for."""

    def __init__(self, aid: int, what: str) -> None:
        self.aid = aid
        super().__init__(f"penilaian {what} sudah ada (id {aid})")


@dataclass
class Outcome:
    aid: int
    created: bool
    changed: list[str] = field(default_factory=list)  # what changed, in words
    kept: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # (item, field, ours, theirs) not taken


def self_only(a: Assessment) -> Assessment:
    """The file without the verifier's side: no verifier values, no official result, and no
    further along than diajukan."""
    responses = [dataclasses.replace(r, **{f.name: None for f in RESPONSE_FIELDS if f.side == Role.VERIFIER}) for r in a.responses]
    status = a.status if a.status in (Status.DRAFT, Status.SUBMITTED) else Status.DRAFT
    return dataclasses.replace(a, responses=responses, official=None, status=status)


def store_file(assessments: Assessments, a: Assessment, rubric: Rubric, *, replace: bool, who: str, role: str,
               sealed: bool, via: str = "impor", self_fields_only: bool = False) -> Outcome:
    """Store one validated assessment (inside the caller's transaction). With `self_fields_only`,
    a replaced assessment takes only the agency's fields: the stored verifier values, official
    result and status stay as they are (a new one comes in as self_only makes it)."""
    what = f"{a.agency} {a.year} ({rubric.id})"
    existing = assessments.find(a.agency, a.year, rubric)
    if existing is None:
        changed = _filled(a)
        _refuse(what, policy.import_changes(role, None, a.status, changed, a.official is not None, sealed))
        aid = assessments.insert_new(a, rubric, who, role, via)
        return Outcome(aid, True)
    if not replace:
        raise AlreadyStored(existing, what)
    return _replace(assessments, existing, a, who, role, sealed, via, what, self_fields_only)


def _replace(assessments: Assessments, aid: int, a: Assessment, who: str, role: str, sealed: bool, via: str, what: str,
             self_fields_only: bool = False) -> Outcome:
    stored = assessments.load(aid).assessment
    if self_fields_only:  # the verifier's side and where the assessment stands are not the file's to change
        theirs_only = {r.id: r for r in a.responses}
        responses = [dataclasses.replace(theirs_only.get(r.id, Response(id=r.id)),
                                         **{f.name: getattr(r, f.name) for f in RESPONSE_FIELDS if f.side == Role.VERIFIER})
                     for r in stored.responses]
        responses += [r for r in a.responses if r.id not in stored.by_item()]
        a = dataclasses.replace(a, responses=responses, official=stored.official, status=stored.status)
    ours, theirs = stored.by_item(), a.by_item()
    changes = []  # (item, field name, old, new)
    for item in sorted(set(ours) | set(theirs)):
        old, new = ours.get(item) or Response(id=item), theirs.get(item) or Response(id=item)
        for f in RESPONSE_FIELDS:
            before, after = store_value(f.name, _empty(getattr(old, f.name))), store_value(f.name, _empty(getattr(new, f.name)))
            if before != after:
                changes.append((item, f.name, before, after))
    outcome = Outcome(aid, False)
    if role == Role.ASSESSOR and sealed:
        # a verifier's sealed file: their side is taken, ours stays ours and differences are shown
        outcome.kept = [(item, name, old, new) for item, name, old, new in changes if FIELD_BY_NAME[name].side == Role.ASSESSOR]
        changes = [c for c in changes if FIELD_BY_NAME[c[1]].side == Role.VERIFIER]
    official_old, official_new = _official(stored), _official(a)
    # the agency's values on the assessment itself travel with its side of the responses
    own = _agency_values(stored, a) if not (role == Role.ASSESSOR and sealed) else {}
    _refuse(what, policy.import_changes(role, stored.status, a.status, {c[1] for c in changes}, official_old != official_new, sealed,
                                        list(own)))
    db, log, stamp = assessments.db, assessments.log, now()
    for item, name, old, new in changes:
        column = FIELD_BY_NAME[name].key  # a known field's column, never file text
        db.execute(
            f"INSERT INTO responses (assessment_id, item_id, {column}, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
            f"ON CONFLICT (assessment_id, item_id) DO UPDATE SET {column} = excluded.{column}, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [aid, item, new, stamp, who],
        )
        log.append(aid, who, role, item, column, old, new, None, via)
        outcome.changed.append(f"{item} {field_label(name)}")
    db.execute("DELETE FROM responses WHERE assessment_id = ? AND " + " AND ".join(f"{f.key} IS NULL" for f in RESPONSE_FIELDS), [aid])
    if official_old != official_new:
        row = {"official_index": text(a.official.index) if a.official else None, "official_category": a.official.category if a.official else None,
               "official_source": a.official.source if a.official else None}
        db.execute("UPDATE assessments SET official_index = ?, official_category = ?, official_source = ? WHERE id = ?", [*row.values(), aid])
        log.append(aid, who, role, None, OFFICIAL, official_json(_official_columns(stored)), official_json(row), None, via)
        outcome.changed.append("hasil resmi")
    if a.status != stored.status:
        db.execute("UPDATE assessments SET status = ? WHERE id = ?", [a.status, aid])
        log.append(aid, who, role, None, STATUS, stored.status, a.status, None, via)
        outcome.changed.append(f"status {stored.status} → {a.status}")
    if own:
        db.execute("UPDATE assessments SET target = ?, sumber = ?, jenis_instansi = ?, komponen = ? WHERE id = ?",
                   [text(a.target), a.source, a.agency_kind, components_text(a.components), aid])
        outcome.changed += list(own)
    db.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [stamp, aid])
    assessments.log_state(aid, who, role, IMPORT, "diganti", via)
    return outcome


def _agency_values(stored: Assessment, a: Assessment) -> dict[str, bool]:
    """Which of the agency's values on the assessment itself the file changes, in words."""
    pairs = {"target/sumber": ((stored.target, stored.source), (a.target, a.source)),
             "jenis instansi": (stored.agency_kind, a.agency_kind),
             "komponen survei": (stored.components, a.components)}
    return {label: True for label, (ours, theirs) in pairs.items() if ours != theirs}


def _filled(a: Assessment) -> set[str]:
    """The fields any response fills in (a file of 37 items mostly has them all by the third)."""
    left, found = [f.name for f in RESPONSE_FIELDS], set()
    for r in a.responses:
        for name in left:
            if getattr(r, name) not in (None, [], ""):
                found.add(name)
        left = [n for n in left if n not in found]
        if not left:
            break
    return found


def _empty(value: Any) -> Any:
    return None if value in ("", []) else value


def _official(a: Assessment) -> tuple | None:
    return None if a.official is None else (a.official.index, a.official.category, a.official.source)


def _official_columns(a: Assessment) -> dict[str, Any]:
    o = a.official
    return {"official_index": text(o.index) if o else None, "official_category": o.category if o else None,
            "official_source": o.source if o else None}


def _refuse(what: str, problems: list[str]) -> None:
    if problems:
        raise MeritError(f"{what}: tidak diimpor, tidak ada yang diubah:\n" + "\n".join(f"  - {p}" for p in problems))
