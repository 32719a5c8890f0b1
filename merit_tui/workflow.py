"""The life of an assessment: who may move it from which status to which."""

from __future__ import annotations

STATUS_LABELS = {
    "draf": "Draf",
    "diajukan": "Diajukan",
    "diverifikasi": "Diverifikasi",
    "dikembalikan": "Dikembalikan",
    "final": "Final",
}

# (from, to) -> the role allowed to make that move
TRANSITIONS: dict[tuple[str, str], str] = {
    ("draf", "diajukan"): "penilai",
    ("dikembalikan", "diajukan"): "penilai",
    ("diajukan", "diverifikasi"): "verifikator",
    ("diajukan", "dikembalikan"): "verifikator",
    ("diverifikasi", "dikembalikan"): "verifikator",
    ("diverifikasi", "final"): "verifikator",
    ("final", "diverifikasi"): "verifikator",  # reopening a final result is explicit and logged
}


def allowed_moves(status: str, role: str) -> list[str]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == status and who == role]


def check_move(status: str, new: str, role: str) -> str | None:
    """None when the move is allowed, else the reason in Indonesian."""
    if new not in STATUS_LABELS:
        return f"status '{new}' tidak dikenal; pilih {', '.join(STATUS_LABELS)}"
    who = TRANSITIONS.get((status, new))
    if who is None:
        options = [to for (frm, to) in TRANSITIONS if frm == status]
        return f"dari status {status} tidak dapat ke {new}" + (f" (yang mungkin: {', '.join(options)})" if options else "")
    if who != role:
        return f"perubahan {status} → {new} hanya oleh {who}"
    return None
