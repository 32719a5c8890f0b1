"""Writing a rencana aksi as XLSX, CSV or Markdown.

CSV: UTF-8 with BOM. The default `id` style uses `;` between fields and a
decimal comma, which is what Excel expects under Indonesian regional settings;
`en` uses `,` and a decimal point. Both open with the right columns in Excel
set to that region, and both read back with Python's csv module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ..errors import MeritError
from ..numbers import fmt
from ..plan import Plan, PlanRow
from ..safe_io import write_atomic
from ..scoring_maturity import PROVISIONAL_WEIGHTS
from ..sheet import guard

HEADERS = [
    "No", "Aspek/Elemen", "Indikator", "Skor mandiri", "Nilai verifikasi", "Selisih", "Potensi kenaikan",
    "Catatan verifikator", "Rekomendasi", "Rencana aksi", "Penanggung jawab", "Target waktu", "Status",
]


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
    if plan.seal:
        out.append(f"- Segel: {_md(plan.seal)}")
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
                out.append(guard(str(cell)))
        writer.writerow(out)
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(plan: Plan) -> bytes:
    # openpyxl takes a while to import; only a spreadsheet needs it
    from .plan_xlsx import to_xlsx as workbook

    return workbook(plan, title(plan), path_lines(plan))


def write_plan(plan: Plan, path: str | Path, force: bool = False, csv_style: str = "id",
               protect: Iterable[str | Path] = ()) -> Path:
    """Raises safe_io.FileExists when the file exists and `force` is false; never writes over `protect`."""
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
    return write_atomic(target, data, force=force, protect=protect)
