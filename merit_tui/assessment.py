"""Assessment files: what an instansi claimed and what the verifier found.

Keys are Indonesian because staff and verifiers read and edit these files.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from .rubric import Rubric, WeightedRubric, fmt
from .validation import Strict, suggest

Status = Literal["sesuai", "belum_sesuai", "belum_dinilai"]
Workflow = Literal["draf", "diajukan", "diverifikasi", "dikembalikan", "final"]

# Which response fields belong to which side; the store enforces roles with this.
SELF_FIELDS = ("skor", "status", "kondisi_saat_ini", "bukti_dukung", "dokumen")
VERIFIER_FIELDS = ("nilai_verifikasi", "status_verifikasi", "catatan", "rekomendasi")
WEIGHTED_ONLY = ("skor", "nilai_verifikasi")
COMPLIANCE_ONLY = ("status", "status_verifikasi", "rekomendasi")


class Response(Strict):
    id: str
    skor: Decimal | None = None
    status: Status | None = None
    kondisi_saat_ini: str | None = None
    bukti_dukung: str | None = None
    dokumen: list[str] = []
    nilai_verifikasi: Decimal | None = None
    status_verifikasi: Status | None = None
    catatan: str | None = None
    rekomendasi: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "", []) for f in SELF_FIELDS + VERIFIER_FIELDS)


class OfficialResult(Strict):
    """The index and letter as the verifying body published them."""

    indeks: Decimal
    kategori: str
    sumber: str | None = None


class Assessment(Strict):
    instansi: str = Field(min_length=1)
    tahun: int = Field(ge=2000, le=2100)
    rubrik: str = Field(min_length=1)
    versi_rubrik: str = Field(min_length=1)
    status: Workflow = "draf"
    target: Decimal | None = None
    sumber: str | None = None
    hasil_resmi: OfficialResult | None = None
    penilaian: list[Response] = []

    def responses(self) -> dict[str, Response]:
        return {r.id: r for r in self.penilaian}


def check_against_rubric(a: Assessment, rubric: Rubric) -> list[tuple[tuple[Any, ...], str]]:
    """Problems that only show once we know the rubric: ids, scales, fields of the wrong kind."""
    found: list[tuple[tuple[Any, ...], str]] = []
    ids = rubric.item_ids()
    known = set(ids)
    seen: set[str] = set()
    weighted = isinstance(rubric, WeightedRubric)
    what = "indikator" if weighted else "elemen"
    for i, r in enumerate(a.penilaian):
        if r.id not in known:
            found.append((("penilaian", i, "id"), f"{what} '{r.id}' tidak ada di rubrik {rubric.key}{suggest(r.id, ids)}"))
        if r.id in seen:
            found.append((("penilaian", i, "id"), f"{what} '{r.id}' muncul dua kali"))
        seen.add(r.id)
        wrong = COMPLIANCE_ONLY if weighted else WEIGHTED_ONLY
        for f in wrong:
            if getattr(r, f) is not None:
                found.append((("penilaian", i, f), f"'{f}' tidak berlaku untuk rubrik {rubric.kind} ({rubric.key})"))
        if isinstance(rubric, WeightedRubric):
            for f, scale in (("skor", rubric.scales.self_), ("nilai_verifikasi", rubric.scales.verified)):
                v = getattr(r, f)
                if v is not None and not scale.allows(v):
                    found.append((("penilaian", i, f), f"{scale.name} {fmt(v)} di luar skala {scale.describe()}"))
    return found
