"""The `merit` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import MERIT_FILE, NSPK_FILE, write


def test_score_balangan_text(merit):
    code, out, err = merit("score", str(MERIT_FILE))
    assert code == 0, err
    assert "Total Penilaian Mandiri       : 299.5 (Kategori III, Baik)" in out
    assert "Total Akhir (Hasil Verifikasi): 129 (Kategori I, Buruk)" in out
    assert "Capaian terhadap target 265: 113.02 %" in out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line[:1].isdigit()}
    verified = [lines[str(i)][-4] for i in range(1, 9)]
    assert verified == ["22.5", "28", "10", "7.5", "22.5", "17.5", "8", "13"]


def test_score_balangan_json(merit):
    code, out, _ = merit("score", str(MERIT_FILE), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["assessment"] == {"instansi": "Pemerintah Kabupaten Balangan", "year": 2022, "rubric": "kasn-sistem-merit", "rubric_version": "2022"}
    assert data["ideal"] == 410
    assert data["self"] == {"total": 299.5, "category": "III", "label": "Baik"}
    assert data["verified"] == {"total": 129, "category": "I", "label": "Buruk"}
    assert data["missing"] == {"self": 0, "verified": 0}
    assert [a["verified"] for a in data["aspects"]] == [22.5, 28, 10, 7.5, 22.5, 17.5, 8, 13]
    assert data["aspects"][2] == {"id": "3", "name": "Pengembangan Karir", "ideal": 130, "self": 87.5, "verified": 10, "gap": 77.5}


def test_score_stored_assessment_by_id_matches_file(merit):
    _, listing, _ = merit("list")
    merit_id = next(line.split()[0] for line in listing.splitlines() if "Sistem Merit " in line and " 2022 " in line)
    _, by_id, _ = merit("score", merit_id, "--json")
    _, by_file, _ = merit("score", str(MERIT_FILE), "--json")
    assert json.loads(by_id) == json.loads(by_file)


def test_score_nspk(merit):
    code, out, _ = merit("score", str(NSPK_FILE))
    assert code == 0
    assert "Hasil verifikasi: 13 sesuai, 5 belum sesuai, 0 belum dinilai" in out
    assert "Nilai Indeks resmi: 63 (Kategori B)" in out
    assert "perkiraan" in out
    data = json.loads(merit("score", str(NSPK_FILE), "--json")[1])
    assert data["counts"]["verified"] == {"sesuai": 13, "belum_sesuai": 5, "belum_dinilai": 0}
    assert data["official"] == {"index": 63, "category": "B"}
    assert len(data["elements"]) == 18 and data["elements"][5] == {"id": "6", "name": "Pola Karier", "status": "belum_dinilai", "verified_status": "belum_sesuai"}
    assert data["estimate"]["verified"] == 72.22


def test_import_export_round_trip_via_cli(merit, tmp_path):
    out_file = tmp_path / "out.yaml"
    code, listing, _ = merit("list")
    nspk_id = next(line.split()[0] for line in listing.splitlines() if "NSPK" in line)
    assert merit("export", nspk_id, "--to", str(out_file))[0] == 0
    code, _, err = merit("export", nspk_id, "--to", str(out_file))
    assert code == 1 and "sudah ada" in err and "--force" in err
    other_db = tmp_path / "other.db"
    code, out, err = merit("import", str(out_file), "--replace", db=other_db)
    assert code == 0, err
    assert json.loads(merit("score", nspk_id, "--json", db=other_db)[1]) == json.loads(merit("score", str(NSPK_FILE), "--json")[1])


def test_bad_assessment_files(merit, tmp_path):
    head = "instansi: X\ntahun: 2023\nrubrik: kasn-sistem-merit\n"
    cases = {
        "versi.yaml": (head + "versi_rubrik: '1999'\n", ":4:15: versi_rubrik: rubrik kasn-sistem-merit versi 1999 tidak ada"),
        "rubrik.yaml": ("instansi: X\ntahun: 2023\nrubrik: kasn\nversi_rubrik: '1'\n", ":3:9: rubrik: rubrik kasn versi 1 tidak ada"),
        "skala.yaml": (head + "versi_rubrik: '2022'\npenilaian:\n- id: '1.1'\n  nilai_verifikasi: 7\n", ":7:21: penilaian[0].nilai_verifikasi: Nilai Tim Verifikasi 7 di luar skala 0–4"),
        "yaml.yaml": (head + "versi_rubrik: '2022\n", "YAML tidak valid"),
        "kunci.yaml": (head + "versi_rubrik: '2022'\ntahunn: 1\n", "kunci tidak dikenal 'tahunn'"),
        "jenis.yaml": (head + "versi_rubrik: '2022'\npenilaian:\n- id: '1.1'\n  status: sesuai\n", "'status' tidak berlaku"),
    }
    for name, (text, expected) in cases.items():
        path = write(tmp_path, name, text)
        code, out, err = merit("score", str(path))
        assert code == 2, (name, err)
        assert expected in err, (name, err)
        assert err.startswith(str(path)), name
        assert "Traceback" not in err


def test_wrong_encoding_and_missing_file(merit, tmp_path):
    p = tmp_path / "latin.yaml"
    p.write_bytes("instansi: Bañjar\n".encode("latin-1"))
    code, _, err = merit("import", str(p))
    assert code == 2 and "bukan teks UTF-8" in err and f"{p}:1" in err
    code, _, err = merit("import", str(tmp_path / "nope.yaml"))
    assert code == 2 and "berkas tidak ditemukan" in err


def test_damaged_database_via_cli(merit, tmp_path):
    bad = write(tmp_path, "bad.db", "not a database")
    code, _, err = merit("list", db=bad)
    assert code == 1 and "bukan basis data SQLite" in err and "Traceback" not in err
    assert bad.read_text() == "not a database"


def test_default_database_is_created_and_seeded_in_user_data_dir(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("MERIT_DB", None)
    proc = subprocess.run([sys.executable, "-m", "merit_tui", "list"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert str(tmp_path / "data" / "merit-tui" / "merit.db") in proc.stdout
    assert "Pemerintah Kabupaten Balangan" in proc.stdout and "37/37" in proc.stdout


def test_list_with_words_shows_only_matching_assessments(merit):
    code, out, _ = merit("list")
    assert code == 0 and sum("Pemerintah Kabupaten Balangan" in line for line in out.splitlines()) == 3
    code, out, _ = merit("list", "balangan", "NSPK")
    rows = [line for line in out.splitlines() if "Balangan" in line]
    assert code == 0 and len(rows) == 1 and "2021" in rows[0]
    code, out, _ = merit("list", "banjarmasin")
    assert code == 0 and "Tidak ada penilaian yang cocok dengan “banjarmasin”" in out
