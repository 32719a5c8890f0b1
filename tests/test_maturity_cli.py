"""The 2026 instrument on the command line: score, survey, new assessments with carry-over."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from merit_tui.errors import MeritError
from tests.conftest import MATURITY_FILE, MATURITY_RUBRIC, write


def ids(store) -> dict[str, int]:
    return {r.rubric_id: r.id for r in store.list_assessments()}


def test_score_says_which_numbers_are_not_official(merit):
    code, out, _ = merit("score", str(MATURITY_FILE))
    assert code == 0
    assert "Indeks kematangan mandiri: 48.51 (Menengah), 3 butir belum dinilai — bobot sementara (belum resmi); batas kategori sementara" in out
    assert "Nilai komposit mandiri: 53.49 (Menengah) = 75 % × indeks 48.51 + 25 % × survei 68.4 — bobot komponen sementara" in out
    assert "Tidak berlaku: 4.1.a (hanya untuk Kementerian/Lembaga, Pemerintah Provinsi), 6.4.2 (6.4.2.g dijawab “tidak”)" in out
    assert "Tanpa bukti dukung: 5.2.1 (skor 2)" in out
    code, out, _ = merit("score", str(MATURITY_FILE), "--json")
    data = json.loads(out)
    assert data["self"]["score"] == 48.51 and data["self"]["label"] == "Menengah"
    assert data["self"]["note"] == "bobot sementara (belum resmi); batas kategori sementara"
    assert data["composite"]["self"]["value"] == 53.49 and "bobot komponen sementara" in data["composite"]["self"]["note"]
    assert data["aspects"][0]["weight_note"] is None and data["aspects"][1]["weight_note"] == "bobot sementara (belum resmi)"
    assert data["not_applicable"] == {"4.1.a": "hanya untuk Kementerian/Lembaga, Pemerintah Provinsi", "6.4.2": "6.4.2.g dijawab “tidak”"}
    code, out, _ = merit("score", "--all", "--json")
    row = next(d for d in json.loads(out) if d["rubric"] == "permenpanrb-19-2025")
    assert row["self"]["total"] == 48.51 and row["notes"] == ["bobot sementara (belum resmi)", "batas kategori sementara"]


def test_survey_from_a_csv_of_responses(merit, store, tmp_path):
    aid = ids(store)["permenpanrb-19-2025"]
    store.close()
    # 16 answers summing to 63: mean 3.9375 on 1–5, so (3.9375 − 1) ÷ 4 × 100 = 73.4375 → 73.44
    csv = write(tmp_path, "jawaban.csv", "\ufeffK1;K2;K3;K4;K5;K6\n4;5;4;;3;4\n5;5;5;5;5;5\n\n3;3;;2;2;3\n")
    code, out, err = merit("survey", str(aid), "--csv", str(csv))
    assert code == 0, err
    assert "Dihitung dari 3 responden, 16 jawaban; rata-rata 3.94 pada skala 1–5" in out
    assert "Komponen Survei keterlibatan (engagement) pegawai penilaian 3: 73.44" in out
    code, out, _ = merit("score", str(aid), "--json")
    assert json.loads(out)["components"][0]["value"] == 73.44
    code, out, _ = merit("audit", "log", str(aid))
    assert "komponen.survei" in out and "jawaban.csv: 3 responden, 16 jawaban" in out


@pytest.mark.parametrize("text, message", [
    ("K1,K2,K3,K4,K5,K6\n4,5,9,,3,4\n", "jawaban.csv:2:1: kolom K3: '9' bukan jawaban pada skala 1–5 (bilangan bulat)"),
    ("K1;K2;K3;K4;K5;K6\n4;5;3,5;;3;4\n", "jawaban.csv:2:1: kolom K3: '3,5' bukan jawaban pada skala 1–5"),
    ("K1;K2;K3;K4;K5;X\n", "jawaban.csv:1:1: kolom 'X' bukan butir survei (yang dikenal: K1, K2, K3, K4, K5, K6)"),
    ("K1;K2;K3;K4;K5;K6\n;;;;;\n", "tidak ada jawaban sama sekali"),
    ("K1;K2;K3;K4;K5;K6\n1;2\n", "jawaban.csv:2:1: 2 kolom, padahal baris judul punya 6"),
])
def test_a_bad_survey_csv_names_row_and_column_and_changes_nothing(merit, store, tmp_path, text, message):
    aid = ids(store)["permenpanrb-19-2025"]
    store.close()
    csv = write(tmp_path, "jawaban.csv", text)
    code, _, err = merit("survey", str(aid), "--csv", str(csv))
    assert code == 2 and message in err.replace(str(csv), "jawaban.csv") and "Traceback" not in err
    _, out, _ = merit("score", str(aid), "--json")
    assert json.loads(out)["components"][0]["value"] == 68.4


def test_survey_score_by_hand_and_who_may_set_it(merit, store):
    aid, legacy = ids(store)["permenpanrb-19-2025"], ids(store)["kasn-sistem-merit"]
    store.close()
    assert merit("survey", str(aid), "--score", "72.5")[0] == 0
    code, _, err = merit("--role", "verifikator", "survey", str(aid), "--score", "10")
    assert code == 1 and "skor komponen survei diisi oleh penilai, bukan verifikator" in err
    for bad, message in [("abc", "bukan angka"), ("101", "di luar 0–100"), ("NaN", "di luar 0–100")]:
        code, _, err = merit("survey", str(aid), "--score", bad)
        assert code == 1 and message in err, err
    code, _, err = merit("survey", str(legacy), "--score", "50")
    assert code == 2 and "bukan rubrik kematangan" in err
    _, out, _ = merit("score", str(aid), "--json")
    assert json.loads(out)["components"][0]["value"] == 72.5
    assert merit("survey", str(aid), "--clear")[0] == 0
    _, out, _ = merit("score", str(aid), "--json")
    composite = json.loads(out)["composite"]["self"]
    assert composite["value"] is None and composite["missing"] == ["Survei keterlibatan (engagement) pegawai"]


def test_a_2026_assessment_from_the_2022_one_through_the_mapping(merit, store):
    legacy = ids(store)["kasn-sistem-merit"]
    store.close()
    code, out, err = merit("new", "Pemerintah Kabupaten Balangan", "2027", "--rubric", "permenpanrb-19-2025", "--from", str(legacy))
    assert code == 0, err
    assert "lewat pemetaan kasn-sistem-merit → permenpanrb-19-2025" in out
    assert "17 butir menerima isi: 1.1, 1.3, 2.1" in out  # 4.1.a (K/L and provinces) is not offered to a kabupaten
    assert "13 butir tanpa isi: 1.2, 2.4, 2.5, 2.6, 5.1" in out
    aid = int(out.split("id ", 1)[1].split(":")[0])
    code, out, _ = merit("score", str(aid), "--json")
    assert json.loads(out)["self"]["score"] is None  # text came over, never a score


def test_carried_text_names_each_source_item(store):
    legacy = ids(store)["kasn-sistem-merit"]
    before = store.load(legacy).assessment.by_item()
    aid, carried = store.start_assessment("Pemerintah Kabupaten Balangan", 2027, "permenpanrb-19-2025", carry_from=legacy, who="ani")
    got = store.load(aid).assessment.by_item()
    assert got["1.1"].condition == (f"Dari Sistem Merit 2022, indikator 1.1:\n{before['1.1'].condition}\n\n"
                                    f"Dari Sistem Merit 2022, indikator 1.4:\n{before['1.4'].condition}")
    assert got["1.1"].self_score is None and "4.1.a" not in got and "1.2" not in got
    assert carried is not None and "1.2" in carried.empty and "1.1" in carried.received


def test_carry_over_only_from_the_same_or_a_mapped_instrument(store):
    nspk = ids(store)["bkn-nspk"]
    with pytest.raises(MeritError, match="tidak ada pemetaan dari NSPK"):
        store.start_assessment("Pemerintah Kabupaten Balangan", 2027, "permenpanrb-19-2025", carry_from=nspk, who="ani")
    assert len(store.list_assessments()) == 3
    with pytest.raises(MeritError, match="jenis instansi 'pusat' tidak dikenal"):
        store.start_assessment("X", 2027, "permenpanrb-19-2025", agency_kind="pusat", who="ani")


def test_the_agency_kind_can_be_set_and_cleared(merit, store):
    aid = ids(store)["permenpanrb-19-2025"]
    store.close()
    code, out, _ = merit("kind", str(aid), "kl")
    assert code == 0 and "Kementerian/Lembaga" in out
    _, out, _ = merit("score", str(aid), "--json")
    assert "4.1.b" in json.loads(out)["not_applicable"]
    code, out, _ = merit("kind", str(aid))
    assert code == 0 and "Pemerintah Kabupaten/Kota (disimpulkan dari nama instansi)" in out
    code, _, err = merit("kind", str(aid), "kota")
    assert code == 1 and "jenis instansi 'kota' tidak dikenal; pilih kl, provinsi, kabkota" in err


def test_official_weights_later_are_an_edit_and_an_upgrade(merit, store, tmp_path):
    """When the official numbers come out: edit the YAML (weights, version), import it, upgrade."""
    aid = ids(store)["permenpanrb-19-2025"]
    store.close()
    text = MATURITY_RUBRIC.read_text(encoding="utf-8").replace("version: 2026-draf-1", "version: 2026-resmi")
    text = text.replace("    weight: 10\n", "    weight: 23\n", 1).replace("    weight: 12.84\n", "    weight: -0.16\n", 1)
    bad = write(tmp_path, "salah.yaml", text)
    code, _, err = merit("import", str(bad))
    assert code == 2 and "harus ≥ 0" in err
    text = text.replace("    weight: 23\n", "    weight: 22.84\n", 1).replace("    weight: -0.16\n", "    weight: 0\n", 1)
    code, _, err = merit("import", str(write(tmp_path, "resmi.yaml", text)))
    assert code == 0, err
    code, out, err = merit("rubric", "upgrade", str(aid), "--to", "2026-resmi")
    assert code == 0 and "bobot berubah: 1.1 (10 → 22.84)" in out, err
    _, out, _ = merit("score", str(aid), "--json")
    assert json.loads(out)["self"]["score"] != 48.51 and D(str(json.loads(out)["aspects"][0]["weight"])) == D("22.84")
