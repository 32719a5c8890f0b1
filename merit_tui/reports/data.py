"""The report-data dict every renderer takes (see reports/contract.py), built from the core's pieces.

Scoring, the summary wording, the plan and its "Jalan ke kategori berikutnya", numbers as the
seed prints them and the labels in vocab.py: nothing is computed twice here. What differs per
instrument kind is in one function per kind, found in `reports.kinds`.

No store access happens while rendering: `for_stored` reads everything first, so the app can build
the dict on its main thread and render it in a worker.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..assessment import Assessment
from ..exports.plan import path_lines
from ..numbers import fmt
from ..plan import Plan, PlanRow, build_plan
from ..rubric import Rubric
from ..scoring import score
from ..vocab import FIELD_BY_NAME, PLAN_LABELS, PLAN_STATUS_LABELS, STATUS_LABELS
from . import settings
from .kinds import kind_parts
from .parts import column, has_groups

if TYPE_CHECKING:
    from ..store import Store

PATHS_TITLE = "Jalan ke kategori berikutnya"


def _head(assessment: Assessment, rubric: Rubric, aid: int | None) -> dict[str, Any]:
    return {
        "id": aid,
        "instansi": assessment.agency,
        "tahun": assessment.year,
        "status": STATUS_LABELS.get(assessment.status, assessment.status),
        "instrument": rubric.title,
        "rubric": rubric.id,
        "rubric_version": rubric.version,
        "kind": rubric.kind,
    }


def _plan_columns(rubric: Rubric) -> list[dict[str, Any]]:
    grouped = has_groups(rubric)
    cols = [
        column("no", "No", 2, "right"),
        column("butir", "Aspek · Indikator", 22) if grouped else column("butir", "Elemen", 12),
        column("mandiri", "Mandiri", 4, "right"),
        column("verifikasi", "Verifikasi", 4, "right"),
        column("potensi", "Potensi kenaikan", 5, "right"),
        column("catatan", "Catatan verifikator", 20),
    ]
    # a column only where the instrument has the field: Sistem Merit has no rekomendasi
    if FIELD_BY_NAME["recommendation"].applies_to(rubric.kind):
        cols.append(column("rekomendasi", "Rekomendasi", 18))
    return cols + [
        column("rencana_aksi", PLAN_LABELS["action"], 18),
        column("penanggung_jawab", PLAN_LABELS["owner"], 14),
        column("target_waktu", PLAN_LABELS["due"], 6),
        column("status", PLAN_LABELS["status"], 5),
    ]


def _butir(row: PlanRow) -> str:
    item = f"{row.item_id} {row.item_text}"
    # an NSPK element is its own group: "6 Pola Karier", not "6. Pola Karier · 6 Pola Karier"
    return item if row.group_id == row.item_id else f"{row.group_id}. {row.group_name} · {item}"


def _plan_status(value: str) -> str:
    return PLAN_STATUS_LABELS.get(value, value)


def plan_part(plan: Plan) -> dict[str, Any]:
    return {
        # the heading above already says "Rencana Aksi"
        "title": f"{plan.rubric.title} {plan.assessment.year} — {plan.assessment.agency}",
        "paths_title": PATHS_TITLE,
        "paths": path_lines(plan),
        "columns": _plan_columns(plan.rubric),
        "rows": [{
            "no": str(r.no),
            "butir": _butir(r),
            "mandiri": r.self_score or "–",
            "verifikasi": r.verified_score or "–",
            "potensi": fmt(r.potential),
            "catatan": r.note,
            "rekomendasi": r.recommendation,
            "rencana_aksi": r.action,
            "penanggung_jawab": r.owner,
            "target_waktu": r.due,
            "status": _plan_status(r.status),
        } for r in plan.rows],
    }


def report_data(assessment: Assessment, rubric: Rubric, plan: Plan, signature: dict[str, Any],
                seal: dict | None = None, aid: int | None = None) -> dict[str, Any]:
    """The whole report: first page, Lampiran, rencana aksi, signature block.

    `seal` is the verification seal's state and one line of text ({"state": "sah", "text": …}),
    filled in by the trust work; printed on the first page when given.
    """
    report = score(rubric, assessment)
    parts = kind_parts(report, assessment)
    return {
        "assessment": _head(assessment, rubric, aid),
        "summary": {"lines": parts.lines},
        "chart": parts.chart,
        "lampiran": {"label": "Lampiran", **parts.lampiran},
        "plan": plan_part(plan),
        "signature": signature,
        "seal": seal,
        "notices": parts.notices,
    }


def plan_data(assessment: Assessment, rubric: Rubric, plan: Plan, signature: dict[str, Any],
              seal: dict | None = None, aid: int | None = None) -> dict[str, Any]:
    """The rencana aksi alone, for the head of the agency to sign."""
    data = report_data(assessment, rubric, plan, signature, seal, aid)
    return {k: data[k] for k in ("assessment", "plan", "signature", "seal", "notices")}


def for_stored(store: "Store", aid: int, plan_only: bool = False, today: date | None = None,
               seal: dict | None = None) -> dict[str, Any]:
    """The report (or the plan alone) of a stored assessment, with the agency's signature settings
    and the state of its seal."""
    loaded = store.load(aid)
    seal = seal if seal is not None else seal_info(store, aid)
    signature = settings.signature(settings.values(store), today or date.today())
    build = plan_data if plan_only else report_data
    plan = build_plan(loaded.rubric, loaded.assessment, store.plan_edits(aid), store.responsible(loaded.rubric.id))
    return build(loaded.assessment, loaded.rubric, plan, signature, seal, aid)


def seal_info(store: "Store", aid: int) -> dict[str, str] | None:
    """The seal's state and one line saying so, for the first page; None when never sealed."""
    if not store.sealed(aid):
        return None
    check = store.seal_check(aid)
    return None if check is None else {"state": check.state, "text": check.describe()}
