"""Plain-text and JSON renderings of a score report (used by `merit score`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .assessment import Assessment
from .rubric import STATUS_LABELS, fmt
from .scoring import ComplianceReport, Report, WeightedReport, percent, points_to_next


def _num(value: Decimal | None) -> int | float | None:
    """A JSON number: integral values as ints, half points as exact binary floats."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _side_json(side) -> dict[str, Any]:
    return {
        "total": _num(side.total),
        "category": side.band.category if side.band else None,
        "label": side.band.label if side.band else None,
    }


def to_json(assessment: Assessment, report: Report) -> dict[str, Any]:
    head = {
        "assessment": {
            "instansi": assessment.instansi,
            "year": assessment.tahun,
            "rubric": assessment.rubrik,
            "rubric_version": assessment.versi_rubrik,
        }
    }
    if isinstance(report, WeightedReport):
        return head | {
            "ideal": _num(report.ideal),
            "self": _side_json(report.self),
            "verified": _side_json(report.verified),
            "gap": _num(report.gap),
            "missing": {"self": report.self.missing, "verified": report.verified.missing},
            "target": _num(report.target),
            "achievement_percent": _num(report.achievement),
            "aspects": [
                {
                    "id": a.id,
                    "name": a.name,
                    "ideal": _num(a.ideal),
                    "self": _num(a.self_total),
                    "verified": _num(a.verified_total),
                    "gap": _num(a.gap),
                }
                for a in report.aspects
            ],
        }
    return head | {
        "elements": [
            {"id": e.id, "name": e.name, "status": e.status, "verified_status": e.verified_status}
            for e in report.elements
        ],
        "counts": {"self": report.self.counts, "verified": report.verified.counts},
        "estimate": {
            "self": _num(report.self.estimate),
            "verified": _num(report.verified.estimate),
            "category": report.verified.band.category if report.verified.band else None,
            "note": "perkiraan dari bobot rubrik, bukan indeks resmi",
        },
        "official": {"index": _num(report.official_index), "category": report.official_category},
        "missing": {"self": report.self.counts["belum_dinilai"], "verified": report.verified.counts["belum_dinilai"]},
    }


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _band_text(side) -> str:
    if side.total is None:
        return "belum dinilai"
    return f"{fmt(side.total)} (Kategori {side.band.category}, {side.band.label})" if side.band else fmt(side.total)


def to_text(assessment: Assessment, report: Report) -> str:
    out = [f"{assessment.instansi} — {report.rubric.title} {assessment.tahun} ({assessment.rubrik} versi {assessment.versi_rubrik}, status {assessment.status})", ""]
    if isinstance(report, WeightedReport):
        rows = [
            [a.id, a.name, fmt(a.ideal), fmt(a.self_total), fmt(a.verified_total), fmt(a.gap), fmt(a.verified_percent) + " %"]
            for a in report.aspects
        ]
        rows.append(["", "Total", fmt(report.ideal), fmt(report.self.total or Decimal(0)), fmt(report.verified.total or Decimal(0)), fmt(report.gap), fmt(_pct(report)) + " %"])
        out += _table(["No", "Aspek", "Ideal", "Mandiri", "Verifikasi", "Selisih", "% Ideal (verif.)"], rows, {2, 3, 4, 5, 6})
        out.append("")
        out.append(f"Total Penilaian Mandiri       : {_band_text(report.self)}")
        out.append(f"Total Akhir (Hasil Verifikasi): {_band_text(report.verified)}")
        for label, side in (("mandiri", report.self), ("verifikasi", report.verified)):
            nxt = points_to_next(report.rubric, side.total)
            if nxt:
                out.append(f"Menuju Kategori {nxt[0].category} ({nxt[0].label}) dari nilai {label}: kurang {fmt(nxt[1])} poin")
        if report.achievement is not None:
            out.append(f"Capaian terhadap target {fmt(report.target)}: {fmt(report.achievement)} %")
        missing = []
        if report.self.missing:
            missing.append(f"{report.self.missing} indikator belum diberi skor mandiri")
        if report.verified.missing:
            missing.append(f"{report.verified.missing} indikator belum diverifikasi")
        if missing:
            out.append("Belum lengkap: " + "; ".join(missing) + f" (dari {report.total_items})")
        return "\n".join(out)
    return "\n".join(out + _compliance_text(report))


def _pct(report: WeightedReport) -> Decimal | None:
    return percent(report.verified.total or Decimal(0), report.ideal)


def _compliance_text(report: ComplianceReport) -> list[str]:
    rows = [[e.id, e.name, STATUS_LABELS[e.status], STATUS_LABELS[e.verified_status]] for e in report.elements]
    out = _table(["No", "Elemen", "Mandiri", "Hasil Verifikasi"], rows, set())
    out.append("")
    for label, side in (("Mandiri", report.self), ("Hasil verifikasi", report.verified)):
        c = side.counts
        line = f"{label}: {c['sesuai']} sesuai, {c['belum_sesuai']} belum sesuai, {c['belum_dinilai']} belum dinilai"
        if side.estimate is not None:
            line += f"; perkiraan kepatuhan {fmt(side.estimate)}"
            if side.band:
                line += f" ({side.band.category}, perkiraan)"
        out.append(line)
    if report.official_index is not None:
        out.append(f"Nilai Indeks resmi: {fmt(report.official_index)} (Kategori {report.official_category})")
    else:
        out.append("Nilai Indeks resmi: belum dicatat")
    return out


def bulk_json(head: tuple, t) -> dict[str, Any]:
    """One assessment of `merit score --all --json`."""
    aid, instansi, year, rubric_id, version = head
    return {
        "id": aid, "instansi": instansi, "year": year, "rubric": rubric_id, "rubric_version": version,
        "self": _side_json(t.self), "verified": _side_json(t.verified),
        "missing": {"self": t.self.missing, "verified": t.verified.missing},
        "estimate": _num(t.estimate),
    }
