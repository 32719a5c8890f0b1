"""Who may change what, and when: one rule book for every path that writes.

Each function answers for (role, action, status[, field]) with None (allowed) or the reason in
Indonesian. The store calls these inside its write transactions, after reading the status
there, on every path: field edits, status moves, the official result, plan edits, the bidang
mapping, imports (new and replacing), rubric upgrades, deletion, sealing and restore. The
screens ask the same functions to hide or disable what would be refused, and to say why.

Roles are declared (`--role`, F2), not authenticated: these rules keep honest people from
mistakes and make every change visible in the log. Only a verifier's seal proves who verified
which values (see trust/seal.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from .vocab import FIELD_BY_NAME, ROLE_LABELS, STATUS_LABELS, Role, Status, field_label
from .workflow import check_move

# where each side does its work
EDITABLE = {
    Role.ASSESSOR: (Status.DRAFT, Status.RETURNED),
    Role.VERIFIER: (Status.SUBMITTED, Status.VERIFIED),
}
SEALABLE = (Status.RETURNED, Status.VERIFIED, Status.FINAL)
FINAL_READ_ONLY = "penilaian berstatus final dan hanya dapat dibaca; verifikator dapat membukanya kembali (final → diverifikasi)"


def _statuses(statuses: Iterable[Status]) -> str:
    return " atau ".join(STATUS_LABELS[s].lower() for s in statuses)


def _role(role: str) -> Role | None:
    try:
        return Role(role)
    except ValueError:
        return None


def unknown_role(role: str) -> str | None:
    return None if _role(role) else f"peran '{role}' tidak dikenal; pilih {' atau '.join(Role)}"


def side_at(role: str, status: str) -> str | None:
    """May this role work on its own side of an assessment in this status?"""
    if (problem := unknown_role(role)) is not None:
        return problem
    if status == Status.FINAL:
        return FINAL_READ_ONLY
    allowed = EDITABLE[Role(role)]
    if status not in allowed:
        return (f"{ROLE_LABELS[Role(role)]} hanya dapat mengubah isiannya pada status {_statuses(allowed)}; "
                f"penilaian ini berstatus {status}")
    return None


def write_field(role: str, status: str, field: str) -> str | None:
    """One response field (code name), by this role, in this status."""
    if (problem := unknown_role(role)) is not None:
        return problem
    f = FIELD_BY_NAME.get(field)
    if f is None:
        return f"isian '{field}' tidak dikenal"
    if f.side != role:
        return f"{f.label} diisi oleh {ROLE_LABELS[f.side].lower()}, bukan {ROLE_LABELS[Role(role)].lower()}"
    return side_at(role, status)


def agency_value(role: str, status: str, what: str) -> str | None:
    """A value of the agency's side kept on the assessment itself (maturity: the agency kind, a
    survey component's score), set like its self-assessment."""
    if (problem := unknown_role(role)) is not None:
        return problem
    if role != Role.ASSESSOR:
        return f"{what} diisi oleh penilai, bukan {ROLE_LABELS[Role(role)].lower()}"
    return side_at(role, status)


def move(role: str, status: str, new: str) -> str | None:
    return unknown_role(role) or check_move(status, new, role)


def official(role: str, status: str) -> str | None:
    """The verifying body's own index and letter are the verifier's."""
    if (problem := unknown_role(role)) is not None:
        return problem
    if role != Role.VERIFIER:
        return "hasil resmi hanya dicatat oleh verifikator"
    return side_at(role, status)


def plan_edit(role: str) -> str | None:
    """The rencana aksi is the agency's own plan, drawn up once results are in: any status."""
    if (problem := unknown_role(role)) is not None:
        return problem
    return None if role == Role.ASSESSOR else "rencana aksi disusun oleh penilai (instansi), bukan verifikator"


def bidang(role: str) -> str | None:
    if (problem := unknown_role(role)) is not None:
        return problem
    return None if role == Role.ASSESSOR else "penanggung jawab per bidang diatur oleh penilai (instansi)"


def delete(role: str, status: str, verifier_fields: int) -> str | None:
    """Only a draft nobody has verified yet; its whole content stays in the log."""
    if (problem := unknown_role(role)) is not None:
        return problem
    if status != Status.DRAFT:
        return f"hanya penilaian berstatus draf yang dapat dihapus; yang ini berstatus {status}"
    if verifier_fields:
        return f"penilaian ini sudah memuat {verifier_fields} isian verifikator; tidak dapat dihapus"
    return None


def drop_values(role: str, status: str, fields: Iterable[str]) -> str | None:
    """A rubric upgrade that drops values is a write of each of them."""
    for name in sorted(set(fields)):
        if (problem := write_field(role, status, name)) is not None:
            return f"{field_label(name)}: {problem}"
    return None


def seal(role: str, status: str) -> str | None:
    if (problem := unknown_role(role)) is not None:
        return problem
    if role != Role.VERIFIER:
        return "segel verifikasi dibuat oleh verifikator"
    if status not in SEALABLE:
        return f"segel dibuat pada status {_statuses(SEALABLE)}; penilaian ini berstatus {status}"
    return None


def import_changes(role: str, stored_status: str | None, new_status: str, changed_fields: Iterable[str],
                   official_changed: bool, sealed: bool, agency_values: Iterable[str] = ()) -> list[str]:
    """What an import may not change, as a list of reasons (empty: allowed).

    `changed_fields` are the code names of the response fields the file would change (all of
    them, for a new assessment); `sealed` says the file carries a seal that is sah with a key
    this database trusts, which is how verifier values reach an agency's database;
    `agency_values` names the agency's values on the assessment itself that would change
    (target, jenis instansi, komponen survei), which follow the rules of its own side."""
    if (problem := unknown_role(role)) is not None:
        return [problem]
    problems = []
    changed = set(changed_fields)
    verifier = sorted(f for f in changed if FIELD_BY_NAME[f].side == Role.VERIFIER)
    own_side = [field_label(f) for f in sorted(changed) if FIELD_BY_NAME[f].side == Role.ASSESSOR] + list(agency_values)
    new = stored_status is None
    if role == Role.ASSESSOR:
        if (verifier or official_changed) and not sealed:
            what = [field_label(f) for f in verifier] + (["hasil resmi"] if official_changed else [])
            problems.append("isian verifikator tanpa segel sah dari kunci yang dipercaya: " + ", ".join(what))
        if new:
            if not sealed and _rank(new_status) > _rank(Status.SUBMITTED):
                problems.append(f"status '{new_status}' hanya dapat datang dari verifikator bersegel; penilai mengimpor paling jauh 'diajukan'")
        else:
            if own_side and stored_status not in EDITABLE[Role.ASSESSOR]:
                problems.append(f"isian penilai hanya dapat diganti pada status {_statuses(EDITABLE[Role.ASSESSOR])}; tersimpan berstatus {stored_status}: "
                                + ", ".join(own_side))
            if new_status != stored_status and not sealed and (reason := check_move(stored_status, new_status, role)):
                problems.append(reason)
    else:
        if not new:
            if verifier and stored_status not in EDITABLE[Role.VERIFIER]:
                problems.append(f"isian verifikator hanya dapat diganti pada status {_statuses(EDITABLE[Role.VERIFIER])}; tersimpan berstatus {stored_status}")
            # the agency's corrected resubmission replaces its own side in the verifier's database
            if own_side and not (new_status == Status.SUBMITTED and stored_status in (Status.RETURNED, Status.SUBMITTED)):
                problems.append("isian penilai hanya diterima dari paket instansi yang diajukan kembali (status diajukan): "
                                + ", ".join(own_side))
            if new_status != stored_status and new_status != Status.SUBMITTED and (reason := check_move(stored_status, new_status, role)):
                problems.append(reason)
    return problems


def _rank(status: str) -> int:
    order = (Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.VERIFIED, Status.FINAL)
    return order.index(Status(status)) if status in tuple(Status) else len(order)


def rules_table() -> list[tuple[str, str, str]]:
    """The rules as README prints them: (what, who, when)."""
    assessor, verifier = ROLE_LABELS[Role.ASSESSOR], ROLE_LABELS[Role.VERIFIER]
    return [
        ("Isian penilai (skor mandiri, status mandiri, jawaban pertanyaan pembuka, kondisi, bukti, dokumen; "
         "pada instrumen 2026 juga jenis instansi dan skor komponen survei)", assessor, _statuses(EDITABLE[Role.ASSESSOR])),
        ("Isian verifikator (Nilai Tim Verifikasi, status hasil verifikasi, catatan, rekomendasi)", verifier, _statuses(EDITABLE[Role.VERIFIER])),
        ("Hasil resmi (indeks dan kategori)", verifier, _statuses(EDITABLE[Role.VERIFIER])),
        ("Status: draf/dikembalikan → diajukan", assessor, "draf atau dikembalikan"),
        ("Status: diajukan → diverifikasi/dikembalikan; diverifikasi → final; final → diverifikasi (membuka kembali)", verifier, "sesuai alur"),
        ("Segel verifikasi", verifier, _statuses(SEALABLE)),
        ("Rencana aksi dan penanggung jawab per bidang", assessor, "kapan saja"),
        ("Hapus penilaian (isinya tetap di log; dapat dipulihkan)", "keduanya", "draf tanpa isian verifikator"),
        ("Pindah versi rubrik (nilai yang terbuang tetap di log)", "keduanya", "hanya bila setiap nilai yang terbuang boleh diubah perannya"),
        ("Impor isian verifikator ke basis data instansi", assessor, "hanya dengan segel sah dari kunci yang dipercaya"),
        ("Penilaian berstatus final", "tidak seorang pun", "sampai verifikator membukanya kembali"),
    ]
