"""Bad input, tried on purpose: every file is refused with a clean message and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merit_tui.errors import InvalidFile, MeritError
from merit_tui.importing import import_files
from merit_tui.rubric.load import parse_rubric
from tests.conftest import MERIT_FILE, MERIT_RUBRIC
from tests.test_store import snapshot

BAD = Path(__file__).parent / "bad_files"

EXPECTED = {
    "wrong_type.yaml": ":2:8: tahun: harus berupa bilangan bulat",
    "tabs.yaml": "karakter tab tidak boleh dipakai",
    "duplicate_key.yaml": ":3:1: tahun: kunci ganda 'tahun' (sudah ada di baris 2)",
    "bom_crlf_bad_score.yaml": ":7:9: penilaian[0].skor: Skor 9 di luar skala 1–4",
    "latin1.yaml": ":1: berkas bukan teks UTF-8",
    "alias_bomb.yaml": "alias YAML (*nama) tidak didukung",
    "wrong_field_and_duplicate_item.yaml": "'status' tidak berlaku untuk rubrik weighted",
    "not_a_mapping.yaml": "harus berupa pemetaan",
    "empty.yaml": "harus berupa pemetaan",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_refused_cleanly(name, merit, store, db_path):
    store.close()
    before = snapshot(db_path)
    code, out, err = merit("import", str(BAD / name))
    assert code == 2, err
    assert EXPECTED[name] in err
    assert err.startswith(str(BAD / name))
    assert "Traceback" not in err + out
    assert snapshot(db_path) == before


def test_duplicate_item_is_named_too(merit):
    _, _, err = merit("import", str(BAD / "wrong_field_and_duplicate_item.yaml"))
    assert ":9:7: penilaian[1].id: indikator '1.1' muncul dua kali" in err


def test_huge_file_is_refused_before_reading(merit, tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_text("catatan: " + "a" * (6 * 1024 * 1024), encoding="utf-8")
    code, _, err = merit("import", str(huge))
    assert code == 2 and "berkas terlalu besar" in err


MERIT_TEXT = MERIT_FILE.read_text(encoding="utf-8")
RUBRIC_TEXT = MERIT_RUBRIC.read_text(encoding="utf-8")


def _mutate(text: str, data) -> str:
    """Delete, duplicate or replace a random slice: the kind of damage hand edits do."""
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, min(len(text), i + 40)))
    how = data.draw(st.sampled_from(["delete", "duplicate", "replace"]))
    if how == "delete":
        return text[:i] + text[j:]
    if how == "duplicate":
        return text[:j] + text[i:j] + text[j:]
    return text[:i] + data.draw(st.text(max_size=20)) + text[j:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_assessment_files_are_accepted_or_cleanly_refused(data, store, tmp_path):
    before = snapshot(store.path)
    path = tmp_path / "mutated.yaml"
    path.write_text(_mutate(MERIT_TEXT, data).replace("Pemerintah Kabupaten Balangan", "Kabupaten Mutasi"), encoding="utf-8")
    try:
        import_files(store, [path], replace=True)
    except InvalidFile as exc:
        assert exc.problems and all(p.file == str(path) and p.message for p in exc.problems)
        assert snapshot(store.path) == before  # a refused import writes nothing
    except MeritError as exc:
        assert exc.message and snapshot(store.path) == before


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_mutated_rubrics_are_accepted_or_cleanly_refused(data):
    try:
        parse_rubric(_mutate(RUBRIC_TEXT, data), "r.yaml")
    except InvalidFile as exc:
        assert exc.problems and all(p.message for p in exc.problems)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=200))
def test_random_text_never_escapes_as_a_traceback(text):
    try:
        parse_rubric(text, "r.yaml")
    except InvalidFile as exc:
        assert exc.problems


FIELDS = st.sampled_from(["self_score", "verified_score", "self_status", "verified_status", "condition", "evidence", "documents", "note", "recommendation", "bogus"])
VALUES = st.one_of(st.none(), st.integers(-5, 10), st.floats(allow_nan=True), st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3), st.booleans())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=FIELDS, value=VALUES, role=st.sampled_from(["penilai", "verifikator", "kepala"]), item=st.sampled_from(["1.1", "3.4", "9.9", ""]))
def test_store_write_api_accepts_or_refuses_cleanly(store, field, value, role, item):
    aid = next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")
    before = snapshot(store.path)
    try:
        store.set_field(aid, item, field, value, who="uji", role=role)
    except MeritError as exc:
        assert exc.message
        assert snapshot(store.path) == before  # refused: nothing written
        return
    # accepted: the stored value reads back valid for the rubric
    loaded = store.load(aid)
    assert loaded.assessment.by_item()
    assert store.verify_log() is None
