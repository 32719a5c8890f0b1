"""What the walk shows and takes, per instrument kind and role, as data.

The screen asks its `WalkSpec` for everything that differs between a weighted instrument (the
KASN merit index) and a compliance one (BKN's NSPK), and between the assessor and the verifier:
the tree, the item texts, the score field and its keys, the text fields, and how the other
side's values look. A new instrument kind is a new `Kind`; a new role a new entry in `SIDES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from rich.text import Text

from ...assessment import Response
from ...numbers import fmt
from ...rubric import ComplianceRubric, Rubric, WeightedRubric
from ...scoring import Report, WeightedReport
from ...vocab import FINDING_LABELS, Finding, Role
from ...widgets.labelled import labelled

TEXT_LABELS = {
    "kondisi": "Kondisi Saat Ini",
    "bukti": "Bukti Dukung",
    "dokumen": "Dokumen (satu nama berkas, jalur atau tautan per baris)",
    "catatan": "Catatan verifikator",
    "rekomendasi": "Rekomendasi",
}
# text area id -> response field, per role
TEXT_FIELDS = {
    Role.ASSESSOR: {"kondisi": "condition", "bukti": "evidence", "dokumen": "documents"},
    Role.VERIFIER: {"catatan": "note", "rekomendasi": "recommendation"},
}


@dataclass(frozen=True)
class ItemText:
    """How one item is introduced in the detail pane. Rich Text, never markup: rubric and
    response text may hold brackets and backslashes."""

    title: Text
    meta: Text
    levels: Text
    evidence: list[str]


@dataclass(frozen=True)
class Group:
    """A branch of the tree (an aspect), or None for a flat list of items."""

    id: str | None
    items: list[str]


@dataclass
class WalkSpec:
    rubric: Rubric
    role: Role
    score_field: str
    score_label: str
    choices: list[tuple[str, str]]  # (stored value, button label)
    text_fields: dict[str, str] = field(default_factory=dict)
    text_labels: dict[str, str] = field(default_factory=dict)
    # the parts that depend on the instrument kind
    groups: Callable[[], list[Group]] = lambda: []
    item_text: Callable[[str, Response], ItemText] = lambda item_id, r: ItemText(Text(), Text(), Text(), [])
    short: Callable[[Response], str] = lambda r: ""
    name: Callable[[str], str] = lambda item_id: item_id
    other_side: Callable[[str, Response], Text] = lambda item_id, r: Text()
    group_label: Callable[[Report, str], Text] | None = None
    key_value: Callable[[str], tuple[bool, str | None, str]] = lambda key: (False, None, "")
    picked: Callable[[Response], str | None] = lambda r: None  # the picker button shown as chosen
    has_gaps: bool = False  # the gap review applies (weighted scores on both sides)
    records_official: bool = False  # this side records the verifying body's own result
    # Instruments whose items differ in kind (maturity: gates answered y/t beside scored items,
    # items that do not apply) give these per item; None keeps the one score field for all.
    item_key: Callable[[str, str], tuple[bool, str, str | None, str]] | None = None
    item_label: Callable[[str, Response], Text | None] = lambda item_id, r: None
    item_done: Callable[[str, Response], bool] | None = None
    takes_score: Callable[[str], bool] = lambda item_id: True  # the score picker is shown
    relabel_all: bool = False  # one answer changes other items' labels (gates)

    @property
    def verifier(self) -> bool:
        return self.role == Role.VERIFIER

    def value_of(self, r: Response) -> object:
        return getattr(r, self.score_field)

    def done(self, item_id: str, r: Response) -> bool:
        return self.item_done(item_id, r) if self.item_done else self.value_of(r) is not None

    def key(self, item_id: str, key: str) -> tuple[bool, str, str | None, str]:
        """(handled, field, value to store, warning) for a key pressed on an item; x clears."""
        if self.item_key is not None:
            return self.item_key(item_id, key)
        if key == "x":
            return True, self.score_field, None, ""
        if not key.isdigit():
            return False, self.score_field, None, f"Tombol {key} hanya untuk pertanyaan ya/tidak (Sistem Merit 2026)"
        handled, value, warning = self.key_value(key)
        return handled, self.score_field, value, warning


def spec_for(rubric: Rubric, role: Role | str) -> WalkSpec:
    role = Role(role)
    if isinstance(rubric, WeightedRubric):
        return _weighted(rubric, role)
    assert isinstance(rubric, ComplianceRubric)
    return _compliance(rubric, role)


# ---------- weighted instruments (Sistem Merit) ----------

def _weighted(rubric: WeightedRubric, role: Role) -> WalkSpec:
    verifier = role == Role.VERIFIER
    scale = rubric.scales.verified if verifier else rubric.scales.self_
    mine = "verified_score" if verifier else "self_score"
    found = {i.id: (a, i) for a, i in rubric.indicators()}
    text_fields = dict(TEXT_FIELDS[role])
    if verifier:
        text_fields.pop("rekomendasi")

    def item_text(item_id: str, r: Response) -> ItemText:
        aspect, ind = found[item_id]
        value = getattr(r, mine)
        nilai = f" · nilai {fmt(ind.weight * value)}" if value is not None else ""
        lv = [f"{fmt(lvl.score)} = {lvl.name}" + (f": {lvl.description}" if lvl.description else "") for lvl in (ind.levels or scale.levels)]
        return ItemText(
            Text(f"{ind.id}  {ind.text}"),
            Text(f"Aspek {aspect.id}. {aspect.name} · Bobot {fmt(ind.weight)} · ideal {fmt(ind.weight * rubric.scales.self_.max)}{nilai}"),
            Text(f"{scale.name} {scale.describe()}, tekan angkanya" + ("\n" + "\n".join(lv) if lv else "")),
            ind.typical_evidence or aspect.typical_evidence,
        )

    def short(r: Response) -> str:
        value = fmt(r.self_score) if r.self_score is not None else "·"
        if r.verified_score is not None or verifier:
            value += "|" + (fmt(r.verified_score) if r.verified_score is not None else "·")
        return value

    def other_side(item_id: str, r: Response) -> Text:
        if verifier:
            return labelled(("Skor mandiri", fmt(r.self_score) if r.self_score is not None else "belum diisi"), *_assessor_common(r))
        if r.verified_score is None and not r.note:
            return labelled(("Tim Verifikasi", "belum diverifikasi"))
        weight = found[item_id][1].weight
        value = "–" if r.verified_score is None else f"{fmt(r.verified_score)} (nilai {fmt(weight * r.verified_score)})"
        return labelled(("Nilai Tim Verifikasi", value), ("Catatan", r.note or "–"))

    def group_label(report: Report, group_id: str) -> Text:
        assert isinstance(report, WeightedReport)
        a = next(x for x in report.aspects if x.id == group_id)
        # the numbers before the name, as the 2026 instrument does: a narrow list cuts the name, not them
        label = Text()
        label.append(f"{a.id}. ", style="bold")
        total, missing = (a.verified_total, a.verified_missing) if verifier else (a.self_total, a.self_missing)
        label.append(f"{fmt(total)}/{fmt(a.ideal)}", style="cyan")
        if missing:
            label.append(f" ({missing} belum)", style="yellow")
        label.append(f" {a.name}", style="bold")
        return label

    def key_value(key: str) -> tuple[bool, str | None, str]:
        """(handled, value to store, warning): digits on the scale score; off it nothing changes
        (0 used to clear the score silently; clearing is x)."""
        if scale.allows(Decimal(key)):
            return True, key, ""
        return False, None, f"Skor {key} di luar skala {scale.describe()}; hapus skor dengan x"

    return WalkSpec(
        rubric=rubric, role=role, score_field=mine,
        score_label=scale.name if verifier else "Skor mandiri",
        choices=[(fmt(v), fmt(v)) for v in scale.values()],
        text_fields=text_fields, text_labels={k: TEXT_LABELS[k] for k in text_fields},
        groups=lambda: [Group(a.id, [i.id for i in a.indicators]) for a in rubric.aspects],
        item_text=item_text, short=short, name=lambda item_id: found[item_id][1].text,
        other_side=other_side, group_label=group_label, key_value=key_value,
        picked=lambda r: None if getattr(r, mine) is None else fmt(getattr(r, mine)),
        has_gaps=True,
    )


# ---------- compliance instruments (NSPK) ----------

NSPK_KEYS = {"1": Finding.COMPLIANT.value, "2": Finding.NOT_COMPLIANT.value, "0": None}
SHORT = {Finding.COMPLIANT: "S", Finding.NOT_COMPLIANT: "B"}


def _compliance(rubric: ComplianceRubric, role: Role) -> WalkSpec:
    verifier = role == Role.VERIFIER
    elements = {e.id: e for e in rubric.elements}
    text_labels = {k: TEXT_LABELS[k] for k in TEXT_FIELDS[role]}
    if not verifier:
        text_labels["kondisi"] = "Kondisi saat ini / catatan penilai"

    def item_text(item_id: str, r: Response) -> ItemText:
        el = elements[item_id]
        return ItemText(
            Text(f"Elemen {el.id}  {el.name}"),
            Text(f"Bobot {fmt(rubric.weight(el))} (perkiraan)"),
            Text("1 = Sesuai dengan NSPK, 2 = Belum sesuai, 0 atau x = belum dinilai" + (" · o = catat Nilai Indeks resmi BKN" if verifier else "")),
            el.typical_evidence,
        )

    def short(r: Response) -> str:
        value = SHORT.get(r.self_status or "", "·")
        if r.verified_status is not None or verifier:
            value += "|" + SHORT.get(r.verified_status or "", "·")
        return value

    def other_side(item_id: str, r: Response) -> Text:
        if verifier:
            return labelled(("Status mandiri", FINDING_LABELS[r.self_status or Finding.UNJUDGED]), *_assessor_common(r))
        if r.verified_status is None and not r.note and not r.recommendation:
            return labelled(("Hasil verifikasi", "belum diverifikasi"))
        return labelled(("Hasil verifikasi", FINDING_LABELS[r.verified_status or Finding.UNJUDGED]),
                        ("Catatan", r.note or "–"), ("Rekomendasi", r.recommendation or "–"))

    return WalkSpec(
        rubric=rubric, role=role,
        score_field="verified_status" if verifier else "self_status",
        score_label="Status hasil verifikasi" if verifier else "Status mandiri",
        choices=[(Finding.COMPLIANT.value, "1 Sesuai"), (Finding.NOT_COMPLIANT.value, "2 Belum sesuai")],
        text_fields=dict(TEXT_FIELDS[role]), text_labels=text_labels,
        groups=lambda: [Group(None, list(elements))],
        item_text=item_text, short=short, name=lambda item_id: elements[item_id].name,
        other_side=other_side, group_label=None,
        picked=lambda r: r.verified_status if verifier else r.self_status,
        records_official=verifier,
        key_value=lambda key: (key in NSPK_KEYS, NSPK_KEYS.get(key), "" if key in NSPK_KEYS else f"Tombol {key} tidak dipakai: 1 sesuai, 2 belum sesuai, 0 atau x belum dinilai"),
    )


def _assessor_common(r: Response) -> list[tuple[str, str]]:
    rows = [("Kondisi Saat Ini", r.condition or "–"), ("Bukti Dukung", r.evidence or "–")]
    if r.documents:
        docs = "\n".join(f"  • {d.name}" + (f" (berkas {d.sha256[:8]}…, {d.size} bita)" if d.sha256 else "") for d in r.documents)
        rows.append(("Dokumen", "\n" + docs))
    return rows


def distinct_names(names: dict[str, str]) -> dict[str, str]:
    """Each item's name without the leading words it shares with another item ("Ketersediaan
    data kepegawaian…" and "Ketersediaan data pegawai…" become "…kepegawaian…" and
    "…pegawai…"), so that names cut to a narrow list still tell items apart. A name that would
    lose everything is kept whole; the detail pane always shows the full text."""
    words = {key: name.split() for key, name in names.items()}
    out = {}
    for key, mine in words.items():
        shared = 0
        for other_key, theirs in words.items():
            if other_key == key:
                continue
            n = 0
            while n < min(len(mine), len(theirs)) and mine[n].lower() == theirs[n].lower():
                n += 1
            shared = max(shared, n)
        out[key] = names[key] if shared == 0 or shared >= len(mine) else "…" + " ".join(mine[shared:])
    return out
