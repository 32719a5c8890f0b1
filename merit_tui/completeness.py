"""What is still missing before a status move, so the user is asked before submitting half an
assessment or marking a quarter of one verified.

Advisory, not a rule: the policy (policy.py) says who may move what; this says what the move
would leave undone. The agency submitting (→ diajukan) should have scored every item that
applies, described its condition and given evidence; the verifier marking it verified or final
should have judged every item; returning it (→ dikembalikan) should say why.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assessment import Assessment
from .rubric import Rubric
from .rubric.maturity import MaturityRubric
from .scoring import ComplianceReport, WeightedReport, score
from .scoring_maturity import MaturityReport
from .vocab import Finding, Status

SHOWN = 8  # item ids listed before "dan N lainnya"


@dataclass(frozen=True)
class Shortfall:
    what: str  # "Skor mandiri belum diisi"
    items: list[str]  # the item ids, in rubric order; empty for a shortfall of the move itself
    total: int = 0  # how many items the count is out of

    def describe(self) -> str:
        if not self.items:
            return self.what
        shown = ", ".join(self.items[:SHOWN])
        more = f" dan {len(self.items) - SHOWN} lainnya" if len(self.items) > SHOWN else ""
        return f"{self.what}: {len(self.items)} dari {self.total} butir ({shown}{more})"


@dataclass(frozen=True)
class _Items:
    applicable: list[str]  # items that apply and take a score, in rubric order
    self_gaps: list[str]  # not yet scored (or answered, for a gate) by the agency
    verified_gaps: list[str]  # not yet judged by the verifier
    needs_evidence: set[str]  # items whose score, once given, needs bukti dukung or dokumen
    score_word: str  # "Skor mandiri" or "Status mandiri"


def _items(rubric: Rubric | MaturityRubric, a: Assessment) -> _Items:
    report = score(rubric, a)
    if isinstance(report, MaturityReport):
        items = [i for i in report.items if i.reason is None and not i.gate]
        above = report.rubric.evidence_required_above
        return _Items([i.id for i in items], list(report.unanswered_gates) + [i.id for i in items if i.self_score is None],
                      [i.id for i in items if i.verified_score is None],
                      {i.id for i in items if i.self_score is not None and i.self_score > above}, "Skor mandiri")
    if isinstance(report, WeightedReport):
        inds = [i for asp in report.aspects for i in asp.indicators]
        ids = [i.id for i in inds]
        return _Items(ids, [i.id for i in inds if i.self_score is None], [i.id for i in inds if i.verified_score is None],
                      set(ids), "Skor mandiri")
    assert isinstance(report, ComplianceReport)
    els = report.elements
    ids = [e.id for e in els]
    return _Items(ids, [e.id for e in els if e.self_status == Finding.UNJUDGED],
                  [e.id for e in els if e.verified_status == Finding.UNJUDGED], set(ids), "Status mandiri")


def shortfalls(rubric: Rubric | MaturityRubric, a: Assessment, new_status: str, note: str | None = None) -> list[Shortfall]:
    """What moving `a` to `new_status` would leave undone (empty: nothing)."""
    if new_status == Status.RETURNED:
        return [] if (note or "").strip() else [Shortfall("Catatan alasan dikembalikan kosong: instansi tidak tahu apa yang harus diperbaiki", [])]
    if new_status not in (Status.SUBMITTED, Status.VERIFIED, Status.FINAL):
        return []
    found = _items(rubric, a)
    total = len(found.applicable)
    if new_status != Status.SUBMITTED:
        return [Shortfall("Belum diverifikasi", found.verified_gaps, total)] if found.verified_gaps else []
    responses = a.by_item()
    no_condition = [i for i in found.applicable if not (i in responses and responses[i].condition)]
    no_evidence = [i for i in found.applicable if i in found.needs_evidence
                   and not (i in responses and (responses[i].evidence or responses[i].documents))]
    checks = ((f"{found.score_word} belum diisi", found.self_gaps), ("Kondisi saat ini kosong", no_condition),
              ("Tanpa bukti dukung atau dokumen", no_evidence))
    return [Shortfall(what, ids, total) for what, ids in checks if ids]
