"""What a maturity rubric must satisfy beyond its shape, and what an assessment of one must.

Rubric: aspect and component weights sum to 100 %, every scored item has one criterion per
score of the scale, gates name existing ya/tidak items without cycles, agency kinds are known,
ids are used once, and every aspect keeps an item whatever the gates and the agency kind (so an
aspect score is always defined). Bands are checked for every kind in checks.py.

Each problem is (location in the file, message), as in checks.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..numbers import fmt
from .found import Found, duplicates
from .maturity import GATE, MaturityItem, MaturityRubric

if TYPE_CHECKING:
    from ..assessment import Assessment

HUNDRED = Decimal(100)


def rubric_problems(r: MaturityRubric) -> Found:
    found: Found = []
    if r.scale.min >= r.scale.max:
        found.append((("scale",), f"min {r.scale.min} harus lebih kecil dari max {r.scale.max}"))
    if not r.scale.min <= r.evidence_required_above <= r.scale.max:
        found.append((("evidence_required_above",), f"harus di dalam skala {r.scale.min}–{r.scale.max}"))
    duplicates(found, [(("agency_kinds", i, "id"), k.id) for i, k in enumerate(r.agency_kinds)], "jenis instansi")
    _components(r, found)
    _sum_100(found, ("aspects",), [a.weight for a in r.aspects], "bobot aspek")
    duplicates(found, [(("aspects", i, "id"), a.id) for i, a in enumerate(r.aspects)], "id aspek")
    duplicates(found, [(("aspects", i, "items", j, "id"), it.id) for i, a in enumerate(r.aspects) for j, it in enumerate(a.items)], "id butir")
    items = {it.id: it for _, it in r.items()}
    kinds = [k.id for k in r.agency_kinds]
    for i, a in enumerate(r.aspects):
        for j, it in enumerate(a.items):
            _item(r, it, ("aspects", i, "items", j), items, kinds, found)
        for kind in kinds:
            if not any(not it.is_gate and _always_applies(it, kind) for it in a.items):
                found.append((("aspects", i), f"aspek {a.id} tidak punya butir berskor yang selalu berlaku untuk "
                              f"{r.kind_name(kind)}; skor aspek tidak terdefinisi bila semua butirnya tidak berlaku"))
    return found


def _components(r: MaturityRubric, found: Found) -> None:
    _sum_100(found, ("components",), [c.weight for c in r.components], "bobot komponen")
    duplicates(found, [(("components", i, "id"), c.id) for i, c in enumerate(r.components)], "id komponen")
    if sum(1 for c in r.components if c.source_of == "index") != 1:
        found.append((("components",), "tepat satu komponen harus 'from: index' (indeks kematangan dari aspek)"))
    for i, c in enumerate(r.components):
        if c.survey is None:
            continue
        if c.source_of != "survey":
            found.append((("components", i, "survey"), "hanya komponen 'from: survey' yang punya definisi survei"))
        if c.survey.scale.min >= c.survey.scale.max:
            found.append((("components", i, "survey", "scale"), f"min {c.survey.scale.min} harus lebih kecil dari max {c.survey.scale.max}"))
        duplicates(found, [(("components", i, "survey", "questions", k, "id"), q.id) for k, q in enumerate(c.survey.questions)], "id butir survei")


def _item(r: MaturityRubric, it: MaturityItem, loc: tuple[Any, ...], items: dict[str, MaturityItem], kinds: list[str], found: Found) -> None:
    if it.is_gate:
        for key in ("levels", "typical_evidence", "indicator"):
            if getattr(it, key):
                found.append((loc + (key,), f"pertanyaan ya/tidak {it.id} tidak diberi skor, jadi tidak punya '{key}'"))
    else:
        scores = [lv.score for lv in it.levels]
        wanted = list(range(r.scale.min, r.scale.max + 1))
        if sorted(scores) != wanted:
            have = ", ".join(map(str, scores)) or "tidak ada"
            found.append((loc + ("levels",), f"butir {it.id}: kriteria harus untuk skor {r.scale.min} sampai {r.scale.max}, "
                          f"masing-masing sekali (tertulis: {have})"))
    for k, kind in enumerate(it.agency_kinds or []):
        if kind not in kinds:
            found.append((loc + ("agency_kinds", k), f"jenis instansi '{kind}' tidak dikenal; yang ada: {', '.join(kinds)}"))
    if it.agency_kinds is not None and not it.agency_kinds:
        found.append((loc + ("agency_kinds",), "tidak boleh kosong (hapus kuncinya bila butir berlaku untuk semua jenis instansi)"))
    gate = it.applies_if
    if gate is None:
        return
    target = items.get(gate.item)
    if target is None:
        found.append((loc + ("applies_if", "item"), f"butir '{gate.item}' tidak ada di rubrik"))
    elif not target.is_gate:
        found.append((loc + ("applies_if", "item"), f"butir '{gate.item}' bukan pertanyaan ya/tidak (type: {GATE})"))
    else:
        chain = _cycle(it, items)
        if chain:
            found.append((loc + ("applies_if", "item"), "siklus pertanyaan pembuka: " + " → ".join(chain)))


def _cycle(it: MaturityItem, items: dict[str, MaturityItem]) -> list[str] | None:
    """The chain of gates from `it` back to itself, if it is on a cycle."""
    chain, current = [it.id], it
    while current.applies_if is not None and current.applies_if.item in items:
        nxt = current.applies_if.item
        if nxt == it.id:
            return chain + [nxt]
        if nxt in chain:
            return None  # a cycle further up; reported at its own items
        chain.append(nxt)
        current = items[nxt]
    return None


def _always_applies(it: MaturityItem, kind: str) -> bool:
    return it.applies_if is None and (it.agency_kinds is None or kind in it.agency_kinds)


def _sum_100(found: Found, loc: tuple[Any, ...], weights: Iterable[Decimal], what: str) -> None:
    total = sum(weights, Decimal(0))
    if total != HUNDRED:
        found.append((loc, f"jumlah {what} {fmt(total)} %, harus tepat 100 %"))


# ---------- an assessment against its maturity rubric ----------

def assessment_problems(a: "Assessment", r: MaturityRubric) -> Found:
    """Scores on the scale and whole, answers only on gates, scores never on gates, a known
    agency kind, survey scores only for survey components. Scores on items that do not apply
    are kept (a gate may be answered again), and left out of every result."""
    found: Found = []
    kinds = [k.id for k in r.agency_kinds]
    if a.agency_kind is not None and a.agency_kind not in kinds:
        found.append((("jenis_instansi",), f"jenis instansi '{a.agency_kind}' tidak dikenal; pilih {', '.join(kinds)}"))
    surveys = [c.id for c in r.survey_components()]
    for cid in a.components:
        if cid not in surveys:
            found.append((("komponen", cid), f"'{cid}' bukan komponen survei rubrik {r.key} (yang ada: {', '.join(surveys) or 'tidak ada'})"))
    gates = {it.id for _, it in r.items() if it.is_gate}
    for i, resp in enumerate(a.responses):
        if resp.id in gates:
            for key, value in (("skor", resp.self_score), ("nilai_verifikasi", resp.verified_score)):
                if value is not None:
                    found.append((("penilaian", i, key), f"{resp.id} adalah pertanyaan ya/tidak: dijawab dengan 'jawaban', tidak diberi {key}"))
        elif resp.answer is not None:
            found.append((("penilaian", i, "jawaban"), f"{resp.id} bukan pertanyaan ya/tidak; 'jawaban' hanya untuk pertanyaan pembuka"))
        for key, value in (("skor", resp.self_score), ("nilai_verifikasi", resp.verified_score)):
            if value is not None and not (value == value.to_integral_value() and r.scale.min <= value <= r.scale.max):
                found.append((("penilaian", i, key), f"{key} {fmt(value)} di luar skala: bilangan bulat {r.scale.min}–{r.scale.max}"))
    return found
