"""The SQLite store: rubrics as imported, assessments, responses and the event log.

Every write is one transaction; every change to a response is logged with who,
which role, when, and the old and new value.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Conflict, InvalidFile, MeritError, Problem
from .numbers import fmt
from .workflow import check_move

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table

    from .assessment import Assessment, Response
    from .plan import Plan
    from .rubric import Rubric
    from .yamlio import Document

# The rubric and assessment models (pydantic) and sqlite-utils are imported where they are
# first needed, not here: listing assessments, as the workbench does on start, needs neither,
# and importing them costs more than everything else the home screen does.

# Marks a SQLite file as ours ("MERI"), so we never write into someone else's database.
APPLICATION_ID = 0x4D455249
# The migrations in schema.py, by name; checked at open without importing sqlite-utils.
SCHEMA = ("m001_initial", "m002_plan_and_responsible", "m003_rubric_items", "m004_event_chain", "m005_listing_cache")
MIGRATION_SET = "merit_tui"

BUSY_TIMEOUT_MS = 5000
ROLES = ("penilai", "verifikator")
DECIMAL_FIELDS = ("skor", "nilai_verifikasi")
TEXT_FIELDS = ("status", "kondisi_saat_ini", "bukti_dukung", "status_verifikasi", "catatan", "rekomendasi")
FIELD_LABELS = {
    "skor": "Skor",
    "nilai_verifikasi": "Nilai Tim Verifikasi",
    "status": "Status",
    "status_verifikasi": "Status hasil verifikasi",
    "kondisi_saat_ini": "Kondisi Saat Ini",
    "bukti_dukung": "Bukti Dukung",
    "dokumen": "Dokumen",
    "catatan": "Catatan",
    "rekomendasi": "Rekomendasi",
}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "pengguna"


@dataclass(frozen=True)
class AssessmentRow:
    """One line of the assessment list, with progress."""

    id: int
    instansi: str
    tahun: int
    rubric_id: str
    rubric_version: str
    title: str
    kind: str
    status: str
    items: int
    self_done: int
    verified_done: int
    updated_at: str
    self_total: Decimal | None = None
    verified_total: Decimal | None = None
    category: str = ""


@dataclass(frozen=True)
class Loaded:
    id: int
    assessment: Assessment
    rubric: Rubric


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


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._rubrics: dict[int, Rubric] = {}
        self._db: Database | None = None

    @property
    def db(self) -> "Database":
        """The same connection through sqlite-utils, for table-level writes and migrations."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    # ---------- opening ----------
    @classmethod
    def open(cls, path: str | Path, seed: bool = True) -> "Store":
        path = Path(path).expanduser()
        existed = path.exists() and path.stat().st_size > 0
        if path.exists() and path.is_dir():
            raise MeritError(f"{path}: ini folder, bukan berkas basis data")
        # The header is left to SQLite to judge: opening and closing the file ourselves would
        # drop this process's POSIX locks on it, and another process could then delete the WAL
        # under a live connection.
        if not existed:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise MeritError(f"{path}: folder tidak dapat dibuat ({exc.strerror})") from None
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
            store = cls(conn, path)
            store._prepare(existed)
        except sqlite3.DatabaseError as exc:
            raise database_error(path, exc) from None
        if not existed and seed:
            store.seed()
        return store

    def _prepare(self, existed: bool) -> None:
        conn = self.conn
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if existed and tables and app_id != APPLICATION_ID:
            raise MeritError(f"{self.path}: basis data SQLite ini bukan milik merit-tui; berkas tidak diubah")
        applied = set(_applied_migrations(conn))
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
            from .schema import MIGRATIONS

            MIGRATIONS.apply(self.db)
            with self.transaction():
                pass  # fills the listing cache a new migration left empty
        if app_id != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock first (waiting up to
        the busy timeout), so what is read inside, such as the last event's hash, is current.
        Before it commits, the listing totals of every assessment it touched are recomputed."""
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
                self._refresh_listing()
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise database_error(self.path, exc) from None

    def _table(self, name: str) -> "Table":
        from sqlite_utils.db import Table

        table = self.db[name]
        assert isinstance(table, Table)
        return table

    def _query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def seed(self) -> None:
        """Load the bundled rubrics and example assessments into a new database."""
        from . import bundled

        self.import_files([*bundled.rubric_files(), *bundled.example_files()], who="merit-tui")

    # ---------- settings ----------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])

    # ---------- rubrics ----------
    def rubric_rows(self) -> list[dict[str, Any]]:
        return self._query("SELECT pk, rubric_id, version, title, kind, sha256, imported_at FROM rubrics ORDER BY rubric_id, version")

    def _rubric_pk(self, rubric_id: str, version: str | None) -> int | None:
        if version is None:
            row = self.conn.execute(
                "SELECT pk FROM rubrics WHERE rubric_id = ? ORDER BY imported_at DESC, pk DESC LIMIT 1", [rubric_id]
            ).fetchone()
        else:
            row = self.conn.execute("SELECT pk FROM rubrics WHERE rubric_id = ? AND version = ?", [rubric_id, version]).fetchone()
        return row[0] if row else None

    def rubric_by_pk(self, pk: int) -> Rubric:
        from .rubric import parse_rubric

        if pk not in self._rubrics:
            row = self.conn.execute("SELECT rubric_id, version, yaml FROM rubrics WHERE pk = ?", [pk]).fetchone()
            self._rubrics[pk] = parse_rubric(row[2], f"<rubrik tersimpan {row[0]}@{row[1]}>")
        return self._rubrics[pk]

    def rubric(self, rubric_id: str, version: str | None = None) -> Rubric:
        pk = self._rubric_pk(rubric_id, version)
        if pk is None:
            known = [f"{r['rubric_id']}@{r['version']}" for r in self.rubric_rows()]
            what = rubric_id if version is None else f"{rubric_id} versi {version}"
            raise MeritError(f"rubrik {what} tidak ada di basis data (yang ada: {', '.join(known) or 'tidak ada'})")
        return self.rubric_by_pk(pk)

    def _add_rubric(self, rubric: Rubric, text: str) -> int:
        from .rubric import rubric_item_rows, sha256

        digest = sha256(text)
        existing = self.conn.execute(
            "SELECT pk, sha256 FROM rubrics WHERE rubric_id = ? AND version = ?", [rubric.id, rubric.version]
        ).fetchone()
        if existing:
            if existing[1] == digest:
                return existing[0]
            raise MeritError(
                f"rubrik {rubric.id} versi {rubric.version} sudah tersimpan dengan isi yang berbeda; "
                "naikkan 'version' di berkas rubrik untuk menyimpan perubahan"
            )
        table = self._table("rubrics")
        table.insert(
            {"rubric_id": rubric.id, "version": rubric.version, "title": rubric.title, "kind": rubric.kind, "yaml": text, "sha256": digest, "imported_at": now()}
        )
        pk = table.last_pk
        assert isinstance(pk, int)
        self._table("rubric_items").insert_all(rubric_item_rows(pk, rubric))
        self._rubrics[pk] = rubric
        return pk

    # ---------- import ----------
    def import_files(self, paths: list[str | Path], replace: bool = False, who: str | None = None) -> list[int]:
        """Import rubric and assessment files in one transaction; any error changes nothing."""
        from .assessment import Assessment, check_against_rubric
        from .rubric import rubric_from_document
        from .validation import check, validate
        from .yamlio import parse, read_path

        rubric_docs: list[tuple[Rubric, str]] = []
        assessment_docs: list[Document] = []
        problems: list[Problem] = []
        for p in paths:
            try:
                name, text = read_path(p)
                doc = parse(text, name)
                if isinstance(doc.data, dict) and "kind" in doc.data and "penilaian" not in doc.data:
                    rubric_docs.append((rubric_from_document(doc), text))
                else:
                    assessment_docs.append(doc)
            except InvalidFile as exc:
                problems += exc.problems
        batch = {(r.id, r.version): r for r, _ in rubric_docs}
        parsed: list[tuple[Assessment, Rubric]] = []
        for doc in assessment_docs:
            try:
                a = validate(Assessment, doc)
                rubric = batch.get((a.rubrik, a.versi_rubrik)) or self._rubric_for_file(a, doc)
                check(doc, check_against_rubric(a, rubric))
                parsed.append((a, rubric))
            except InvalidFile as exc:
                problems += exc.problems
        if problems:
            raise InvalidFile(problems)
        ids = []
        with self.transaction():
            for rubric, text in rubric_docs:
                self._add_rubric(rubric, text)
            for a, rubric in parsed:
                ids.append(self._insert_assessment(a, rubric, replace, who or default_user()))
        return ids

    def _rubric_for_file(self, a: Assessment, doc: Document) -> Rubric:
        try:
            return self.rubric(a.rubrik, a.versi_rubrik)
        except MeritError as exc:
            raise InvalidFile([doc.problem(("versi_rubrik",) if self._rubric_pk(a.rubrik, None) else ("rubrik",), exc.message)]) from None

    def _insert_assessment(self, a: Assessment, rubric: Rubric, replace: bool, who: str) -> int:
        pk = self._rubric_pk(rubric.id, rubric.version)
        assert pk is not None
        existing = self.conn.execute(
            "SELECT id FROM assessments WHERE instansi = ? AND tahun = ? AND rubric_pk = ?", [a.instansi, a.tahun, pk]
        ).fetchone()
        if existing and not replace:
            raise MeritError(
                f"penilaian {a.instansi} {a.tahun} ({rubric.id}) sudah ada (id {existing[0]}); pakai --replace untuk menggantinya"
            )
        stamp = now()
        row = {
            "instansi": a.instansi, "tahun": a.tahun, "rubric_pk": pk, "status": a.status,
            "target": _text(a.target), "sumber": a.sumber,
            "official_index": _text(a.hasil_resmi.indeks) if a.hasil_resmi else None,
            "official_category": a.hasil_resmi.kategori if a.hasil_resmi else None,
            "official_source": a.hasil_resmi.sumber if a.hasil_resmi else None,
            "updated_at": stamp,
        }
        table = self._table("assessments")
        if existing:
            # update in place: the plan rows that refer to this assessment stay valid
            aid = existing[0]
            table.update(aid, row)
            self.conn.execute("DELETE FROM responses WHERE assessment_id = ?", [aid])
        else:
            table.insert(row | {"created_at": stamp})
            aid = table.last_pk
        assert isinstance(aid, int)
        self._table("responses").insert_all(
            [_response_row(aid, r, stamp, who) for r in a.penilaian if not r.is_empty()]
        )
        self._log(aid, who, "impor", None, "impor", None, f"{len(a.penilaian)} butir", "diganti" if existing else None)
        return aid

    def create_assessment(self, instansi: str, tahun: int, rubric_id: str, version: str | None = None, carry_from: int | None = None, who: str | None = None) -> int:
        """A new, empty assessment; optionally carry kondisi and evidence over from an earlier one."""
        from .assessment import Assessment, Response

        rubric = self.rubric(rubric_id, version)
        responses: list[Response] = []
        if carry_from is not None:
            prev = self.load(carry_from)
            ids = set(rubric.item_ids())
            responses = [
                Response(id=r.id, kondisi_saat_ini=r.kondisi_saat_ini, bukti_dukung=r.bukti_dukung, dokumen=r.dokumen)
                for r in prev.assessment.penilaian
                if r.id in ids
            ]
        a = Assessment(instansi=instansi, tahun=tahun, rubrik=rubric.id, versi_rubrik=rubric.version, penilaian=responses)
        with self.transaction():
            return self._insert_assessment(a, rubric, False, who or default_user())

    def delete_assessment(self, aid: int, who: str | None = None) -> None:
        self._row(aid)
        with self.transaction():
            self.conn.execute("DELETE FROM responses WHERE assessment_id = ?", [aid])
            self.conn.execute("DELETE FROM plan_items WHERE assessment_id = ?", [aid])
            self.conn.execute("DELETE FROM assessments WHERE id = ?", [aid])
            self._log(aid, who or default_user(), "penilai", None, "hapus", None, None, None)

    # ---------- reading ----------
    def _row(self, aid: int) -> dict[str, Any]:
        rows = self._query("SELECT * FROM assessments WHERE id = ?", [aid])
        if not rows:
            raise MeritError(f"penilaian dengan id {aid} tidak ada (lihat 'merit list')")
        return rows[0]

    def exists(self, aid: int) -> bool:
        return self.conn.execute("SELECT 1 FROM assessments WHERE id = ?", [aid]).fetchone() is not None

    def status(self, aid: int) -> str:
        return self._row(aid)["status"]

    def response(self, aid: int, item_id: str) -> Response | None:
        """One stored response, without loading the whole assessment."""
        rows = self._query("SELECT * FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item_id])
        return _row_response(rows[0]) if rows else None

    def load(self, aid: int) -> Loaded:
        from .assessment import Assessment, OfficialResult

        row = self._row(aid)
        rubric = self.rubric_by_pk(row["rubric_pk"])
        order = {item: i for i, item in enumerate(rubric.item_ids())}
        responses = sorted(
            (_row_response(r) for r in self._query("SELECT * FROM responses WHERE assessment_id = ?", [aid])),
            key=lambda r: order.get(r.id, len(order)),
        )
        official = None
        if row["official_index"] is not None:
            official = OfficialResult(indeks=Decimal(row["official_index"]), kategori=row["official_category"] or "", sumber=row["official_source"])
        a = Assessment(
            instansi=row["instansi"], tahun=row["tahun"], rubrik=rubric.id, versi_rubrik=rubric.version,
            status=row["status"], target=_dec(row["target"]), sumber=row["sumber"], hasil_resmi=official,
            penilaian=responses,
        )
        return Loaded(aid, a, rubric)

    def list_assessments(self) -> list[AssessmentRow]:
        """Every assessment with progress, totals and category, newest year first."""
        return self.listing_rows(self.listing_ids())

    def listing_ids(self, search: str = "") -> list[int]:
        """Assessment ids in list order (newest year, then instansi, then instrument).

        With `search`, only those where every word is found in the instansi, year or
        instrument name, ignoring case."""
        where, params = [], []
        for word in search.split():
            where.append("(a.instansi || ' ' || a.tahun || ' ' || r.title || ' ' || COALESCE(t.label, '')) LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        sql = f"""
            SELECT a.id FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk
            LEFT JOIN assessment_totals t ON t.assessment_id = a.id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY a.tahun DESC, a.instansi, r.rubric_id, a.id
        """
        return [r[0] for r in self.conn.execute(sql, params)]

    def listing_rows(self, ids: list[int]) -> list[AssessmentRow]:
        """These assessments as the list shows them, in the order given, from the listing cache.

        Rows the cache lacks (a database written by something other than this store) are
        scored on the spot, not written: reading never writes."""
        found = {row[0]: row for row in self.conn.execute(
            f"""SELECT a.id, a.instansi, a.tahun, r.rubric_id, r.version, a.status, a.updated_at,
                       t.label, t.kind, t.items, t.self_done, t.verified_done, t.self_total, t.verified_total, t.category
                FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk
                LEFT JOIN assessment_totals t ON t.assessment_id = a.id
                WHERE a.id IN ({id_list(ids)})"""
        )}
        missing = [aid for aid, row in found.items() if row[7] is None]
        computed = {c[0]: c[1:] for c in self._listing_totals(missing)} if missing else {}
        out = []
        for aid in ids:
            row = found.get(aid)
            if row is None:
                continue
            _, instansi, tahun, rubric_id, version, status, updated = row[:7]
            label, kind, items, self_done, verified_done, self_total, verified_total, category = computed.get(aid, row[7:])
            out.append(AssessmentRow(aid, instansi, tahun, rubric_id, version, label, kind, status, items, self_done, verified_done,
                                     updated, _dec(self_total), _dec(verified_total), category))
        return out

    def _listing_totals(self, ids: list[int]) -> list[tuple]:
        """Listing-cache rows for these assessments, scored exactly (see bulk.py)."""
        from .bulk import score_all
        from .rubric import WeightedRubric

        totals = score_all(self, ids=ids)
        out = []
        for aid, rpk, off_idx, off_cat in self.conn.execute(
            f"SELECT id, rubric_pk, official_index, official_category FROM assessments WHERE id IN ({id_list(ids)})"
        ).fetchall():
            rubric = self.rubric_by_pk(rpk)
            t = totals[aid]
            if isinstance(rubric, WeightedRubric):
                band = (t.verified if t.verified.total is not None else t.self).band  # the verified result once there is one
                category = f"{band.category} {band.label}" if band else ""
            else:
                category = f"{off_cat} (resmi {off_idx})" if off_idx is not None else ""
            out.append((aid, rubric.label, rubric.kind, len(rubric.item_ids()), t.self.scored, t.verified.scored,
                        _text(t.self.total), _text(t.verified.total), category))
        return out

    def _refresh_listing(self) -> None:
        """Recompute the listing-cache rows the triggers dropped in this transaction."""
        stale = [r[0] for r in self.conn.execute(
            "SELECT a.id FROM assessments a LEFT JOIN assessment_totals t ON t.assessment_id = a.id WHERE t.assessment_id IS NULL"
        )]
        if stale:
            self.conn.executemany("INSERT OR REPLACE INTO assessment_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self._listing_totals(stale))

    def last_status_note(self, aid: int) -> str | None:
        row = self.conn.execute(
            "SELECT note FROM events WHERE assessment_id = ? AND field = 'status_penilaian' ORDER BY id DESC LIMIT 1", [aid]
        ).fetchone()
        return row[0] if row else None

    def events(self, aid: int | None = None) -> list[Event]:
        if aid is None:
            rows = self.conn.execute("SELECT * FROM events ORDER BY id").fetchall()
        else:
            rows = self.conn.execute("SELECT * FROM events WHERE assessment_id = ? ORDER BY id", [aid]).fetchall()
        return [Event(*r[:10]) for r in rows]

    # ---------- writing one field ----------
    def set_field(self, aid: int, item_id: str, field: str, value: Any, who: str, role: str = "penilai", expected: Any = ...) -> bool:
        """Store one field of one response, logged; returns False when nothing changed.

        With `expected` (the value the caller last saw), a value saved by someone else in the
        meantime is never overwritten silently: Conflict carries both values instead.
        """
        from .assessment import SELF_FIELDS, VERIFIER_FIELDS

        if role not in ROLES:
            raise MeritError(f"peran '{role}' tidak dikenal; pilih {' atau '.join(ROLES)}")
        allowed = SELF_FIELDS if role == "penilai" else VERIFIER_FIELDS
        if field not in allowed:
            raise MeritError(f"{FIELD_LABELS.get(field, field)} tidak boleh diubah oleh {role}")
        loaded_row = self._row(aid)
        if loaded_row["status"] == "final":
            raise MeritError("penilaian berstatus final dan hanya dapat dibaca")
        rubric = self.rubric_by_pk(loaded_row["rubric_pk"])
        value = self._checked(rubric, item_id, field, value)
        stored = _store_value(field, value)
        with self.transaction():
            row = self.conn.execute(
                f"SELECT {field} FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item_id]
            ).fetchone()
            old = row[0] if row else None
            if old == stored:
                return False
            if expected is not ... and old != _store_value(field, self._checked(rubric, item_id, field, expected)):
                by = self.conn.execute(
                    "SELECT updated_by FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item_id]
                ).fetchone()
                raise Conflict(field, item_id, _row_value(field, old), value, by[0] if by else None)
            stamp = now()
            # `field` is one of the role's allowed column names, checked above
            self.conn.execute(
                f"INSERT INTO responses (assessment_id, item_id, {field}, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
                f"ON CONFLICT (assessment_id, item_id) DO UPDATE SET {field} = excluded.{field}, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [aid, item_id, stored, stamp, who],
            )
            self.conn.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [stamp, aid])
            self._log(aid, who, role, item_id, field, old, stored, None)
        return True

    def _checked(self, rubric: Rubric, item_id: str, field: str, value: Any) -> Any:
        from .assessment import Assessment, Response, check_against_rubric

        if item_id not in rubric.item_ids():
            raise MeritError(f"butir '{item_id}' tidak ada di rubrik {rubric.key}")
        if value in ("", None, []):
            return None
        probe = Assessment(instansi="-", tahun=2000, rubrik=rubric.id, versi_rubrik=rubric.version)
        try:
            response = Response.model_validate({"id": item_id, field: value})
        except Exception:
            raise MeritError(f"{FIELD_LABELS.get(field, field)}: nilai '{value}' tidak valid") from None
        problems = check_against_rubric(probe.model_copy(update={"penilaian": [response]}), rubric)
        if problems:
            raise MeritError(f"{FIELD_LABELS.get(field, field)}: {problems[0][1]}")
        return getattr(response, field)

    def set_status(self, aid: int, status: str, who: str, role: str, note: str | None = None) -> None:
        """Move an assessment along draf → diajukan → diverifikasi → dikembalikan → final."""
        current = self._row(aid)["status"]
        problem = check_move(current, status, role)
        if problem:
            raise MeritError(problem)
        with self.transaction():
            self.conn.execute("UPDATE assessments SET status = ?, updated_at = ? WHERE id = ?", [status, now(), aid])
            self._log(aid, who, role, None, "status_penilaian", current, status, note)

    def set_official(self, aid: int, index: Decimal | str | None, category: str | None, who: str, role: str = "verifikator", source: str | None = None) -> None:
        """Record the verifying body's own index and letter (NSPK: BKN's result)."""
        if role != "verifikator":
            raise MeritError("hasil resmi hanya dicatat oleh verifikator")
        row = self._row(aid)
        if row["status"] == "final":
            raise MeritError("penilaian berstatus final dan hanya dapat dibaca")
        try:
            value = None if index in (None, "") else Decimal(str(index).replace(",", "."))
        except InvalidOperation:
            raise MeritError(f"indeks resmi '{index}' bukan angka") from None
        if value is not None and not (0 <= value <= 100):
            raise MeritError(f"indeks resmi {fmt(value)} di luar 0–100")
        new = None if value is None else f"{fmt(value)} {category or ''}".strip()
        old = None if row["official_index"] is None else f"{row['official_index']} {row['official_category'] or ''}".strip()
        with self.transaction():
            self.conn.execute(
                "UPDATE assessments SET official_index = ?, official_category = ?, official_source = ?, updated_at = ? WHERE id = ?",
                [_text(value), category or None, source, now(), aid],
            )
            self._log(aid, who, role, None, "hasil_resmi", old, new, source)

    # ---------- rencana aksi ----------
    def plan_edits(self, aid: int) -> dict[str, dict[str, str]]:
        from .plan import PLAN_FIELDS

        rows = self.conn.execute(
            "SELECT item_id, rencana_aksi, penanggung_jawab, target_waktu, status FROM plan_items WHERE assessment_id = ?", [aid]
        ).fetchall()
        return {r[0]: {k: v for k, v in zip(PLAN_FIELDS, r[1:]) if v is not None} for r in rows}

    def set_plan_field(self, aid: int, item_id: str, field: str, value: str | None, who: str, role: str = "penilai") -> bool:
        """Edit the living plan (rencana aksi, penanggung jawab, target waktu, status), logged."""
        from .plan import PLAN_FIELDS, PLAN_STATUSES

        if field not in PLAN_FIELDS:
            raise MeritError(f"kolom rencana '{field}' tidak dikenal")
        if role != "penilai":
            raise MeritError("rencana aksi disusun oleh penilai (instansi), bukan verifikator")
        rubric = self.rubric_by_pk(self._row(aid)["rubric_pk"])
        if item_id not in rubric.item_ids():
            raise MeritError(f"butir '{item_id}' tidak ada di rubrik {rubric.key}")
        value = (value or "").strip() or None
        if field == "status" and value is not None and value not in PLAN_STATUSES:
            raise MeritError(f"status rencana '{value}' tidak dikenal; pilih {', '.join(PLAN_STATUSES)}")
        with self.transaction():
            row = self.conn.execute(f"SELECT {field} FROM plan_items WHERE assessment_id = ? AND item_id = ?", [aid, item_id]).fetchone()
            old = row[0] if row else None
            if old == value:
                return False
            self._table("plan_items").upsert(
                {"assessment_id": aid, "item_id": item_id, field: value, "updated_at": now(), "updated_by": who},
                pk=("assessment_id", "item_id"),
            )
            self._log(aid, who, role, item_id, f"rencana.{field}", old, value, None)
        return True

    def responsible(self, rubric_id: str) -> dict[str, str]:
        return dict(self.conn.execute("SELECT node_id, bidang FROM responsible WHERE rubric_id = ?", [rubric_id]).fetchall())

    def set_responsible(self, rubric_id: str, node_id: str, bidang: str, who: str) -> None:
        from .rubric import WeightedRubric

        rubric = self.rubric(rubric_id)
        nodes = [a.id for a in rubric.aspects] if isinstance(rubric, WeightedRubric) else rubric.item_ids()
        if node_id not in nodes:
            raise MeritError(f"'{node_id}' bukan aspek/elemen rubrik {rubric_id} (yang ada: {', '.join(nodes)})")
        if not bidang.strip():
            raise MeritError("nama bidang tidak boleh kosong")
        with self.transaction():
            old = self.responsible(rubric_id).get(node_id)
            self._table("responsible").upsert({"rubric_id": rubric_id, "node_id": node_id, "bidang": bidang.strip()}, pk=("rubric_id", "node_id"))
            self._log(None, who, "penilai", node_id, f"penanggung_jawab.{rubric_id}", old, bidang.strip(), None)

    def plan(self, aid: int) -> "Plan":
        from .plan import build_plan

        loaded = self.load(aid)
        return build_plan(loaded.rubric, loaded.assessment, self.plan_edits(aid), self.responsible(loaded.rubric.id))

    def _log(self, aid: int | None, who: str, role: str, item_id: str | None, field: str, old: Any, new: Any, note: str | None) -> None:
        """Append one event, chained to the previous one by hash (see audit.py)."""
        from .audit import GENESIS, event_hash

        last = self.conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        row = {
            "id": (last[0] + 1) if last else 1, "assessment_id": aid, "at": now(), "who": who, "role": role,
            "item_id": item_id, "field": field, "old": old, "new": new, "note": note,
        }
        prev = last[1] if last else GENESIS
        row |= {"prev_hash": prev, "hash": event_hash(prev, row)}
        self.conn.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))

    def verify_log(self):
        """The first event that breaks the hash chain, or None."""
        from .audit import verify_chain

        rows = self._query("SELECT * FROM events ORDER BY id")
        return verify_chain(rows)

    # ---------- rubric versions ----------
    def upgrade_rubric(self, aid: int, version: str, who: str) -> dict[str, list[str]]:
        """Move an assessment to another stored version of its rubric, explicitly and logged.

        Returns the items added, removed (their answers are dropped; the log keeps them) and
        re-weighted. Refused if any kept score falls outside the new version's scales.
        """
        from .assessment import Assessment, check_against_rubric
        from .rubric import WeightedRubric

        row = self._row(aid)
        old = self.rubric_by_pk(row["rubric_pk"])
        new_pk = self._rubric_pk(old.id, version)
        if new_pk is None:
            raise MeritError(f"rubrik {old.id} versi {version} belum diimpor (merit import BERKAS-RUBRIK.yaml)")
        if new_pk == row["rubric_pk"]:
            raise MeritError(f"penilaian {aid} sudah memakai {old.id} versi {version}")
        new = self.rubric_by_pk(new_pk)
        if new.kind != old.kind:
            raise MeritError(f"versi {version} berjenis {new.kind}, bukan {old.kind}")
        weights = lambda r: {i.id: i.weight for _, i in r.indicators()} if isinstance(r, WeightedRubric) else {e.id: r.weight(e) for e in r.elements}  # noqa: E731
        before, after = weights(old), weights(new)
        change = {
            "ditambah": [i for i in after if i not in before],
            "dihapus": [i for i in before if i not in after],
            "bobot berubah": [f"{i} ({fmt(before[i])} → {fmt(after[i])})" for i in after if i in before and before[i] != after[i]],
        }
        kept = [r for r in self.load(aid).assessment.penilaian if r.id in after]
        problems = check_against_rubric(Assessment(instansi="-", tahun=2000, rubrik=new.id, versi_rubrik=new.version, penilaian=kept), new)
        if problems:
            raise MeritError(f"tidak dapat pindah ke versi {version}: {problems[0][1]}")
        summary = "; ".join(f"{k}: {', '.join(v)}" for k, v in change.items() if v) or "tidak ada perubahan butir"
        with self.transaction():
            for item in change["dihapus"]:
                self.conn.execute("DELETE FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item])
            self.conn.execute("UPDATE assessments SET rubric_pk = ?, updated_at = ? WHERE id = ?", [new_pk, now(), aid])
            self._log(aid, who, "penilai", None, "versi_rubrik", old.version, new.version, summary)
        return change

    # ---------- backup ----------
    def backup(self, target: str | Path, force: bool = False) -> Path:
        """A consistent copy through SQLite's online backup API, safe while others write."""
        import os
        import tempfile

        target = Path(target)
        if target.exists() and not force:
            raise MeritError(f"{target}: berkas sudah ada; pakai --force untuk menimpanya")
        if target.resolve() == self.path.resolve():
            raise MeritError(f"{target}: cadangan tidak boleh menimpa basis data yang sedang dipakai")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if target.parent.exists() else None)
        os.close(fd)
        try:
            dest = sqlite3.connect(tmp)
            try:
                self.conn.backup(dest)
            finally:
                dest.close()
            os.replace(tmp, target)
        except (OSError, sqlite3.DatabaseError) as exc:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise MeritError(f"{target}: cadangan gagal ({exc})") from None
        return target

    def restore_from(self, source: str | Path) -> None:
        """Replace this database's content with a checked merit-tui backup, in one step."""
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
                newer = set(_applied_migrations(src)) - set(SCHEMA)
                if newer:
                    raise MeritError(f"{source}: cadangan dari versi merit-tui yang lebih baru (skema {', '.join(sorted(newer))}); perbarui merit-tui")
                src.backup(self.conn)
            finally:
                src.close()
            self._rubrics.clear()
            self._prepare(existed=True)  # a backup from an older version gets this version's schema
        except sqlite3.DatabaseError as exc:
            raise MeritError(f"{source}: tidak dapat dipulihkan ({exc})") from None

    # ---------- export ----------
    def export(self, aid: int) -> Assessment:
        return self.load(aid).assessment


def _text(value: Decimal | None) -> str | None:
    return None if value is None else fmt(value)


def _dec(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _store_value(field: str, value: Any) -> str | None:
    if value is None:
        return None
    if field in DECIMAL_FIELDS:
        return fmt(value)
    if field == "dokumen":
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def _row_value(field: str, stored: str | None) -> Any:
    """A stored column value as the models hold it."""
    if stored is None:
        return None
    if field in DECIMAL_FIELDS:
        return Decimal(stored)
    if field == "dokumen":
        return json.loads(stored)
    return stored


def _response_row(aid: int, r: Response, stamp: str, who: str) -> dict[str, Any]:
    row: dict[str, Any] = {"assessment_id": aid, "item_id": r.id, "updated_at": stamp, "updated_by": who}
    for f in DECIMAL_FIELDS + TEXT_FIELDS + ("dokumen",):
        value = getattr(r, f)
        row[f] = _store_value(f, None if value in ("", []) else value)
    return row


def _row_response(row: dict[str, Any]) -> Response:
    from .assessment import Response

    data: dict[str, Any] = {"id": row["item_id"]}
    for f in DECIMAL_FIELDS:
        if row[f] is not None:
            data[f] = Decimal(row[f])
    for f in TEXT_FIELDS:
        if row[f] is not None:
            data[f] = row[f]
    if row["dokumen"]:
        data["dokumen"] = json.loads(row["dokumen"])
    return Response.model_validate(data)


def id_list(ids: list[int]) -> str:
    """Assessment ids written into SQL as `1, 2, 3` for `IN (…)`: ints only, so safe, and no
    bound parameters, whose number SQLite limits."""
    return ", ".join(str(int(i)) for i in ids)


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone() is None:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])]


def database_error(path: Path, exc: sqlite3.DatabaseError) -> MeritError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return MeritError(f"{path}: basis data sedang dikunci oleh proses lain; coba lagi sebentar lagi (tidak ada yang diubah)")
    if "not a database" in text:
        return MeritError(f"{path}: bukan basis data SQLite merit-tui, atau rusak; berkas tidak diubah")
    if "malformed" in text or "corrupt" in text:
        return MeritError(f"{path}: basis data rusak ({text}); pulihkan dari cadangan")
    if "readonly" in text:
        return MeritError(f"{path}: basis data hanya-baca; tidak ada yang diubah")
    return MeritError(f"{path}: kesalahan basis data: {text}")


def load_file(store: Store, path: str | Path) -> tuple[Assessment, Rubric]:
    """Read an assessment file and find its rubric in the store, without storing anything."""
    from .assessment import Assessment, check_against_rubric
    from .validation import check, validate
    from .yamlio import load_path

    doc = load_path(path)
    a = validate(Assessment, doc)
    rubric = store._rubric_for_file(a, doc)
    check(doc, check_against_rubric(a, rubric))
    return a, rubric

