"""The walk's Kind for maturity instruments (the 2026 Sistem Merit).

Items are of two sorts: gate questions answered ya/tidak with `y`/`t`, and items scored 0–4 with
the digits against five level criteria, the one met highlighted. An item a gate or the agency
kind excludes stays in the tree, dimmed, as "tidak berlaku: <reason>", so the user sees why a
question is gone and gets it back by answering the gate again; its labels change at once. A
score above 0 without bukti dukung or dokumen is flagged (never refused). Aspect labels carry
the aspect's score and category; every category says when its edges are provisional.
"""

from __future__ import annotations

import dataclasses

from rich.text import Text

from ...assessment import Assessment, Response
from ...numbers import fmt
from ...rubric.maturity import MaturityItem, MaturityRubric
from ...scoring import Report
from ...scoring_maturity import (
    PROVISIONAL_BANDS,
    PROVISIONAL_WEIGHTS,
    MaturityReport,
    score_maturity,
)
from ...vocab import GATE_ANSWERS, Role
from ...widgets.labelled import labelled
from .spec import TEXT_FIELDS, TEXT_LABELS, Group, ItemText, WalkSpec, _assessor_common

GATE_KEYS = {"y": "ya", "t": "tidak"}


def maturity_spec(rubric: MaturityRubric, role: Role, assessment: Assessment, responses: dict[str, Response]) -> WalkSpec:
    verifier = role == Role.VERIFIER
    mine = "verified_score" if verifier else "self_score"
    found = {it.id: (a, it) for a, it in rubric.items()}
    low, high = rubric.scale.min, rubric.scale.max
    text_fields = dict(TEXT_FIELDS[role])
    text_fields.pop("rekomendasi", None)
    cache: dict[tuple, MaturityReport] = {}

    def report() -> MaturityReport:
        """The report of what is on screen now (the screen's dict changes as the user works)."""
        key = tuple((r.id, r.answer, r.self_score, r.verified_score, bool(r.evidence or r.documents)) for r in responses.values())
        if key not in cache:
            cache.clear()
            cache[key] = score_maturity(rubric, dataclasses.replace(assessment, responses=list(responses.values())))
        return cache[key]

    def reason(item_id: str) -> str | None:
        return next(i.reason for i in report().items if i.id == item_id)

    def item_text(item_id: str, r: Response) -> ItemText:
        # compact at the top, so that at 80×24 the five criteria fit on screen under the item's
        # short name; the full question, the aspect's name and weight go below the criteria
        aspect, it = found[item_id]
        weight = f"Aspek {aspect.id}. {aspect.name} · bobot {fmt(aspect.weight)} %" + (f" ({PROVISIONAL_WEIGHTS})" if aspect.confidence == "low" else "")
        keys = "y/t" if it.is_gate else f"{low}–{high}"
        meta = Text(_aspect_line(report(), aspect.id, verifier) + ("" if verifier and it.is_gate else f" · tekan {keys}"))
        why = reason(item_id)
        if why:
            meta.append("\n")
            meta.append(f"Tidak berlaku: {why}", style="bold yellow")
            meta.append(" · tidak dihitung")
        if it.is_gate:
            governed = [i.id for _, i in rubric.items() if i.applies_if and i.applies_if.item == item_id]
            answer = GATE_ANSWERS.get(r.answer or "", "belum dijawab")
            meta.append("\nPertanyaan pembuka: ")
            meta.append(answer, style="bold")
            meta.append(f" · menentukan butir {', '.join(governed)}")
            how = "Dijawab penilai (y = ya, t = tidak)" if verifier else "Tekan y untuk ya, t untuk tidak (x: kosongkan)"
            return ItemText(Text(f"{it.id}  {it.text}"), meta, Text(how) + _notes(it, weight), [])
        if _needs_evidence(rubric, r) and not why:
            meta.append("\n")
            meta.append(f"⚠ Skor {fmt(r.self_score)} tanpa bukti dukung atau dokumen: skor di atas "
                        f"{rubric.evidence_required_above} wajib disertai bukti", style="bold yellow")
        title = Text(f"{it.id}  {it.sub_aspect or it.text}")
        return ItemText(title, meta, _levels(it, r, verifier) + _notes(it, weight), it.typical_evidence)

    def short(r: Response) -> str:
        if r.id in found and found[r.id][1].is_gate:
            return r.answer or "?"
        value = fmt(r.self_score) if r.self_score is not None else "·"
        if r.verified_score is not None or verifier:
            value += "|" + (fmt(r.verified_score) if r.verified_score is not None else "·")
        return value

    def item_label(item_id: str, r: Response) -> Text:
        it = found[item_id][1]
        why = reason(item_id)
        text = Text()
        if why:
            text.append(f"– {item_id} tidak berlaku: {why}", style="dim")
        else:
            warn = not it.is_gate and not verifier and _needs_evidence(rubric, r)
            mark = ("⚠ ", "yellow") if warn else (("✓ ", "green") if done(item_id, r) else ("○ ", "yellow"))
            text.append(mark[0], style=mark[1])
            text.append(f"{item_id} ", style="bold")
            text.append(f"[{short(r)}] ")
            text.append(("Pertanyaan pembuka: " if it.is_gate else "") + it.name)
        text.truncate(60, overflow="ellipsis")
        return text

    def done(item_id: str, r: Response) -> bool:
        it = found[item_id][1]
        if reason(item_id) is not None:
            return True  # nothing to do on an item that does not apply
        if it.is_gate:
            return r.answer is not None or verifier
        return getattr(r, mine) is not None

    def other_side(item_id: str, r: Response) -> Text:
        if found[item_id][1].is_gate:
            return Text() if not verifier else labelled(("Jawaban penilai", GATE_ANSWERS.get(r.answer or "", "belum dijawab")))
        if verifier:
            return labelled(("Skor mandiri", fmt(r.self_score) if r.self_score is not None else "belum diisi"), *_assessor_common(r))
        if r.verified_score is None and not r.note:
            return labelled(("Tim Verifikasi", "belum diverifikasi"))
        value = "–" if r.verified_score is None else fmt(r.verified_score)
        return labelled(("Nilai Tim Verifikasi", value), ("Catatan", r.note or "–"))

    def group_label(rep: Report, group_id: str) -> Text:
        assert isinstance(rep, MaturityReport)
        a = next(x for x in rep.aspects if x.id == group_id)
        side = a.verified if verifier else a.self
        label = Text()
        label.append(f"{a.id}. ", style="bold")
        if side.scored:
            star = "*" if rep.provisional.bands else ""
            label.append(f"{fmt(side.shown)} {side.band.label if side.band else ''}{star} ", style="cyan")
        else:
            label.append("– ", style="cyan")
        if side.missing:
            label.append(f"({side.missing} belum) ", style="yellow")
        label.append(a.name, style="bold")
        return label

    def item_key(item_id: str, key: str) -> tuple[bool, str, str | None, str]:
        it = found[item_id][1]
        if it.is_gate:
            if verifier:
                return False, "answer", None, "Pertanyaan pembuka dijawab penilai; verifikator melihatnya saja"
            if key in GATE_KEYS or key == "x":
                return True, "answer", GATE_KEYS.get(key), ""
            return False, "answer", None, "Pertanyaan ya/tidak: tekan y (ya) atau t (tidak)"
        if key in GATE_KEYS:
            return False, mine, None, "y dan t hanya untuk pertanyaan pembuka (ya/tidak)"
        if key == "x":
            return True, mine, None, ""
        why = reason(item_id)
        if why:
            return False, mine, None, f"Butir {item_id} tidak berlaku ({why}); skornya tidak dihitung"
        if key.isdigit() and low <= int(key) <= high:
            return True, mine, key, ""
        return False, mine, None, f"Skor {key} di luar skala {low}–{high}"

    return WalkSpec(
        rubric=rubric, role=role, score_field=mine,  # type: ignore[arg-type]
        score_label="Nilai Tim Verifikasi" if verifier else "Skor mandiri",
        choices=[(str(v), str(v)) for v in range(low, high + 1)],
        text_fields=text_fields, text_labels={k: TEXT_LABELS[k] for k in text_fields},
        groups=lambda: [Group(a.id, [i.id for i in a.items]) for a in rubric.aspects],
        item_text=item_text, short=short, name=lambda item_id: found[item_id][1].name,
        other_side=other_side, group_label=group_label,
        picked=lambda r: None if getattr(r, mine) is None else fmt(getattr(r, mine)),
        item_key=item_key, item_label=item_label, item_done=done,
        takes_score=lambda item_id: not found[item_id][1].is_gate and reason(item_id) is None,
        relabel_all=True,
    )


def _aspect_line(rep: MaturityReport, aspect_id: str, verifier: bool) -> str:
    a = next(x for x in rep.aspects if x.id == aspect_id)
    side = a.verified if verifier else a.self
    if not side.scored:
        return f"Aspek {a.id}: belum {'diverifikasi' if verifier else 'dinilai'}"
    band = f"{side.band.label}" + (f" ({PROVISIONAL_BANDS})" if rep.provisional.bands else "") if side.band else ""
    return f"Aspek {a.id}: {fmt(side.shown)} {band} · {side.missing}/{a.applicable} belum"


def _needs_evidence(rubric: MaturityRubric, r: Response) -> bool:
    return r.self_score is not None and r.self_score > rubric.evidence_required_above and not r.evidence and not r.documents


def _levels(it: MaturityItem, r: Response, verifier: bool) -> Text:
    """The five criteria, the met one highlighted (the verifier's own; the agency's marked)."""
    mine = r.verified_score if verifier else r.self_score
    out = Text()
    for i, level in enumerate(it.levels):
        if i:
            out.append("\n")
        text = f"{level.score}  {level.text}"
        if mine is not None and level.score == mine:
            out.append(f"▶ {text}", style="reverse bold")
        elif verifier and r.self_score is not None and level.score == r.self_score:
            out.append(f"  {text} ")
            out.append("(skor mandiri)", style="italic")
        else:
            out.append(f"  {text}")
    return out


def _notes(it: MaturityItem, weight: str) -> Text:
    parts = [f"Pertanyaan: {it.text}"] if it.sub_aspect and not it.is_gate else []
    parts.append(weight)
    if it.explanation:
        parts.append(f"Keterangan: {it.explanation}")
    if it.indicator:
        parts.append(f"Indikator (Lampiran I): {it.indicator}")
    if it.source:
        parts.append(f"Sumber: {it.source}")
    return Text("".join(f"\n\n{p}" for p in parts))
