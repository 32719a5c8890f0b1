"""Backup through SQLite's online backup API (safe while others write), and restore of a backup
only once its own log is whole and replays to its own tables."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import MeritError
from ..safe_io import (
    TEMP_PREFIX,
    FileExists,
    check_not_protected,
    current_umask,
    sweep_temp,
)
from .connection import APPLICATION_ID, SCHEMA, Database, applied_migrations
from .events import EventLog, Head, verify_chain
from .state import compare


def quick_check(conn: sqlite3.Connection, what: Path) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise MeritError(f"{what}: basis data rusak ({result}); pulihkan dari cadangan yang baik")


def backup(db: Database, target: str | Path, force: bool = False) -> tuple[Path, Head | None]:
    """A consistent copy of the database at `target`, and the log head it carries."""
    target = Path(target)
    check_not_protected(target, [db.path])
    if target.exists() and not force:
        raise FileExists(target)
    if not target.parent.is_dir():
        raise MeritError(f"{target}: folder {target.parent} tidak ada")
    quick_check(db.conn, db.path)
    sweep_temp(target.parent)  # what a killed backup left there
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp)
        try:
            db.conn.backup(dest)
            quick_check(dest, target)
            head = dest.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            dest.close()
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp made it private; a backup is the user's file like any other
        os.replace(tmp, target)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise MeritError(f"{target}: cadangan gagal ({exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target, Head(*head) if head else None


def restore(db: Database, source: str | Path, migrate: Callable[[Database], None], who: str, role: str) -> Head | None:
    """Replace the database's content with a checked merit-tui backup and log the restore.

    The backup is checked on a copy first: ours, not newer than us, not damaged, its log whole,
    and its tables what its log says they hold (a backup edited with sqlite3 is refused, naming
    what differs). Returns the head of the restored log."""
    source = Path(source)
    if not source.exists():
        raise MeritError(f"{source}: berkas cadangan tidak ditemukan")
    if not source.is_file():
        raise MeritError(f"{source}: bukan berkas biasa (folder, perangkat atau pipa); sebutkan berkas cadangan .db")
    previous = EventLog(db).head()
    # SQLite's backup into a database another process is writing retries for ever: wait for its
    # lock as every write does (the busy timeout), and say so if it does not come
    with db.transaction():
        pass
    folder = tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=db.path.parent)
    copy = Path(folder) / "cadangan.db"
    try:
        shutil.copyfile(source, copy)
        conn = sqlite3.connect(copy)
        try:
            checked = Database(conn, source)
            _check(checked, source, migrate)
            conn.backup(db.conn)
        finally:
            conn.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        raise MeritError(f"{source}: tidak dapat dipulihkan ({exc})") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    db.prepare(True, migrate)
    log = EventLog(db)
    restored = log.head()
    with db.transaction():
        log.append(None, who, role, None, "pulihkan_cadangan", f"{previous.id} {previous.hash}" if previous else None,
                   f"{restored.id} {restored.hash}" if restored else None, str(source), "pulihkan")
    return restored


def _check(db: Database, source: Path, migrate: Callable[[Database], None]) -> None:
    conn = db.conn
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise MeritError(f"{source}: bukan cadangan basis data merit-tui")
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise MeritError(f"{source}: cadangan rusak (integrity_check gagal)")
    newer = set(applied_migrations(conn)) - set(SCHEMA)
    if newer:
        raise MeritError(f"{source}: cadangan dari versi merit-tui yang lebih baru (skema {', '.join(sorted(newer))}); perbarui merit-tui")
    db.prepare(True, migrate)  # a backup from an older version is brought up to date, on the copy
    broken = verify_chain(db.query("SELECT * FROM events ORDER BY id"))
    if broken is not None:
        raise MeritError(f"{source}: log cadangan tidak utuh di peristiwa #{broken.event_id}: {broken.reason}; tidak dipulihkan")
    differences = compare(db)
    if differences:
        shown = "\n".join(f"  - {d.describe()}" for d in differences[:10])
        more = f"\n  … dan {len(differences) - 10} lagi" if len(differences) > 10 else ""
        raise MeritError(f"{source}: isi cadangan tidak sesuai dengan lognya (diubah di luar merit-tui?); tidak dipulihkan:\n{shown}{more}")
