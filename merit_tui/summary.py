"""The summary of a score report, worded once: the totals with their categories, what is still
missing, the gap, the target, the NSPK counts and the official result. The CLI, the summary and
gap screens, the exports and the printed reports all take their wording from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import summary_maturity as maturity
from .assessment import Assessment
from .numbers import fmt, pct, percent, plain
from .rubric.models import Band
from .scoring import (
    ComplianceReport,
    ComplianceSide,
    Report,
    Side,
    WeightedReport,
    points_to_next,
)
from .scoring_maturity import MaturityReport
from .vocab import FINDING_LABELS, Finding


@dataclass(frozen=True)
class SideSummary:
    """One side of a weighted report as people read it."""

    label: str  # as Lampiran 2 prints it
    short: str
    total: Decimal | None
    band: Band | None
    ideal: Decimal
    next_band: Band | None
    to_next: Decimal | None
    missing: int


def sides(report: WeightedReport) -> list[SideSummary]:
    out = []
    for label, short, side in (("Total Penilaian Mandiri", "Mandiri", report.self),
                               ("Total Akhir (Hasil Verifikasi)", "Verifikasi", report.verified)):
        nxt = points_to_next(report.rubric, side.total)
        out.append(SideSummary(label, short, side.total, side.band, report.ideal,
                               nxt[0] if nxt else None, nxt[1] if nxt else None, side.missing))
    return out


def band_text(band: Band | None) -> str:
    return f"Kategori {band.category} ({band.label})" if band else ""


def side_text(side: Side | SideSummary) -> str:
    """299.5 (Kategori III, Baik), or 'belum dinilai'."""
    if side.total is None:
        return "belum dinilai"
    return f"{fmt(side.total)} (Kategori {side.band.category}, {side.band.label})" if side.band else fmt(side.total)


def next_text(s: SideSummary) -> str:
    return f"kurang {fmt(s.to_next)} poin menuju {band_text(s.next_band)}" if s.next_band else ""


def missing_text(count: int, what: str = "indikator") -> str:
    return f"{count} {what} belum dinilai" if count else ""


def gap_text(report: WeightedReport) -> str:
    return f"{fmt(report.gap)} poin"


def achievement_label(report: WeightedReport) -> str:
    return f"Capaian terhadap target {fmt(report.target)}"


def counts_text(side: ComplianceSide) -> str:
    c = side.counts
    return f"{c[Finding.COMPLIANT]} sesuai, {c[Finding.NOT_COMPLIANT]} belum sesuai, {c[Finding.UNJUDGED]} belum dinilai"


def estimate_text(side: ComplianceSide) -> str:
    """The compliance estimate, always called an estimate: BKN's index cannot be rebuilt."""
    if side.estimate is None:
        return ""
    return f"perkiraan kepatuhan {fmt(side.estimate)}" + (f" ({side.band.category}, perkiraan)" if side.band else "")


def official_text(report: ComplianceReport) -> str:
    if report.official_index is None:
        return "belum dicatat"
    return f"{fmt(report.official_index)} (Kategori {report.official_category})"


def compliance_sides(report: ComplianceReport) -> list[tuple[str, ComplianceSide]]:
    return [("Mandiri", report.self), ("Hasil verifikasi", report.verified)]


# ---------- the CLI's renderings ----------

def _side_json(side: Side) -> dict[str, Any]:
    return {
        "total": plain(side.total),
        "category": side.band.category if side.band else None,
        "label": side.band.label if side.band else None,
    }


def to_json(assessment: Assessment, report: Report) -> dict[str, Any]:
    head = {
        "assessment": {
            "instansi": assessment.agency,
            "year": assessment.year,
            "rubric": assessment.rubric_id,
            "rubric_version": assessment.rubric_version,
        }
    }
    if isinstance(report, MaturityReport):
        return head | maturity.to_json(report)
    if isinstance(report, WeightedReport):
        return head | {
            "ideal": plain(report.ideal),
            "self": _side_json(report.self),
            "verified": _side_json(report.verified),
            "gap": plain(report.gap),
            "missing": {"self": report.self.missing, "verified": report.verified.missing},
            "target": plain(report.target),
            "achievement_percent": plain(report.achievement),
            "aspects": [
                {"id": a.id, "name": a.name, "ideal": plain(a.ideal), "self": plain(a.self_total),
                 "verified": plain(a.verified_total), "gap": plain(a.gap)}
                for a in report.aspects
            ],
        }
    return head | {
        "elements": [
            {"id": e.id, "name": e.name, "status": e.self_status, "verified_status": e.verified_status}
            for e in report.elements
        ],
        "counts": {"self": report.self.counts, "verified": report.verified.counts},
        "estimate": {
            "self": plain(report.self.estimate),
            "verified": plain(report.verified.estimate),
            "category": report.verified.band.category if report.verified.band else None,
            "note": "perkiraan dari bobot rubrik, bukan indeks resmi",
        },
        "official": {"index": plain(report.official_index), "category": report.official_category},
        "missing": {"self": report.self.counts[Finding.UNJUDGED], "verified": report.verified.counts[Finding.UNJUDGED]},
    }


def text_table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def to_text(assessment: Assessment, report: Report) -> str:
    a = assessment
    out = [f"{a.agency} — {report.rubric.title} {a.year} ({a.rubric_id} versi {a.rubric_version}, status {a.status})", ""]
    if isinstance(report, MaturityReport):
        return "\n".join(out + maturity.head_lines(report) + text_table(*maturity.table(report)) + maturity.tail_lines(report))
    if isinstance(report, WeightedReport):
        return "\n".join(out + _weighted_text(report))
    return "\n".join(out + _compliance_text(report))


def _weighted_text(report: WeightedReport) -> list[str]:
    rows = [
        [a.id, a.name, fmt(a.ideal), fmt(a.self_total), fmt(a.verified_total), fmt(a.gap), pct(a.verified_percent)]
        for a in report.aspects
    ]
    rows.append(["", "Total", fmt(report.ideal), fmt(report.self.total or Decimal(0)), fmt(report.verified.total or Decimal(0)),
                 fmt(report.gap), pct(percent(report.verified.total or Decimal(0), report.ideal))])
    out = text_table(["No", "Aspek", "Ideal", "Mandiri", "Verifikasi", "Selisih", "% Ideal (verif.)"], rows, {2, 3, 4, 5, 6})
    out.append("")
    both = sides(report)
    for s in both:
        out.append(f"{s.label:<30}: {side_text(s)}")
    for s, word in zip(both, ("mandiri", "verifikasi")):
        if s.next_band:
            out.append(f"Menuju Kategori {s.next_band.category} ({s.next_band.label}) dari nilai {word}: kurang {fmt(s.to_next)} poin")
    if report.achievement is not None:
        out.append(f"{achievement_label(report)}: {pct(report.achievement)}")
    missing = []
    if report.self.missing:
        missing.append(f"{report.self.missing} indikator belum diberi skor mandiri")
    if report.verified.missing:
        missing.append(f"{report.verified.missing} indikator belum diverifikasi")
    if missing:
        out.append("Belum lengkap: " + "; ".join(missing) + f" (dari {report.total_items})")
    return out


def _compliance_text(report: ComplianceReport) -> list[str]:
    rows = [[e.id, e.name, FINDING_LABELS[e.self_status], FINDING_LABELS[e.verified_status]] for e in report.elements]
    out = text_table(["No", "Elemen", "Mandiri", "Hasil Verifikasi"], rows, set())
    out.append("")
    for label, side in compliance_sides(report):
        estimate = estimate_text(side)
        out.append(f"{label}: {counts_text(side)}" + (f"; {estimate}" if estimate else ""))
    out.append(f"Nilai Indeks resmi: {official_text(report)}")
    return out


def bulk_json(head: tuple, t) -> dict[str, Any]:
    """One assessment of `merit score --all --json`."""
    aid, instansi, year, rubric_id, version = head
    return {
        "id": aid, "instansi": instansi, "year": year, "rubric": rubric_id, "rubric_version": version,
        "self": _side_json(t.self), "verified": _side_json(t.verified),
        "missing": {"self": t.self.missing, "verified": t.verified.missing},
        "estimate": plain(t.estimate),
    } | ({"notes": list(t.notes)} if t.notes else {})
