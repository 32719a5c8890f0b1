"""The tamper-evident event log: every change, who made it, and the hash of the event before.

Editing, inserting or deleting an event in the middle breaks the chain at that point, and
`merit audit verify` names the first event that does not match.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from .connection import Database, now

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


@dataclass(frozen=True)
class Event:
    id: int
    assessment_id: int | None
    at: str
    who: str
    role: str
    item_id: str | None
    field: str
    old: str | None
    new: str | None
    note: str | None


class EventLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, aid: int | None, who: str, role: str, item_id: str | None, field: str, old: Any, new: Any, note: str | None) -> None:
        """Append one event, chained to the previous one by hash. Call inside a transaction."""
        last = self.db.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        row = {
            "id": (last[0] + 1) if last else 1, "assessment_id": aid, "at": now(), "who": who, "role": role,
            "item_id": item_id, "field": field, "old": old, "new": new, "note": note,
        }
        prev = last[1] if last else GENESIS
        row |= {"prev_hash": prev, "hash": event_hash(prev, row)}
        self.db.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))

    def verify(self) -> Break | None:
        """The first event that breaks the hash chain, or None."""
        return verify_chain(self.db.query("SELECT * FROM events ORDER BY id"))

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM events").fetchone()[0]

    def describe(self, event_id: int) -> str:
        """Where an event belongs, for a message: (penilaian, when, who, field)."""
        row = self.db.execute("SELECT assessment_id, at, who, field FROM events WHERE id = ?", [event_id]).fetchone()
        return f" (penilaian {row[0]}, {row[1]}, {row[2]}, {row[3]})" if row else ""

    def events(self, aid: int | None = None) -> list[Event]:
        if aid is None:
            rows = self.db.execute("SELECT * FROM events ORDER BY id").fetchall()
        else:
            rows = self.db.execute("SELECT * FROM events WHERE assessment_id = ? ORDER BY id", [aid]).fetchall()
        return [Event(*r[:10]) for r in rows]

    def last_status_note(self, aid: int) -> str | None:
        row = self.db.execute(
            "SELECT note FROM events WHERE assessment_id = ? AND field = 'status_penilaian' ORDER BY id DESC LIMIT 1", [aid]
        ).fetchone()
        return row[0] if row else None
