"""Word tables for the DOCX reports: header rows that repeat, rows that never split, groups merged down."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from merit_tui.reports.contract import fit_widths, footer_span, longest_word

TABLE_PT = 8.5
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def usable_width(doc) -> int:
    section = doc.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def grid(doc, ncols: int, weights: list[float], minimums: list[float] | None = None):
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = usable_width(doc)
    table._widths = [int(w) for w in fit_widths(weights, minimums or [0] * ncols, width)]
    for col, w in zip(table.columns, table._widths):
        col.width = w
    return table


def add_row(table, texts: list[str], aligns: list[str], size: float):
    row = table.add_row()
    _row_flag(row, "w:cantSplit")
    for cell, text, align, width in zip(row.cells, texts, aligns, table._widths):
        cell.width = width
        _set_text(cell, text, align, size)
    return row.cells


def header_row(table, labels: list[str], size: float = TABLE_PT):
    cells = add_row(table, labels, ["center"] * len(labels), size)
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
    width = usable_width(doc)
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


def data_table(doc, columns: list[dict], sections: list[dict], group_columns: list[str], totals: list[dict]):
    if not columns:
        return None
    keys = [c["key"] for c in columns]
    aligns = [c["align"] for c in columns]
    table = grid(doc, len(columns), [c["width"] for c in columns], _minimums(doc, columns, sections))
    header_row(table, [c["label"] for c in columns])
    for section in sections:
        group, rows = section["group"], section["rows"]
        first = len(table.rows)
        for row in rows:
            add_row(table, [row.get(k, "") for k in keys], aligns, TABLE_PT)
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
        keep_with_next(table.rows[-1])
        _full_row(table, "\n".join(f"{t['label']} : {t['value']}" for t in totals), "left")
    return table


def keep_with_next(row) -> None:
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
    cells = add_row(table, values, [c["align"] for c in columns], TABLE_PT)
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
    cells = add_row(table, [""] * len(table.columns), ["left"] * len(table.columns), TABLE_PT)
    merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    _clear(merged)
    _set_text(merged, text, align, TABLE_PT)
    for run in merged.paragraphs[0].runs:
        run.bold = True
    _shade(merged, "F2F2F2")
