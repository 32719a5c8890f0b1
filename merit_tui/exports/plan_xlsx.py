"""The rencana aksi as an .xlsx that prints legibly from Excel and from LibreOffice.

A4 landscape, one page wide, the header row repeated on every page, a title block, and row
heights set explicitly: openpyxl cannot measure text and LibreOffice does not grow a row to fit
wrapped text on opening, so each row's height is estimated from its columns' widths and text.
Only the columns the instrument has are written (Sistem Merit has no Rekomendasi, NSPK no
Indikator or Selisih). Every text cell goes through `sheet.cell_text`; numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..numbers import parse, plain
from ..plan import Plan, PlanRow
from ..reports.kinds import kind_parts
from ..reports.parts import has_groups
from ..rubric import Rubric
from ..scoring import WeightedReport, score
from ..scoring_maturity import MaturityReport
from ..sheet import cell_text
from ..summary_maturity import table as maturity_table
from ..vocab import FIELD_BY_NAME, PLAN_LABELS, PLAN_STATUS_LABELS

FONT = "Arial"  # on Windows as is; LibreOffice swaps in Liberation Sans, with the same widths
SIZE = 9
LINE_PT = 11.5  # one line of 9 pt text as Excel spaces it (LibreOffice: 10.4, so it gets room to spare)
PAD_PT = 3.0
# Characters of 9 pt Arial per unit of column width (a unit is one digit of the workbook's 11 pt
# default font): about 1.15 in Excel, 1.4 in LibreOffice; the smaller, so no text is ever cut off.
CHARS_PER_UNIT = 1.15
THIN = Side(style="thin", color="808080")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E1E1E1")
TOP = Alignment(wrap_text=True, vertical="top")
RED = "B00020"


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # in Excel's units
    value: Callable[[PlanRow], object]


def _score(text: str) -> object:
    """A score shown as text ("3", or "Belum sesuai" for NSPK) as a number where it is one."""
    number = parse(text) if text else None
    return number if number is not None else text


def columns(rubric: Rubric) -> list[Column]:
    """The columns this instrument fills; widths sum to about 165 units, A4 landscape at ~85 %."""
    scored = FIELD_BY_NAME["self_score"].applies_to(rubric.kind)
    grouped = has_groups(rubric)
    cols = [Column("No", 4, lambda r: r.no)]
    if grouped:
        cols += [Column("Aspek/Elemen", 14, lambda r: f"{r.group_id}. {r.group_name}"),
                 Column("Indikator", 30, lambda r: f"{r.item_id} {r.item_text}")]
    else:
        cols.append(Column("Elemen", 20, lambda r: f"{r.item_id}. {r.item_text}"))
    cols += [Column("Skor mandiri" if scored else "Penilaian mandiri", 7 if scored else 10, lambda r: _score(r.self_score)),
             Column("Nilai verifikasi" if scored else "Hasil verifikasi", 9.5 if scored else 10, lambda r: _score(r.verified_score))]
    if scored:
        cols.append(Column("Selisih", 6, lambda r: r.gap))
    cols += [Column("Potensi kenaikan", 9, lambda r: r.potential),
             Column("Catatan verifikator", 30 if grouped else 28, lambda r: r.note)]
    if FIELD_BY_NAME["recommendation"].applies_to(rubric.kind):
        cols.append(Column("Rekomendasi", 26, lambda r: r.recommendation))
    return cols + [
        Column(PLAN_LABELS["action"], 22, lambda r: r.action),
        Column(PLAN_LABELS["owner"], 16, lambda r: r.owner),
        Column(PLAN_LABELS["due"], 9, lambda r: r.due),
        Column(PLAN_LABELS["status"], 8, lambda r: PLAN_STATUS_LABELS.get(r.status, r.status)),
    ]


# ---- measuring without a font engine -----------------------------------------------------------

def lines_needed(text: str, width: float) -> int:
    """Lines `text` wraps to in a column `width` units wide: words are laid out greedily, as both
    programs do; a word longer than the line is broken."""
    per_line = max(1, int(width * CHARS_PER_UNIT) - 1)
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size <= per_line:
                used += 1 + size
            elif used == 0 and size <= per_line:
                used = size
            else:
                if used:
                    lines += 1
                lines += (size - 1) // per_line
                used = size - (size - 1) // per_line * per_line
        total += lines
    return max(total, 1)


def row_height(texts: list[tuple[object, float]]) -> float:
    lines = max((lines_needed(t, w) for t, w in texts if isinstance(t, str) and t), default=1)
    return lines * LINE_PT + PAD_PT


def number_format(value: Decimal | int) -> str:
    """The seed's way: 20, 7.5, 5.56; never "20.00" nor a bare General that may print 5.5555."""
    if isinstance(value, int) or value == value.to_integral_value():
        return "0"
    return "0.0" if (value * 10) == (value * 10).to_integral_value() else "0.00"


def _put(ws: Worksheet, row: int, col: int, value: object, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal):
        cell.value, cell.number_format = plain(value), number_format(value)
    elif isinstance(value, int):
        cell.value, cell.number_format = value, "0"
    elif value is None:
        cell.value = None
    else:
        cell.value = cell_text(str(value))
    cell.font = Font(name=FONT, size=SIZE, bold=bold)
    cell.alignment = TOP
    cell.border = GRID


def _title_block(ws: Worksheet, width: int, lines: list[str], total_units: float, notices: list[str] = ()) -> int:
    """Title, identity and result lines (and any notice, in red) merged across the table; returns
    the row after a blank line, where the table starts."""
    rows = [(text, Font(name=FONT, size=13 if i == 0 else 10, bold=i < 2)) for i, text in enumerate(lines)]
    rows += [(f"PERHATIAN: {text}", Font(name=FONT, size=10, bold=True, color=RED)) for text in notices]
    for i, (text, font) in enumerate(rows, 1):
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
        cell = ws.cell(row=i, column=1, value=cell_text(text))
        cell.font, cell.alignment = font, Alignment(wrap_text=True, vertical="top")
        # 10 pt text has 0.9 the characters per unit of 9 pt; the title's 13 pt, 0.7
        scale = 0.7 if i == 1 else 0.9
        ws.row_dimensions[i].height = lines_needed(text, total_units * scale) * (18 if i == 1 else 13) + 2
    return len(rows) + 2


def line_text(line: dict[str, str]) -> str:
    """A summary line of the printed report in a sentence: "Total Penilaian Mandiri: 299.5, Kategori III (Baik)"."""
    return f"{line['label']}: {line['value']}" + (f", {line['note']}" if line["note"] else "")


def page_setup(ws: Worksheet, title_rows: str, landscape: bool, footer: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = cell_text(footer).replace("&", "&&")
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "Halaman &P dari &N"
    ws.oddFooter.right.size = 8


def plan_sheet(ws: Worksheet, plan: Plan, title: str) -> None:
    cols = columns(plan.rubric)
    a = plan.assessment
    parts = kind_parts(score(plan.rubric, a), a)
    result = " · ".join(line_text(x) for x in parts.lines[:3])  # the totals (or counts and index) with categories
    lines = [title, f"{a.agency} · {plan.rubric.title} · Tahun {a.year}", result] + ([f"Segel: {plan.seal}"] if plan.seal else [])
    head = _title_block(ws, len(cols), lines, sum(c.width for c in cols), parts.notices)
    for j, col in enumerate(cols, 1):
        _put(ws, head, j, col.header, bold=True)
        ws.cell(row=head, column=j).fill = HEAD_FILL
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.row_dimensions[head].height = row_height([(c.header, c.width) for c in cols])
    for i, row in enumerate(plan.rows, head + 1):
        values = [c.value(row) for c in cols]
        for j, value in enumerate(values, 1):
            _put(ws, i, j, value)
        ws.row_dimensions[i].height = row_height([(v, c.width) for v, c in zip(values, cols)])
    ws.freeze_panes = ws.cell(row=head + 1, column=1).coordinate
    ws.auto_filter.ref = f"A{head}:{get_column_letter(len(cols))}{head + len(plan.rows)}"
    page_setup(ws, f"{head}:{head}", landscape=True, footer=f"{a.agency} · {plan.rubric.label} {a.year}")


def summary_sheet(ws: Worksheet, plan: Plan, title: str, paths: list[str]) -> None:
    report = score(plan.rubric, plan.assessment)
    a = plan.assessment
    parts = kind_parts(report, a)
    widths = [5, 38, 9, 10, 10, 9, 12] if not isinstance(report, MaturityReport) else [5, 34, 8, 6, 10, 10, 10, 10]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    row = _title_block(ws, len(widths), [title, f"{a.agency} · {plan.rubric.title} · Tahun {a.year}"], sum(widths))
    if isinstance(report, WeightedReport):
        headers = ["No", "Aspek", "Ideal", "Mandiri", "Verifikasi", "Selisih", "% ideal (verifikasi)"]
        for j, header in enumerate(headers, 1):
            _put(ws, row, j, header, bold=True)
            ws.cell(row=row, column=j).fill = HEAD_FILL
        ws.row_dimensions[row].height = row_height(list(zip(headers, widths)))
        for asp in report.aspects:
            row += 1
            share = asp.verified_total / asp.ideal if asp.ideal else None
            values = [int(asp.id) if asp.id.isdigit() else asp.id, asp.name, asp.ideal, asp.self_total,
                      asp.verified_total, asp.gap, share]
            _row(ws, row, values, widths)
        row += 1
        share = (report.verified.total or 0) / report.ideal if report.ideal else None
        _row(ws, row, [None, "Total", report.ideal, report.self.total, report.verified.total, report.gap, share], widths, bold=True)
        row += 1
    elif isinstance(report, MaturityReport):
        headers, rows, numeric = maturity_table(report)
        headers, rows = headers[:-1], [r[:-1] for r in rows]  # "Belum m/v" is for the screen
        for j, header in enumerate(headers, 1):
            _put(ws, row, j, header, bold=True)
            ws.cell(row=row, column=j).fill = HEAD_FILL
        for cells in rows:
            row += 1
            values = [int(c) if i == 0 and c.isdigit() else parse(c) if i in numeric and parse(c) is not None else c
                      for i, c in enumerate(cells)]
            for j, value in enumerate(values, 1):
                _put(ws, row, j, value)
            ws.row_dimensions[row].height = row_height([(v, w) for v, w in zip(values, widths)])
        row += 1
    texts = [(line_text(x), False) for x in parts.lines]
    if paths:
        texts += [("", False), ("Jalan ke kategori berikutnya", True)] + [(x, False) for x in paths]
    for text, bold in texts:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        cell = ws.cell(row=row, column=1, value=cell_text(text))
        cell.font, cell.alignment = Font(name=FONT, size=10, bold=bold), TOP
        ws.row_dimensions[row].height = lines_needed(text, sum(widths) * 0.9) * 13 + 2
    page_setup(ws, "", landscape=False, footer=f"{a.agency} · {plan.rubric.label} {a.year}")


def _row(ws: Worksheet, row: int, values: list[object], widths: list[float], bold: bool = False) -> None:
    """One Ringkasan row; the last value is a share of the ideal, printed as a percentage."""
    for j, value in enumerate(values, 1):
        if j == len(values) and value is not None:
            _put(ws, row, j, None, bold)
            cell = ws.cell(row=row, column=j)
            cell.value, cell.number_format = float(value), "0.00%"
        else:
            _put(ws, row, j, value, bold)
    ws.row_dimensions[row].height = row_height([(v, w) for v, w in zip(values, widths)])


def to_xlsx(plan: Plan, title: str, paths: list[str]) -> bytes:
    wb = Workbook()
    plan_sheet(wb.active, plan, title)
    wb.active.title = "Rencana Aksi"
    summary_sheet(wb.create_sheet("Ringkasan"), plan, title, paths)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

