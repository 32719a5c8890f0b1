"""Seals in a database: the keys this database trusts, the seals made or received, and the state of
each assessment's latest seal (sah, kunci tidak dikenal, RUSAK with what changed)."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from typing import Any

from .. import policy
from ..assessment import Assessment
from ..errors import MeritError
from ..sealing import content
from ..trust.keys import PublicKey, SigningKey, normalize_fingerprint
from ..trust.seal import (
    Seal,
    SealCheck,
    check_seal,
    make_seal,
    seal_from_data,
    seal_to_data,
)
from ..vocab import Role
from .assessments import Assessments
from .connection import Database, now
from .events import EventLog, Head
from .rubrics import RubricRepository

SEALED = "segel"
TRUST = "kunci_dipercaya"
STATE_LABELS = {"sah": "sah", "kunci_tidak_dikenal": "kunci tidak dikenal", "rusak": "RUSAK"}


class Seals:
    def __init__(self, db: Database, rubrics: RubricRepository, assessments: Assessments, log: EventLog) -> None:
        self.db = db
        self.rubrics = rubrics
        self.assessments = assessments
        self.log = log

    # ---------- trusted keys ----------
    def trusted(self) -> list[dict[str, Any]]:
        return self.db.query("SELECT fingerprint, name, public_key, added_at, added_by FROM trusted_keys ORDER BY name")

    def fingerprints(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT fingerprint FROM trusted_keys")}

    def trust(self, key: PublicKey, who: str, role: str) -> bool:
        """Accept seals made with this key from now on; False if it was already trusted."""
        with self.db.transaction():
            if self.db.execute("SELECT 1 FROM trusted_keys WHERE fingerprint = ?", [key.fingerprint]).fetchone():
                return False
            self._add_trusted(key, who, role, None)
        return True

    def _add_trusted(self, key: PublicKey, who: str, role: str, note: str | None) -> None:
        self.db.execute(
            "INSERT INTO trusted_keys (fingerprint, name, public_key, added_at, added_by) VALUES (?, ?, ?, ?, ?)",
            [key.fingerprint, key.name, base64.b64encode(key.raw).decode("ascii"), now(), who],
        )
        self.log.append(None, who, role, None, TRUST, None, f"{key.name} ({key.fingerprint})", note, "kunci")

    def distrust(self, ref: str, who: str, role: str) -> str:
        """Stop trusting a key (by fingerprint or name); returns its name."""
        rows = [r for r in self.trusted() if r["name"] == ref]
        if not rows:  # not a name: a fingerprint, or its start
            rows = [r for r in self.trusted() if normalize_fingerprint(r["fingerprint"]).startswith(normalize_fingerprint(ref))]
        if len(rows) != 1:
            known = ", ".join(f"{r['name']} ({r['fingerprint']})" for r in self.trusted()) or "tidak ada"
            raise MeritError(f"kunci '{ref}' {'tidak ditemukan' if not rows else 'tidak unik'} di daftar kunci tepercaya (yang ada: {known})")
        row = rows[0]
        with self.db.transaction():
            self.db.execute("DELETE FROM trusted_keys WHERE fingerprint = ?", [row["fingerprint"]])
            self.log.append(None, who, role, None, TRUST, f"{row['name']} ({row['fingerprint']})", None, None, "kunci")
        return row["name"]

    # ---------- seals ----------
    def latest(self, aid: int) -> Seal | None:
        found = self._latest(aid)
        return found[0] if found else None

    def _latest(self, aid: int) -> tuple[Seal, bool] | None:
        """The latest seal and whether it was made in this database (else received in a file)."""
        row = self.db.execute("SELECT seal, made_here FROM seals WHERE assessment_id = ? ORDER BY id DESC LIMIT 1", [aid]).fetchone()
        return (seal_from_data(json.loads(row[0]), "<segel tersimpan>"), bool(row[1])) if row else None

    def content_of(self, a: Assessment, head: dict[str, str] | None) -> dict[str, Any]:
        pk = self.rubrics.pk(a.rubric_id, a.rubric_version)
        digest = self.rubrics.text(pk)[1] if pk is not None else "rubrik tidak ada di basis data ini"
        return content(a, digest, head)

    def check(self, aid: int) -> SealCheck | None:
        """The latest seal of a stored assessment against what is stored now."""
        found = self._latest(aid)
        if found is None:
            return None
        seal, made_here = found
        return self.check_against(seal, self.assessments.load(aid).assessment, in_this_log=made_here)

    def check_against(self, seal: Seal, a: Assessment, in_this_log: bool) -> SealCheck:
        """A seal against an assessment: stored here (`in_this_log`: the sealed log head must still
        be in this database's log) or read from a file (the head belongs to the sealer's log)."""
        head = seal.content.get("log")
        if in_this_log and isinstance(head, dict) and not self._has_head(head):
            head = {"id": str(head.get("id")), "hash": "tidak ada lagi di log ini (log dipotong atau dihitung ulang)"}
        return check_seal(seal, self.content_of(a, head), self.fingerprints())

    def _has_head(self, head: dict[str, Any]) -> bool:
        try:
            return self.log.contains(Head(int(head["id"]), str(head["hash"])))
        except (KeyError, TypeError, ValueError):
            return False

    def state(self, aid: int) -> str:
        """'' (no seal), sah, kunci_tidak_dikenal or rusak: what the list shows."""
        result = self.check(aid)
        return "" if result is None else result.state

    def seal(self, aid: int, key: SigningKey, who: str, role: str = Role.VERIFIER, at: datetime | None = None) -> Seal:
        """Sign the assessment as it is stored now, with the head of this database's log."""
        with self.db.transaction():
            status = self.assessments.row(aid)["status"]
            if (problem := policy.seal(role, status)) is not None:
                raise MeritError(problem)
            head = self.log.head()
            a = self.assessments.load(aid).assessment
            # signed in the key's name (the name its holder gave it and others trust), not the login's
            made = make_seal(self.content_of(a, head.to_data() if head else None), key, now=at or datetime.now(timezone.utc))
            self.store(aid, made, who, role, "segel", made_here=True)
            if key.public.fingerprint not in self.fingerprints():
                # the sealer's own database trusts the key it seals with (else its own list says "kunci tidak dikenal")
                self._add_trusted(key.public, who, role, "kunci sendiri, dipakai menyegel di basis data ini")
        return made

    def store(self, aid: int, seal: Seal, who: str, role: str, via: str, made_here: bool = False) -> None:
        """Keep a seal made here or received with an assessment (inside a transaction)."""
        self.db.execute(
            "INSERT INTO seals (assessment_id, seal, fingerprint, signer, signed_at, stored_at, made_here) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [aid, json.dumps(seal_to_data(seal), ensure_ascii=False), seal.fingerprint, seal.signer, seal.signed_at, now(), int(made_here)],
        )
        self.log.append(aid, who, role, None, SEALED, None, f"{seal.signer} ({seal.fingerprint}) {seal.signed_at}", None, via)
