"""Backup through SQLite's online backup API (safe while others write), and restore."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import MeritError
from .connection import APPLICATION_ID, SCHEMA, Database, applied_migrations


def backup(db: Database, target: str | Path, force: bool = False) -> Path:
    """A consistent copy of the database at `target`."""
    target = Path(target)
    if target.exists() and not force:
        raise MeritError(f"{target}: berkas sudah ada; pakai --force untuk menimpanya")
    if target.resolve() == db.path.resolve():
        raise MeritError(f"{target}: cadangan tidak boleh menimpa basis data yang sedang dipakai")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if target.parent.exists() else None)
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp)
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.DatabaseError) as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise MeritError(f"{target}: cadangan gagal ({exc})") from None
    return target


def restore(db: Database, source: str | Path, migrate: Callable[[Database], None]) -> None:
    """Replace the database's content with a checked merit-tui backup, in one step, and bring it
    up to this version's schema."""
    source = Path(source)
    if not source.is_file():
        raise MeritError(f"{source}: berkas cadangan tidak ditemukan")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if src.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise MeritError(f"{source}: bukan cadangan basis data merit-tui")
            if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise MeritError(f"{source}: cadangan rusak (integrity_check gagal)")
            newer = set(applied_migrations(src)) - set(SCHEMA)
            if newer:
                raise MeritError(f"{source}: cadangan dari versi merit-tui yang lebih baru (skema {', '.join(sorted(newer))}); perbarui merit-tui")
            src.backup(db.conn)
        finally:
            src.close()
        db.prepare(True, migrate)  # a backup from an older version gets this version's schema
    except sqlite3.DatabaseError as exc:
        raise MeritError(f"{source}: tidak dapat dipulihkan ({exc})") from None
