"""The words of the domain, each defined once: roles, workflow states, NSPK findings, response
fields with their file keys and Indonesian labels.

Code names are English; the keys people read and write in YAML files (and that the database
columns and the event log use) are Indonesian, as documented in the README. This module is the
one place that maps one to the other. It imports nothing, so every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ASSESSOR = "penilai"
    VERIFIER = "verifikator"


ROLE_LABELS = {Role.ASSESSOR: "Penilai", Role.VERIFIER: "Verifikator"}


class Status(StrEnum):
    """Where an assessment is in its life."""

    DRAFT = "draf"
    SUBMITTED = "diajukan"
    VERIFIED = "diverifikasi"
    RETURNED = "dikembalikan"
    FINAL = "final"


STATUS_LABELS = {
    Status.DRAFT: "Draf",
    Status.SUBMITTED: "Diajukan",
    Status.VERIFIED: "Diverifikasi",
    Status.RETURNED: "Dikembalikan",
    Status.FINAL: "Final",
}


class Finding(StrEnum):
    """An NSPK element as judged by the agency or by BKN."""

    COMPLIANT = "sesuai"
    NOT_COMPLIANT = "belum_sesuai"
    UNJUDGED = "belum_dinilai"


FINDING_LABELS = {
    Finding.COMPLIANT: "Sesuai",
    Finding.NOT_COMPLIANT: "Belum sesuai",
    Finding.UNJUDGED: "Belum dinilai",
}
# as BKN's letter (Lampiran 1 of the seed) prints them
FINDING_LETTER = {
    Finding.COMPLIANT: "Telah Sesuai dengan NSPK",
    Finding.NOT_COMPLIANT: "Belum Sesuai dengan NSPK",
    Finding.UNJUDGED: "Belum dinilai",
}


class PlanStatus(StrEnum):
    PLANNED = "rencana"
    RUNNING = "berjalan"
    DONE = "selesai"


PLAN_STATUS_LABELS = {PlanStatus.PLANNED: "Rencana", PlanStatus.RUNNING: "Berjalan", PlanStatus.DONE: "Selesai"}
# What the agency edits in a rencana aksi row: code name -> column and log key, and label.
PLAN_KEYS = {"action": "rencana_aksi", "owner": "penanggung_jawab", "due": "target_waktu", "status": "status"}
PLAN_LABELS = {"action": "Rencana aksi", "owner": "Penanggung jawab", "due": "Target waktu", "status": "Status"}

WEIGHTED, COMPLIANCE, MATURITY = "weighted", "compliance", "maturity"
# the kinds as a user reads them (the file key `kind:` keeps the English word)
KIND_LABELS = {WEIGHTED: "berbobot", COMPLIANCE: "kepatuhan", MATURITY: "kematangan"}
GATE_ANSWERS = {"ya": "Ya", "tidak": "Tidak"}


@dataclass(frozen=True)
class Field:
    """One field of a response: its code name, its key in files, database and log, its label,
    whose side it is on and which instrument kinds have it."""

    name: str
    key: str
    label: str
    side: Role
    kinds: tuple[str, ...]
    type: str  # decimal, finding, answer, text, list

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds


RESPONSE_FIELDS = (
    Field("self_score", "skor", "Skor", Role.ASSESSOR, (WEIGHTED, MATURITY), "decimal"),
    Field("self_status", "status", "Status", Role.ASSESSOR, (COMPLIANCE,), "finding"),
    Field("answer", "jawaban", "Jawaban", Role.ASSESSOR, (MATURITY,), "answer"),
    Field("condition", "kondisi_saat_ini", "Kondisi Saat Ini", Role.ASSESSOR, (WEIGHTED, COMPLIANCE, MATURITY), "text"),
    Field("evidence", "bukti_dukung", "Bukti Dukung", Role.ASSESSOR, (WEIGHTED, COMPLIANCE, MATURITY), "text"),
    Field("documents", "dokumen", "Dokumen", Role.ASSESSOR, (WEIGHTED, COMPLIANCE, MATURITY), "list"),
    Field("verified_score", "nilai_verifikasi", "Nilai Tim Verifikasi", Role.VERIFIER, (WEIGHTED, MATURITY), "decimal"),
    Field("verified_status", "status_verifikasi", "Status hasil verifikasi", Role.VERIFIER, (COMPLIANCE,), "finding"),
    Field("note", "catatan", "Catatan", Role.VERIFIER, (WEIGHTED, COMPLIANCE, MATURITY), "text"),
    Field("recommendation", "rekomendasi", "Rekomendasi", Role.VERIFIER, (COMPLIANCE,), "text"),
)
FIELD_BY_NAME = {f.name: f for f in RESPONSE_FIELDS}
FIELD_BY_KEY = {f.key: f for f in RESPONSE_FIELDS}
SELF_FIELDS = tuple(f.name for f in RESPONSE_FIELDS if f.side is Role.ASSESSOR)
VERIFIER_FIELDS = tuple(f.name for f in RESPONSE_FIELDS if f.side is Role.VERIFIER)


def field_label(name_or_key: str) -> str:
    """The label of a response field given its code name or file key."""
    f = FIELD_BY_NAME.get(name_or_key) or FIELD_BY_KEY.get(name_or_key)
    return f.label if f else name_or_key


# Assessment-level keys: code name -> file key.
ASSESSMENT_KEYS = {
    "agency": "instansi",
    "year": "tahun",
    "rubric_id": "rubrik",
    "rubric_version": "versi_rubrik",
    "agency_kind": "jenis_instansi",
    "status": "status",
    "target": "target",
    "source": "sumber",
    "official": "hasil_resmi",
    "components": "komponen",
    "responses": "penilaian",
}
OFFICIAL_KEYS = {"index": "indeks", "category": "kategori", "source": "sumber"}
RESPONSE_KEYS = {"id": "id"} | {f.name: f.key for f in RESPONSE_FIELDS}
