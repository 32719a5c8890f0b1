"""Rubric files: the bundled ones load; broken ones give every problem with its line."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from merit_tui.errors import InvalidFile
from merit_tui.rubric import ComplianceRubric, WeightedRubric
from merit_tui.rubric.load import parse_rubric, rubric_from_document
from merit_tui.yamlio import load_path
from tests.conftest import MERIT_RUBRIC, NSPK_RUBRIC, write

GOOD = """\
id: contoh
version: "1"
title: Contoh
kind: weighted
scales:
  self: {name: Skor, min: 1, max: 4}
  verified: {name: Nilai Tim Verifikasi, min: 0, max: 4}
bands:
  - {category: I, label: Buruk, max: 175}
  - {category: II, label: Kurang, min: 175}
aspects:
  - id: "1"
    name: Satu
    indicators:
      - {id: "1.1", text: Indikator satu, weight: 2.5}
      - {id: "1.2", text: Indikator dua, weight: 2}
"""


def problems(text: str, name: str = "r.yaml") -> list[str]:
    with pytest.raises(InvalidFile) as exc:
        parse_rubric(text, name)
    return [str(p) for p in exc.value.problems]


def test_bundled_merit_rubric_is_lampiran_2():
    r = rubric_from_document(load_path(MERIT_RUBRIC))
    assert isinstance(r, WeightedRubric)
    assert [a.name for a in r.aspects] == [
        "Perencanaan Kebutuhan", "Pengadaan", "Pengembangan Karir", "Promosi dan Mutasi", "Manajemen Kinerja",
        "Penggajian, Penghargaan dan Disiplin", "Perlindungan dan Pelayanan", "Sistem Informasi",
    ]
    assert [len(a.indicators) for a in r.aspects] == [4, 5, 10, 3, 5, 4, 2, 4]
    assert sum(i.weight for _, i in r.indicators()) == D("102.5")
    assert r.aspects[2].indicators[3].id == "3.4"
    assert r.aspects[2].indicators[3].text.startswith("Ketersediaan rencana suksesi")
    assert all(a.typical_evidence for a in r.aspects)
    assert (r.scales.self_.min, r.scales.self_.max, r.scales.verified.min) == (1, 4, 0)


def test_bundled_nspk_rubric_has_18_elements_with_unconfirmed_numbers_marked():
    r = rubric_from_document(load_path(NSPK_RUBRIC))
    assert isinstance(r, ComplianceRubric)
    assert len(r.elements) == 18
    assert r.elements[0].name == "Penyusunan dan Penetapan Kebutuhan ASN"
    assert r.elements[15].name == "Jaminan Pensiun dan Hari Tua"
    assert r.weight_confidence == "low" and r.weight_source
    assert all(b.confidence == "low" and b.source for b in r.bands)


def test_good_rubric_loads_with_exact_weights():
    r = parse_rubric(GOOD, "r.yaml")
    assert r.aspects[0].indicators[0].weight == D("2.5")


def test_all_problems_at_once_with_lines():
    text = GOOD.replace("weight: 2}", "weight: 0}").replace('id: "1.2"', 'id: "1.1"').replace("    name: Satu", "    nmae: Satu")
    found = problems(text)
    # structural problems come first; all of them, not just the first
    assert "r.yaml:13:5: aspects[0].nmae: kunci tidak dikenal 'nmae'; maksud Anda 'name'?" in found
    assert any(p.startswith("r.yaml:16:") and "weight" in p and "> 0" in p for p in found)
    assert any(p == "r.yaml:12:5: aspects[0].name: wajib diisi" for p in found)


def test_duplicate_indicator_id_points_at_second():
    found = problems(GOOD.replace('id: "1.2"', 'id: "1.1"'))
    assert found == ["r.yaml:16:14: aspects[0].indicators[1].id: id indikator '1.1' ganda (sudah dipakai sebelumnya)"]


def test_band_gap_and_overlap():
    gap = problems(GOOD.replace("min: 175}", "min: 180}"))
    assert gap == ["r.yaml:10:40: bands[1].min: celah antara kategori I dan II: nilai 175 sampai di bawah 180 tidak punya kategori"]
    overlap = problems(GOOD.replace("min: 175}", "min: 170}"))
    assert "tumpang tindih" in overlap[0] and overlap[0].startswith("r.yaml:10:")


def test_bands_must_cover_everything():
    found = problems(GOOD.replace("{category: I, label: Buruk, max: 175}", "{category: I, label: Buruk, min: 100, max: 175}"))
    assert found[0].startswith("r.yaml:9:") and "terbuka ke bawah" in found[0]


def test_level_outside_scale():
    text = GOOD.replace("verified: {name: Nilai Tim Verifikasi, min: 0, max: 4}", "verified: {name: Nilai Tim Verifikasi, min: 0, max: 4, levels: [{score: 5, name: Lima}]}")
    found = problems(text)
    assert found == ["r.yaml:7:75: scales.verified.levels[0].score: skor 5 di luar skala 0–4"]


def test_unknown_kind_and_malformed_yaml():
    assert "jenis 'bobot' tidak dikenal" in problems(GOOD.replace("kind: weighted", "kind: bobot"))[0]
    bad = problems("id: x\n  title: [unclosed\n")
    assert bad[0].startswith("r.yaml:2:") and "YAML tidak valid" in bad[0]


def test_tabs_duplicate_keys_and_aliases_are_refused():
    assert "tab" in problems("id: x\n\ttitle: y\n")[0]
    dup = problems(GOOD.replace("title: Contoh", "title: Contoh\ntitle: Lagi"))
    assert dup == ["r.yaml:4:1: title: kunci ganda 'title' (sudah ada di baris 3)"]
    alias = problems("a: &x [1, 2]\nb: *x\n")
    assert "alias" in alias[0] and alias[0].startswith("r.yaml:2:")


def test_bom_and_crlf_are_fine_but_latin1_is_not(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert rubric_from_document(load_path(p)).id == "contoh"
    p.write_bytes(GOOD.replace("Satu", "Satu \xe9").encode("latin-1"))
    with pytest.raises(InvalidFile) as exc:
        load_path(p)
    assert "bukan teks UTF-8" in str(exc.value) and ":13:" in str(exc.value)


def test_rubric_check_command(tmp_path, merit):
    good = write(tmp_path, "good.yaml", GOOD)
    bad = write(tmp_path, "bad.yaml", GOOD.replace("weight: 2}", "weight: -1}").replace("min: 175}", "min: 200}"))
    code, out, err = merit("rubric", "check", str(good), str(bad))
    assert code != 0
    assert "good.yaml: OK (contoh versi 1, 2 butir)" in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}:16:")  # structural first: weight
    code, out, err = merit("rubric", "check", str(MERIT_RUBRIC), str(NSPK_RUBRIC))
    assert code == 0 and "37 butir" in out and "18 butir" in out and "Traceback" not in err


def test_rubric_show(merit):
    code, out, _ = merit("rubric", "show", "kasn-sistem-merit")
    assert code == 0
    assert "3. Pengembangan Karir  (bobot 32.5, ideal 130)" in out
    assert "Jumlah bobot 102.5; nilai ideal 410" in out
    assert "IV Sangat Baik" in out and "[325, ∞)" in out
    code, _, err = merit("rubric", "show", "tidak-ada")
    assert code == 1 and "rubrik tidak-ada tidak ada" in err


def test_new_instrument_is_just_a_new_file(tmp_path, merit):
    new = write(tmp_path, "baru.yaml", GOOD.replace("id: contoh", "id: permenpanrb-19-2025"))
    assessment = write(tmp_path, "a.yaml", """\
instansi: Kabupaten Contoh
tahun: 2026
rubrik: permenpanrb-19-2025
versi_rubrik: "1"
penilaian:
  - {id: "1.1", skor: 4}
  - {id: "1.2", skor: 3}
""")
    code, out, err = merit("import", str(new), str(assessment))
    assert code == 0, err
    code, out, _ = merit("score", str(assessment), "--json")
    import json

    data = json.loads(out)
    assert data["self"]["total"] == 16 and data["ideal"] == 18
    assert data["missing"]["verified"] == 2 and data["verified"]["total"] is None
