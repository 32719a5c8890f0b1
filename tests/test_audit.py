"""The tamper-evident log, backups, and several processes writing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest

from merit_tui.errors import MeritError
from merit_tui.store import Store
from merit_tui.workspace import open_store
from tests.conftest import return_to_assessor


def merit_id(store: Store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")


def editable_id(store: Store) -> int:
    """Balangan 2022, sent back to the assessor so the self-assessment may change."""
    aid = merit_id(store)
    return_to_assessor(store, aid)
    return aid


def test_log_is_chained_and_edits_are_caught(store, db_path, merit):
    aid = editable_id(store)
    for n, item in enumerate(["1.1", "1.2", "1.3"]):
        store.set_field(aid, item, "condition", f"catatan {n}", who="ani")
    assert store.verify_log() is None
    code, out, _ = merit("audit", "verify")
    assert code == 0 and "Log utuh" in out
    target = next(e for e in store.events(aid) if e.item_id == "1.2")
    store.close()

    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="hanya boleh ditambah"):
        conn.execute("UPDATE events SET new = 'dipalsukan' WHERE id = ?", [target.id])
    # someone determined drops the guard and rewrites history
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET new = 'dipalsukan', who = 'orang lain' WHERE id = ?", [target.id])
    conn.commit()
    conn.close()
    code, _, err = merit("audit", "verify", str(aid))
    assert code == 1
    assert f"peristiwa #{target.id}" in err and "diubah" in err


def test_deleted_event_is_caught_at_the_next_one(store, db_path, merit):
    aid = editable_id(store)
    for item in ("2.1", "2.2", "2.3"):
        store.set_field(aid, item, "evidence", "SK", who="ani")
    middle = next(e for e in store.events(aid) if e.item_id == "2.2")
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events WHERE id = ?", [middle.id])
    conn.commit()
    conn.close()
    code, _, err = merit("audit", "verify")
    assert code == 1 and f"peristiwa #{middle.id + 1}" in err and "tautan" in err


def test_audit_log_filters(store, merit):
    aid = editable_id(store)
    store.set_field(aid, "1.1", "condition", "oleh ani", who="ani")
    store.set_field(aid, "1.2", "condition", "juga ani", who="ani")
    store.set_status(aid, "diajukan", who="ani", role="penilai")
    store.set_field(aid, "1.1", "verified_score", 2, who="dewi", role="verifikator")
    code, out, _ = merit("audit", "log", str(aid), "--who", "dewi")
    assert code == 0 and out.count("\n") == 1 and "nilai_verifikasi: 3 → 2" in out and "dewi (verifikator via isian)" in out
    code, out, _ = merit("audit", "log", str(aid), "--item", "1.1")
    assert out.count("\n") == 2


def test_backup_and_restore(store, db_path, tmp_path, merit):
    aid = editable_id(store)
    store.set_field(aid, "1.1", "condition", "sebelum cadangan", who="ani")
    backup = tmp_path / "cadangan.db"
    code, _, err = merit("backup", "--to", str(backup))
    assert code == 0, err
    code, _, err = merit("backup", "--to", str(backup))
    assert code == 1 and "--force" in err
    store.set_field(aid, "1.1", "condition", "sesudah cadangan", who="ani")
    code, _, err = merit("restore", str(backup))
    assert code == 1 and "--force" in err
    assert store.load(aid).assessment.by_item()["1.1"].condition == "sesudah cadangan"
    not_ours = tmp_path / "lain.db"
    sqlite3.connect(not_ours).execute("CREATE TABLE x (y)").connection.commit()
    code, _, err = merit("restore", str(not_ours), "--force")
    assert code == 1 and "bukan cadangan basis data merit-tui" in err
    code, _, err = merit("restore", str(backup), "--force")
    assert code == 0, err
    reopened = open_store(db_path)
    assert reopened.load(aid).assessment.by_item()["1.1"].condition == "sebelum cadangan"
    assert reopened.verify_log() is None
    assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()


def test_two_processes_write_at_once_without_locked_errors(store, db_path):
    """An assessor (on a draft) and a verifier (on a submitted one) saving continuously from two
    processes: nothing lost, chain intact."""
    verified = merit_id(store)  # diverifikasi: the verifier's
    draft = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", who="ani")
    ids = store.rubric("kasn-sistem-merit").item_ids()
    store.close()
    worker = textwrap.dedent(f"""
        import sys
        from merit_tui.store import Store
        role, field, aid = sys.argv[1], sys.argv[2], int(sys.argv[3])
        s = Store.open({str(db_path)!r})
        for round in range(3):
            for item in {ids!r}:
                s.set_field(aid, item, field, f"{{role}} {{round}} {{item}}", who=role, role=role)
        s.close()
    """)
    procs = [
        subprocess.Popen([sys.executable, "-c", worker, "penilai", "condition", str(draft)], stderr=subprocess.PIPE, text=True),
        subprocess.Popen([sys.executable, "-c", worker, "verifikator", "note", str(verified)], stderr=subprocess.PIPE, text=True),
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    s = open_store(db_path)
    mine, theirs = s.load(draft).assessment.by_item(), s.load(verified).assessment.by_item()
    assert all(mine[i].condition == f"penilai 2 {i}" and theirs[i].note == f"verifikator 2 {i}" for i in ids)
    assert s.verify_log() is None and s.replay_differences() == []
    assert len([e for e in s.events(draft) + s.events(verified) if e.field in ("kondisi_saat_ini", "catatan")]) == 2 * 3 * 37
    s.close()


def test_a_backup_from_an_older_version_is_brought_up_to_date_on_restore(store, tmp_path):
    old = tmp_path / "lama.db"
    store.backup(old)
    conn = sqlite3.connect(old)  # as the version before the listing cache (and the seals) wrote it
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'totals_%' OR name LIKE 'seal_%')").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for table in ("assessment_totals", "seals", "trusted_keys"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m005_listing_cache', 'm006_trust')")
    conn.commit()
    conn.close()
    store.restore_from(old)
    aid = merit_id(store)  # diverifikasi: the verifier's to change
    store.set_field(aid, "1.1", "verified_score", 4, who="budi", role="verifikator")  # was 3, bobot 2.5
    row = next(r for r in store.list_assessments() if r.id == aid)
    assert row.verified_total == Decimal("131.5")
    assert store.conn.execute("SELECT count(*) FROM assessment_totals").fetchone()[0] == 3  # the three bundled examples


def test_a_backup_from_a_newer_version_is_refused_and_nothing_changes(store, db_path, tmp_path):
    newer = tmp_path / "baru.db"
    store.backup(newer)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('merit_tui', 'm999_masa_depan', '2030')")
    conn.commit()
    conn.close()
    aid = editable_id(store)
    store.set_field(aid, "1.1", "condition", "sesudah cadangan", who="ani")
    with pytest.raises(MeritError, match="lebih baru"):
        store.restore_from(newer)
    assert store.load(aid).assessment.by_item()["1.1"].condition == "sesudah cadangan"


def test_restore_needs_an_existing_file(store):
    with pytest.raises(MeritError, match="tidak ditemukan"):
        store.restore_from("/nonexistent/cadangan.db")


@pytest.mark.parametrize("run", range(4))
def test_sigkill_loses_nothing_that_was_committed(store, db_path, run):
    """A writer of scores and notes killed with SIGKILL at a random moment: every save it
    reported is there, and the file passes integrity_check."""
    import os
    import random
    import signal
    import time

    rng = random.Random(1000 + run)
    kill_after = rng.randint(1, 60)
    extra_delay = rng.random() * 0.05  # sometimes in the middle of the next write
    aid = editable_id(store)
    store.close()
    worker = textwrap.dedent(f"""
        import itertools
        from merit_tui.store import Store
        s = Store.open({str(db_path)!r})
        items = s.rubric("kasn-sistem-merit").item_ids()
        for n in itertools.count():
            item = items[n % len(items)]
            s.set_field({aid}, item, "condition", f"simpan {{n}}", who="ani")
            s.set_field({aid}, item, "self_score", 1 + n % 4, who="ani")
            print(item, n, flush=True)  # reported only after both commits returned
    """)
    proc = subprocess.Popen([sys.executable, "-c", worker], stdout=subprocess.PIPE, text=True)
    saved: dict[str, int] = {}
    for _ in range(kill_after):
        item, n = proc.stdout.readline().split()
        saved[item] = int(n)
    time.sleep(extra_delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    s = open_store(db_path)
    assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    responses = s.load(aid).assessment.by_item()
    for item, n in saved.items():
        stored = int(responses[item].condition.split()[1])
        assert stored >= n  # what was reported is there (a later save may have landed too)
        if stored == n:
            assert responses[item].self_score == 1 + n % 4
    assert s.verify_log() is None
    s.close()


def test_no_lost_update_between_two_processes(store, db_path):
    """A saves over a value B changed after A loaded it: refused with both values, nothing overwritten."""
    from merit_tui.errors import Conflict

    aid = editable_id(store)
    seen = store.load(aid).assessment.by_item()["1.4"].condition
    code = f"from merit_tui.store import Store; s = Store.open({str(db_path)!r}); s.set_field({aid}, '1.4', 'condition', 'versi Budi', who='budi')"
    subprocess.run([sys.executable, "-c", code], check=True)
    with pytest.raises(Conflict) as exc:
        store.set_field(aid, "1.4", "condition", "versi Ani", who="ani", expected=seen)
    assert (exc.value.current, exc.value.mine, exc.value.who) == ("versi Budi", "versi Ani", "budi")
    assert store.load(aid).assessment.by_item()["1.4"].condition == "versi Budi"
    # choosing "mine" knowingly: the expected value is now Budi's
    assert store.set_field(aid, "1.4", "condition", "versi Ani", who="ani", expected="versi Budi")
    assert store.load(aid).assessment.by_item()["1.4"].condition == "versi Ani"


def test_rubric_upgrade_is_explicit_and_reported(store, tmp_path, merit):
    from tests.conftest import MERIT_RUBRIC

    verified = merit_id(store)
    aid = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", who="ani")
    for item, skor in store.export(verified).by_item().items():  # last year's self scores, as a draft
        store.set_field(aid, item, "self_score", skor.self_score, who="ani")
    text = MERIT_RUBRIC.read_text(encoding="utf-8").replace("version: '2022'", "version: '2023'")
    text = text.replace("      Ketersediaan peta jabatan dan rencana kebutuhan pegawai untuk jangka menengah (5 tahun) yang sudah\n      ditetapkan PPK;\n    weight: 2.5", "      Ketersediaan peta jabatan dan rencana kebutuhan pegawai untuk jangka menengah (5 tahun) yang sudah\n      ditetapkan PPK;\n    weight: 3", 1)
    cut = text.index("  - id: '8.4'")
    text = text[:cut] + "  - id: '8.5'\n    text: Indikator baru versi 2023\n    weight: 2\n"
    new = tmp_path / "kasn-2023.yaml"
    new.write_text(text, encoding="utf-8")
    code, _, err = merit("import", str(new))
    assert code == 0, err
    # a new version in the store changes nothing by itself
    assert merit("score", str(aid), "--json")[1].count('"total": 299.5') == 1
    code, out, err = merit("rubric", "upgrade", str(verified), "--to", "2023")
    assert code == 1 and "Penilai hanya dapat mengubah" in err  # a verified result stays on the rubric it was verified on
    code, out, err = merit("rubric", "upgrade", str(aid), "--to", "2023")
    assert code == 0, err
    assert "ditambah: 8.5" in out and "dihapus: 8.4" in out and "bobot berubah: 1.1 (2.5 → 3)" in out
    import json

    data = json.loads(merit("score", str(aid), "--json")[1])
    assert data["assessment"]["rubric_version"] == "2023"
    assert data["self"]["total"] == 299.5 - 4 + 0.5 * 4  # 8.4 (2 × 2) dropped; 1.1 now 3 × 4 instead of 2.5 × 4
    assert data["missing"]["self"] == 1  # 8.5 is new and unscored
    events = open_store(store.path).events(aid)
    event = [e for e in events if e.field == "versi_rubrik"][-1]
    assert (event.old, event.new) == ("kasn-sistem-merit@2022", "kasn-sistem-merit@2023") and "dihapus: 8.4" in event.note
    dropped = [e for e in events if e.item_id == "8.4" and e.via == "versi rubrik"]
    assert [(e.field, e.old, e.new) for e in dropped] == [("skor", "2", None)]  # the dropped value stays in the log
    code, _, err = merit("rubric", "upgrade", str(aid), "--to", "2031")
    assert code == 1 and "belum diimpor" in err
