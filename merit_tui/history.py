"""An assessment's history as its users read it: every status move with who made it, when, from
what to what and the whole note; the official result as it was recorded; and the items the
verifier wrote a note or a recommendation on. Read from the event log and the responses; no UI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from .assessment import Assessment
from .numbers import fmt, parse
from .rubric import Rubric
from .rubric.maturity import MaturityRubric
from .store.events import Event
from .store.state import IMPORT, OFFICIAL, STATUS
from .vocab import FINDING_LABELS, STATUS_LABELS


@dataclass(frozen=True)
class Entry:
    at: str  # local time, "29-11-2026 21:55"
    who: str
    role: str
    what: str  # "Diajukan → Dikembalikan", "Hasil resmi: 63 (B)"
    note: str  # the whole note, as written


@dataclass(frozen=True)
class Comment:
    item_id: str
    name: str
    verified: str  # the verifier's score or finding, "" when none
    note: str
    recommendation: str


def local_time(at: str) -> str:
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return at


def entries(events: list[Event]) -> list[Entry]:
    """Status moves and official results, oldest first."""
    out = []
    for e in events:
        if e.field == STATUS:
            old = STATUS_LABELS.get(e.old or "", e.old or "–")
            what = f"{old} → {STATUS_LABELS.get(e.new or '', e.new or '–')}"
        elif e.field == OFFICIAL:
            what = "Hasil resmi: " + _official(e.new)
        elif e.field == IMPORT:
            what = _arrived(e)
        else:
            continue
        out.append(Entry(local_time(e.at), e.who, e.role, what, e.note or ""))
    return out


ARRIVALS = {"baru": "Dibuat", "contoh": "Dimuat dari contoh bawaan", "paket": "Diimpor dari paket", "impor": "Diimpor dari berkas"}


def _arrived(e: Event) -> str:
    """A creation or an import, with the status the whole content arrived in."""
    try:
        status = json.loads(e.new or "{}").get("status")
    except ValueError:
        status = None
    what = ARRIVALS.get(e.via or "", "Diimpor")
    if e.note == "diganti":
        what = what.replace("Diimpor", "Diganti") if what.startswith("Diimpor") else what + " (mengganti)"
    return what + (f", berstatus {STATUS_LABELS.get(status, status)}" if status else "")


def _official(value: str | None) -> str:
    if not value:
        return "dihapus"
    try:
        data = json.loads(value)
    except ValueError:
        return value
    index = parse(data.get("official_index"))
    text = fmt(index) if index is not None else "–"
    return text + (f" ({data['official_category']})" if data.get("official_category") else "")


def comments(rubric: Rubric | MaturityRubric, a: Assessment) -> list[Comment]:
    """The items with a verifier note or recommendation, in rubric order."""
    names, responses = rubric.item_names(), a.by_item()
    out = []
    for item_id in rubric.item_ids():
        r = responses.get(item_id)
        if r is None or not (r.note or r.recommendation):
            continue
        verified = fmt(r.verified_score) if r.verified_score is not None else FINDING_LABELS.get(r.verified_status or "", "")
        out.append(Comment(item_id, names.get(item_id, ""), verified, r.note or "", r.recommendation or ""))
    return out
