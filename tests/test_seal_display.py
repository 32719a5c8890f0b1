"""Every place a result is shown says the state of its seal."""

from __future__ import annotations

from datetime import datetime, timezone

from merit_tui.reports.data import for_stored
from merit_tui.trust.keys import ScryptParams, create_key, load_key

FAST = ScryptParams(n=2**10)


def sealed(store, tmp_path, monkeypatch) -> int:
    monkeypatch.setenv("MERIT_CONFIG_DIR", str(tmp_path / "config"))
    info = create_key("Budi (BKN)", "sandi rahasia", now=datetime.now(timezone.utc), kdf=FAST)
    aid = next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")
    store.seal(aid, load_key(info, "sandi rahasia"), who="Budi (BKN)", role="verifikator")
    return aid


def test_list_report_plan_and_export_show_the_seal(store, tmp_path, monkeypatch, merit):
    aid = sealed(store, tmp_path, monkeypatch)
    assert next(r for r in store.list_assessments() if r.id == aid).seal == "sah"  # the sealer's database trusts its key
    store.seals.distrust("Budi (BKN)", who="ani", role="penilai")  # as a database that never trusted it sees it
    assert next(r for r in store.list_assessments() if r.id == aid).seal == "kunci_tidak_dikenal"
    assert for_stored(store, aid)["seal"]["state"] == "kunci_tidak_dikenal"
    assert "Segel: SAH, KUNCI TIDAK DIKENAL: disegel Budi (BKN)" in merit("plan", str(aid))[1]
    assert "segel:" in store.export_yaml(aid) and "penanda_tangan: Budi (BKN)" in store.export_yaml(aid)
    # any later change shows, by name, wherever the seal is shown
    store.set_field(aid, "3.1", "note", "diubah sesudah disegel", who="Budi (BKN)", role="verifikator")
    assert next(r for r in store.list_assessments() if r.id == aid).seal == "rusak"
    check = store.seal_check(aid)
    assert check.state == "rusak" and "butir 3.1 catatan" in check.report()
    assert for_stored(store, aid)["seal"]["text"].startswith("RUSAK: 1 isian berubah sejak disegel (butir 3.1 catatan)")


def test_trusting_the_key_makes_it_sah_everywhere(store, tmp_path, monkeypatch):
    from merit_tui.trust.keys import export_public_key, find_key, read_public_key

    aid = sealed(store, tmp_path, monkeypatch)
    store.seals.distrust("Budi (BKN)", who="ani", role="penilai")
    assert next(r for r in store.list_assessments() if r.id == aid).seal == "kunci_tidak_dikenal"
    pub = export_public_key(find_key("Budi (BKN)"), tmp_path / "budi.pub")
    store.trust_key(read_public_key(pub), who="ani")
    assert next(r for r in store.list_assessments() if r.id == aid).seal == "sah"
    assert store.seal_check(aid).describe().startswith("SAH: disegel Budi (BKN)")
