"""The printed parts of a weighted instrument (Indeks Sistem Merit): totals, chart, Lampiran 2.

The Lampiran has the seed's own columns (Lampiran 2 of the LKjIP), one section per aspect with
its totals, and the two grand totals worded as Lampiran 2 words them.
"""

from __future__ import annotations

from decimal import Decimal

from .. import summary as words
from ..assessment import Assessment
from ..numbers import fmt, pct
from ..scoring import AspectScore, WeightedReport
from ..vocab import field_label
from .parts import Parts, bar, chart, column, is_low, line, low_bands, low_notice

COLUMNS = [
    column("no_aspek", "No", 2, "center"),
    column("aspek", "Aspek", 8),
    column("no", "No", 2, "center"),
    column("indikator", "Sub Aspek/Indikator", 20),
    column("kondisi", field_label("kondisi_saat_ini"), 18),
    column("bobot", "Bobot", 4, "right"),
    column("skor", field_label("skor"), 3, "right"),
    column("nilai", "Nilai", 4, "right"),
    column("nilai_verifikasi", field_label("nilai_verifikasi"), 5, "right"),
    column("catatan", field_label("catatan"), 24),
    column("nilai_akhir", "Nilai Akhir", 4, "right"),
]


def parts(report: WeightedReport, assessment: Assessment) -> Parts:
    return Parts(_lines(report), _chart(report), _lampiran(report, assessment), _notices(report))


def _verified(report: WeightedReport) -> bool:
    return report.verified.total is not None


def _lines(report: WeightedReport) -> list[dict[str, str]]:
    out = []
    both = words.sides(report)
    for side in both:
        if side.total is None:
            out.append(line(side.label, "–", "belum dinilai"))
            continue
        note = ", ".join(x for x in (words.band_text(side.band), words.missing_text(side.missing)) if x)
        out.append(line(side.label, fmt(side.total), note))
    if _verified(report):
        out.append(line("Selisih mandiri − verifikasi", fmt(report.gap), "poin"))
    out.append(line("Nilai ideal", fmt(report.ideal)))
    if report.achievement is not None:
        out.append(line(words.achievement_label(report), pct(report.achievement), "nilai mandiri terhadap target"))
    elif report.target is not None:
        out.append(line("Target", fmt(report.target), "capaian belum dapat dihitung"))
    # the next category from where the agency stands: the verified total once there is one
    side, whose = (both[1], "verifikasi") if _verified(report) else (both[0], "mandiri")
    if side.next_band is not None and side.to_next is not None:
        out.append(line(f"Menuju {words.band_text(side.next_band)}", fmt(side.to_next), f"poin lagi dari nilai {whose}"))
    return out


def _chart(report: WeightedReport) -> dict:
    verified = _verified(report)
    rows = []
    for a in report.aspects:
        values = [bar(a.self_percent)]
        texts = [f"{fmt(a.self_total)} · {pct(a.self_percent)}"]
        if verified:
            values.append(bar(a.verified_percent))
            texts.append(f"{fmt(a.verified_total)} · {pct(a.verified_percent)}")
        # a no-break space keeps "(ideal 40)" on one line when the label wraps
        rows.append({"label": f"{a.id}. {a.name} (ideal\u00a0{fmt(a.ideal)})", "values": values, "texts": texts})
    return chart("Capaian per aspek", "% dari nilai ideal", rows, verified)


def _score(value: Decimal | None) -> str:
    return "" if value is None else fmt(value)


def _section(aspect: AspectScore, assessment: Assessment) -> dict:
    responses = assessment.by_item()
    rows = []
    for no, ind in enumerate(aspect.indicators, 1):
        r = responses.get(ind.id)
        rows.append({
            "no": str(no),
            "indikator": ind.text,
            "kondisi": (r.condition or "") if r else "",
            "bobot": fmt(ind.weight),
            "skor": _score(ind.self_score),
            "nilai": _score(ind.self_value),
            "nilai_verifikasi": _score(ind.verified_score),
            "catatan": (r.note or "") if r else "",
            "nilai_akhir": _score(ind.verified_value),
        })
    return {
        "group": {"no_aspek": aspect.id, "aspek": aspect.name},
        "rows": rows,
        # Lampiran 2 prints the verified aspect total under each aspect; the self total sits under Nilai
        "footer": {"label": f"Total Aspek {aspect.id}",
                   "cells": {"nilai": fmt(aspect.self_total), "nilai_akhir": fmt(aspect.verified_total)}},
    }


def _lampiran(report: WeightedReport, assessment: Assessment) -> dict:
    return {
        "title": f"Hasil Penilaian Mandiri {report.rubric.title} Tahun {assessment.year}",
        "columns": COLUMNS,
        "group_columns": ["no_aspek", "aspek"],
        "sections": [_section(a, assessment) for a in report.aspects],
        "totals": [{"label": s.label, "value": "–" if s.total is None else fmt(s.total)} for s in words.sides(report)],
    }


def _notices(report: WeightedReport) -> list[str]:
    rubric = report.rubric
    what = []
    if is_low(rubric) or is_low(rubric.scales.self_) or is_low(rubric.scales.verified):
        what.append(f"skala atau angka rubrik {rubric.title}")
    weights = [i.id for a in rubric.aspects for i in a.indicators if is_low(a) or is_low(i)]
    if weights:
        what.append(f"bobot indikator {', '.join(weights)}")
    notices = [low_notice(what, "total dan kategorinya adalah perkiraan")] if what else []
    bands = low_bands(rubric.bands)
    if bands:
        notices.append(low_notice([f"batas kategori {', '.join(bands)}"], "kategori adalah perkiraan"))
    return notices
