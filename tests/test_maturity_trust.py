"""The 2026 instrument under the write policy: its own writes (survey component, agency kind,
gate answers) follow the agency's side, are logged with their path, and replay from the log;
an exported file brings them back, and a doctored one is refused whole."""

from __future__ import annotations

import sqlite3
from decimal import Decimal as D

import pytest

from merit_tui.errors import MeritError
from merit_tui.importing import import_files
from tests.test_store import snapshot

RUBRIC = "permenpanrb-19-2025"


def maturity_id(store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == RUBRIC)


def test_the_verifier_may_not_set_the_survey_or_the_agency_kind(store):
    aid = maturity_id(store)
    with pytest.raises(MeritError, match="diisi oleh penilai, bukan verifikator"):
        store.set_component(aid, "survei", "70", who="budi", role="verifikator")
    with pytest.raises(MeritError, match="diisi oleh penilai, bukan verifikator"):
        store.set_agency_kind(aid, "provinsi", who="budi", role="verifikator")
    assert store.load(aid).assessment.components == {"survei": D("68.4")}


def test_once_submitted_the_agency_waits_for_the_verifier(store, db_path):
    aid = maturity_id(store)
    store.set_status(aid, "diajukan", who="ani", role="penilai")
    before = snapshot(db_path)
    for write in (lambda: store.set_component(aid, "survei", "90", who="ani"),
                  lambda: store.set_agency_kind(aid, "provinsi", who="ani"),
                  lambda: store.set_field(aid, "6.3.g", "answer", "tidak", who="ani")):
        with pytest.raises(MeritError, match="berstatus diajukan"):
            write()
    assert snapshot(db_path) == before


def test_maturity_writes_are_logged_and_replay(store, merit):
    aid = maturity_id(store)
    assert store.set_component(aid, "survei", "72,5", who="ani")
    assert store.set_agency_kind(aid, "provinsi", who="ani")
    assert store.set_field(aid, "6.4.2.g", "answer", "ya", who="ani")
    assert store.set_component(aid, "survei", None, who="ani")
    assert store.set_component(aid, "survei", "70", who="ani")
    assert not store.set_component(aid, "survei", "70.0", who="ani")  # the same number: nothing logged
    events = [(e.field, e.old, e.new, e.via) for e in store.events(aid)][-5:]
    assert events == [("komponen.survei", "68.4", "72.5", "isian"), ("jenis_instansi", "kabkota", "provinsi", "isian"),
                      ("jawaban", "tidak", "ya", "isian"), ("komponen.survei", "72.5", None, "isian"),
                      ("komponen.survei", None, "70", "isian")]
    assert store.replay_differences() == []
    code, out, _ = merit("audit", "verify")
    assert code == 0, out


def test_a_component_changed_behind_the_stores_back_is_found(store, db_path):
    aid = maturity_id(store)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE assessments SET komponen = ? WHERE id = ?", ['{"survei": "99"}', aid])
    conn.commit()
    conn.close()
    from merit_tui.workspace import open_store

    found = [m.describe() for m in open_store(db_path).replay_differences()]
    assert found and "komponen" in found[0] and "99" in found[0], found


def test_the_survey_and_kind_travel_in_the_file_and_follow_the_rules(store, merit, tmp_path, db_path):
    aid = maturity_id(store)
    exported = tmp_path / "2026.yaml"
    assert merit("export", str(aid), "--to", str(exported))[0] == 0
    text = exported.read_text("utf-8")
    assert "jenis_instansi: kabkota" in text and "survei: 68.4" in text
    changed = tmp_path / "ubah.yaml"
    changed.write_text(text.replace("survei: 68.4", "survei: 75"), "utf-8")
    code, out, err = merit("import", "--replace", str(changed))
    assert code == 0, err
    assert store.load(aid).assessment.components == {"survei": D("75")}
    assert store.replay_differences() == []
    # once submitted, the same file may not change the agency's side
    store.set_status(aid, "diajukan", who="ani", role="penilai")
    changed.write_text(text.replace("survei: 68.4", "survei: 10"), "utf-8")
    before = snapshot(db_path)
    code, _, err = merit("import", "--replace", str(changed))
    assert code == 1 and "komponen survei" in err and "tidak ada yang diubah" in err
    assert snapshot(db_path) == before


def test_a_file_with_a_survey_score_out_of_range_is_refused_at_its_line(store, tmp_path):
    aid = maturity_id(store)
    bad = tmp_path / "buruk.yaml"
    bad.write_text(store.export_yaml(aid).replace("survei: 68.4", "survei: 168.4"), "utf-8")
    with pytest.raises(MeritError) as caught:
        import_files(store, [bad], replace=True, who="ani")
    message = caught.value.message
    line = next(i for i, x in enumerate(bad.read_text("utf-8").splitlines(), 1) if "168.4" in x)
    assert f"buruk.yaml:{line}:" in message and "≤ 100" in message, message
