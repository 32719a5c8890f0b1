"""The printed parts of a maturity instrument (the 2026 Sistem Merit of PermenPANRB 19/2025):
index and composite of each side, a chart of the aspects, and a Lampiran of every question with
its score, the agency's condition and the verifier's note.

The 2026 draft carries numbers that are not official yet (aspect weights, category edges,
component weights): every printed result they feed says so, once on the first page and in the
notices, in the words `summary_maturity` uses on screen and on the command line.
"""

from __future__ import annotations

from .. import summary_maturity as words
from ..assessment import Assessment
from ..numbers import fmt
from ..scoring_maturity import AspectResult, MaturityReport, shown
from ..vocab import GATE_ANSWERS, field_label
from .parts import Parts, bar, chart, column, line, low_notice

COLUMNS = [
    column("no_aspek", "No", 2, "center"),
    column("aspek", "Aspek", 8),
    column("no", "No", 3, "center"),
    column("pertanyaan", "Pertanyaan", 22),
    column("kondisi", field_label("kondisi_saat_ini"), 18),
    column("skor", field_label("skor"), 4, "right"),
    column("nilai_verifikasi", field_label("nilai_verifikasi"), 5, "right"),
    column("catatan", field_label("catatan"), 22),
]


def parts(report: MaturityReport, assessment: Assessment) -> Parts:
    return Parts(_lines(report), _chart(report), _lampiran(report, assessment), _notices(report))


def _side_line(label: str, side, which: str, note: str) -> dict[str, str]:
    if not side.scored or side.value is None:
        return line(label, "–", "belum dinilai" if which == "self" else "belum diverifikasi")
    extra = [f"Kategori {words.label(side.band)}"] if side.band else []
    if side.missing:
        extra.append(words.missing_text(side.missing, which))
    if note:
        extra.append(note)
    return line(label, fmt(side.shown), ", ".join(extra))


def _lines(r: MaturityReport) -> list[dict[str, str]]:
    out = [line("Jenis instansi", words.kind_text(r))]
    out.append(_side_line("Indeks kematangan mandiri", r.self, "self", words.index_note(r)))
    out.append(_side_line("Indeks kematangan verifikasi", r.verified, "verified", words.index_note(r)))
    for label, c in (("Nilai komposit mandiri", r.self_composite), ("Nilai komposit verifikasi", r.verified_composite)):
        if c.value is None:
            out.append(line(label, "–", f"belum dapat dihitung: belum ada nilai {', '.join(c.missing)}"))
        else:
            note = ", ".join(x for x in (f"Kategori {words.label(c.band)}" if c.band else "", words.composite_note(r)) if x)
            out.append(line(label, fmt(c.shown), note))
    for c in r.self_composite.components:
        if not c.from_index:
            value = fmt(shown(c.value)) if c.value is not None else "–"
            out.append(line(c.name, value, f"bobot {fmt(c.weight)} %" + (" (sementara)" if c.provisional else "")))
    return out


def _chart(r: MaturityReport) -> dict:
    verified = r.verified.scored > 0
    rows = []
    for a in r.aspects:
        values, texts = [bar(a.self.shown if a.self.scored else None)], [_text(a, "self")]
        if verified:
            values.append(bar(a.verified.shown if a.verified.scored else None))
            texts.append(_text(a, "verified"))
        rows.append({"label": f"{a.id}. {a.name}", "values": values, "texts": texts})
    return chart("Indeks kematangan per aspek", "indeks 0–100", rows, verified)


def _text(a: AspectResult, which: str) -> str:
    side = getattr(a, which)
    return f"{fmt(side.shown)} · {words.label(side.band)}" if side.scored else "–"


def _section(a: AspectResult, r: MaturityReport, assessment: Assessment) -> dict:
    responses = assessment.by_item()
    rows = []
    for item in (i for i in r.items if i.aspect_id == a.id):
        resp = responses.get(item.id)
        if item.gate:
            skor = GATE_ANSWERS.get(item.answer or "", "belum dijawab")
        elif item.reason:
            skor = "–"
        else:
            skor = fmt(item.self_score) if item.self_score is not None else ""
        question = f"{item.name}" + (f" (tidak berlaku: {item.reason})" if item.reason else "")
        rows.append({
            "no": item.id,
            "pertanyaan": question,
            "kondisi": (resp.condition or "") if resp else "",
            "skor": skor,
            "nilai_verifikasi": "" if item.gate or item.verified_score is None else fmt(item.verified_score),
            "catatan": (resp.note or "") if resp else "",
        })
    cells = {"skor": _text(a, "self"), "nilai_verifikasi": _text(a, "verified")}
    return {"group": {"no_aspek": a.id, "aspek": a.name}, "rows": rows,
            "footer": {"label": f"Indeks Aspek {a.id}", "cells": cells}}


def _lampiran(r: MaturityReport, assessment: Assessment) -> dict:
    return {
        "title": f"Hasil Penilaian Mandiri {r.rubric.title} Tahun {assessment.year}",
        "columns": COLUMNS,
        "group_columns": ["no_aspek", "aspek"],
        "sections": [_section(a, r, assessment) for a in r.aspects],
        "totals": [
            {"label": "Indeks kematangan mandiri", "value": fmt(r.self.shown) if r.self.scored else "–"},
            {"label": "Indeks kematangan verifikasi", "value": fmt(r.verified.shown) if r.verified.scored else "–"},
        ],
    }


def _notices(r: MaturityReport) -> list[str]:
    p = r.provisional
    out = []
    if p.weights:
        out.append(low_notice(["bobot aspek"], "indeks kematangan adalah perkiraan"))
    if p.bands:
        out.append(low_notice(["batas kategori"], "kategori adalah perkiraan"))
    if p.components or p.formula:
        out.append(low_notice(["bobot komponen dan rumus nilai komposit"], "nilai komposit adalah perkiraan"))
    out += words.warning_lines(r)
    return out
