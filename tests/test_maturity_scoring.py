"""The 2026 maturity instrument: gates, variants and the example's results, worked by hand."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import yaml

from merit_tui.assessment import Assessment, Response
from merit_tui.rubric.load import parse_rubric
from merit_tui.scoring import score
from merit_tui.scoring_maturity import infer_agency_kind, shown
from merit_tui.validation import validate
from merit_tui.yamlio import load_path, read_path
from tests.conftest import MATURITY_FILE, MATURITY_RUBRIC


def rubric():
    name, text = read_path(MATURITY_RUBRIC)
    return parse_rubric(text, name)


def assessment(agency="Pemerintah Kabupaten Contoh", kind=None, **answers_and_scores) -> Assessment:
    responses = []
    for item_id, value in answers_and_scores.items():
        item_id = item_id.replace("_", ".")
        responses.append(Response(id=item_id, answer=value) if isinstance(value, str) else
                         Response(id=item_id, self_score=D(value), evidence="ada"))
    return Assessment(agency=agency, year=2026, rubric_id="permenpanrb-19-2025", rubric_version="2026-draf-1",
                      agency_kind=kind, responses=responses)


def applicable(report) -> set[str]:
    return {i.id for i in report.items if not i.gate and i.applies}


def aspect(report, aspect_id):
    return next(a for a in report.aspects if a.id == aspect_id)


def test_gates_take_items_out_of_the_denominator_and_bring_them_back():
    r = rubric()
    scores = {"6_1": 4, "6_2": 4}
    unanswered = score(r, assessment(**scores))
    # an unanswered gate leaves its item applicable (and unscored): all 7 scored items of aspect 6
    assert aspect(unanswered, "6").applicable == 7 and len(applicable(unanswered)) == 30
    assert aspect(unanswered, "6").self.value == F(8, 4 * 7) * 100
    assert unanswered.unanswered_gates == ["6.3.g", "6.4.2.g", "6.4.3.g"]

    no_accident = score(r, assessment(**scores, **{"6_4_2_g": "tidak"}))
    item = next(i for i in no_accident.items if i.id == "6.4.2")
    assert not item.applies and item.reason == "6.4.2.g dijawab “tidak”"
    assert aspect(no_accident, "6").applicable == 6
    assert aspect(no_accident, "6").self.value == F(8, 4 * 6) * 100  # one item fewer below the line

    answered_ya = score(r, assessment(**scores, **{"6_4_2_g": "ya"}))
    assert aspect(answered_ya, "6").applicable == 7 and aspect(answered_ya, "6").self.value == F(8, 28) * 100

    none_apply = score(r, assessment(**{"6_3_g": "tidak", "6_4_2_g": "tidak", "6_4_3_g": "tidak"}))
    assert len(applicable(none_apply)) == 27


def test_a_score_on_an_item_that_does_not_apply_is_kept_but_counts_nowhere():
    r = rubric()
    report = score(r, assessment(**{"6_1": 4, "6_3": 4, "6_3_g": "tidak"}))
    assert aspect(report, "6").self.scored == 1 and aspect(report, "6").self.value == F(4, 4 * 6) * 100


def test_the_variant_follows_the_agency_kind_given_or_inferred_from_the_name():
    r = rubric()
    for agency, kind, expected in [
        ("Pemerintah Kabupaten Balangan", None, "4.1.b"),
        ("Pemerintah Kota Banjarmasin", None, "4.1.b"),
        ("Pemerintah Provinsi Kalimantan Selatan", None, "4.1.a"),
        ("Badan Kepegawaian Negara", None, "4.1.a"),
        ("Pemerintah Kabupaten Balangan", "kl", "4.1.a"),  # the file's jenis_instansi wins over the name
    ]:
        report = score(r, assessment(agency, kind))
        assert {"4.1.a", "4.1.b"} & applicable(report) == {expected}, agency
        assert report.kind_inferred == (kind is None)
        other = ({"4.1.a", "4.1.b"} - {expected}).pop()
        assert next(i.reason for i in report.items if i.id == other).startswith("hanya untuk ")
    assert infer_agency_kind("Pemerintah Kabupaten Kotabaru") == "kabkota"
    assert infer_agency_kind("Kementerian Koordinator Bidang Perekonomian") == "kl"


def test_a_gate_under_a_gate_that_does_not_apply_takes_its_items_along(tmp_path):
    text = MATURITY_RUBRIC.read_text(encoding="utf-8").replace(
        "      - id: '6.4.3.g'\n        type: ya_tidak\n",
        "      - id: '6.4.3.g'\n        type: ya_tidak\n        applies_if: {item: '6.4.2.g', answer: ya}\n")
    r = parse_rubric(text, "r.yaml")
    report = score(r, assessment(**{"6_4_2_g": "tidak", "6_4_3_g": "ya"}))
    reasons = {i.id: i.reason for i in report.items}
    assert reasons["6.4.3.g"] == "6.4.2.g dijawab “tidak”"
    assert reasons["6.4.3"] == "pertanyaan 6.4.3.g tidak berlaku"


def test_the_example_worked_by_hand():
    """Aspect scores, index, composite and categories of the bundled example, from its YAML with
    the formula done here in fractions: Σ scores ÷ (4 × applicable items) × 100 per aspect; the
    index Σ weight × score ÷ 100. Balangan is a kabupaten (4.1.a does not apply) and answered
    6.4.2.g "tidak" (6.4.2 does not apply); 2.5, 2.6 and 6.4.4 are not scored yet."""
    data = yaml.safe_load(MATURITY_FILE.read_text(encoding="utf-8"))
    weights = {a["id"]: F(str(a["weight"])) for a in yaml.safe_load(MATURITY_RUBRIC.read_text(encoding="utf-8"))["aspects"]}
    own = {e["id"]: e.get("skor") for e in data["penilaian"]}
    assert own["4.1.b"] == 1 and "4.1.a" not in own and "6.4.2" not in own
    expected_self = {
        "1": F(3 + 4 + 3, 4 * 3) * 100,                      # 83.33
        "2": F(1 + 1 + 2 + 0, 4 * 6) * 100,                  # 16.67 (2.5, 2.6 unscored)
        "3": F(2 + 2 + 2 + 2, 4 * 4) * 100,                  # 50
        "4": F(1 + 2 + 2, 4 * 3) * 100,                      # 41.67
        "5": F(2 + 2 + 1 + 1, 4 * 4) * 100,                  # 37.5
        "6": F(3 + 3 + 2 + 3 + 2 + 0, 4 * 6) * 100,          # 54.17 (6.4.4 unscored)
        "7": F(3, 4) * 100,                                  # 75
        "8": F(2 + 1, 4 * 2) * 100,                          # 37.5
    }
    expected_verified = {"1": F(3 + 2, 12) * 100, "2": F(0, 24) * 100, "3": F(2, 16) * 100, "4": F(1, 12) * 100,
                         "5": F(0), "6": F(2 + 3, 24) * 100, "7": F(3, 4) * 100, "8": F(1, 8) * 100}
    index = sum(weights[a] * expected_self[a] for a in weights) / 100
    verified = sum(weights[a] * expected_verified[a] for a in weights) / 100
    assert index == F(7277, 150) and verified == F("20.775")  # 48.5133…, 20.775 exactly
    composite = F(75, 100) * index + F(25, 100) * F("68.4")
    assert composite == F("53.485")

    report = score(rubric(), validate(Assessment, load_path(MATURITY_FILE)))
    assert {a.id: a.self.value for a in report.aspects} == expected_self
    assert {a.id: a.verified.value for a in report.aspects} == expected_verified
    assert (report.self.value, report.verified.value, report.self_composite.value) == (index, verified, composite)
    # shown half-up to two places: 20.775 → 20.78, 53.485 → 53.49 (half-even would print 53.48)
    assert (report.self.shown, report.verified.shown, report.self_composite.shown) == (D("48.51"), D("20.78"), D("53.49"))
    bands = {a.id: a.self.band.label for a in report.aspects}
    assert bands == {"1": "Maju", "2": "Dasar", "3": "Menengah", "4": "Menengah", "5": "Lanjutan",
                     "6": "Menengah", "7": "Tinggi", "8": "Lanjutan"}
    assert (report.self.band.label, report.verified.band.label, report.self_composite.band.label) == ("Menengah", "Lanjutan", "Menengah")
    assert report.total_items == 29 and report.self.missing == 3 and report.verified.missing == 20
    assert report.needs_evidence == ["5.2.1"]  # scored 2 with neither bukti nor dokumen
    assert report.provisional.weights and report.provisional.bands and report.provisional.components


def test_composite_waits_for_every_component():
    report = score(rubric(), assessment(**{"1_1": 4}))
    assert report.self_composite.value is None and report.self_composite.missing == ["Survei keterlibatan (engagement) pegawai"]


def test_shown_rounds_half_up_exactly():
    assert shown(F(20775, 1000)) == D("20.78") and shown(F(1, 3) * 100) == D("33.33") and shown(F(2, 3) * 100) == D("66.67")
    assert shown(F(0)) == D("0") and shown(None) is None
