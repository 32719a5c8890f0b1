"""The tamper-evident event log: each event carries the hash of the one before it.

Editing, inserting or deleting an event in the middle breaks the chain at that
point, and `merit audit verify` names the first event that does not match.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
EVENT_COLUMNS = ("id", "assessment_id", "at", "who", "role", "item_id", "field", "old", "new", "note")


def event_hash(prev_hash: str, row: dict[str, Any]) -> str:
    payload = json.dumps([prev_hash, *(row.get(c) for c in EVENT_COLUMNS)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    event_id: int
    reason: str


def verify_chain(rows: list[dict[str, Any]]) -> Break | None:
    """The first event whose link or content does not match, walking in id order."""
    prev = GENESIS
    for row in rows:
        if row["prev_hash"] != prev:
            return Break(row["id"], "tautan ke peristiwa sebelumnya tidak cocok (ada peristiwa yang dihapus, disisipkan atau diubah sebelumnya)")
        if event_hash(prev, row) != row["hash"]:
            return Break(row["id"], "isi peristiwa tidak cocok dengan hash-nya (peristiwa ini diubah)")
        prev = row["hash"]
    return None
