"""A second round of hostile use (a fresh tester's findings): each defect they saw, as they met it."""

from __future__ import annotations

import os
import sqlite3

import pytest

from merit_tui.store import connection
from tests.conftest import write
from tests.test_store import snapshot

HEAD = "instansi: Pemerintah Kota Uji\ntahun: 2024\nrubrik: kasn-sistem-merit\nversi_rubrik: '2022'\n"


def seeded(merit, db_path) -> dict:
    assert merit("list")[0] == 0  # the bundled examples: 1 NSPK (final), 2 Sistem Merit (diverifikasi), 3 the 2026 one
    return snapshot(db_path)


def test_a_doctored_totals_row_is_caught_by_audit_and_never_listed_as_a_huge_number(merit, db_path):
    seeded(merit, db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE assessment_totals SET verified_total = '400', category = 'IV Sangat Baik' WHERE assessment_id = 2")
    conn.execute("UPDATE assessment_totals SET self_total = '1e999999' WHERE assessment_id = 3")
    conn.commit()
    conn.close()
    code, out, _ = merit("list")
    assert code == 0 and len(out) < 2000  # not a million digits
    code, _, err = merit("audit", "verify")
    assert code == 1
    assert "penilaian 2: total di daftar (verified_total) '400', seharusnya '129'" in err
    assert "penilaian 3: total di daftar (self_total)" in err


@pytest.mark.parametrize("line, message", [
    ("target: 1e999999\n", ":5:9: target: angka terlalu panjang"),
    ("target: -265\n", ":5:9: target: harus ≥ 0 (tertulis -265)"),
    ("penilaian:\n- id: '1.1'\n  skor: 1e999999\n", ":7:9: penilaian[0].skor: angka terlalu panjang"),
    ("penilaian:\n- id: '1.1'\n  skor: 1e-999999\n", ":7:9: penilaian[0].skor: angka terlalu panjang"),
])
def test_numbers_a_file_brings_are_bounded_and_never_echoed_whole(merit, db_path, tmp_path, line, message):
    before = seeded(merit, db_path)
    code, _, err = merit("import", str(write(tmp_path, "a.yaml", HEAD + line)))
    assert code == 2 and message in err and len(err) < 1000
    assert snapshot(db_path) == before


@pytest.mark.parametrize("args", [
    ["score", "9" * 26], ["score", "9" * 26, "--json"], ["plan", "9" * 26], ["report", "9" * 26, "--to", "x.html"],
    ["seal", "verify", "9" * 26], ["--role", "verifikator", "seal", "9" * 26],
])
def test_an_id_too_large_for_the_database_is_said_as_such(merit, db_path, args, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, _, err = merit(*args)
    assert code == 2 and "bukan nomor penilaian" in err and "Galat tak terduga" not in err


def test_restore_while_another_process_writes_fails_at_once_instead_of_hanging(merit, db_path, tmp_path, monkeypatch):
    seeded(merit, db_path)
    backup = tmp_path / "b.db"
    assert merit("backup", "--to", str(backup))[0] == 0
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = merit("restore", str(backup), "--force")
    finally:
        other.rollback()
        other.close()
    assert code == 1 and "sedang dipakai proses lain" in err


def test_restore_names_a_device_as_not_a_file(merit, db_path):
    code, _, err = merit("restore", "/dev/null", "--force")
    assert code == 1 and "bukan berkas biasa" in err and "tidak ditemukan" not in err


def test_the_verifier_cannot_set_who_answers_for_an_aspect(merit, db_path):
    before = seeded(merit, db_path)
    code, _, err = merit("--role", "verifikator", "bidang", "set", "kasn-sistem-merit", "1", "Bidang Verifikator")
    assert code == 1 and "diatur oleh penilai" in err
    assert snapshot(db_path) == before


def test_an_official_result_is_for_nspk_and_names_one_of_its_categories(merit, db_path):
    seeded(merit, db_path)
    code, _, err = merit("--role", "verifikator", "official", "2", "50", "B")
    assert code == 1 and "dicatat pada penilaian NSPK" in err
    assert merit("--role", "verifikator", "status", "1", "diverifikasi", "--yes")[0] == 0
    before = snapshot(db_path)
    code, _, err = merit("--role", "verifikator", "official", "1", "63", "[red]x")
    assert code == 1 and "kategori resmi '[red]x' tidak dikenal; pilih salah satu: D, C, B, A" in err
    assert snapshot(db_path) == before
    code, out, _ = merit("--role", "verifikator", "official", "1", "63", "b")
    assert code == 0 and "63 (B)" in out


def test_a_device_or_pipe_as_the_database_is_refused_and_nothing_is_left_beside_it(merit, tmp_path):
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    code, _, err = merit("list", db=fifo)
    assert code == 1 and "bukan berkas biasa" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipa"]


def test_an_export_never_replaces_another_database(merit, db_path, tmp_path):
    seeded(merit, db_path)
    other = tmp_path / "lain.db"
    assert merit("list", db=other)[0] == 0
    before = other.read_bytes()
    code, _, err = merit("export", "2", "--to", str(other), "--force")
    assert code == 1 and "basis data SQLite" in err
    assert other.read_bytes() == before


def test_minus_zero_reads_as_zero(merit, db_path):
    seeded(merit, db_path)
    code, out, _ = merit("survey", "3", "--score", "-0")
    assert code == 0 and ": 0" in out and "-0" not in out


def test_a_self_only_replace_keeps_the_verifiers_side_and_says_only_what_the_agency_may_not_change(merit, db_path, tmp_path):
    before = seeded(merit, db_path)
    exported = tmp_path / "r2.yaml"
    assert merit("export", "2", "--to", str(exported))[0] == 0
    code, _, err = merit("import", "--self-only", "--replace", str(exported))
    assert code == 0, err  # nothing of the agency's changed; the verifier's values and the status stay
    assert snapshot(db_path)["responses"] == before["responses"]
    text = exported.read_text(encoding="utf-8").replace("  skor: 4", "  skor: 1", 1)
    code, _, err = merit("import", "--self-only", "--replace", str(write(tmp_path, "r2b.yaml", text)))
    assert code == 1
    assert "isian penilai hanya dapat diganti pada status draf atau dikembalikan" in err
    assert "segel" not in err and "ke draf" not in err


def test_a_passphrase_asked_without_a_terminal_says_how_to_give_it(merit, db_path, tmp_path):
    """Run from a script, the verifier's sealed status move printed Python's English GetPassWarning
    and 'Dibatalkan.': it now says in Indonesian to use --passphrase-file, and changes nothing."""
    secret = write(tmp_path, "frasa.txt", "frasa sandi uji\n")
    assert merit("key", "new", "--name", "Budi (BKN)", "--passphrase-file", str(secret))[0] == 0
    before = seeded(merit, db_path)
    code, out, err = merit("--role", "verifikator", "status", "2", "dikembalikan", "--note", "Lengkapi SKJ")
    assert code == 1 and "--passphrase-file" in err and "Warning" not in err + out
    assert snapshot(db_path) == before


def test_the_audit_log_shows_where_a_long_note_changed(merit, db_path, store):
    long = "Data pegawai yang akan pensiun dalam 5 tahun ke depan menurut pangkat dan jabatan."
    aid = store.create_assessment("Pemerintah Kota Uji", 2024, "kasn-sistem-merit", who="ani")
    store.set_field(aid, "1.1", "condition", long, who="ani")
    store.set_field(aid, "1.1", "condition", long + "\nDitambah catatan baru.", who="ani")
    code, out, _ = merit("audit", "log", str(aid))
    assert code == 0 and "Ditambah catatan" in out


def test_rubric_kinds_are_listed_in_indonesian(merit, db_path):
    seeded(merit, db_path)
    code, out, _ = merit("rubric", "list")
    assert code == 0 and "berbobot" in out and "kepatuhan" in out and "kematangan" in out
    assert "weighted" not in out and "compliance" not in out


def test_the_chart_rounds_as_the_table_beside_it():
    from decimal import Decimal as D

    from merit_tui.widgets.bars import GapBars

    bars = GapBars([("Perencanaan Kebutuhan", D(40), D("37.5"), D("22.5"))])
    text = bars._render_bars().plain
    assert "93.75 %" in text and "56.25 %" in text and "56.2 %" not in text


def test_a_missing_anchor_file_is_named_not_a_crash(merit, db_path, tmp_path):
    seeded(merit, db_path)
    code, _, err = merit("audit", "verify", "--anchor", str(tmp_path / "tidak-ada.db"))
    assert code == 2 and "tidak-ada.db: berkas tidak ditemukan" in err and "Galat tak terduga" not in err
