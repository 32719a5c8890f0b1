"""The store: seeding, import/export, one-transaction imports, logged writes, bad databases."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from decimal import Decimal as D

import pytest

from merit_tui.assessment import Assessment
from merit_tui.errors import Busy, InvalidFile, MeritError
from merit_tui.exports.files import assessment_yaml
from merit_tui.importing import import_files
from merit_tui.store import Store
from merit_tui.validation import validate
from merit_tui.workspace import open_store
from merit_tui.yamlio import load_path, parse
from tests.conftest import MATURITY_FILE, MERIT_FILE, NSPK_FILE, write


def snapshot(path) -> dict:
    """Everything a user could lose: all rows of all tables."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM [{t}] ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()


def balangan_id(store: Store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")


def test_new_database_is_seeded(store):
    rows = store.list_assessments()
    assert {(r.rubric_id, r.year, r.self_done, r.verified_done, r.items) for r in rows} == {
        ("kasn-sistem-merit", 2022, 37, 37, 37),
        ("bkn-nspk", 2021, 0, 18, 18),
        ("permenpanrb-19-2025", 2026, 26, 9, 29),  # 29 of 31 scored items apply to this kabupaten
    }
    assert {r["rubric_id"] for r in store.rubric_rows()} == {"kasn-sistem-merit", "bkn-nspk", "permenpanrb-19-2025"}
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_export_of_import_gives_the_same_data(store, tmp_path):
    for source in (MERIT_FILE, NSPK_FILE, MATURITY_FILE):
        original = validate(Assessment, load_path(source))
        aid = next(r.id for r in store.list_assessments() if r.rubric_id == original.rubric_id)
        exported = store.export(aid)
        # the store lists responses in the rubric's order (the 2026 example lists its gates first)
        in_order = dataclasses.replace(original, responses=sorted(original.responses, key=lambda r: rubric_order(store, original, r.id)))
        assert exported == in_order
        # and through the file again
        again = validate(Assessment, parse(assessment_yaml(exported), "x.yaml"))
        assert again == in_order


def rubric_order(store, a: Assessment, item_id: str) -> int:
    return store.rubric(a.rubric_id, a.rubric_version).item_ids().index(item_id)


def test_failed_import_changes_nothing(store, db_path, tmp_path):
    store.close()
    before = snapshot(db_path)
    good = write(tmp_path, "good.yaml", "instansi: Kota Contoh\ntahun: 2023\nrubrik: kasn-sistem-merit\nversi_rubrik: '2022'\npenilaian:\n  - {id: '1.1', skor: 3}\n")
    bad = write(tmp_path, "bad.yaml", "instansi: Kota Lain\ntahun: 2023\nrubrik: kasn-sistem-merit\nversi_rubrik: '2022'\npenilaian:\n  - {id: '1.1', skor: 5}\n  - {id: '9.9', skor: 2}\n")
    s = open_store(db_path)
    with pytest.raises(InvalidFile) as exc:
        import_files(s, [good, bad])
    msgs = [str(p) for p in exc.value.problems]
    assert msgs == [
        f"{bad}:6:23: penilaian[0].skor: Skor 5 di luar skala 1–4",
        f"{bad}:7:10: penilaian[1].id: indikator '9.9' tidak ada di rubrik kasn-sistem-merit@2022; maksud Anda '3.9'?",
    ]
    # a conflict found only inside the transaction also rolls back the good file
    with pytest.raises(MeritError):
        import_files(s, [good, MERIT_FILE])
    s.close()
    assert snapshot(db_path) == before


def test_reimport_needs_replace(store, tmp_path):
    with pytest.raises(MeritError, match="sudah ada"):
        import_files(store, [MERIT_FILE])
    aid = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", carry_from=balangan_id(store), who="ani")
    draft = tmp_path / "draf.yaml"
    draft.write_text(store.export_yaml(aid), encoding="utf-8")
    store.set_field(aid, "1.1", "condition", "diubah", who="ani")
    [new_id] = import_files(store, [draft], replace=True)
    assert new_id == aid
    assert store.load(aid).assessment.by_item()["1.1"].condition.startswith("Penyusunan peta jabatan")


def test_rubric_text_changed_under_same_version_is_refused(store, tmp_path):
    from tests.conftest import MERIT_RUBRIC

    changed = write(tmp_path, "r.yaml", MERIT_RUBRIC.read_text(encoding="utf-8").replace("weight: 2.5", "weight: 3", 1))
    with pytest.raises(MeritError, match="sudah tersimpan dengan isi yang berbeda"):
        import_files(store, [changed])
    # the very same text again is fine and adds nothing
    import_files(store, [MERIT_RUBRIC])
    assert len(store.rubric_rows()) == 3  # the three bundled rubrics


def test_set_field_is_stored_and_logged(store, db_path):
    aid = store.create_assessment("Kabupaten Contoh", 2023, "kasn-sistem-merit", who="ani")
    assert store.set_field(aid, "3.4", "self_score", "3", who="ani")
    assert not store.set_field(aid, "3.4", "self_score", D(3), who="ani")  # unchanged: no event
    store.set_field(aid, "3.4", "condition", "Rencana suksesi JPT sudah ada", who="ani")
    store.close()
    reopened = open_store(db_path)
    r = reopened.load(aid).assessment.by_item()["3.4"]
    assert (r.self_score, r.condition) == (D(3), "Rencana suksesi JPT sudah ada")
    ev = [e for e in reopened.events(aid) if e.field != "impor"]
    assert [(e.who, e.role, e.item_id, e.field, e.old, e.new) for e in ev] == [
        ("ani", "penilai", "3.4", "skor", None, "3"),
        ("ani", "penilai", "3.4", "kondisi_saat_ini", None, "Rencana suksesi JPT sudah ada"),
    ]
    reopened.close()


def test_bad_values_and_wrong_roles_are_refused(store):
    aid = store.create_assessment("Kabupaten Contoh", 2023, "kasn-sistem-merit")
    with pytest.raises(MeritError, match="di luar skala 1–4"):
        store.set_field(aid, "1.1", "self_score", 5, who="ani")
    with pytest.raises(MeritError, match="di luar skala 1–4"):
        store.set_field(aid, "1.1", "self_score", "2.5", who="ani")
    with pytest.raises(MeritError, match="tidak ada di rubrik"):
        store.set_field(aid, "9.9", "self_score", 2, who="ani")
    with pytest.raises(MeritError, match="diisi oleh verifikator, bukan penilai"):
        store.set_field(aid, "1.1", "verified_score", 2, who="ani", role="penilai")
    with pytest.raises(MeritError, match="diisi oleh penilai, bukan verifikator"):
        store.set_field(aid, "1.1", "self_score", 2, who="budi", role="verifikator")
    with pytest.raises(MeritError, match="hanya dapat mengubah isiannya pada status diajukan atau diverifikasi"):
        store.set_field(aid, "1.1", "verified_score", 0, who="budi", role="verifikator")  # a draft is not the verifier's yet
    store.set_status(aid, "diajukan", who="ani", role="penilai")
    assert store.set_field(aid, "1.1", "verified_score", 0, who="budi", role="verifikator")
    assert store.load(aid).assessment.by_item()["1.1"].verified_score == 0
    nspk = next(r.id for r in store.list_assessments() if r.rubric_id == "bkn-nspk")
    with pytest.raises(MeritError, match="final"):
        store.set_field(nspk, "1", "self_status", "sesuai", who="ani")


def test_carry_over_from_last_year(store):
    aid = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", carry_from=balangan_id(store))
    r = store.load(aid).assessment.by_item()
    assert r["1.1"].condition.startswith("Penyusunan peta jabatan")
    assert r["1.1"].self_score is None and r["1.1"].verified_score is None and r["1.1"].note is None


def test_foreign_and_damaged_files_are_not_touched(tmp_path):
    text_file = write(tmp_path, "notes.db", "just some notes\n")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.db"
    open_store(damaged).close()
    raw = bytearray(damaged.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)
    damaged.write_bytes(bytes(raw))
    for path, expected in ((text_file, "bukan basis data SQLite"), (other, "bukan milik merit-tui"), (damaged, "rusak")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(MeritError, match=expected):
            open_store(path)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_newer_schema_is_refused(db_path):
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('merit_tui', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(MeritError, match="versi merit-tui yang lebih baru"):
        open_store(db_path)


def test_locked_database_gives_a_clear_message(store, db_path):
    blocker = sqlite3.connect(db_path)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        store.conn.execute("PRAGMA busy_timeout = 100")
        aid = balangan_id(store)
        with pytest.raises(Busy, match="sedang dipakai proses lain"):
            store.set_field(aid, "1.1", "condition", "x", who="ani")
    finally:
        blocker.rollback()
        blocker.close()
    assert store.load(balangan_id(store)).assessment.by_item()["1.1"].condition != "x"


def test_a_second_store_in_the_same_process_does_not_orphan_the_wal(db_path):
    """Opening the file again in-process must not drop the first connection's locks.

    If it did, another process closing its connection would delete the WAL under the
    first connection, and what it wrote afterwards would be invisible to everyone else
    (and lost when it closed).
    """
    import subprocess
    import sys

    first = open_store(db_path)
    second = open_store(db_path)
    second.close()
    subprocess.run([sys.executable, "-c", f"import sqlite3; c = sqlite3.connect({str(db_path)!r}); c.execute('select 1 from assessments').fetchall(); c.close()"], check=True)
    aid = first.create_assessment("Kabupaten Terlihat", 2024, "kasn-sistem-merit")
    seen = subprocess.run(
        [sys.executable, "-c", f"import sqlite3; print(sqlite3.connect({str(db_path)!r}).execute('select count(*) from assessments where id = {aid}').fetchone()[0])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    first.close()
    assert seen == "1"
