"""The SQLite connection: opening and guarding the file, migrations, write transactions,
settings. Everything that touches the database goes through one `Database`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Busy, MeritError

if TYPE_CHECKING:
    from sqlite_utils import Database as UtilsDatabase
    from sqlite_utils.db import Table

# Marks a SQLite file as ours ("MERI"), so we never write into someone else's database.
APPLICATION_ID = 0x4D455249
# The migrations in schema.py, by name; checked at open without importing sqlite-utils.
SCHEMA = ("m001_initial", "m002_plan_and_responsible", "m003_rubric_items", "m004_event_chain", "m005_listing_cache", "m006_trust",
          "m007_maturity")
MIGRATION_SET = "merit_tui"
BUSY_TIMEOUT_MS = 5000
# The list's totals cache (totals.py) is brought up to date before each commit: the schema's
# triggers drop a cache row whenever what it shows changes. These triggers, this connection's
# only, note which rows this connection's writes dropped, so the check before a commit reads
# those few ids instead of every assessment (2 ms per keystroke on a 10-year database).
_WATCH_TOTALS = (
    "CREATE TEMP TABLE IF NOT EXISTS stale_totals (assessment_id INTEGER PRIMARY KEY)",
    "CREATE TEMP TRIGGER IF NOT EXISTS stale_totals_drop AFTER DELETE ON main.assessment_totals"
    " BEGIN INSERT OR IGNORE INTO stale_totals VALUES (OLD.assessment_id); END",
    "CREATE TEMP TRIGGER IF NOT EXISTS stale_totals_new AFTER INSERT ON main.assessments"
    " BEGIN INSERT OR IGNORE INTO stale_totals VALUES (NEW.id); END",
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Database:
    """One connection to a merit-tui database file."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._utils: UtilsDatabase | None = None
        # run inside every write transaction just before it commits (the totals cache)
        self.before_commit: list[Callable[[], None]] = []
        self._watching = False  # the temporary triggers are in place
        self._totals_watched = False  # and every cache row was checked once since

    @classmethod
    def connect(cls, path: str | Path) -> tuple["Database", bool]:
        """A connection to the database at `path` (created if missing), not yet checked by
        `prepare`; also says whether the file existed."""
        path = Path(path).expanduser()
        existed = path.exists() and path.stat().st_size > 0
        if path.exists() and path.is_dir():
            raise MeritError(f"{path}: ini folder, bukan berkas basis data")
        if path.exists() and not path.is_file():  # SQLite would leave a journal beside /dev/zero
            raise MeritError(f"{path}: bukan berkas biasa (perangkat atau pipa); sebutkan berkas basis data .db")
        # The header is left to SQLite to judge: opening and closing the file ourselves would
        # drop this process's POSIX locks on it, and another process could then delete the WAL
        # under a live connection.
        if not existed:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise MeritError(f"{path}: folder tidak dapat dibuat ({exc.strerror})") from None
        try:
            return cls(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000), path), existed
        except sqlite3.DatabaseError as exc:
            raise database_error(path, exc) from None

    def prepare(self, existed: bool, migrate: Callable[["Database"], None]) -> None:
        """Refuse a file that is not ours or is newer than us; bring an older one up to date
        with `migrate` (schema.py, given by the store)."""
        try:
            self._prepare(existed, migrate)
        except sqlite3.DatabaseError as exc:
            raise database_error(self.path, exc) from None

    def _prepare(self, existed: bool, migrate: Callable[["Database"], None]) -> None:
        conn = self.conn
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if existed and tables and app_id != APPLICATION_ID:
            raise MeritError(f"{self.path}: basis data SQLite ini bukan milik merit-tui; berkas tidak diubah")
        applied = set(applied_migrations(conn))
        newer = applied - set(SCHEMA)
        if newer:
            raise MeritError(
                f"{self.path}: dibuat oleh versi merit-tui yang lebih baru (skema {', '.join(sorted(newer))}); perbarui merit-tui"
            )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = wal")
        if set(SCHEMA) - applied:
            migrate(self)
            with self.transaction():
                pass  # the before-commit hooks fill what a new migration left empty
        if app_id != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for sql in _WATCH_TOTALS:
            conn.execute(sql)
        self._watching = True
        self._totals_watched = False  # the first commit checks every row (another writer may have left some)

    def stale_totals(self) -> list[int] | None:
        """The assessments whose cache rows this connection's writes dropped since the last
        refresh, or None when every row is to be checked."""
        if not self._totals_watched:
            return None
        return [r[0] for r in self.conn.execute("SELECT assessment_id FROM temp.stale_totals")]

    def totals_refreshed(self) -> None:
        """Called once the cache is whole again (inside the transaction)."""
        if self._watching:
            self.conn.execute("DELETE FROM temp.stale_totals")
            self._totals_watched = True

    def close(self) -> None:
        self.conn.close()

    @property
    def utils(self) -> "UtilsDatabase":
        """The same connection through sqlite-utils (imported on first use), for table-level
        writes and migrations."""
        if self._utils is None:
            from sqlite_utils import Database as UtilsDatabase

            self._utils = UtilsDatabase(self.conn, execute_plugins=False)
        return self._utils

    def table(self, name: str) -> "Table":
        from sqlite_utils.db import Table

        table = self.utils[name]
        assert isinstance(table, Table)
        return table

    @contextmanager
    def waiting_at_most(self, ms: int) -> Iterator[None]:
        """Writes inside wait at most `ms` for another process's lock (a retry in the workbench
        must not freeze the screen for the full busy timeout)."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock first (waiting up to
        the busy timeout), so what is read inside, such as the last event's hash, is current."""
        conn = self.conn
        try:
            if conn.in_transaction:
                conn.execute("SAVEPOINT nested")
                try:
                    yield
                except BaseException:
                    conn.execute("ROLLBACK TO nested")
                    conn.execute("RELEASE nested")
                    raise
                conn.execute("RELEASE nested")
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                for hook in self.before_commit:
                    hook()
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise database_error(self.path, exc) from None

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    # ---------- settings ----------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])

    def unset_setting(self, key: str) -> bool:
        """Remove a setting; False when it was not set."""
        with self.transaction():
            return self.conn.execute("DELETE FROM settings WHERE key = ?", [key]).rowcount > 0


def id_list(ids: list[int]) -> str:
    """Assessment ids written into SQL as `1, 2, 3` for `IN (…)`: ints only, so safe, and no
    bound parameters, whose number SQLite limits."""
    return ", ".join(str(int(i)) for i in ids)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone() is None:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])]


def database_error(path: Path, exc: sqlite3.DatabaseError) -> MeritError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return Busy(f"{path}: basis data sedang dipakai proses lain; coba lagi sebentar lagi (tidak ada yang diubah)")
    if "not a database" in text:
        return MeritError(f"{path}: bukan basis data SQLite merit-tui, atau rusak; berkas tidak diubah")
    if "malformed" in text or "corrupt" in text:
        return MeritError(f"{path}: basis data rusak; pulihkan dari cadangan (merit restore)")
    if "readonly" in text:
        return MeritError(f"{path}: basis data hanya-baca; tidak ada yang diubah")
    if "no such table" in text or "no such column" in text:
        return MeritError(f"{path}: bukan basis data merit-tui yang utuh (tabel atau kolom hilang); berkas tidak diubah")
    if "disk I/O" in text:
        return MeritError(f"{path}: gagal membaca atau menulis berkas (kesalahan I/O disk); tidak ada yang diubah")
    if "unable to open" in text:
        return MeritError(f"{path}: berkas basis data tidak dapat dibuka (izin atau folder?)")
    if "full" in text:
        return MeritError(f"{path}: disk penuh; tidak ada yang diubah")
    return MeritError(f"{path}: kesalahan basis data (SQLite: {text})")
