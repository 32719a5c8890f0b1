"""Starting an assessment from an earlier one: what was written (kondisi, bukti, dokumen) comes
over, never a score.

From the same instrument, item by item. From another instrument, only through a mapping file
(`rubrics/mappings/*.yaml`: `from`, `to`, `items`: new item id -> the old item ids), which is
data with its own source, like a rubric. Several old items into one new item are joined, each
under a line naming the item it came from, so nobody mistakes whose text it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .assessment import Assessment, Response
from .errors import MeritError
from .model import Identifier, model
from .rubric.maturity import MaturityRubric
from .rubric.models import Confidence, Rubric
from .scoring_maturity import applicability
from .validation import validate
from .yamlio import load_path

AnyRubric = Rubric | MaturityRubric


@model({"from_id": "from", "to_id": "to"})
class Mapping:
    from_id: Identifier
    to_id: Identifier
    source: str | None = None
    confidence: Confidence | None = None
    items: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Carry:
    """The responses a new assessment starts with, and which of its items received text."""

    responses: list[Response]
    received: list[str]
    empty: list[str]
    mapping: Mapping | None = None


def load_mappings(files: list[Path]) -> list[Mapping]:
    """Every mapping file, validated (a broken one is refused with its file and line)."""
    return [validate(Mapping, load_path(f)) for f in files]


def sources_for(target: str, mappings: list[Mapping]) -> set[str]:
    """The instruments an assessment of `target` may start from: itself, and each mapped one."""
    return {target} | {m.from_id for m in mappings if m.to_id == target}


def mapping_problems(m: Mapping, old: AnyRubric, new: AnyRubric) -> list[str]:
    """Ids a mapping names that the two rubrics do not have (gates take no text over)."""
    problems = []
    new_ids, old_ids = set(new.item_ids()), set(old.item_ids())
    gates = {i.id for _, i in new.items() if i.is_gate} if isinstance(new, MaturityRubric) else set()
    for new_id, old_list in m.items.items():
        if new_id not in new_ids or new_id in gates:
            problems.append(f"butir '{new_id}' bukan butir berskor rubrik {new.key}")
        problems += [f"'{new_id}': indikator '{o}' tidak ada di rubrik {old.key}" for o in old_list if o not in old_ids]
    return problems


def carry(prev: Assessment, old: AnyRubric, new: AnyRubric, mappings: list[Mapping], kind: str | None = None) -> Carry:
    """What an assessment of `new` starts with; for a maturity rubric, only the items that apply
    to an agency of `kind` (gates not yet answered leave theirs applicable)."""
    scored = new.item_ids()
    if isinstance(new, MaturityRubric):
        reasons = applicability(new, kind or "", {}) if kind else {}
        scored = [i for i in new.scored_ids() if reasons.get(i) is None]
    if old.id == new.id:
        ids = set(new.item_ids())
        responses = [Response(id=r.id, condition=r.condition, evidence=r.evidence, documents=r.documents)
                     for r in prev.responses if r.id in ids]
        return _carry(responses, scored, None)
    mapping = next((m for m in mappings if m.from_id == old.id and m.to_id == new.id), None)
    if mapping is None:
        raise MeritError(f"tidak ada pemetaan dari {old.label} ({old.id}) ke {new.label} ({new.id}); "
                         "kondisi dan bukti hanya dibawa dari instrumen yang sama atau yang punya pemetaan")
    problems = mapping_problems(mapping, old, new)
    if problems:
        raise MeritError(f"pemetaan {old.id} → {new.id} tidak cocok dengan rubriknya: " + "; ".join(problems[:3]))
    before = prev.by_item()
    responses = []
    for new_id in (i for i in new.item_ids() if i in mapping.items):
        sources = [(o, before[o]) for o in mapping.items[new_id] if o in before]
        where = f"{old.label} {prev.year}, indikator"
        docs = list(dict.fromkeys(d for _, r in sources for d in r.documents))
        responses.append(Response(
            id=new_id,
            condition=_joined([(o, r.condition) for o, r in sources], where),
            evidence=_joined([(o, r.evidence) for o, r in sources], where),
            documents=docs,
        ))
    return _carry([r for r in responses if r.id in scored], scored, mapping)


def _joined(parts: list[tuple[str, str | None]], where: str) -> str | None:
    texts = [f"Dari {where} {old_id}:\n{text.strip()}" for old_id, text in parts if text and text.strip()]
    return "\n\n".join(texts) or None


def _carry(responses: list[Response], scored: list[str], mapping: Mapping | None) -> Carry:
    kept = [r for r in responses if not r.is_empty()]
    got = {r.id for r in kept}
    return Carry(kept, [i for i in scored if i in got], [i for i in scored if i not in got], mapping)


def carry_lines(carried: Carry | None, carry_from: int | None) -> list[str]:
    """Which items received kondisi, bukti or dokumen and which did not, as the CLI and the app say it."""
    if carried is None:
        return []
    how = f" lewat pemetaan {carried.mapping.from_id} → {carried.mapping.to_id}" if carried.mapping else ""
    return [
        f"Dibawa dari penilaian {carry_from}{how} (kondisi, bukti dukung, dokumen; tanpa skor):",
        f"  {len(carried.received)} butir menerima isi: {', '.join(carried.received) or '-'}",
        f"  {len(carried.empty)} butir tanpa isi: {', '.join(carried.empty) or '-'}",
    ]
