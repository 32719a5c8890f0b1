"""The tamper-evident event log: every change, who made it, and the hash of the event before.

Editing, inserting or deleting an event in the middle breaks the chain at that point, and
`merit audit verify` names the first event that does not match.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .connection import Database, now

GENESIS = "0" * 64
EVENT_COLUMNS = ("id", "assessment_id", "at", "who", "role", "item_id", "field", "old", "new", "note")
# Which path a change came by (impor, paket, versi rubrik, hapus, ...); events written before
# this column existed have none, and their hashes are computed as they always were.
VIA = "via"


def event_hash(prev_hash: str, row: dict[str, Any]) -> str:
    values = [prev_hash, *(row.get(c) for c in EVENT_COLUMNS)]
    if row.get(VIA) is not None:
        values.append(row[VIA])
    payload = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
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
    via: str | None = None


@dataclass(frozen=True)
class Head:
    """The last event: what an export, a backup or a seal carries to anchor the log."""

    id: int
    hash: str

    def to_data(self) -> dict[str, str]:
        return {"id": str(self.id), "hash": self.hash}


class EventLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, aid: int | None, who: str, role: str, item_id: str | None, field: str, old: Any, new: Any,
               note: str | None, via: str | None = None) -> None:
        """Append one event, chained to the previous one by hash. Call inside a transaction."""
        append(self.db.conn, aid, who, role, item_id, field, old, new, note, via)

    def verify(self) -> Break | None:
        """The first event that breaks the hash chain, or None."""
        return verify_chain(self.db.query("SELECT * FROM events ORDER BY id"))

    def head(self) -> Head | None:
        row = self.db.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        return Head(row[0], row[1]) if row else None

    def contains(self, head: Head) -> bool:
        """Is this event, with this hash, still in the log (not cut off, not recomputed)?"""
        row = self.db.execute("SELECT hash FROM events WHERE id = ?", [head.id]).fetchone()
        return row is not None and row[0] == head.hash

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM events").fetchone()[0]

    def describe(self, event_id: int) -> str:
        """Where an event belongs, for a message: (penilaian, when, who, field)."""
        row = self.db.execute("SELECT assessment_id, at, who, field FROM events WHERE id = ?", [event_id]).fetchone()
        return f" (penilaian {row[0]}, {row[1]}, {row[2]}, {row[3]})" if row else ""

    def events(self, aid: int | None = None) -> list[Event]:
        if aid is None:
            rows = self.db.query("SELECT * FROM events ORDER BY id")
        else:
            rows = self.db.query("SELECT * FROM events WHERE assessment_id = ? ORDER BY id", [aid])
        return [_event(r) for r in rows]

    def last_status_note(self, aid: int) -> str | None:
        row = self.db.execute(
            "SELECT note FROM events WHERE assessment_id = ? AND field = 'status_penilaian' ORDER BY id DESC LIMIT 1", [aid]
        ).fetchone()
        return row[0] if row else None


def append(conn: sqlite3.Connection, aid: int | None, who: str, role: str, item_id: str | None, field: str,
           old: Any, new: Any, note: str | None, via: str | None = None) -> None:
    """Append one event on a bare connection (the store's log, and migrations, use this)."""
    last = conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    row = {
        "id": (last[0] + 1) if last else 1, "assessment_id": aid, "at": now(), "who": who, "role": role,
        "item_id": item_id, "field": field, "old": old, "new": new, "note": note, VIA: via,
    }
    prev = last[1] if last else GENESIS
    row |= {"prev_hash": prev, "hash": event_hash(prev, row)}
    conn.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def _event(row: dict[str, Any]) -> Event:
    return Event(*(row[c] for c in EVENT_COLUMNS), via=row.get(VIA))
