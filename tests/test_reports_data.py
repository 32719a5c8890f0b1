"""The report data built from the store, and the PDF a Kepala BKPSDM signs, read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from merit_tui.errors import MeritError
from merit_tui.reports import kinds
from merit_tui.reports import settings as report_settings
from merit_tui.reports.data import for_stored, report_data
from merit_tui.reports.parts import Parts
from merit_tui.reports.pdf import render_pdf

A4 = (595.28, 841.89)
DAY = date(2026, 11, 29)
SIGNATORY = {
    "penandatangan.nama": "H. Contoh Nama, S.STP., M.Si.",
    "penandatangan.nip": "19750101 199803 1 001",
    "penandatangan.jabatan": "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan",
    "tempat": "Paringin",
}
# 1 summary page, 37 indicators on 5 landscape pages, 34 plan rows and the signature on 6: 12 today
BALANGAN_MERIT_PAGES = range(10, 15)
BALANGAN_NSPK_PAGES = range(3, 7)


def ids(store) -> tuple[int, int]:
    rows = store.list_assessments()
    return (next(r.id for r in rows if r.rubric_id == "kasn-sistem-merit"),
            next(r.id for r in rows if r.rubric_id == "bkn-nspk"))


def flat(text: str) -> str:
    return re.sub(r"[\s\u200b\u00ad]+", "", text)


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in PdfReader(io.BytesIO(pdf)).pages]


def landscape(size) -> bool:
    return abs(size[0] - A4[1]) <= 1 and abs(size[1] - A4[0]) <= 1


def signed(store) -> None:
    for key, value in SIGNATORY.items():
        store.set_setting(key, report_settings.checked(key, value))


@pytest.fixture
def merit_pdf(store):
    signed(store)
    merit, _ = ids(store)
    data = for_stored(store, merit, today=DAY)
    return data, render_pdf(data)


# ---- the data --------------------------------------------------------------------------------

def test_merit_data_holds_lampiran_2_as_printed(store):
    merit, _ = ids(store)
    data = for_stored(store, merit, today=DAY)
    lamp = data["lampiran"]
    assert [c["label"] for c in lamp["columns"]] == [
        "No", "Aspek", "No", "Sub Aspek/Indikator", "Kondisi Saat Ini", "Bobot", "Skor", "Nilai",
        "Nilai Tim Verifikasi", "Catatan", "Nilai Akhir"]
    assert sum(len(s["rows"]) for s in lamp["sections"]) == 37
    assert [s["footer"]["cells"]["nilai_akhir"] for s in lamp["sections"]] == ["22.5", "28", "10", "7.5", "22.5", "17.5", "8", "13"]
    assert lamp["totals"] == [{"label": "Total Penilaian Mandiri", "value": "299.5"},
                              {"label": "Total Akhir (Hasil Verifikasi)", "value": "129"}]
    first = lamp["sections"][0]["rows"][0]
    assert (first["bobot"], first["skor"], first["nilai"], first["nilai_verifikasi"], first["nilai_akhir"]) == ("2.5", "4", "10", "3", "7.5")
    lines = {x["label"]: (x["value"], x["note"]) for x in data["summary"]["lines"]}
    assert lines["Selisih mandiri − verifikasi"] == ("170.5", "poin")
    assert lines["Capaian terhadap target 265"][0] == "113.02 %"
    assert data["chart"]["series"] == ["Mandiri", "Verifikasi"] and len(data["chart"]["rows"]) == 8
    assert data["notices"] == []  # every number of the merit rubric is sourced with high confidence
    assert "rekomendasi" not in [c["key"] for c in data["plan"]["columns"]]


def test_nspk_data_is_lampiran_1_with_the_official_result_and_an_estimate_notice(store):
    _, nspk = ids(store)
    data = for_stored(store, nspk, today=DAY)
    lamp = data["lampiran"]
    assert [c["label"] for c in lamp["columns"]] == [
        "No", "Elemen Manajemen ASN", "Telah Sesuai / Belum Sesuai dengan NSPK", "Catatan", "Rekomendasi"]
    rows = lamp["sections"][0]["rows"]
    assert len(rows) == 18 and rows[5]["hasil"] == "Belum Sesuai dengan NSPK" and rows[0]["catatan"] == "-"
    assert lamp["totals"] == [{"label": "Nilai Indeks", "value": "63"}, {"label": "Kategori", "value": "B"}]
    assert data["chart"] is None
    assert len(data["notices"]) == 1 and "perkiraan" in data["notices"][0] and "bukan indeks resmi" in data["notices"][0]
    assert "rekomendasi" in [c["key"] for c in data["plan"]["columns"]]


def test_no_gap_and_one_series_before_verification(store):
    merit, _ = ids(store)
    aid = store.create_assessment("Pemerintah Kabupaten Contoh", 2023, "kasn-sistem-merit", carry_from=merit, who="ani")
    store.set_field(aid, "1.1", "self_score", D(3), who="ani")
    data = for_stored(store, aid, today=DAY)
    labels = [x["label"] for x in data["summary"]["lines"]]
    assert not any("Selisih" in x for x in labels)
    assert data["chart"]["series"] == ["Mandiri"]
    assert data["lampiran"]["totals"][1]["value"] == "–"
    assert "Halaman 1 dari" in pages(render_pdf(data))[0]


def test_a_low_confidence_weight_that_feeds_the_total_gets_a_notice(store):
    merit, _ = ids(store)
    loaded = store.load(merit)
    rubric = loaded.rubric
    aspect = rubric.aspects[0]
    shaky = replace(aspect, indicators=[replace(aspect.indicators[0], confidence="low"), *aspect.indicators[1:]])
    rubric = replace(rubric, aspects=[shaky, *rubric.aspects[1:]], bands=[replace(rubric.bands[0], confidence="low"), *rubric.bands[1:]])
    data = report_data(loaded.assessment, rubric, store.plan(merit), {})
    assert any("bobot indikator 1.1" in n.lower() and "perkiraan" in n for n in data["notices"])
    assert any(n.startswith("Batas kategori I belum pasti") for n in data["notices"])


def test_a_new_instrument_kind_is_one_function_in_kinds(store, monkeypatch):
    merit, _ = ids(store)
    loaded = store.load(merit)

    class MaturityReport:  # stands in for the score report of a third kind
        rubric = loaded.rubric

    with pytest.raises(MeritError, match="belum tersedia"):
        kinds.kind_parts(MaturityReport(), loaded.assessment)
    lampiran = {"title": "Tingkat kematangan", "columns": [{"key": "aspek", "label": "Aspek"}], "sections": [], "totals": []}
    monkeypatch.setattr(kinds, "KINDS", [*kinds.KINDS, (MaturityReport, lambda report, assessment: Parts([], None, lampiran))])
    assert kinds.kind_parts(MaturityReport(), loaded.assessment).lampiran["title"] == "Tingkat kematangan"


def test_signature_from_settings_or_a_line_to_fill_by_hand(store):
    empty = report_settings.signature(report_settings.values(store), DAY)
    assert empty["place_date"].endswith(", 29 November 2026") and empty["place_date"].startswith("....")
    assert set(empty["nama"]) == {"."} and set(empty["nip"]) == {"."}
    assert report_settings.missing_signatory(report_settings.values(store)) == list(report_settings.SIGNATORY)
    signed(store)
    sig = report_settings.signature(report_settings.values(store), date(2027, 1, 2))
    assert sig["place_date"] == "Paringin, 2 Januari 2027" and sig["nip"] == "19750101 199803 1 001"
    assert report_settings.missing_signatory(report_settings.values(store)) == []


@pytest.mark.parametrize("month, name", [(1, "Januari"), (2, "Februari"), (3, "Maret"), (5, "Mei"), (8, "Agustus"), (12, "Desember")])
def test_indonesian_dates_need_no_locale(month, name):
    assert report_settings.indonesian_date(date(2026, month, 9)) == f"9 {name} 2026"


# ---- the PDF ---------------------------------------------------------------------------------

def test_pdf_portrait_summary_then_a4_landscape_tables(merit_pdf):
    _, pdf = merit_pdf
    got = sizes(pdf)
    assert abs(got[0][0] - A4[0]) <= 1 and abs(got[0][1] - A4[1]) <= 1
    assert all(landscape(s) for s in got[1:]), got
    assert len(got) in BALANGAN_MERIT_PAGES


def test_pdf_has_every_indicator_and_plan_row(merit_pdf):
    data, pdf = merit_pdf
    text = flat("".join(pages(pdf)))
    indicators = [r["indikator"] for s in data["lampiran"]["sections"] for r in s["rows"]]
    assert len(indicators) == 37
    for indicator in indicators:
        assert flat(indicator) in text, indicator
    assert len(data["plan"]["rows"]) == 34
    for row in data["plan"]["rows"]:
        assert flat(row["butir"]) in text, row["butir"]
    for path in data["plan"]["paths"]:
        assert flat(path) in text


def test_pdf_totals_and_header_on_every_table_page(merit_pdf):
    data, pdf = merit_pdf
    all_pages = [flat(p) for p in pages(pdf)]
    text = "".join(all_pages)
    assert flat("Total Penilaian Mandiri : 299.5") in text
    assert flat("Total Akhir (Hasil Verifikasi) : 129") in text
    lampiran_head = flat("".join(c["label"] for c in data["lampiran"]["columns"]))
    plan_head = flat("".join(c["label"] for c in data["plan"]["columns"]))
    assert lampiran_head in all_pages[1] and lampiran_head in all_pages[2]  # page 2 of the table as page 1
    for page in all_pages[1:]:
        assert lampiran_head in page or plan_head in page


def test_pdf_page_numbers_and_signature_from_settings(merit_pdf):
    _, pdf = merit_pdf
    all_pages = pages(pdf)
    for i, page in enumerate(all_pages, 1):
        assert f"Halaman {i} dari {len(all_pages)}" in page
    last = all_pages[-1]
    assert "Paringin, 29 November 2026" in last
    assert "H. Contoh Nama, S.STP., M.Si." in last and "NIP. 19750101 199803 1 001" in last
    assert flat(SIGNATORY["penandatangan.jabatan"]) in flat(last)


def test_pdf_without_signatory_prints_lines_to_fill(store):
    merit, _ = ids(store)
    last = pages(render_pdf(for_stored(store, merit, today=DAY)))[-1]
    assert ", 29 November 2026" in last and "NIP. ....." in last and "." * 30 in last


def test_nspk_pdf_prints_the_official_index_and_the_notice_on_every_page(store):
    _, nspk = ids(store)
    all_pages = pages(render_pdf(for_stored(store, nspk, today=DAY)))
    assert len(all_pages) in BALANGAN_NSPK_PAGES
    text = flat("".join(all_pages))
    assert flat("Nilai Indeks : 63") in text and flat("Kategori : B") in text
    assert flat("Pengembangan Karier ASN") in text
    assert all("PERHATIAN" in p for p in all_pages)


def test_seal_is_printed_when_given(store):
    merit, _ = ids(store)
    seal = {"state": "sah", "text": "Segel verifikasi SAH: ditandatangani Budi (BKN)"}
    first = pages(render_pdf(for_stored(store, merit, today=DAY, seal=seal)))[0]
    assert "Segel verifikasi SAH" in first


def test_plan_alone_pdf_is_landscape_and_signed(store):
    signed(store)
    merit, _ = ids(store)
    data = for_stored(store, merit, plan_only=True, today=DAY)
    assert set(data) == {"assessment", "plan", "signature", "seal", "notices"}
    pdf = render_pdf(data, template="rencana-aksi")
    assert all(landscape(s) for s in sizes(pdf))
    all_pages = pages(pdf)
    assert "Jalan ke kategori berikutnya" in all_pages[0]
    assert "NIP. 19750101 199803 1 001" in all_pages[-1]
