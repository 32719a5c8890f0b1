"""The report-data contract, filled in: every renderer and template sees every key.

The core builds one JSON-able dict per report (see tests/fixtures/reports/). Renderers stay generic
over it, so a new instrument kind needs no renderer change. Missing optional keys get defaults here,
once, instead of `.get()` chains in three renderers and the typst templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from merit_tui.errors import MeritError

ALIGNS = ("left", "center", "right")


def _bad(where: str, expected: str) -> MeritError:
    return MeritError(f"Data laporan tidak sah: {where} harus {expected}")


def _text(value: Any) -> str:
    """Values arrive formatted; a stray number or None still prints sensibly instead of failing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return str(value)


def _map(value: Any, where: str) -> Mapping:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _bad(where, "berupa objek")
    return value


def _list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise _bad(where, "berupa daftar")
    return list(value)


def number_text(value: float) -> str:
    """93.75, 70, 28.13: decimal point as in the seed, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _columns(value: Any, where: str) -> list[dict]:
    out = []
    for i, col in enumerate(_list(value, where)):
        col = _map(col, f"{where}[{i}]")
        key = _text(col.get("key"))
        if not key:
            raise _bad(f"{where}[{i}].key", "diisi")
        try:
            width = float(col.get("width", 1) or 1)
        except (TypeError, ValueError):
            raise _bad(f"{where}[{i}].width", "berupa angka") from None
        align = _text(col.get("align") or "left")
        out.append({
            "key": key,
            "label": _text(col.get("label", key)),
            "width": width if width > 0 else 1.0,
            "align": align if align in ALIGNS else "left",
        })
    return out


def _row(value: Any, where: str) -> dict[str, str]:
    return {_text(k): _text(v) for k, v in _map(value, where).items()}


def _lampiran(value: Any) -> dict:
    lamp = _map(value, "lampiran")
    sections = []
    for i, sec in enumerate(_list(lamp.get("sections"), "lampiran.sections")):
        where = f"lampiran.sections[{i}]"
        sec = _map(sec, where)
        group = sec.get("group")
        footer = sec.get("footer")
        if footer is not None:
            footer = _map(footer, f"{where}.footer")
            footer = {"label": _text(footer.get("label")), "cells": _row(footer.get("cells"), f"{where}.footer.cells")}
        sections.append({
            "group": None if group is None else _row(group, f"{where}.group"),
            "rows": [_row(r, f"{where}.rows[{j}]") for j, r in enumerate(_list(sec.get("rows"), f"{where}.rows"))],
            "footer": footer,
        })
    return {
        # "label" is optional (added here): the appendix number an LKjIP gives this table, e.g. "Lampiran 2".
        "label": _text(lamp.get("label", "Lampiran")),
        "title": _text(lamp.get("title")),
        "columns": _columns(lamp.get("columns"), "lampiran.columns"),
        "group_columns": [_text(k) for k in _list(lamp.get("group_columns"), "lampiran.group_columns")],
        "sections": sections,
        "totals": [_label_value(t, f"lampiran.totals[{i}]") for i, t in enumerate(_list(lamp.get("totals"), "lampiran.totals"))],
    }


def _label_value(value: Any, where: str) -> dict[str, str]:
    item = _map(value, where)
    return {"label": _text(item.get("label")), "value": _text(item.get("value"))}


def _chart(value: Any) -> dict | None:
    if value is None:
        return None
    chart = _map(value, "chart")
    rows = []
    for i, row in enumerate(_list(chart.get("rows"), "chart.rows")):
        row = _map(row, f"chart.rows[{i}]")
        try:
            values = [float(v) for v in _list(row.get("values"), f"chart.rows[{i}].values")]
        except (TypeError, ValueError):
            raise _bad(f"chart.rows[{i}].values", "berupa angka") from None
        # "texts" is optional (added here): how each value is printed beside its bar.
        texts = [_text(t) for t in _list(row.get("texts"), f"chart.rows[{i}].texts")]
        texts += [number_text(v) for v in values[len(texts):]]
        rows.append({"label": _text(row.get("label")), "values": values, "texts": texts})
    highest = max((v for r in rows for v in r["values"]), default=0.0)
    # "max" is optional (added here): the value a full bar stands for; 100 suits "% of ideal".
    try:
        scale = float(chart.get("max") or 100)
    except (TypeError, ValueError):
        raise _bad("chart.max", "berupa angka") from None
    return {
        "title": _text(chart.get("title", "Capaian per aspek")),
        "unit": _text(chart.get("unit")),
        "series": [_text(s) for s in _list(chart.get("series"), "chart.series")],
        "rows": rows,
        "max": max(scale, highest, 1.0),
    }


def _plan(value: Any) -> dict:
    plan = _map(value, "plan")
    return {
        "title": _text(plan.get("title")),
        "paths_title": _text(plan.get("paths_title", "Jalan ke kategori berikutnya")),
        "paths": [_text(p) for p in _list(plan.get("paths"), "plan.paths")],
        "columns": _columns(plan.get("columns"), "plan.columns"),
        "rows": [_row(r, f"plan.rows[{i}]") for i, r in enumerate(_list(plan.get("rows"), "plan.rows"))],
    }


def normalize(data: Any) -> dict:
    """A complete, plain copy of `data`: all display values as strings, every key present."""
    data = _map(data, "data")
    assessment = {k: _text(v) for k, v in _map(data.get("assessment"), "assessment").items()}
    for key in ("instansi", "tahun", "status", "instrument", "rubric", "kind"):
        assessment.setdefault(key, "")
    signature = _map(data.get("signature"), "signature")
    seal = data.get("seal")
    if seal is not None:
        seal = _map(seal, "seal")
        seal = {"state": _text(seal.get("state")), "text": _text(seal.get("text"))}
    summary = _map(data.get("summary"), "summary")
    return {
        "assessment": assessment,
        "summary": {"lines": [
            {"label": _text(x.get("label")), "value": _text(x.get("value")), "note": _text(x.get("note"))}
            for x in (_map(line, f"summary.lines[{i}]") for i, line in enumerate(_list(summary.get("lines"), "summary.lines")))
        ]},
        "chart": _chart(data.get("chart")),
        "lampiran": _lampiran(data.get("lampiran")),
        "plan": _plan(data.get("plan")),
        "signature": {
            "place_date": _text(signature.get("place_date")),
            "jabatan": _text(signature.get("jabatan")),
            "nama": _text(signature.get("nama")),
            "nip": _text(signature.get("nip")),
            "kop": _text(signature.get("kop")) or None,
        },
        "seal": seal,
        "notices": [_text(n) for n in _list(data.get("notices"), "notices")],
    }


def footer_span(columns: list[dict], cells: Mapping[str, str]) -> int:
    """How many leading columns a section footer's label covers: up to the first column with a value."""
    for i, col in enumerate(columns):
        if col["key"] in cells:
            return i
    return len(columns)


def report_title(report: dict) -> str:
    """The report's heading when the data names none; templates say the same in their own words."""
    a = report["assessment"]
    parts = ["Laporan Hasil Penilaian", a["instrument"]]
    if a["tahun"]:
        parts.append(f"Tahun {a['tahun']}")
    return " ".join(p for p in parts if p)


def fit_widths(weights: list[float], minimums: list[float], total: float) -> list[float]:
    """Widths in proportion to `weights`, none below its minimum (the rest shrink to make room).

    Falls back to plain proportions when the minimums alone exceed the total.
    """
    fixed: set[int] = set()
    for _ in weights:
        room = total - sum(minimums[i] for i in fixed)
        share = sum(w for i, w in enumerate(weights) if i not in fixed)
        if room <= 0 or share <= 0:
            break
        widths = [minimums[i] if i in fixed else room * w / share for i, w in enumerate(weights)]
        narrow = {i for i, w in enumerate(widths) if i not in fixed and w < minimums[i]}
        if not narrow:
            return widths
        fixed |= narrow
    share = sum(weights) or 1
    return [total * w / share for w in weights]


def longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)
