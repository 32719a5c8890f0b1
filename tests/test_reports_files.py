"""The DOCX for pasting into an LKjIP and the plan's XLSX for printing, read back as Word and Excel would."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from merit_tui.exports.plan import to_xlsx
from merit_tui.exports.plan_xlsx import lines_needed, number_format
from merit_tui.reports.data import for_stored
from merit_tui.reports.docx import render_docx
from merit_tui.reports.html import render_html
from tests.test_reports_data import ids

DAY = date(2026, 11, 29)


def repeats(row) -> bool:
    tr_pr = row._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def cant_split(row) -> bool:
    tr_pr = row._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None


def table_with(doc, first: str, second: str):
    return next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == [first, second])


# ---- DOCX ------------------------------------------------------------------------------------

def test_merit_docx_tables_paste_into_an_lkjip(store):
    merit, _ = ids(store)
    doc = Document(io.BytesIO(render_docx(for_stored(store, merit, today=DAY))))
    lampiran = table_with(doc, "No", "Aspek")
    # header, 37 indicators, 8 aspect totals, the two grand totals in one row
    assert len(lampiran.rows) == 1 + 37 + 8 + 1
    assert [c.text for c in lampiran.rows[0].cells] == [
        "No", "Aspek", "No", "Sub Aspek/Indikator", "Kondisi Saat Ini", "Bobot", "Skor", "Nilai",
        "Nilai Tim Verifikasi", "Catatan", "Nilai Akhir"]
    assert repeats(lampiran.rows[0]) and not repeats(lampiran.rows[1])
    assert all(cant_split(r) for r in lampiran.rows)
    assert "Total Penilaian Mandiri : 299.5" in lampiran.rows[-1].cells[0].text
    assert "Total Akhir (Hasil Verifikasi) : 129" in lampiran.rows[-1].cells[0].text
    plan = table_with(doc, "No", "Aspek · Indikator")
    assert len(plan.rows) == 1 + 34 and repeats(plan.rows[0])
    assert "Rekomendasi" not in [c.text for c in plan.rows[0].cells]
    widths = [(round(s.page_width.mm), round(s.page_height.mm)) for s in doc.sections]
    assert widths == [(210, 297), (297, 210), (297, 210)]  # summary portrait, the wide tables landscape


def test_nspk_docx_has_18_elements_and_rekomendasi(store):
    _, nspk = ids(store)
    doc = Document(io.BytesIO(render_docx(for_stored(store, nspk, today=DAY))))
    lampiran = table_with(doc, "No", "Elemen Manajemen ASN")
    assert len(lampiran.rows) == 1 + 18 + 1 and repeats(lampiran.rows[0])
    assert "Nilai Indeks : 63" in lampiran.rows[-1].cells[0].text
    plan = table_with(doc, "No", "Elemen")
    assert len(plan.rows) == 1 + 8 and "Rekomendasi" in [c.text for c in plan.rows[0].cells]


def test_html_report_has_the_tables_and_no_script(store):
    merit, _ = ids(store)
    html = render_html(for_stored(store, merit, today=DAY))
    assert html.count("<table") >= 3 and "Total Penilaian Mandiri : 299.5" in html
    assert "<script" not in html


# ---- XLSX ------------------------------------------------------------------------------------

@pytest.fixture
def merit_book(store):
    merit, _ = ids(store)
    return load_workbook(io.BytesIO(to_xlsx(store.plan(merit))))


@pytest.fixture
def nspk_book(store):
    _, nspk = ids(store)
    return load_workbook(io.BytesIO(to_xlsx(store.plan(nspk))))


def header_row(ws) -> int:
    return int(ws.print_title_rows.split(":")[0].lstrip("$"))


def test_xlsx_prints_a4_landscape_one_page_wide_with_repeated_header(merit_book):
    ws = merit_book["Rencana Aksi"]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    head = header_row(ws)
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.cell(row=head, column=1).value == "No"
    assert "Halaman &P dari &N" in ws.oddFooter.right.text


def test_xlsx_title_block_names_instansi_year_instrument_and_result(merit_book):
    ws = merit_book["Rencana Aksi"]
    head = header_row(ws)
    title = " ".join(str(ws.cell(row=r, column=1).value or "") for r in range(1, head))
    for words in ("Pemerintah Kabupaten Balangan", "2022", "Indeks Sistem Merit", "129", "Kategori I (Buruk)"):
        assert words in title
    merged = [str(m) for m in ws.merged_cells.ranges]
    last = ws.cell(row=head, column=ws.max_column).column_letter
    assert f"A1:{last}1" in merged  # the title spans the table, so it is never cut


def test_xlsx_has_only_the_instruments_columns(merit_book, nspk_book):
    merit = merit_book["Rencana Aksi"]
    headers = [c.value for c in merit[header_row(merit)]]
    assert "Rekomendasi" not in headers and "Selisih" in headers and "Indikator" in headers
    nspk = nspk_book["Rencana Aksi"]
    headers = [c.value for c in nspk[header_row(nspk)]]
    assert "Rekomendasi" in headers and "Selisih" not in headers and "Indikator" not in headers
    body = list(nspk.iter_rows(min_row=header_row(nspk) + 1, values_only=True))
    assert len(body) == 8 and all(r[headers.index("Rekomendasi")] for r in body)


def test_xlsx_numbers_in_number_formats_and_every_row_height_set(merit_book):
    ws = merit_book["Rencana Aksi"]
    head = header_row(ws)
    headers = [c.value for c in ws[head]]
    rows = range(head + 1, ws.max_row + 1)
    assert len(rows) == 34
    for r in rows:
        no = ws.cell(row=r, column=1)
        assert isinstance(no.value, int) and no.number_format == "0"
        potential = ws.cell(row=r, column=headers.index("Potensi kenaikan") + 1)
        assert isinstance(potential.value, (int, float))
        assert potential.number_format == ("0" if float(potential.value).is_integer() else "0.0")
        assert ws.row_dimensions[r].height and ws.row_dimensions[r].height >= 14
    # the row with the longest catatan is the tallest
    notes = headers.index("Catatan verifikator") + 1
    longest = max(rows, key=lambda r: len(ws.cell(row=r, column=notes).value or ""))
    assert ws.row_dimensions[longest].height == max(ws.row_dimensions[r].height for r in rows)


def test_ringkasan_title_not_cut_no_as_number_and_percent_as_fraction(merit_book):
    ws = merit_book["Ringkasan"]
    assert any(str(m).startswith("A1:") and not str(m).startswith("A1:A") for m in ws.merged_cells.ranges)
    table = [r for r in ws.iter_rows() if isinstance(r[0].value, int)]
    assert [r[0].value for r in table] == list(range(1, 9))
    first = table[0]
    assert first[6].value == pytest.approx(0.5625) and first[6].number_format == "0.00%"
    total = next(r for r in ws.iter_rows() if r[1].value == "Total")
    assert total[6].number_format == "0.00%" and total[6].value == pytest.approx(129 / 410)
    assert ws.page_setup.fitToWidth == 1


def test_xlsx_text_cells_are_formula_guarded(store):
    merit, _ = ids(store)
    store.set_plan_field(merit, "3.2", "action", "@SUM(1)", who="ani")
    store.set_plan_field(merit, "3.3", "action", " =1+1", who="ani")
    ws = load_workbook(io.BytesIO(to_xlsx(store.plan(merit))))["Rencana Aksi"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'@SUM(1)" in values
    assert not any(v.lstrip().startswith(("=", "@", "+")) for v in values)


@pytest.mark.parametrize("text, width, lines", [
    ("", 10, 1),
    ("pendek", 10, 1),
    ("satu dua tiga empat lima enam tujuh delapan", 10, 5),
    ("https://contoh.go.id/dokumen/tanpa/spasi/sama/sekali", 10, 6),
    ("baris satu\nbaris dua\n\nbaris empat", 40, 4),
])
def test_lines_needed_errs_on_more_lines(text, width, lines):
    assert lines_needed(text, width) == lines


@pytest.mark.parametrize("value, fmt", [(20, "0"), (7.5, "0.0"), (5.56, "0.00")])
def test_number_formats_print_as_the_seed(value, fmt):
    from decimal import Decimal

    assert number_format(Decimal(str(value))) == fmt
