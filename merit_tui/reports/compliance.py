"""The printed parts of a compliance instrument (Indeks Implementasi NSPK): counts, official result,
and the Lampiran as BKN's letter (Lampiran 1 of the seed) lays it out.

BKN's index cannot be rebuilt from the element statuses: the official index and category are
printed as recorded, and the workbench's own estimate is always called an estimate.
"""

from __future__ import annotations

from .. import summary as words
from ..assessment import Assessment
from ..numbers import fmt
from ..scoring import ComplianceReport, ComplianceSide, ElementResult
from ..vocab import FINDING_LETTER, Finding, field_label
from .parts import Parts, column, is_low, line, low_bands, low_notice

COLUMNS = [
    column("no", "No", 2, "center"),
    column("elemen", "Elemen Manajemen ASN", 14),
    column("hasil", "Telah Sesuai / Belum Sesuai dengan NSPK", 12),
    column("catatan", field_label("catatan"), 23),
    column("rekomendasi", field_label("rekomendasi"), 23),
]
# Lampiran 1 prints "Catatan: -" where BKN had nothing to say
NOTHING = "-"


def parts(report: ComplianceReport, assessment: Assessment) -> Parts:
    return Parts(_lines(report), None, _lampiran(report, assessment), _notices(report))


def _counts(label: str, side: ComplianceSide) -> dict[str, str]:
    c = side.counts
    rest = [f"{c[Finding.NOT_COMPLIANT]} belum sesuai"]
    if c[Finding.UNJUDGED]:
        rest.append(words.missing_text(c[Finding.UNJUDGED], "elemen"))
    return line(label, f"{c[Finding.COMPLIANT]} sesuai", ", ".join(rest))


def _estimate_note(side: ComplianceSide) -> str:
    return f"Kategori {side.band.category} (perkiraan)" if side.band else "perkiraan"


def _lines(report: ComplianceReport) -> list[dict[str, str]]:
    out = []
    for label, side in words.compliance_sides(report):
        if side.judged:
            out.append(_counts(label, side))
    if not out:
        out.append(line("Hasil verifikasi", "–", "belum ada elemen yang dinilai"))
    if report.official_index is None:
        out.append(line("Nilai Indeks resmi", "–", "belum dicatat"))
    else:
        out.append(line("Nilai Indeks resmi", fmt(report.official_index), f"Kategori {report.official_category}"))
    for label, side in words.compliance_sides(report):
        if side.estimate is not None:
            out.append(line(f"Perkiraan kepatuhan {label.lower()} (bukan indeks resmi)", fmt(side.estimate),
                            _estimate_note(side)))
    if report.self.estimate is not None and report.verified.estimate is not None:
        out.append(line("Selisih perkiraan mandiri − verifikasi", fmt(report.self.estimate - report.verified.estimate), "poin"))
    return out


def _finding(e: ElementResult) -> str:
    """BKN's finding; while BKN has not judged an element, the agency's own, marked as its own."""
    if e.verified_status != Finding.UNJUDGED or e.self_status == Finding.UNJUDGED:
        return FINDING_LETTER[Finding(e.verified_status)]
    return f"{FINDING_LETTER[Finding(e.self_status)]} (penilaian mandiri)"


def _lampiran(report: ComplianceReport, assessment: Assessment) -> dict:
    rows = [{
        "no": e.id,
        "elemen": e.name,
        "hasil": _finding(e),
        "catatan": e.note or NOTHING,
        "rekomendasi": e.recommendation or NOTHING,
    } for e in report.elements]
    official = report.official_index is not None
    return {
        "title": f"Catatan Penilaian {report.rubric.title} Tahun {assessment.year}",
        "columns": COLUMNS,
        "group_columns": [],
        "sections": [{"group": None, "rows": rows, "footer": None}],
        # as Lampiran 1 states the result: "Nilai Indeks 63 dengan Kategori B"
        "totals": [
            {"label": "Nilai Indeks", "value": fmt(report.official_index) if official else "belum dicatat"},
            {"label": "Kategori", "value": (report.official_category or "–") if official else "belum dicatat"},
        ],
    }


def _notices(report: ComplianceReport) -> list[str]:
    if report.self.estimate is None and report.verified.estimate is None:
        return []  # no estimate printed, so no uncertain number feeds one
    rubric = report.rubric
    what = []
    if rubric.weight_confidence == "low" or is_low(rubric) or any(is_low(e) for e in rubric.elements):
        what.append("bobot elemen")
    bands = low_bands(rubric.bands)
    if bands:
        what.append(f"batas kategori {', '.join(bands)}")
    if not what:
        return []
    return [low_notice(what, "perkiraan kepatuhan dan potensi kenaikan bukan indeks resmi BKN")]
