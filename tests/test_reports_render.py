"""The printed reports, read back as a reader (or a copy-paste into an LKjIP) would see them."""

from __future__ import annotations

import copy
import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from merit_tui.errors import MeritError
from merit_tui.reports.docx import render_docx
from merit_tui.reports.html import render_html
from merit_tui.reports.pdf import render_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
A4 = (595.28, 841.89)
HOSTILE = [
    "#set page(width: 1pt)",
    "]) #pagebreak() [",
    "$x^2$ dan \\ garis miring \" kutip",
    "@x <y> *tebal* _miring_ `kode`",
    "= Judul palsu",
    "#{panic(\"boom\")} // komentar /* blok */",
    "<script>alert('x')</script> & \"kutip\"",
]


def load(kind: str) -> dict:
    return json.loads((FIXTURES / f"report-{kind}.json").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    """Text without whitespace (or break hints), since wrapping and extraction may split lines anywhere."""
    return re.sub(r"[\s\u200b\u00ad]+", "", text)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def landscape(size: tuple[float, float]) -> bool:
    return abs(size[0] - A4[1]) <= 1 and abs(size[1] - A4[0]) <= 1


def portrait(size: tuple[float, float]) -> bool:
    return abs(size[0] - A4[0]) <= 1 and abs(size[1] - A4[1]) <= 1


@pytest.fixture(scope="module")
def merit_pdf() -> bytes:
    return render_pdf(load("weighted"))


@pytest.fixture(scope="module")
def merit_plan_pdf() -> bytes:
    return render_pdf(load("weighted"), template="rencana-aksi")


@pytest.fixture(scope="module")
def nspk_pdf() -> bytes:
    return render_pdf(load("compliance"))


# ---- PDF: the Balangan merit report ------------------------------------------------------------

def test_first_page_portrait_then_a4_landscape(merit_pdf):
    got = sizes(merit_pdf)
    assert portrait(got[0])
    assert all(landscape(s) for s in got[1:]), got


def test_page_count_within_bound(merit_pdf):
    # 1 summary page, 37 indicators on ~5 landscape pages, 34 plan rows on ~6: 12 today.
    assert 9 <= len(pages(merit_pdf)) <= 14


def test_every_indicator_and_plan_row_printed(merit_pdf):
    text = flat("".join(pages(merit_pdf)))
    data = load("weighted")
    indicators = [r["indikator"] for s in data["lampiran"]["sections"] for r in s["rows"]]
    assert len(indicators) == 37
    for indicator in indicators:
        assert flat(indicator) in text, indicator
    for row in data["plan"]["rows"]:
        assert flat(row["butir"]) in text, row["butir"]


def test_totals_printed_as_lampiran_2_prints_them(merit_pdf):
    text = flat("".join(pages(merit_pdf)))
    assert flat("Total Penilaian Mandiri : 299.5") in text
    assert flat("Total Akhir (Hasil Verifikasi) : 129") in text
    for aspect_total in ("22.5", "28", "10", "7.5", "17.5", "8", "13"):
        assert aspect_total in text


def test_table_header_repeated_on_every_table_page(merit_pdf):
    all_pages = pages(merit_pdf)
    data = load("weighted")
    lampiran_head = flat("".join(c["label"] for c in data["lampiran"]["columns"]))
    plan_head = flat("".join(c["label"] for c in data["plan"]["columns"]))
    table_pages = [flat(p) for p in all_pages[1:]]
    assert lampiran_head in table_pages[0]
    assert lampiran_head in table_pages[1]  # page 2 of the table, as on page 1
    for page in table_pages:
        assert lampiran_head in page or plan_head in page


def test_page_numbers_and_signature(merit_pdf):
    all_pages = pages(merit_pdf)
    n = len(all_pages)
    for i, page in enumerate(all_pages, 1):
        assert f"Halaman {i} dari {n}" in page
    last = all_pages[-1]
    assert "H. Contoh Nama, S.STP., M.Si." in last
    assert "NIP. 19750101 199803 1 001" in last
    assert "Paringin, 29 November 2026" in last
    # the signature never sits alone: the last plan row shares its page
    assert flat(load("weighted")["plan"]["rows"][-1]["butir"]) in flat(last)


def test_only_fonts_from_the_typst_wheel(merit_pdf):
    fonts = set()
    for page in PdfReader(io.BytesIO(merit_pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts
    assert all(re.search(r"Libertinus|NewCM|NewComputerModern|DejaVu", f) for f in fonts), fonts


def test_plan_alone_is_landscape_with_every_row_and_signature(merit_plan_pdf):
    assert all(landscape(s) for s in sizes(merit_plan_pdf))
    all_pages = pages(merit_plan_pdf)
    text = flat("".join(all_pages))
    plan = load("weighted")["plan"]
    assert flat("Jalan ke kategori berikutnya") in text
    for line in plan["paths"]:
        assert flat(line) in text
    for row in plan["rows"]:
        assert flat(row["butir"]) in text
    assert "NIP. 19750101 199803 1 001" in all_pages[-1]
    assert f"Halaman 1 dari {len(all_pages)}" in all_pages[0]


# ---- PDF: NSPK ---------------------------------------------------------------------------------

def test_nspk_report_has_18_elements_index_and_category(nspk_pdf):
    text = flat("".join(pages(nspk_pdf)))
    rows = load("compliance")["lampiran"]["sections"][0]["rows"]
    assert len(rows) == 18
    for row in rows:
        assert flat(row["elemen"]) in text, row["elemen"]
    assert flat("Nilai Indeks : 63") in text
    assert flat("Kategori : B") in text
    assert "Halaman 1 dari" in pages(nspk_pdf)[0]


def test_nspk_plan_alone(tmp_path):
    pdf = render_pdf(load("compliance"), template="rencana-aksi")
    assert all(landscape(s) for s in sizes(pdf))
    text = flat("".join(pages(pdf)))
    for row in load("compliance")["plan"]["rows"]:
        assert flat(row["butir"]) in text


# ---- PDF: hostile text, empty data, broken templates -------------------------------------------

def hostile_report() -> dict:
    data = load("weighted")
    data["assessment"]["instansi"] = HOSTILE[0]
    data["signature"]["nama"] = HOSTILE[2]
    data["notices"] = [HOSTILE[4]]
    data["summary"]["lines"][0]["note"] = HOSTILE[1]
    data["lampiran"]["title"] = HOSTILE[3]
    rows = data["lampiran"]["sections"][0]["rows"]
    for row, text in zip(rows, HOSTILE):
        row["catatan"] = text
    data["lampiran"]["sections"][1]["group"]["aspek"] = HOSTILE[5]
    data["plan"]["rows"][0]["rencana_aksi"] = HOSTILE[6]
    data["plan"]["paths"].append(HOSTILE[0])
    return data


def test_hostile_text_is_printed_literally_and_cannot_change_layout(merit_pdf):
    pdf = render_pdf(hostile_report())
    got = sizes(pdf)
    assert portrait(got[0]) and all(landscape(s) for s in got[1:])
    assert abs(len(got) - len(sizes(merit_pdf))) <= 1
    text = flat("".join(pages(pdf)))
    for hostile in HOSTILE:
        assert flat(hostile) in text, hostile


def test_row_taller_than_a_page_breaks_instead_of_being_cut():
    data = load("weighted")
    words = " ".join(f"kata{i}" for i in range(2500))
    data["lampiran"]["sections"][0]["rows"][1]["catatan"] = f"AWAL {words} AKHIR"
    data["plan"]["rows"][0]["penanggung_jawab"] = "https://contoh.go.id/dokumen/tanpa/spasi/sama/sekali/panjang.pdf"
    all_pages = pages(render_pdf(data))
    start = next(i for i, p in enumerate(all_pages) if "AWAL" in p)
    end = next(i for i, p in enumerate(all_pages) if "AKHIR" in p)
    assert end > start + 1
    assert flat("https://contoh.go.id/dokumen/tanpa/spasi/sama/sekali/panjang.pdf") in flat("".join(all_pages))


def test_empty_data_still_renders():
    for template in ("laporan", "rencana-aksi"):
        pdf = render_pdf({}, template=template)
        assert "Halaman 1 dari" in pages(pdf)[0]
    assert render_docx({})
    assert "<table" in render_html({}) or "<html" in render_html({})


def test_broken_template_names_file_and_line(tmp_path):
    (tmp_path / "laporan.typ").write_text('#import "_umum.typ": *\n\n#let x = (\n', encoding="utf-8")
    with pytest.raises(MeritError) as err:
        render_pdf(load("weighted"), template_dir=tmp_path)
    message = err.value.message
    assert str(tmp_path / "laporan.typ") in message
    assert "baris 3" in message


def test_agency_template_dir_overrides_only_what_it_holds(tmp_path):
    umum = (Path(render_pdf.__code__.co_filename).parent.parent / "templates" / "_umum.typ").read_text("utf-8")
    (tmp_path / "_umum.typ").write_text(umum.replace('#let kata-nip = "NIP."', '#let kata-nip = "NIP:"'), "utf-8")
    pdf = render_pdf(load("weighted"), template="rencana-aksi", template_dir=tmp_path)
    assert "NIP: 19750101 199803 1 001" in pages(pdf)[-1]


def test_unknown_template_and_bad_names_are_user_errors(tmp_path):
    with pytest.raises(MeritError, match="tidak ditemukan"):
        render_pdf(load("weighted"), template="surat")
    with pytest.raises(MeritError, match="tidak sah"):
        render_pdf(load("weighted"), template="../laporan")
    with pytest.raises(MeritError, match="kop surat"):
        data = load("weighted")
        data["signature"]["kop"] = str(tmp_path / "tidak-ada.png")
        render_pdf(data)


def tiny_png() -> bytes:
    """A 4x2 white PNG, written by hand to need no imaging library."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 4 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_letterhead_image_on_first_page(tmp_path):
    kop = tmp_path / "kop.png"
    kop.write_bytes(tiny_png())
    data = load("compliance")
    data["signature"]["kop"] = str(kop)
    reader = PdfReader(io.BytesIO(render_pdf(data)))
    assert len(reader.pages[0].images) == 1
    assert len(Document(io.BytesIO(render_docx(data))).inline_shapes) == 1
    assert "data:image/png;base64," in render_html(data)


# ---- DOCX --------------------------------------------------------------------------------------

def test_docx_tables_mirror_the_data():
    data = load("weighted")
    doc = Document(io.BytesIO(render_docx(data)))
    lamp, plan = data["lampiran"], data["plan"]
    # header + data rows + one row per section footer + one row holding all totals
    lamp_rows = 1 + sum(len(s["rows"]) + (s["footer"] is not None) for s in lamp["sections"]) + 1
    tables = [t for t in doc.tables if len(t.columns) in (len(lamp["columns"]), len(plan["columns"]))]
    counts = sorted(len(t.rows) for t in tables)
    assert lamp_rows in counts
    assert 1 + len(plan["rows"]) in counts
    for table in tables:
        header = table.rows[0]._tr.trPr
        flag = header.find(qn("w:tblHeader"))
        assert flag is not None and flag.get(qn("w:val")) == "true"
        assert [c.text for c in table.rows[0].cells][:2] in (["No", "Aspek"], ["No", "Aspek/Elemen · Indikator"])


def test_docx_landscape_sections_and_signature():
    doc = Document(io.BytesIO(render_docx(load("weighted"))))
    first, *rest = doc.sections
    assert first.page_width < first.page_height
    assert rest and all(s.page_width > s.page_height for s in rest)
    assert abs(rest[0].page_width.mm - 297) < 1 and abs(rest[0].page_height.mm - 210) < 1
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "H. Contoh Nama, S.STP., M.Si." in text and "NIP. 19750101 199803 1 001" in text
    body = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Total Penilaian Mandiri : 299.5" in body and "Total Akhir (Hasil Verifikasi) : 129" in body


def test_docx_plan_alone_and_nspk():
    doc = Document(io.BytesIO(render_docx(load("compliance"), kind="rencana-aksi")))
    assert all(s.page_width > s.page_height for s in doc.sections)
    plan_rows = load("compliance")["plan"]["rows"]
    assert any(len(t.rows) == 1 + len(plan_rows) for t in doc.tables)
    doc = Document(io.BytesIO(render_docx(load("compliance"))))
    body = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Nilai Indeks : 63" in body and "Kategori : B" in body
    with pytest.raises(MeritError):
        render_docx(load("compliance"), kind="surat")


# ---- HTML --------------------------------------------------------------------------------------

def test_html_escapes_hostile_text():
    page = render_html(hostile_report())
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;kutip&quot;" in page
    assert "&lt;y&gt;" in page
    plan_page = render_html(hostile_report(), kind="rencana-aksi")
    assert "<script>" not in plan_page
    # notices also go into the CSS (printed atop every page): they must not end the <style> element
    data = load("compliance")
    data["notices"] = ['</style><script>alert(1)</script>', 'a"; } body { display: none } "']
    page = render_html(data)
    assert page.count("</style>") == 1 and "<script>" not in page
    assert "display: none } " not in page.split("</style>")[0]


def test_html_is_self_contained_and_prints_landscape():
    page = render_html(load("weighted"))
    assert "@page { size: A4 landscape" in page
    assert "thead { display: table-header-group; }" in page
    assert "<link" not in page and "src=\"http" not in page
    assert page.count("<thead>") == 2
    data = load("weighted")
    assert page.count('rowspan="') == len(data["lampiran"]["sections"]) * len(data["lampiran"]["group_columns"])
    assert "Total Penilaian Mandiri : 299.5" in page


def test_inputs_are_not_modified():
    data = load("weighted")
    before = copy.deepcopy(data)
    render_pdf(data)
    render_docx(data)
    render_html(data)
    assert data == before
