"""Writing a rencana aksi as XLSX, CSV or Markdown.

CSV: UTF-8 with BOM. The default `id` style uses `;` between fields and a
decimal comma, which is what Excel expects under Indonesian regional settings;
`en` uses `,` and a decimal point. Both open with the right columns in Excel
set to that region, and both read back with Python's csv module.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from ..errors import MeritError
from ..numbers import fmt, plain
from ..plan import Plan, PlanRow
from ..scoring import WeightedReport, score
from ..scoring_maturity import PROVISIONAL_WEIGHTS, MaturityReport
from ..summary_maturity import table, total_lines
from ..vocab import Finding
from .files import write_atomic

HEADERS = [
    "No", "Aspek/Elemen", "Indikator", "Skor mandiri", "Nilai verifikasi", "Selisih", "Potensi kenaikan",
    "Catatan verifikator", "Rekomendasi", "Rencana aksi", "Penanggung jawab", "Target waktu", "Status",
]
WIDTHS = [5, 24, 50, 10, 10, 8, 10, 50, 40, 40, 30, 14, 10]
FORMULA_START = ("=", "+", "-", "@")


def safe_text(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text not in ("", None) else None
    except ArithmeticError:
        return None


def _cells(row: PlanRow) -> list[object]:
    """Typed cells: numbers as Decimal (or None), text as str."""
    return [
        row.no, f"{row.group_id}. {row.group_name}", f"{row.item_id} {row.item_text}",
        _number(row.self_score) if _number(row.self_score) is not None else row.self_score,
        _number(row.verified_score) if _number(row.verified_score) is not None else row.verified_score,
        row.gap, row.potential, row.note, row.recommendation, row.action, row.owner,
        row.due, row.status,
    ]


def path_lines(plan: Plan) -> list[str]:
    """'Jalan ke kategori berikutnya', in words."""
    if plan.verified_total is None or not hasattr(plan.rubric, "aspects"):  # NSPK: no path
        return []
    here = f"{plan.basis} {fmt(plan.verified_total)}"
    if plan.verified_band:
        here += f" (Kategori {plan.verified_band.category}, {plan.verified_band.label})"
    lines = [here]
    for path in plan.paths:
        target = f"Kategori {path.band.category} ({path.band.label}, ≥ {fmt(path.band.min)}): kurang {fmt(path.needed)} poin"
        if path.items is None:
            lines.append(f"{target}; tidak tercapai walau semua {plan.item_word} bernilai maksimum")
        else:
            lines.append(f"{target}; paling sedikit {len(path.items)} {plan.item_word} dinaikkan ke nilai maksimum: {', '.join(path.items)}")
    if plan.notes:
        lines.append("Potensi kenaikan dan kategori memakai angka belum resmi: " + "; ".join(plan.notes))
    return lines


def headers(plan: Plan) -> list[str]:
    """The columns; the potential says so when unofficial weights feed it."""
    low = PROVISIONAL_WEIGHTS in plan.notes
    return [h + (f" ({PROVISIONAL_WEIGHTS})" if h == "Potensi kenaikan" and low else "") for h in HEADERS]


def title(plan: Plan) -> str:
    a = plan.assessment
    return f"Rencana Aksi {plan.rubric.title} {a.year} — {a.agency}"


def to_markdown(plan: Plan) -> str:
    out = [f"# {title(plan)}", ""]
    out += [f"- {line}" for line in path_lines(plan)]
    out += ["", "| " + " | ".join(headers(plan)) + " |", "|" + "---|" * len(HEADERS)]
    for row in plan.rows:
        cells = [_md(c) for c in _cells(row)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _md(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fmt(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_csv(plan: Plan, style: str = "id") -> bytes:
    if style not in ("id", "en"):
        raise MeritError(f"gaya CSV '{style}' tidak dikenal; pilih id atau en")
    delimiter = ";" if style == "id" else ","
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers(plan))
    for row in plan.rows:
        out = []
        for cell in _cells(row):
            if cell is None:
                out.append("")
            elif isinstance(cell, Decimal):
                text = fmt(cell)
                out.append(text.replace(".", ",") if style == "id" else text)
            elif isinstance(cell, int):
                out.append(str(cell))
            else:
                out.append(safe_text(str(cell)))
        writer.writerow(out)
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(plan: Plan) -> bytes:
    # openpyxl takes a while to import; only a spreadsheet needs it
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Rencana Aksi"
    ws.append(headers(plan))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in plan.rows:
        values = []
        for cell in _cells(row):
            if isinstance(cell, Decimal):
                values.append(plain(cell))
            elif isinstance(cell, str):
                values.append(safe_text(cell))
            else:
                values.append(cell)
        ws.append(values)
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions

    summary = wb.create_sheet("Ringkasan")
    summary.append([title(plan)])
    summary["A1"].font = Font(bold=True)
    report = score(plan.rubric, plan.assessment)
    if isinstance(report, MaturityReport):
        _maturity_sheet(summary, report, plan)
    elif isinstance(report, WeightedReport):
        summary.append([])
        summary.append(["No", "Aspek", "Ideal", "Mandiri", "Verifikasi", "Selisih", "% ideal (verifikasi)"])
        for cell in summary[3]:
            cell.font = Font(bold=True)
        for a in report.aspects:
            summary.append([a.id, a.name, plain(a.ideal), plain(a.self_total), plain(a.verified_total), plain(a.gap), plain(a.verified_percent)])
        summary.append(["", "Total", plain(report.ideal), plain(report.self.total), plain(report.verified.total), plain(report.gap), None])
        summary.append([])
        for line in path_lines(plan):
            summary.append([line])
        summary.column_dimensions["B"].width = 40
    else:
        summary.append([])
        counts = report.verified.counts
        summary.append(["Hasil verifikasi", f"{counts[Finding.COMPLIANT]} sesuai, {counts[Finding.NOT_COMPLIANT]} belum sesuai"])
        summary.append(["Nilai Indeks resmi", plain(report.official_index), report.official_category])
        summary.column_dimensions["A"].width = 24
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _maturity_sheet(sheet, report: MaturityReport, plan: Plan) -> None:
    """Aspect scores and the index, with the notes on unofficial numbers."""
    heads, rows, _ = table(report)
    sheet.append([])
    sheet.append(heads)
    for row in rows:
        sheet.append([plain(_number(c)) if _number(c) is not None else c for c in row])
    sheet.append([])
    for line in total_lines(report) + path_lines(plan):
        sheet.append([line])
    sheet.column_dimensions["B"].width = 40


def write_plan(plan: Plan, path: str | Path, force: bool = False, csv_style: str = "id") -> Path:
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        data: bytes | str = to_xlsx(plan)
    elif suffix == ".csv":
        data = to_csv(plan, csv_style)
    elif suffix == ".md":
        data = to_markdown(plan)
    else:
        raise MeritError(f"{target}: jenis berkas tidak dikenal; pakai .xlsx, .csv atau .md")
    return write_atomic(target, data, force=force)
