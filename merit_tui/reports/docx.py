"""DOCX for pasting into an LKjIP: real Word tables (header row repeated), plain Table Grid style."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from merit_tui.errors import MeritError
from merit_tui.reports.contract import fit_widths, footer_span, longest_word, normalize, report_title

KINDS = ("laporan", "rencana-aksi")
FONT = "Arial"
BODY_PT = 11
TABLE_PT = 8.5
MARGIN = Cm(1.8)
MARGIN_LANDSCAPE = Cm(1.5)
KOP_HEIGHT = Cm(3)
RED = RGBColor(0xB0, 0x00, 0x20)
GREEN = RGBColor(0x2E, 0x7D, 0x32)
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


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


def _usable_width(doc) -> int:
    section = doc.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


# ---- content -----------------------------------------------------------------------------------

def _kop(doc, report: dict, section) -> None:
    kop = report["signature"]["kop"]
    if not kop:
        return
    path = Path(kop)
    if not path.is_file():
        raise MeritError(f"Berkas kop surat tidak ditemukan: {path}")
    try:
        picture = doc.add_picture(str(path), width=_usable_width(doc))
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
        table = _grid(doc, 3, [5, 2, 6])
        for line in lines:
            cells = _add_row(table, [line["label"], line["value"], line["note"]], ["left", "right", "left"], BODY_PT)
            cells[1].paragraphs[0].runs[0].bold = True
    chart = report["chart"]
    if chart and chart["rows"]:
        unit = f" ({chart['unit']})" if chart["unit"] else ""
        doc.add_paragraph().add_run(chart["title"] + unit).bold = True
        table = _grid(doc, 1 + len(chart["series"]), [6] + [2] * len(chart["series"]))
        _header_row(table, ["Aspek"] + chart["series"])
        for row in chart["rows"]:
            texts = row["texts"] + [""] * (len(chart["series"]) - len(row["texts"]))
            _add_row(table, [row["label"]] + texts[: len(chart["series"])],
                     ["left"] + ["right"] * len(chart["series"]), BODY_PT)
    seal = report["seal"]
    if seal:
        para = doc.add_paragraph()
        run = para.add_run(seal["text"])
        run.font.color.rgb = GREEN if seal["state"] == "sah" else RED


def _lampiran(doc, report: dict) -> None:
    lamp = report["lampiran"]
    _title(doc, lamp["label"], lamp["title"])
    _data_table(doc, lamp["columns"], lamp["sections"], lamp["group_columns"], lamp["totals"])


def _plan(doc, report: dict, standalone: bool) -> None:
    plan = report["plan"]
    if plan["paths"]:
        doc.add_paragraph().add_run(plan["paths_title"]).bold = True
        for line in plan["paths"]:
            doc.add_paragraph("• " + line)
    table = _data_table(doc, plan["columns"], [{"group": None, "rows": plan["rows"], "footer": None}], [], [])
    closing = ("Rencana aksi ini menjadi komitmen bersama untuk meningkatkan hasil penilaian pada periode berikutnya."
               if standalone else "Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya.")
    if table is not None and len(table.rows) > 1:
        _keep_with_next(table.rows[-1])
    _signature(doc, report["signature"], closing)


def _signature(doc, sig: dict, closing: str) -> None:
    """Closing line, then the signature block in the right half, kept together on one page."""
    width = _usable_width(doc)
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


# ---- tables ------------------------------------------------------------------------------------

def _grid(doc, ncols: int, weights: list[float], minimums: list[float] | None = None):
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = _usable_width(doc)
    table._widths = [int(w) for w in fit_widths(weights, minimums or [0] * ncols, width)]
    for col, w in zip(table.columns, table._widths):
        col.width = w
    return table


def _add_row(table, texts: list[str], aligns: list[str], size: float):
    row = table.add_row()
    _row_flag(row, "w:cantSplit")
    for cell, text, align, width in zip(row.cells, texts, aligns, table._widths):
        cell.width = width
        _set_text(cell, text, align, size)
    return row.cells


def _header_row(table, labels: list[str], size: float = TABLE_PT):
    cells = _add_row(table, labels, ["center"] * len(labels), size)
    for cell in cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
        _shade(cell, "E1E1E1")
    _row_flag(table.rows[-1], "w:tblHeader")
    return cells


def _set_text(cell, text: str, align: str, size: float) -> None:
    para = cell.paragraphs[0]
    para.alignment = ALIGN.get(align, WD_ALIGN_PARAGRAPH.LEFT)
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing = 1.0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = para.add_run(line)
        run.font.size = Pt(size)
        if i < len(lines) - 1:
            run.add_break()


def _row_flag(row, tag: str) -> None:
    """w:tblHeader repeats the row on every page; w:cantSplit keeps a row on one page."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _minimums(doc, columns: list[dict], sections: list[dict]) -> list[float]:
    """Room for each column's longest word, so Word never splits "Verifikasi" mid-word.

    python-docx cannot measure text; Arial's average letter is about 0.55 em (bold 0.62 em).
    """
    width = _usable_width(doc)
    proportional = fit_widths([c["width"] for c in columns], [0] * len(columns), width)
    margins = Pt(12)
    out = []
    for col, fair in zip(columns, proportional):
        head = longest_word(col["label"]) * 0.62 * Pt(TABLE_PT)
        cells = [r.get(col["key"], "") for s in sections for r in s["rows"]]
        cells += [(s["group"] or {}).get(col["key"], "") for s in sections]
        data = max(map(longest_word, cells), default=0)
        out.append(max(head, min(data * 0.56 * Pt(TABLE_PT), fair * 1.5)) + margins)
    return out


def _data_table(doc, columns: list[dict], sections: list[dict], group_columns: list[str], totals: list[dict]):
    if not columns:
        return None
    keys = [c["key"] for c in columns]
    aligns = [c["align"] for c in columns]
    table = _grid(doc, len(columns), [c["width"] for c in columns], _minimums(doc, columns, sections))
    _header_row(table, [c["label"] for c in columns])
    for section in sections:
        group, rows = section["group"], section["rows"]
        first = len(table.rows)
        for row in rows:
            _add_row(table, [row.get(k, "") for k in keys], aligns, TABLE_PT)
        if group is not None and group_columns and rows:
            for i, key in enumerate(keys):
                if key in group_columns:
                    top = table.cell(first, i)
                    _clear(top)
                    _set_text(top, group.get(key, ""), aligns[i], TABLE_PT)
                    if len(rows) > 1:
                        _merge_down(table, first, len(table.rows) - 1, i)
        footer = section["footer"]
        if footer is not None:
            _footer_row(table, columns, footer)
    if totals:
        # One row, one line per total: Word and LibreOffice then never split them across pages.
        _keep_with_next(table.rows[-1])
        _full_row(table, "\n".join(f"{t['label']} : {t['value']}" for t in totals), "left")
    return table


def _keep_with_next(row) -> None:
    """Word keeps a row whose paragraphs are keep-with-next on the page of what follows."""
    for cell in row.cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _footer_row(table, columns: list[dict], footer: dict) -> None:
    """The label spans the columns before the first value, as "Total 22.5" sits in Lampiran 2."""
    span = footer_span(columns, footer["cells"])
    if span == 0:
        _full_row(table, footer["label"], "left")
    if span == len(columns):
        _full_row(table, footer["label"], "right")
        return
    values = [footer["cells"].get(c["key"], "") for c in columns]
    cells = _add_row(table, values, [c["align"] for c in columns], TABLE_PT)
    if span > 0:
        label = cells[0].merge(cells[span - 1]) if span > 1 else cells[0]
        _clear(label)
        _set_text(label, footer["label"], "right", TABLE_PT)
    for cell in table.rows[-1].cells:
        _shade(cell, "F2F2F2")
        for para in cell.paragraphs:
            for run in para.runs:
                run.bold = True


def _merge_down(table, top: int, bottom: int, col: int) -> None:
    """Word's vertical merge; the lower cells are emptied first so their text is not appended."""
    for r in range(top + 1, bottom + 1):
        _clear(table.cell(r, col))
    table.cell(top, col).merge(table.cell(bottom, col))


def _clear(cell) -> None:
    for para in cell.paragraphs[1:]:
        para._p.getparent().remove(para._p)
    for run in list(cell.paragraphs[0].runs):
        run._r.getparent().remove(run._r)


def _full_row(table, text: str, align: str) -> None:
    cells = _add_row(table, [""] * len(table.columns), ["left"] * len(table.columns), TABLE_PT)
    merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    _clear(merged)
    _set_text(merged, text, align, TABLE_PT)
    for run in merged.paragraphs[0].runs:
        run.bold = True
    _shade(merged, "F2F2F2")
