"""The summary of a maturity report, worded once for the CLI, the JSON and the screens.

Every result an unofficial number (confidence: low) feeds says so where it is shown: the index
("bobot sementara (belum resmi)"), every category ("batas kategori sementara") and the composite
("bobot komponen sementara").
"""

from __future__ import annotations

from typing import Any

from .numbers import fmt, plain
from .rubric.models import Band
from .scoring_maturity import (
    PROVISIONAL_BANDS,
    PROVISIONAL_COMPONENTS,
    PROVISIONAL_FORMULA,
    PROVISIONAL_WEIGHTS,
    Composite,
    MaturityReport,
    SideScore,
    shown,
)

SIDES = (("self", "mandiri"), ("verified", "verifikasi"))


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def category_note(r: MaturityReport) -> str:
    return PROVISIONAL_BANDS if r.provisional.bands else ""


def index_note(r: MaturityReport) -> str:
    return _join(PROVISIONAL_WEIGHTS if r.provisional.weights else "", category_note(r))


def composite_note(r: MaturityReport) -> str:
    return _join(PROVISIONAL_COMPONENTS if r.provisional.components else "", index_note(r))


def label(band: Band | None) -> str:
    return band.label if band else "–"


def missing_text(count: int, side: str = "self") -> str:
    if not count:
        return ""
    return f"{count} butir belum dinilai" if side == "self" else f"{count} butir belum diverifikasi"


def score_text(side: SideScore, which: str = "self") -> str:
    """48.51 (Menengah), with what is still missing; 'belum dinilai' before anything is scored."""
    if side.scored == 0 or side.value is None:
        return "belum dinilai" if which == "self" else "belum diverifikasi"
    missing = missing_text(side.missing, which)
    return f"{fmt(side.shown)} ({label(side.band)})" + (f", {missing}" if missing else "")


def composite_text(c: Composite) -> str:
    parts = " + ".join(f"{fmt(p.weight)} % × {'indeks' if p.from_index else p.id} {fmt(shown(p.value)) if p.value is not None else '?'}"
                       for p in c.components)
    if c.value is None:
        return f"belum dapat dihitung: belum ada nilai {', '.join(c.missing)} ({parts})"
    return f"{fmt(c.shown)} ({label(c.band)}) = {parts}"


def kind_text(r: MaturityReport) -> str:
    return f"{r.rubric.kind_name(r.agency_kind)}" + (" (disimpulkan dari nama instansi)" if r.kind_inferred else "")


def not_applicable(r: MaturityReport) -> list[str]:
    return [f"{i.id} ({i.reason})" for i in r.items if not i.applies]


def notes(r: MaturityReport) -> list[str]:
    p = r.provisional
    return [n for flag, n in ((p.weights, PROVISIONAL_WEIGHTS), (p.bands, PROVISIONAL_BANDS),
                              (p.components, PROVISIONAL_COMPONENTS), (p.formula, PROVISIONAL_FORMULA)) if flag]


def total_lines(r: MaturityReport) -> list[str]:
    """The index and composite of each side, and what is missing, in plain words."""
    out = []
    for side, word in SIDES:
        index: SideScore = getattr(r, side)
        note = index_note(r) if index.value is not None else ""
        out.append(f"Indeks kematangan {word}: {score_text(index, side)}" + (f" — {note}" if note else ""))
    for side, word in SIDES:
        c: Composite = getattr(r, f"{side}_composite")
        note = composite_note(r) if c.value is not None else ""
        out.append(f"Nilai komposit {word}: {composite_text(c)}" + (f" — {note}" if note else ""))
    return out


def warning_lines(r: MaturityReport) -> list[str]:
    out = []
    if r.unanswered_gates:
        out.append(f"Pertanyaan pembuka belum dijawab: {', '.join(r.unanswered_gates)} (butir yang diaturnya dihitung berlaku)")
    if r.needs_evidence:
        scores = {i.id: i.self_score for i in r.items}
        listed = ", ".join(f"{i} (skor {fmt(scores[i])})" for i in r.needs_evidence)
        out.append(f"Tanpa bukti dukung: {listed}; skor di atas {r.rubric.evidence_required_above} wajib disertai bukti dukung atau dokumen")
    return out


def table(r: MaturityReport) -> tuple[list[str], list[list[str]], set[int]]:
    """The aspect table: headers, rows, and which columns are numbers."""
    rows = [[a.id, a.name, f"{fmt(a.weight)} %" + ("*" if a.provisional else ""), str(a.applicable),
             fmt(a.self.shown) if a.self.scored else "–", label(a.self.band) if a.self.scored else "–",
             fmt(a.verified.shown) if a.verified.scored else "–", label(a.verified.band) if a.verified.scored else "–",
             f"{a.self.missing}/{a.verified.missing}"]
            for a in r.aspects]
    return ["No", "Aspek", "Bobot", "Butir", "Mandiri", "Kategori", "Verifikasi", "Kategori", "Belum m/v"], rows, {2, 3, 4, 6, 8}


def head_lines(r: MaturityReport) -> list[str]:
    return [f"Jenis instansi: {kind_text(r)}", ""]


def tail_lines(r: MaturityReport) -> list[str]:
    out = [f"* {PROVISIONAL_WEIGHTS}"] if any(a.provisional for a in r.aspects) else []
    out += [""] + total_lines(r)
    missing = not_applicable(r)
    if missing:
        out.append("Tidak berlaku: " + ", ".join(missing))
    out += warning_lines(r)
    if notes(r):
        out.append("Angka belum resmi: " + "; ".join(notes(r)))
    return out


def _side_json(side: SideScore, note: str) -> dict[str, Any]:
    return {"score": plain(side.shown) if side.scored else None, "category": side.band.category if side.band and side.scored else None,
            "label": side.band.label if side.band and side.scored else None, "scored": side.scored, "missing": side.missing,
            "note": (note or None) if side.scored else None}


def to_json(r: MaturityReport) -> dict[str, Any]:
    def composite(c: Composite) -> dict[str, Any]:
        return {"value": plain(c.shown), "category": c.band.category if c.band else None, "label": c.band.label if c.band else None,
                "missing": c.missing, "note": (composite_note(r) or None) if c.value is not None else None}

    return {
        "kind": "maturity",
        "agency_kind": r.agency_kind, "agency_kind_inferred": r.kind_inferred,
        "aspects": [{"id": a.id, "name": a.name, "weight": plain(a.weight), "weight_note": PROVISIONAL_WEIGHTS if a.provisional else None,
                     "applicable": a.applicable, "self": _side_json(a.self, category_note(r)),
                     "verified": _side_json(a.verified, category_note(r))} for a in r.aspects],
        "self": _side_json(r.self, index_note(r)),
        "verified": _side_json(r.verified, index_note(r)),
        "components": [{"id": p.id, "name": p.name, "weight": plain(p.weight), "weight_note": PROVISIONAL_COMPONENTS if p.provisional else None,
                        "value": plain(shown(p.value))} for p in r.self_composite.components if not p.from_index],
        "composite": {"self": composite(r.self_composite), "verified": composite(r.verified_composite)},
        "missing": {"self": r.self.missing, "verified": r.verified.missing},
        "not_applicable": {i.id: i.reason for i in r.items if not i.applies},
        "unanswered_gates": r.unanswered_gates,
        "needs_evidence": r.needs_evidence,
        "notes": notes(r),
    }
