"""The scorer against every number of Lampiran 2 and Lampiran 1."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from merit_tui.importing import load_file
from merit_tui.numbers import fmt
from merit_tui.scoring import points_to_next, score, score_weighted

# Lampiran 2, row by row: id, bobot, skor (mandiri), nilai tim verifikasi, nilai akhir as printed.
LAMPIRAN_2 = [
    ("1.1", "2.5", 4, 3, "7.5"), ("1.2", "2.5", 4, 4, "10"), ("1.3", "2.5", 4, 0, "0"), ("1.4", "2.5", 3, 2, "5"),
    ("2.1", "2", 3, 3, "6"), ("2.2", "2", 1, 1, "2"), ("2.3", "2", 4, 4, "8"), ("2.4", "2", 2, 2, "4"), ("2.5", "2", 4, 4, "8"),
    ("3.1", "5", 4, 0, "0"), ("3.2", "5", 3, 0, "0"), ("3.3", "5", 2, 0, "0"), ("3.4", "2.5", 1, 0, "0"),
    ("3.5", "2.5", 3, 0, "0"), ("3.6", "2.5", 3, 2, "5"), ("3.7", "2.5", 3, 1, "2.5"), ("3.8", "2.5", 4, 1, "2.5"),
    ("3.9", "2.5", 1, 0, "0"), ("3.10", "2.5", 2, 0, "0"),
    ("4.1", "5", 3, 0, "0"), ("4.2", "2.5", 3, 1, "2.5"), ("4.3", "2.5", 2, 2, "5"),
    ("5.1", "5", 4, 3, "15"), ("5.2", "5", 4, 1, "5"), ("5.3", "2.5", 1, 1, "2.5"), ("5.4", "5", 2, 0, "0"), ("5.5", "2.5", 3, 0, "0"),
    ("6.1", "2.5", 3, 3, "7.5"), ("6.2", "2.5", 4, 0, "0"), ("6.3", "2.5", 4, 2, "5"), ("6.4", "2.5", 3, 2, "5"),
    ("7.1", "2", 3, 2, "4"), ("7.2", "2", 2, 2, "4"),
    ("8.1", "2", 3, 3, "6"), ("8.2", "1", 2, 1, "1"), ("8.3", "1", 2, 2, "2"), ("8.4", "2", 2, 2, "4"),
]
ASPECT_VERIFIED = ["22.5", "28", "10", "7.5", "22.5", "17.5", "8", "13"]


@pytest.fixture
def balangan(store):
    from tests.conftest import MERIT_FILE

    return load_file(store, MERIT_FILE)


@pytest.fixture
def report(balangan):
    assessment, rubric = balangan
    return score(rubric, assessment)


def test_every_row_of_lampiran_2(report):
    rows = {i.id: i for a in report.aspects for i in a.indicators}
    assert list(rows) == [r[0] for r in LAMPIRAN_2]
    for ind_id, bobot, skor, verif, nilai_akhir in LAMPIRAN_2:
        row = rows[ind_id]
        assert row.weight == D(bobot), ind_id
        assert row.self_score == skor, ind_id
        assert row.verified_score == verif, ind_id
        assert row.verified_value == D(nilai_akhir), ind_id
        assert row.self_value == D(bobot) * skor, ind_id


def test_totals_and_categories(report):
    assert fmt(report.self.total) == "299.5"
    assert (report.self.band.category, report.self.band.label) == ("III", "Baik")
    assert fmt(report.verified.total) == "129"
    assert (report.verified.band.category, report.verified.band.label) == ("I", "Buruk")
    assert [fmt(a.verified_total) for a in report.aspects] == ASPECT_VERIFIED
    assert report.ideal == D(410)  # weights sum to 102.5, as printed
    assert report.gap == D("170.5")
    assert report.self.missing == report.verified.missing == 0


def test_aspect_ideal_and_percent(report):
    first = report.aspects[0]
    assert (first.ideal, first.self_total, first.gap) == (D(40), D("37.5"), D(15))
    assert first.verified_percent == D("56.25")


def test_achievement_against_target(report):
    assert report.target == D(265)
    assert fmt(report.achievement) == "113.02"


@pytest.mark.parametrize(
    "total, category",
    [("0", "I"), ("99.5", "I"), ("174.5", "I"), ("175", "II"), ("249.5", "II"), ("250", "III"),
     ("324.5", "III"), ("325", "IV"), ("400", "IV"), ("405", "IV")],
)
def test_band_edges(balangan, total, category):
    _, rubric = balangan
    assert rubric.band_for(D(total)).category == category


def test_points_to_next_category(balangan, report):
    _, rubric = balangan
    band, needed = points_to_next(rubric, report.verified.total)
    assert (band.category, needed) == ("II", D(46))
    assert points_to_next(rubric, D(330)) is None


def test_missing_scores_are_reported_not_zero(balangan):
    assessment, rubric = balangan
    responses = assessment.by_item()
    del responses["3.1"]  # bobot 5, self 4, verified 0
    partial = {k: dataclasses.replace(v, verified_score=None) if k == "1.2" else v for k, v in responses.items()}
    report = score_weighted(rubric, partial)
    assert report.self.missing == 1 and report.verified.missing == 2
    assert report.self.total == D("279.5")
    assert report.verified.total == D(119)
    assert report.aspects[2].self_missing == 1


def test_nothing_scored_has_no_total(balangan):
    _, rubric = balangan
    report = score_weighted(rubric, {})
    assert report.self.total is None and report.self.band is None
    assert report.self.missing == 37


def test_nspk_counts_estimate_and_official(store):
    from tests.conftest import NSPK_FILE

    assessment, rubric = load_file(store, NSPK_FILE)
    report = score(rubric, assessment)
    assert report.verified.counts == {"sesuai": 13, "belum_sesuai": 5, "belum_dinilai": 0}
    assert report.self.counts["belum_dinilai"] == 18
    assert report.verified.estimate == D("72.22")  # 13 of 18 at equal weights: an estimate, not 63
    assert (report.official_index, report.official_category) == (D(63), "B")
    assert [e.verified_status for e in report.elements if e.verified_status == "belum_sesuai"] and \
        [e.id for e in report.elements if e.verified_status == "belum_sesuai"] == ["6", "7", "9", "12", "16"]


def test_fmt_is_exact():
    assert fmt(D("299.50")) == "299.5"
    assert fmt(D("129.0")) == "129"
    assert fmt(D("130")) == "130"
    assert fmt(D("0.5")) == "0.5"


def test_bulk_sql_scoring_equals_the_scorer(store):
    """Random assessments (half-point weights, gaps, zeros) score the same in SQL as in Python."""
    import random

    from merit_tui.rubric import WeightedRubric

    rng = random.Random(7)
    rubric = store.rubric("kasn-sistem-merit")
    assert isinstance(rubric, WeightedRubric)
    for n in range(25):
        aid = store.create_assessment(f"Kabupaten Uji {n}", 2023, "kasn-sistem-merit")
        for _, ind in rubric.indicators():
            if rng.random() < 0.8:
                store.set_field(aid, ind.id, "self_score", rng.randint(1, 4), who="uji")
        store.set_status(aid, "diajukan", who="uji", role="penilai")
        for _, ind in rubric.indicators():
            if rng.random() < 0.6:
                store.set_field(aid, ind.id, "verified_score", rng.randint(0, 4), who="uji", role="verifikator")
    bulk = store.score_all(aspects=True)
    for row in store.list_assessments():
        loaded = store.load(row.id)
        report = score(loaded.rubric, loaded.assessment)
        b = bulk[row.id]
        if loaded.rubric.kind == "maturity":  # scored by the Python scorer itself, rounded as shown
            assert (b.self.total, b.verified.total) == (report.self.shown, report.verified.shown)
            assert (b.self.band, b.verified.band) == (report.self.band, report.verified.band)
        elif isinstance(loaded.rubric, WeightedRubric):
            assert (b.self.total, b.verified.total) == (report.self.total, report.verified.total)
            assert (b.self.missing, b.verified.missing) == (report.self.missing, report.verified.missing)
            assert b.verified.band == report.verified.band
            for a in report.aspects:
                got = b.aspects.get(a.id, (D(0), D(0)))
                assert got == (a.self_total, a.verified_total)
        else:
            assert b.estimate == report.verified.estimate == D("72.22")
            assert b.verified.scored == report.verified.judged
