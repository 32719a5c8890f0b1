"""`merit rubric check` on maturity rubrics: each broken rule reported at its file:line:col."""

from __future__ import annotations

import pytest

from merit_tui.bundled import mapping_files
from merit_tui.carryover import load_mappings, mapping_problems
from merit_tui.rubric.load import parse_rubric
from merit_tui.yamlio import read_path
from tests.conftest import MATURITY_RUBRIC, MERIT_RUBRIC, ROOT, write

LEVELS = "[{score: 0, text: a}, {score: 1, text: b}, {score: 2, text: c}, {score: 3, text: d}, {score: 4, text: e}]"
SMALL = f"""\
id: uji
version: '1'
title: Uji kematangan
kind: maturity
scale: {{min: 0, max: 4}}
agency_kinds:
  - {{id: kl, name: K/L}}
  - {{id: kabkota, name: Kab/Kota}}
formula: {{aspect: rata_rata_berlaku, index: bobot_aspek, composite: bobot_komponen}}
components:
  - {{id: mandiri, name: Mandiri, from: index, weight: 75}}
  - {{id: survei, name: Survei, from: survey, weight: 25}}
bands:
  - {{category: '1', label: Rendah, max: 50}}
  - {{category: '2', label: Tinggi, min: 50}}
aspects:
  - id: '1'
    name: Satu
    weight: 40
    items:
      - id: '1.1'
        text: Pertanyaan satu
        levels: {LEVELS}
      - id: '1.g'
        type: ya_tidak
        text: Ada kejadian?
      - id: '1.2'
        applies_if: {{item: '1.g', answer: ya}}
        text: Pertanyaan dua
        levels: {LEVELS}
  - id: '2'
    name: Dua
    weight: 60
    items:
      - id: '2.1a'
        agency_kinds: [kl]
        text: Varian K/L
        levels: {LEVELS}
      - id: '2.1b'
        agency_kinds: [kabkota]
        text: Varian Kab/Kota
        levels: {LEVELS}
"""


def at(text: str, needle: str, offset: int = 0) -> str:
    """line:col (1-based) of the first `needle`, moved `offset` characters into it."""
    i = text.index(needle) + offset
    return f"{text.count(chr(10), 0, i) + 1}:{i - text.rfind(chr(10), 0, i)}"


def check(merit, tmp_path, text: str) -> tuple[int, str, str]:
    path = write(tmp_path, "uji.yaml", text)
    code, out, err = merit("rubric", "check", str(path))
    return code, out, err.replace(str(path), "uji.yaml")


def test_the_small_rubric_and_the_bundled_one_pass(merit, tmp_path):
    code, out, _ = check(merit, tmp_path, SMALL)
    assert code == 0 and "OK (uji versi 1, 5 butir)" in out
    code, out, _ = merit("rubric", "check", str(MATURITY_RUBRIC))
    assert code == 0 and "OK (permenpanrb-19-2025 versi 2026-draf-1, 34 butir)" in out


@pytest.mark.parametrize("old, new, where, message", [
    ("weight: 60", "weight: 50", ("aspects:\n  - id", 11), "aspects: jumlah bobot aspek 90 %, harus tepat 100 %"),
    ("weight: 25}", "weight: 20}", ("components:\n  - {", 14), "components: jumlah bobot komponen 95 %, harus tepat 100 %"),
    ("from: survey", "from: index", ("components:\n  - {", 14), "components: tepat satu komponen harus 'from: index'"),
    (f"text: Pertanyaan satu\n        levels: {LEVELS}", "text: Pertanyaan satu\n        levels: [{score: 0, text: a}, {score: 1, text: b}, {score: 2, text: c}, {score: 4, text: e}]",
     ("levels: [{score: 0, text: a}, {score: 1, text: b}, {score: 2, text: c}, {score: 4", 8),
     "aspects[0].items[0].levels: butir 1.1: kriteria harus untuk skor 0 sampai 4, masing-masing sekali (tertulis: 0, 1, 2, 4)"),
    ("{item: '1.g', answer: ya}", "{item: '1.x', answer: ya}", ("'1.x'", 0), "aspects[0].items[2].applies_if.item: butir '1.x' tidak ada di rubrik"),
    ("{item: '1.g', answer: ya}", "{item: '1.1', answer: ya}", ("'1.1', answer", 0),
     "aspects[0].items[2].applies_if.item: butir '1.1' bukan pertanyaan ya/tidak (type: ya_tidak)"),
    ("agency_kinds: [kl]", "agency_kinds: [pusat]", ("pusat", 0), "aspects[1].items[0].agency_kinds[0]: jenis instansi 'pusat' tidak dikenal; yang ada: kl, kabkota"),
    ("agency_kinds: [kabkota]", "agency_kinds: [kl]", ("- id: '2'", 2),
     "aspects[1]: aspek 2 tidak punya butir berskor yang selalu berlaku untuk Kab/Kota"),
    ("- id: '2.1b'", "- id: '2.1a'", ("- id: '2.1a'\n        agency_kinds: [kabkota]", 6), "aspects[1].items[1].id: id butir '2.1a' ganda"),
    ("{category: '2', label: Tinggi, min: 50}", "{category: '2', label: Tinggi, min: 60}", ("min: 60", 5),
     "bands[1].min: celah antara kategori 1 dan 2: nilai 50 sampai di bawah 60 tidak punya kategori"),
    ("answer: ya}", "answer: mungkin}", ("mungkin", 0), "aspects[0].items[2].applies_if.answer: nilai 'mungkin' tidak dikenal; pilih salah satu: 'ya' atau 'tidak'"),
    ("type: ya_tidak\n        text: Ada kejadian?", f"type: ya_tidak\n        text: Ada kejadian?\n        levels: {LEVELS}", ("levels: [{score: 0, text: a}, {score: 1, text: b}, {score: 2, text: c}, {score: 3, text: d}, {score: 4, text: e}]\n      - id: '1.2'", 8),
     "aspects[0].items[1].levels: pertanyaan ya/tidak 1.g tidak diberi skor, jadi tidak punya 'levels'"),
])
def test_each_broken_rule_is_reported_where_it_is(merit, tmp_path, old, new, where, message):
    text = SMALL.replace(old, new, 1)
    assert text != SMALL
    code, _, err = check(merit, tmp_path, text)
    assert code == 2, err
    assert f"uji.yaml:{at(text, *where)}: {message}" in err, err
    assert "Traceback" not in err


def test_a_cycle_among_gates_is_reported_with_the_chain(merit, tmp_path):
    text = SMALL.replace("      - id: '1.g'\n        type: ya_tidak\n        text: Ada kejadian?\n",
                         "      - id: '1.g'\n        type: ya_tidak\n        applies_if: {item: '1.h', answer: ya}\n        text: Ada kejadian?\n"
                         "      - id: '1.h'\n        type: ya_tidak\n        applies_if: {item: '1.g', answer: ya}\n        text: Lagi?\n")
    code, _, err = check(merit, tmp_path, text)
    assert code == 2
    where = at(text, "'1.h', answer")
    assert f"uji.yaml:{where}: aspects[0].items[1].applies_if.item: siklus pertanyaan pembuka: 1.g → 1.h → 1.g" in err
    assert "siklus pertanyaan pembuka: 1.h → 1.g → 1.h" in err


def test_every_problem_is_reported_at_once(merit, tmp_path):
    text = SMALL.replace("weight: 60", "weight: 50").replace("agency_kinds: [kl]", "agency_kinds: [pusat]")
    code, _, err = check(merit, tmp_path, text)
    assert code == 2 and "jumlah bobot aspek 90 %" in err and "jenis instansi 'pusat'" in err


def test_the_legacy_mapping_names_only_items_both_rubrics_have():
    legacy = parse_rubric(*reversed(read_path(MERIT_RUBRIC)))
    new = parse_rubric(*reversed(read_path(MATURITY_RUBRIC)))
    (mapping,) = load_mappings(mapping_files())
    assert (mapping.from_id, mapping.to_id) == ("kasn-sistem-merit", "permenpanrb-19-2025")
    assert mapping_problems(mapping, legacy, new) == []
    assert len(mapping.items) == 18 and mapping.items["1.1"] == ["1.1", "1.4"]


def test_the_mapping_folder_ships_in_the_wheel_config():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # the whole rubrics folder is bundled, its mappings/ subfolder with it
    assert '"rubrics" = "merit_tui/_bundled/rubrics"' in text
