"""Schema migrations: every change to the database layout is a new function here."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.db import Table
from sqlite_utils.migrations import Migrations

from ..bundled import responsible_mapping
from ..rubric.load import parse_rubric
from .connection import Database as Connection
from .events import EVENT_COLUMNS, GENESIS, VIA, append, event_hash
from .state import CONTENT, assessment_state, to_json
from .totals import item_rows

MIGRATIONS = Migrations("merit_tui")  # every name here is listed in connection.SCHEMA too


def _t(db: Database, name: str) -> Table:
    table = db[name]
    assert isinstance(table, Table)
    return table


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    _t(db, "rubrics").create(
        {"pk": int, "rubric_id": str, "version": str, "title": str, "kind": str, "yaml": str, "sha256": str, "imported_at": str},
        pk="pk",
        not_null={"rubric_id", "version", "title", "kind", "yaml", "sha256", "imported_at"},
    )
    _t(db, "rubrics").create_index(["rubric_id", "version"], unique=True)
    _t(db, "assessments").create(
        {
            "id": int, "instansi": str, "tahun": int, "rubric_pk": int, "status": str,
            "target": str, "sumber": str, "official_index": str, "official_category": str,
            "official_source": str, "created_at": str, "updated_at": str,
        },
        pk="id",
        not_null={"instansi", "tahun", "rubric_pk", "status", "created_at", "updated_at"},
        foreign_keys=[("rubric_pk", "rubrics", "pk")],
    )
    _t(db, "assessments").create_index(["instansi", "tahun", "rubric_pk"], unique=True)
    _t(db, "responses").create(
        {
            "assessment_id": int, "item_id": str, "skor": str, "status": str,
            "kondisi_saat_ini": str, "bukti_dukung": str, "dokumen": str,
            "nilai_verifikasi": str, "status_verifikasi": str, "catatan": str, "rekomendasi": str,
            "updated_at": str, "updated_by": str,
        },
        pk=("assessment_id", "item_id"),
        not_null={"assessment_id", "item_id"},
        foreign_keys=[("assessment_id", "assessments", "id")],
    )
    _t(db, "events").create(
        {"id": int, "assessment_id": int, "at": str, "who": str, "role": str, "item_id": str, "field": str, "old": str, "new": str, "note": str},
        pk="id",
        not_null={"at", "who", "role", "field"},
    )
    _t(db, "events").create_index(["assessment_id", "id"])
    _t(db, "settings").create({"key": str, "value": str}, pk="key", not_null={"key"})


@MIGRATIONS()
def m002_plan_and_responsible(db: Database) -> None:
    """Rencana aksi rows edited by the agency, and who is responsible per aspect or element."""
    _t(db, "plan_items").create(
        {
            "assessment_id": int, "item_id": str, "rencana_aksi": str, "penanggung_jawab": str,
            "target_waktu": str, "status": str, "updated_at": str, "updated_by": str,
        },
        pk=("assessment_id", "item_id"),
        not_null={"assessment_id", "item_id"},
        foreign_keys=[("assessment_id", "assessments", "id")],
    )
    _t(db, "responsible").create({"rubric_id": str, "node_id": str, "bidang": str}, pk=("rubric_id", "node_id"), not_null={"rubric_id", "node_id", "bidang"})
    _t(db, "responsible").insert_all(
        [{"rubric_id": rid, "node_id": node, "bidang": bidang} for rid, nodes in responsible_mapping().items() for node, bidang in nodes.items()]
    )


@MIGRATIONS()
def m003_rubric_items(db: Database) -> None:
    """Each rubric's items and weights as rows, so every assessment can be scored in one query."""
    _t(db, "rubric_items").create(
        {"rubric_pk": int, "item_id": str, "group_id": str, "weight": str, "weight_units": int},
        pk=("rubric_pk", "item_id"),
        not_null={"rubric_pk", "item_id", "group_id", "weight", "weight_units"},
        foreign_keys=[("rubric_pk", "rubrics", "pk")],
    )
    for pk, text in db.execute("SELECT pk, yaml FROM rubrics").fetchall():
        _t(db, "rubric_items").insert_all(item_rows(pk, parse_rubric(text, "<rubrik tersimpan>")))


@MIGRATIONS()
def m004_event_chain(db: Database) -> None:
    """Chain every event to the one before it by hash, and refuse edits of the log in SQL."""
    events = _t(db, "events")
    events.add_column("prev_hash", str)
    events.add_column("hash", str)
    prev = GENESIS
    for values in db.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY id").fetchall():
        row = dict(zip(EVENT_COLUMNS, values))
        digest = event_hash(prev, row)
        db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, row["id"]])
        prev = digest
    db.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'log peristiwa hanya boleh ditambah'); END")
    db.execute("CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'log peristiwa hanya boleh ditambah'); END")


@MIGRATIONS()
def m005_listing_cache(db: Database) -> None:
    """Each assessment's progress, totals and category as the list shows them.

    Triggers drop a row whenever anything it depends on changes; the store recomputes the
    dropped rows with the scorer before each write commits. The list then reads one small
    table instead of every response, and a stale row cannot survive a commit.
    """
    _t(db, "assessment_totals").create(
        {
            "assessment_id": int, "label": str, "kind": str, "items": int, "self_done": int, "verified_done": int,
            "self_total": str, "verified_total": str, "category": str,
        },
        pk="assessment_id",
        not_null={"assessment_id", "label", "kind", "items", "self_done", "verified_done", "category"},
    )
    drop = "DELETE FROM assessment_totals WHERE assessment_id = {}"
    for name, when, ids in [
        ("totals_response_insert", "AFTER INSERT ON responses", ["NEW.assessment_id"]),
        ("totals_response_update", "AFTER UPDATE OF assessment_id, skor, nilai_verifikasi, status, status_verifikasi ON responses",
         ["OLD.assessment_id", "NEW.assessment_id"]),
        ("totals_response_delete", "AFTER DELETE ON responses", ["OLD.assessment_id"]),
        ("totals_assessment_update", "AFTER UPDATE OF id, rubric_pk, official_index, official_category ON assessments", ["OLD.id", "NEW.id"]),
        ("totals_assessment_delete", "AFTER DELETE ON assessments", ["OLD.id"]),
    ]:
        body = " ".join(drop.format(i) + ";" for i in ids)
        db.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


@MIGRATIONS()
def m006_trust(db: Database) -> None:
    """What the write policy and the seals need: which path each change came by, a baseline of
    every assessment's whole content (the log replays from here), the keys this database trusts,
    the seals made or received, and the seal state in the list."""
    if VIA not in _t(db, "events").columns_dict:  # a backup of a half-migrated file may have it
        _t(db, "events").add_column(VIA, str)
    _t(db, "trusted_keys").create(
        {"fingerprint": str, "name": str, "public_key": str, "added_at": str, "added_by": str},
        pk="fingerprint", not_null={"fingerprint", "name", "public_key", "added_at", "added_by"},
    )
    _t(db, "seals").create(
        {"id": int, "assessment_id": int, "seal": str, "fingerprint": str, "signer": str, "signed_at": str, "stored_at": str,
         "made_here": int},
        pk="id", not_null={"assessment_id", "seal", "fingerprint", "signer", "signed_at", "stored_at", "made_here"},
    )
    _t(db, "seals").create_index(["assessment_id", "id"])
    _t(db, "assessment_totals").add_column("seal", str)
    drop = "DELETE FROM assessment_totals WHERE assessment_id = {}"
    for name, when, ids in [
        # a seal covers every field, so any change may break it
        ("seal_response_change", "AFTER UPDATE ON responses", ["OLD.assessment_id", "NEW.assessment_id"]),
        ("seal_assessment_change", "AFTER UPDATE ON assessments", ["OLD.id", "NEW.id"]),
        ("seal_insert", "AFTER INSERT ON seals", ["NEW.assessment_id"]),
    ]:
        db.execute(f"CREATE TRIGGER {name} {when} BEGIN {' '.join(drop.format(i) + ';' for i in ids)} END")
    for when in ("AFTER INSERT ON trusted_keys", "AFTER DELETE ON trusted_keys"):
        name = "seal_trust_" + when.split()[1].lower()
        db.execute(f"CREATE TRIGGER {name} {when} BEGIN DELETE FROM assessment_totals; END")
    connection = Connection(db.conn, Path("-"))
    for (aid,) in db.execute("SELECT id FROM assessments ORDER BY id").fetchall():
        state = assessment_state(connection, aid)
        append(db.conn, aid, "merit-tui", "sistem", None, CONTENT, None, to_json(state), "isi awal untuk memutar ulang log", "migrasi")


@MIGRATIONS()
def m007_maturity(db: Database) -> None:
    """Maturity instruments: a gate's answer per response, the agency kind and the component
    scores (JSON) per assessment, and the default penanggung jawab of the 2026 aspects. The
    cached totals already drop on any update of a response or an assessment (m006), which covers
    an answer, the agency kind and a component (each decides which items count)."""
    _t(db, "responses").add_column("jawaban", str)
    _t(db, "assessments").add_column("jenis_instansi", str)
    _t(db, "assessments").add_column("komponen", str)
    rows = [{"rubric_id": rid, "node_id": node, "bidang": bidang}
            for rid, nodes in responsible_mapping().items() for node, bidang in nodes.items()]
    _t(db, "responsible").insert_all(rows, ignore=True)  # kept: what an agency already set
