"""The assessment list: read from a cache the store keeps exact, and cheap to open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merit_tui.scoring import score
from merit_tui.store import SCHEMA, Store
from merit_tui.store.schema import MIGRATIONS
from merit_tui.workspace import open_store
from tests.conftest import ready_for


def listed(store: Store) -> dict[int, tuple]:
    return {r.id: (r.self_done, r.verified_done, r.self_total, r.verified_total, r.category) for r in store.list_assessments()}


def scored(store: Store) -> dict[int, tuple]:
    """What the pure scorer says about every stored assessment, as the list shows it."""
    out = {}
    for aid in listed(store):
        loaded = store.load(aid)
        report = score(loaded.rubric, loaded.assessment)
        if loaded.rubric.kind == "maturity":
            side = report.verified if report.verified.value is not None else report.self
            category = side.band.label + ("*" if report.provisional.bands else "") if side.band else ""
            out[aid] = (report.self.scored, report.verified.scored, report.self.shown, report.verified.shown, category)
        elif loaded.rubric.kind == "weighted":
            shown = report.verified.total if report.verified.total is not None else report.self.total
            band = loaded.rubric.band_for(shown) if shown is not None else None
            category = f"{band.category} {band.label}" if band else ""
            out[aid] = (report.self.scored, report.verified.scored, report.self.total, report.verified.total, category)
        else:
            official = loaded.assessment.official
            category = f"{official.category} (resmi {official.index})" if official else ""
            out[aid] = (report.self.judged, report.verified.judged, None, None, category)
    return out


def cache_rows(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM assessment_totals").fetchone()[0]


def test_schema_names_match_the_migrations():
    assert SCHEMA == tuple(m.name for m in MIGRATIONS._migrations)


def test_balangan_as_listed(store):
    rows = {r.rubric_id: r for r in store.list_assessments()}
    merit, nspk, maturity = rows["kasn-sistem-merit"], rows["bkn-nspk"], rows["permenpanrb-19-2025"]
    assert (merit.self_total, merit.verified_total, merit.category, merit.self_done, merit.items) == (D("299.5"), D("129"), "I Buruk", 37, 37)
    assert (nspk.category, nspk.self_done, nspk.items, nspk.title) == ("B (resmi 63)", 0, 18, "NSPK")
    # the 2026 example: index and category (the verified one, as for the legacy instrument), over
    # the 29 items that apply to a kabupaten with its gate answers; * marks provisional band edges
    assert (maturity.self_total, maturity.verified_total, maturity.category, maturity.self_done, maturity.items) == (
        D("48.51"), D("20.78"), "Lanjutan*", 26, 29)
    assert cache_rows(store) == 3


def test_every_write_keeps_the_list_equal_to_the_scorer(store):
    merit = next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")
    store.set_field(merit, "1.1", "verified_score", 4, who="budi", role="verifikator")
    assert listed(store)[merit][3] == D("131.5")  # 129 + 2.5 × (4 − 3): verified 1.1 was 3
    store.set_field(merit, "1.1", "verified_score", None, who="budi", role="verifikator")
    assert listed(store)[merit][1] == 36
    copy = store.create_assessment("Pemerintah Kabupaten Balangan", 2023, "kasn-sistem-merit", carry_from=merit, who="ani")
    assert listed(store)[copy] == (0, 0, None, None, "")
    store.set_field(copy, "1.1", "self_score", 4, who="ani")
    assert listed(store)[copy][:3] == (1, 0, D("10"))
    store.delete_assessment(copy, who="ani")
    assert copy not in listed(store)
    assert listed(store) == scored(store)
    assert cache_rows(store) == len(listed(store))


def test_a_change_made_outside_the_store_still_shows(store, db_path):
    merit = next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")
    other = sqlite3.connect(db_path)
    other.execute("UPDATE responses SET skor = '1' WHERE assessment_id = ? AND item_id = '1.1'", [merit])  # was 4 (bobot 2.5)
    other.commit()
    other.close()
    assert listed(store)[merit][2] == D("292")
    assert listed(store) == scored(store)


def test_a_database_from_before_the_cache_gets_it_on_open(db_path):
    open_store(db_path).close()  # seeded with Balangan
    conn = sqlite3.connect(db_path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'totals_%' OR name LIKE 'seal_%')").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for table in ("assessment_totals", "seals", "trusted_keys"):  # as before the listing cache (and the seals)
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m005_listing_cache', 'm006_trust')")
    conn.commit()
    conn.close()
    reopened = open_store(db_path)
    assert cache_rows(reopened) == 3
    assert listed(reopened) == scored(reopened)
    reopened.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["1.1", "3.1", "3.4", "8.2"]), st.sampled_from(["self_score", "verified_score"]),
                          st.sampled_from([None, 0, 1, 2, 3, 4])), max_size=12))
def test_random_edits_keep_the_list_exact(store, edits):
    merit = next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")
    for item, field, value in edits:
        role = "penilai" if field == "self_score" else "verifikator"
        if field == "self_score" and value == 0:
            value = 1  # self scores start at 1
        ready_for(store, merit, role)
        store.set_field(merit, item, field, value, who="uji", role=role)
    assert listed(store) == scored(store)


def test_listing_does_not_load_the_models_or_sqlite_utils(store, db_path):
    store.close()
    code = (
        "import sys\n"
        "from merit_tui.store import Store\n"
        "import merit_tui.app, merit_tui.screens.home\n"
        f"s = Store.open({str(db_path)!r})\n"
        "assert len(s.list_assessments()) == 3\n"
        "s.set_setting('last_assessment', '')\n"
        "print(sorted(m for m in ('pydantic', 'sqlite_utils', 'yaml') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_gate_answer_or_agency_kind_change_reaches_the_list(store):
    """Which items count depends on gate answers and the agency kind: the cache follows both."""
    aid = next(r.id for r in store.list_assessments() if r.rubric_id == "permenpanrb-19-2025")
    store.set_field(aid, "6.4.2.g", "answer", "ya", who="ani")  # 6.4.2 applies again, unscored
    row = next(r for r in store.list_assessments() if r.id == aid)
    assert (row.items, row.self_done) == (30, 26)
    store.set_agency_kind(aid, "kl", who="ani")  # 4.1.a applies instead of 4.1.b (scored 1)
    row = next(r for r in store.list_assessments() if r.id == aid)
    assert (row.items, row.self_done) == (30, 25)
    assert listed(store) == scored(store)
