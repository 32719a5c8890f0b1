"""DOCX for pasting into an LKjIP: real Word tables (header row repeated), plain Table Grid style."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from merit_tui.errors import MeritError
from merit_tui.reports.contract import (
    normalize,
    report_title,
)
from merit_tui.reports.docx_tables import (
    add_row,
    data_table,
    grid,
    header_row,
    keep_with_next,
    usable_width,
)

KINDS = ("laporan", "rencana-aksi")
FONT = "Arial"
BODY_PT = 11
MARGIN = Cm(1.8)
MARGIN_LANDSCAPE = Cm(1.5)
KOP_HEIGHT = Cm(3)
RED = RGBColor(0xB0, 0x00, 0x20)
GREEN = RGBColor(0x2E, 0x7D, 0x32)


def render_docx(data: dict, kind: str = "laporan") -> bytes:
    """The report (or the plan alone) as a .docx: same content order as the PDF."""
    if kind not in KINDS:
        raise MeritError(f"Jenis dokumen tidak dikenal: {kind!r} (pilih {', '.join(KINDS)})")
    report = normalize(data)
    doc = Document()
    _base_style(doc)
    first = doc.sections[0]
    if kind == "laporan":
        _page(first, landscape=False, report=report)
        _kop(doc, report, first)
        _summary_page(doc, report)
        _landscape_section(doc, report)
        _lampiran(doc, report)
        _landscape_section(doc, report)
        _title(doc, "Rencana Aksi", report["plan"]["title"])
    else:
        _page(first, landscape=True, report=report)
        _kop(doc, report, first)
        _title(doc, "Rencana Aksi", report["plan"]["title"])
        _identity(doc, report, ("Instansi", "Instrumen", "Tahun penilaian", "Status penilaian"))
        _notices(doc, report["notices"])
    _plan(doc, report, standalone=kind == "rencana-aksi")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- page set-up -------------------------------------------------------------------------------

def _base_style(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(2)


def _page(section, landscape: bool, report: dict) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN_LANDSCAPE if landscape else MARGIN)
    section.header_distance = section.footer_distance = Cm(0.8)
    _page_header(section, report["notices"])
    _page_footer(section, report)


def _landscape_section(doc, report: dict) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True, report=report)


def _page_header(section, notices: list[str]) -> None:
    section.header.is_linked_to_previous = False
    para = section.header.paragraphs[0]
    para.text = ""
    if notices:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run("PERHATIAN: " + "; ".join(notices))
        run.bold, run.font.size, run.font.color.rgb = True, Pt(8), RED


def _page_footer(section, report: dict) -> None:
    section.footer.is_linked_to_previous = False
    page = section.footer.paragraphs[0]
    page.text = ""
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _small(page.add_run("Halaman "))
    _field(page, "PAGE")
    _small(page.add_run(" dari "))
    _field(page, "NUMPAGES")
    a = report["assessment"]
    ident = " · ".join(x for x in (a["instansi"], a["instrument"], a["tahun"]) if x)
    if ident:
        _small(page.insert_paragraph_before().add_run(ident))


def _small(run) -> None:
    run.font.size = Pt(8)


def _field(para, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES); Word and LibreOffice fill in the number when printing."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    para._p.append(fld)



# ---- content -----------------------------------------------------------------------------------

def _kop(doc, report: dict, section) -> None:
    kop = report["signature"]["kop"]
    if not kop:
        return
    path = Path(kop)
    if not path.is_file():
        raise MeritError(f"Berkas kop surat tidak ditemukan: {path}")
    try:
        picture = doc.add_picture(str(path), width=usable_width(doc))
    except Exception as exc:  # python-docx raises several unrelated types for unreadable images
        raise MeritError(f"Kop surat tidak dapat dibaca sebagai gambar: {path} ({exc})") from None
    if picture.height > KOP_HEIGHT:  # on a landscape page a full-width kop would eat a quarter of it
        picture.width = int(picture.width * KOP_HEIGHT / picture.height)
        picture.height = KOP_HEIGHT
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _title(doc, text: str, sub: str = "") -> None:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text.upper())
    run.bold, run.font.size = True, Pt(13)
    if sub:
        para.add_run("\n")
        sub_run = para.add_run(sub)
        sub_run.bold = True


def _identity(doc, report: dict, labels: tuple[str, ...]) -> None:
    a = report["assessment"]
    values = {"Instansi": a["instansi"], "Instrumen": a["instrument"], "Tahun penilaian": a["tahun"],
              "Status": a["status"], "Status penilaian": a["status"]}
    for label in labels:
        if values[label]:
            doc.add_paragraph(f"{label}\t: {values[label]}").paragraph_format.tab_stops.add_tab_stop(Cm(3.5))


def _notices(doc, notices: list[str]) -> None:
    if not notices:
        return
    para = doc.add_paragraph()
    run = para.add_run("PERHATIAN")
    run.bold, run.font.color.rgb = True, RED
    for notice in notices:
        item = para.add_run("\n• " + notice)
        item.bold, item.font.color.rgb = True, RED


def _summary_page(doc, report: dict) -> None:
    _title(doc, report_title(report), report["assessment"]["instansi"])
    _identity(doc, report, ("Instansi", "Tahun penilaian", "Instrumen", "Status"))
    _notices(doc, report["notices"])
    lines = report["summary"]["lines"]
    if lines:
        doc.add_paragraph().add_run("Ringkasan Hasil").bold = True
        table = grid(doc, 3, [5, 2, 6])
        for line in lines:
            cells = add_row(table, [line["label"], line["value"], line["note"]], ["left", "right", "left"], BODY_PT)
            cells[1].paragraphs[0].runs[0].bold = True
    chart = report["chart"]
    if chart and chart["rows"]:
        unit = f" ({chart['unit']})" if chart["unit"] else ""
        doc.add_paragraph().add_run(chart["title"] + unit).bold = True
        table = grid(doc, 1 + len(chart["series"]), [6] + [2] * len(chart["series"]))
        header_row(table, ["Aspek"] + chart["series"])
        for row in chart["rows"]:
            texts = row["texts"] + [""] * (len(chart["series"]) - len(row["texts"]))
            add_row(table, [row["label"]] + texts[: len(chart["series"])],
                     ["left"] + ["right"] * len(chart["series"]), BODY_PT)
    seal = report["seal"]
    if seal:
        para = doc.add_paragraph()
        run = para.add_run(seal["text"])
        run.font.color.rgb = GREEN if seal["state"] == "sah" else RED


def _lampiran(doc, report: dict) -> None:
    lamp = report["lampiran"]
    _title(doc, lamp["label"], lamp["title"])
    data_table(doc, lamp["columns"], lamp["sections"], lamp["group_columns"], lamp["totals"])


def _plan(doc, report: dict, standalone: bool) -> None:
    plan = report["plan"]
    if plan["paths"]:
        doc.add_paragraph().add_run(plan["paths_title"]).bold = True
        for line in plan["paths"]:
            doc.add_paragraph("• " + line)
    table = data_table(doc, plan["columns"], [{"group": None, "rows": plan["rows"], "footer": None}], [], [])
    closing = ("Rencana aksi ini menjadi komitmen bersama untuk meningkatkan hasil penilaian pada periode berikutnya."
               if standalone else "Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya.")
    if table is not None and len(table.rows) > 1:
        keep_with_next(table.rows[-1])
    _signature(doc, report["signature"], closing)


def _signature(doc, sig: dict, closing: str) -> None:
    """Closing line, then the signature block in the right half, kept together on one page."""
    width = usable_width(doc)
    indent = int(width * 0.6)
    lead = doc.add_paragraph(closing)
    lead.paragraph_format.space_before = Pt(10)
    lead.paragraph_format.keep_with_next = True
    lines = [(sig["place_date"], False, False, 8), (sig["jabatan"], False, False, 0),
             (sig["nama"], True, True, 60), ("NIP. " + sig["nip"], False, False, 0)]
    for i, (text, bold, underline, before) in enumerate(lines):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = para.paragraph_format
        fmt.left_indent, fmt.space_before, fmt.keep_with_next = indent, Pt(before), i < len(lines) - 1
        run = para.add_run(text)
        run.bold, run.underline = bold, underline
