"""The life of an assessment: who may move it from which status to which."""

from __future__ import annotations

from .vocab import STATUS_LABELS, Role, Status

# (from, to) -> the role allowed to make that move
TRANSITIONS: dict[tuple[Status, Status], Role] = {
    (Status.DRAFT, Status.SUBMITTED): Role.ASSESSOR,
    (Status.RETURNED, Status.SUBMITTED): Role.ASSESSOR,
    (Status.SUBMITTED, Status.VERIFIED): Role.VERIFIER,
    (Status.SUBMITTED, Status.RETURNED): Role.VERIFIER,
    (Status.VERIFIED, Status.RETURNED): Role.VERIFIER,
    (Status.VERIFIED, Status.FINAL): Role.VERIFIER,
    (Status.FINAL, Status.VERIFIED): Role.VERIFIER,  # reopening a final result is explicit and logged
}


def allowed_moves(status: str, role: str) -> list[Status]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == status and who == role]


def check_move(status: str, new: str, role: str) -> str | None:
    """None when the move is allowed, else the reason in Indonesian."""
    if new not in STATUS_LABELS:
        return f"status '{new}' tidak dikenal; pilih {', '.join(Status)}"
    who = TRANSITIONS.get((Status(status), Status(new)))
    if who is None:
        options = [to for (frm, to) in TRANSITIONS if frm == status]
        return f"dari status {status} tidak dapat ke {new}" + (f" (yang mungkin: {', '.join(options)})" if options else "")
    if who != role:
        return f"perubahan {status} → {new} hanya oleh {who}"
    return None
