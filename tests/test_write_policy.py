"""Issue 11's attacks on the verifier's verdict, each ending in a refusal or a detection that
names what changed; and the policy table against random sequences of roles and actions."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merit_tui.errors import MeritError
from merit_tui.workspace import open_store
from tests.conftest import MERIT_RUBRIC
from tests.test_store import snapshot


def merit_id(store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")


def nspk_id(store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == "bkn-nspk")


# ---------- 1. import --replace of verifier values and of status final by the penilai ----------

def test_replacing_verifier_values_and_status_from_a_file_is_refused(store, db_path, tmp_path, merit):
    aid = merit_id(store)
    exported = tmp_path / "a.yaml"
    assert merit("export", str(aid), "--to", str(exported))[0] == 0
    text = exported.read_text(encoding="utf-8")
    doctored = re.sub(r"nilai_verifikasi: \d", "nilai_verifikasi: 4", text).replace("status: diverifikasi", "status: final")
    exported.write_text(doctored, encoding="utf-8")
    store.close()
    before = snapshot(db_path)
    code, out, err = merit("import", "--replace", str(exported))
    assert code == 1
    assert "Nilai Tim Verifikasi" in err and "tanpa segel sah" in err
    assert snapshot(db_path) == before
    assert merit("score", str(aid), "--json")[1].count('"total": 129') == 1


def test_changing_the_official_nspk_result_by_file_is_refused(store, db_path, tmp_path, merit):
    aid = nspk_id(store)
    exported = tmp_path / "n.yaml"
    merit("export", str(aid), "--to", str(exported))
    text = exported.read_text(encoding="utf-8").replace("indeks: 63", "indeks: 99").replace("kategori: B", "kategori: A")
    exported.write_text(text, encoding="utf-8")
    store.close()
    before = snapshot(db_path)
    code, _, err = merit("import", "--replace", str(exported))
    assert code == 1 and "hasil resmi" in err
    assert snapshot(db_path) == before


def test_a_new_file_arriving_final_with_verifier_values_is_refused_or_taken_self_only(store, tmp_path, merit):
    exported = tmp_path / "lain.yaml"
    merit("export", str(merit_id(store)), "--to", str(exported))
    text = exported.read_text(encoding="utf-8").replace("Pemerintah Kabupaten Balangan", "Pemerintah Kabupaten Lain")
    exported.write_text(text.replace("status: diverifikasi", "status: final"), encoding="utf-8")
    code, _, err = merit("import", str(exported))
    assert code == 1 and "status 'final'" in err and "tanpa segel sah" in err
    code, out, err = merit("import", "--self-only", str(exported))
    assert code == 0, err
    new = next(r for r in store.list_assessments() if r.agency == "Pemerintah Kabupaten Lain")
    original = next(r for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit" and r.agency == "Pemerintah Kabupaten Balangan")
    assert (new.status, new.self_total, new.verified_total) == ("draf", original.self_total, None)


# ---------- 2. a rubric upgrade that would drop verifier values ----------

def test_upgrading_a_final_assessment_to_fewer_elements_is_refused(store, tmp_path, merit):
    from tests.conftest import NSPK_RUBRIC

    text = NSPK_RUBRIC.read_text(encoding="utf-8").replace("version: '2021'", "version: '2022'")
    text = text[: text.index("- id: '6'")]  # only elements 1–5 left
    smaller = tmp_path / "nspk-2022.yaml"
    smaller.write_text(text, encoding="utf-8")
    assert merit("import", str(smaller))[0] == 0
    aid = nspk_id(store)
    before = store.export_yaml(aid)
    for role in ("penilai", "verifikator"):
        code, _, err = merit("--role", role, "rubric", "upgrade", str(aid), "--to", "2022")
        assert code == 1 and "final" in err
    assert store.export_yaml(aid).split("kepala_log")[0] == before.split("kepala_log")[0]


# ---------- 3. restoring a doctored backup ----------

def test_a_backup_edited_with_sqlite_is_not_restored(store, db_path, tmp_path, merit):
    aid = merit_id(store)
    backup = tmp_path / "b.db"
    assert merit("backup", "--to", str(backup))[0] == 0
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE responses SET nilai_verifikasi = '4' WHERE assessment_id = ? AND item_id = '3.1'", [aid])
    conn.commit()
    conn.close()
    store.close()
    before = snapshot(db_path)
    code, _, err = merit("restore", str(backup), "--force")
    assert code == 1 and "butir 3.1 nilai_verifikasi" in err and "menurut log 0, tersimpan 4" in err
    assert snapshot(db_path) == before


def test_a_restore_is_logged_and_its_chain_checked(store, db_path, tmp_path, merit):
    backup = tmp_path / "b.db"
    merit("backup", "--to", str(backup))
    conn = sqlite3.connect(backup)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET who = 'orang lain' WHERE id = 2")
    conn.commit()
    conn.close()
    code, _, err = merit("restore", str(backup), "--force")
    assert code == 1 and "log cadangan tidak utuh di peristiwa #2" in err
    good = tmp_path / "good.db"
    merit("backup", "--to", str(good))
    assert merit("--user", "ani", "restore", str(good), "--force")[0] == 0
    restored = open_store(db_path)
    event = restored.events()[-1]
    assert (event.field, event.who, event.via) == ("pulihkan_cadangan", "ani", "pulihkan") and str(good) in event.note


# ---------- 4. deleting a verified assessment; ids never reused ----------

def test_only_an_unverified_draft_can_be_deleted_and_ids_are_never_reused(store, merit):
    verified, final = merit_id(store), nspk_id(store)
    for aid in (verified, final):
        with pytest.raises(MeritError, match="hanya penilaian berstatus draf"):
            store.delete_assessment(aid, who="ani")
    draft = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", who="ani")
    store.set_field(draft, "1.1", "condition", "isi yang akan dihapus", who="ani")
    store.delete_assessment(draft, who="ani")
    again = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", who="ani")
    assert again != draft and again > draft
    assert [e.field for e in store.events(again)] == ["impor"]  # its own history only
    code, out, _ = merit("audit", "log", str(draft))
    assert code == 0 and "hapus" in out  # the deleted one's history stays under its own id
    store.delete_assessment(again, who="ani")
    assert merit("undelete", str(draft))[0] == 0
    assert store.load(draft).assessment.by_item()["1.1"].condition == "isi yang akan dihapus"
    assert store.replay_differences() == []


async def test_the_app_refuses_to_delete_a_final_assessment(db_path):
    from merit_tui.app import make_app
    from merit_tui.widgets.list_table import ListTable

    store = open_store(db_path)
    before = len(store.list_assessments())
    app = make_app(store, user="ani")
    async with app.run_test(size=(100, 30)) as pilot:
        rows = store.list_assessments()
        app.screen.query_one(ListTable).move_cursor(row=next(i for i, r in enumerate(rows) if r.status == "final"))
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"  # no confirmation offered
        assert any("Tidak dapat dihapus" in str(n.message) for n in app._notifications)
    assert len(store.list_assessments()) == before


# ---------- 5. the status is read inside the write transaction ----------

def test_no_write_commits_after_the_assessment_became_final(store, db_path):
    """A verifier saving notes in one process while another finalizes: nothing lands after
    final, and every status event carries the status it really left."""
    aid = merit_id(store)
    ids = store.rubric("kasn-sistem-merit").item_ids()
    store.close()
    writer = textwrap.dedent(f"""
        import time
        from merit_tui.errors import MeritError
        from merit_tui.store import Store
        s = Store.open({str(db_path)!r})
        n = 0
        try:
            while n < 20_000:
                s.set_field({aid}, {ids!r}[n % 37], "note", f"catatan {{n}}", who="dewi", role="verifikator")
                n += 1
                time.sleep(0.002)  # as fast as anyone types, and a gap for the other process
        except MeritError as exc:
            print("berhenti:", exc.message)
    """)
    finalizer = textwrap.dedent(f"""
        import time
        from merit_tui.store import Store
        s = Store.open({str(db_path)!r})
        time.sleep(0.3)
        s.set_status({aid}, "final", who="budi", role="verifikator")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for code in (writer, finalizer)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert "final" in outs[0][0]
    s = open_store(db_path)
    events = s.events(aid)
    final = next(e for e in events if e.field == "status_penilaian" and e.new == "final")
    assert final.old == "diverifikasi"
    assert not [e for e in events if e.id > final.id and e.field == "catatan"]
    assert s.verify_log() is None and s.replay_differences() == []


# ---------- 6. each side works only in its own statuses ----------

def test_the_assessor_cannot_score_while_verified_nor_the_verifier_a_draft(store):
    with pytest.raises(MeritError, match="Penilai hanya dapat mengubah isiannya pada status draf atau dikembalikan"):
        store.set_field(merit_id(store), "1.1", "self_score", 1, who="ani")
    draft = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", who="ani")
    with pytest.raises(MeritError, match="Verifikator hanya dapat mengubah isiannya pada status diajukan atau diverifikasi"):
        store.set_field(draft, "1.1", "verified_score", 1, who="budi", role="verifikator")


# ---------- 7. the log: direct edits, truncation, recomputation ----------

def test_a_direct_update_of_the_tables_is_found_with_both_values(store, db_path, merit):
    aid = merit_id(store)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE responses SET nilai_verifikasi = '4' WHERE assessment_id = ? AND item_id = '3.1'", [aid])
    conn.execute("UPDATE assessments SET status = 'final' WHERE id = ?", [aid])
    conn.commit()
    conn.close()
    code, _, err = merit("audit", "verify")
    assert code == 1
    assert f"penilaian {aid}, butir 3.1 nilai_verifikasi: menurut log 0, tersimpan 4" in err
    assert f"penilaian {aid}, status: menurut log diverifikasi, tersimpan final" in err


def _drop_guards(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("DROP TRIGGER events_no_delete")


def test_cutting_off_the_last_events_is_found_with_an_anchor(store, db_path, tmp_path, merit):
    aid = merit_id(store)
    original = store.response(aid, "3.1").note
    store.set_field(aid, "3.1", "note", "dikirim ke instansi", who="dewi", role="verifikator")
    last = store.events()[-1].id
    anchor = tmp_path / "ekspor.yaml"
    merit("export", str(aid), "--to", str(anchor))  # carries the head: the edit above
    store.close()
    conn = sqlite3.connect(db_path)  # someone undoes the edit and cuts it out of the log
    _drop_guards(conn)
    conn.execute("DELETE FROM events WHERE id = ?", [last])
    conn.execute("UPDATE responses SET catatan = ? WHERE assessment_id = ? AND item_id = '3.1'", [original, aid])
    conn.commit()
    conn.close()
    assert "Log utuh" in merit("audit", "verify")[1]  # without an anchor a cut-off tail looks whole
    code, _, err = merit("audit", "verify", "--anchor", str(anchor))
    assert code == 1 and f"log tidak lagi memuat peristiwa #{last}" in err


def test_a_rewritten_and_recomputed_chain_is_found_with_an_anchor(store, db_path, tmp_path, merit):
    from merit_tui.store.events import EVENT_COLUMNS, GENESIS, VIA, event_hash

    aid = merit_id(store)
    backup = tmp_path / "cadangan.db"
    merit("backup", "--to", str(backup))
    store.close()
    conn = sqlite3.connect(db_path)
    _drop_guards(conn)
    conn.execute("UPDATE events SET who = 'orang lain' WHERE id = 2")
    prev = GENESIS
    for values in conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)}, {VIA} FROM events ORDER BY id").fetchall():
        row = dict(zip((*EVENT_COLUMNS, VIA), values))
        digest = event_hash(prev, row)
        conn.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, row["id"]])
        prev = digest
    conn.commit()
    conn.close()
    assert merit("audit", "verify")[0] == 0  # a recomputed chain is whole by itself
    code, _, err = merit("audit", "verify", "--anchor", str(backup))
    assert code == 1 and "dihitung ulang" in err
    assert aid


# ---------- the policy table, against random sequences of roles and actions ----------

# The rules as the issue states them, written here independently of policy.py.
EXPECTED = {
    ("penilai", "self"): {"draf", "dikembalikan"},
    ("verifikator", "verifier"): {"diajukan", "diverifikasi"},
    ("penilai", "verifier"): set(),
    ("verifikator", "self"): set(),
    ("verifikator", "official"): {"diajukan", "diverifikasi"},
    ("penilai", "official"): set(),
}
MOVES = {
    ("draf", "diajukan"): "penilai", ("dikembalikan", "diajukan"): "penilai",
    ("diajukan", "diverifikasi"): "verifikator", ("diajukan", "dikembalikan"): "verifikator",
    ("diverifikasi", "dikembalikan"): "verifikator", ("diverifikasi", "final"): "verifikator",
    ("final", "diverifikasi"): "verifikator",
}
ACTIONS = st.tuples(
    st.sampled_from(["penilai", "verifikator"]),
    st.sampled_from(["self", "verifier", "official", "move", "delete"]),
    st.sampled_from(["draf", "diajukan", "diverifikasi", "dikembalikan", "final"]),
    st.integers(1, 4),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["kasn-sistem-merit", "bkn-nspk"]), st.lists(ACTIONS, min_size=1, max_size=14))
def test_random_sequences_follow_the_policy_table(store, rubric_id, steps):
    aid = store.create_assessment(f"Kabupaten Acak {len(store.list_assessments())}", 2024, rubric_id, who="ani")
    nspk = rubric_id == "bkn-nspk"
    for role, action, target, value in steps:
        status = store.status(aid) if store.exists(aid) else None
        if status is None:
            return  # deleted: nothing more to do to it
        before = snapshot(store.path)
        if action == "move":
            allowed = MOVES.get((status, target)) == role
            call = lambda: store.set_status(aid, target, who="x", role=role)  # noqa: E731
        elif action == "delete":
            allowed = status == "draf" and store.assessments.verifier_fields(aid) == 0
            call = lambda: store.delete_assessment(aid, who="x", role=role)  # noqa: E731
        elif action == "official":  # BKN's published result: NSPK only
            allowed = nspk and status in EXPECTED[(role, "official")]
            call = lambda: store.set_official(aid, str(value * 20), "B", who="x", role=role)  # noqa: E731
        else:
            allowed = status in EXPECTED[(role, action)]
            if nspk:
                field = "self_status" if action == "self" else "verified_status"
                call = lambda: store.set_field(aid, "1", field, "sesuai" if value % 2 else "belum_sesuai", who="x", role=role)  # noqa: E731
            else:
                field = "self_score" if action == "self" else "verified_score"
                call = lambda: store.set_field(aid, "1.1", field, value, who="x", role=role)  # noqa: E731
        try:
            call()
        except MeritError:
            assert not allowed, (role, action, status, target)
            assert snapshot(store.path) == before  # a refusal changes nothing
            continue
        assert allowed, (role, action, status, target)
    assert store.verify_log() is None and store.replay_differences() == []
    assert MERIT_RUBRIC


def test_the_readme_states_the_rules_the_code_applies():
    from pathlib import Path

    from merit_tui.policy import rules_table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for what, who, when in rules_table():
        assert f"| {what} | {who} | {when} |" in readme
    assert "dijaga di basis\ndata" not in readme and "dijaga di basis data" not in readme
