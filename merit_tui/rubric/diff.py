"""What changes between two versions of a rubric: items added, removed and re-weighted."""

from __future__ import annotations

from ..numbers import fmt
from .models import Rubric


def diff(old: Rubric, new: Rubric) -> dict[str, list[str]]:
    before, after = old.weights(), new.weights()
    return {
        "ditambah": [i for i in after if i not in before],
        "dihapus": [i for i in before if i not in after],
        "bobot berubah": [f"{i} ({fmt(before[i])} → {fmt(after[i])})" for i in after if i in before and before[i] != after[i]],
    }


def describe(change: dict[str, list[str]]) -> str:
    return "; ".join(f"{k}: {', '.join(v)}" for k, v in change.items() if v) or "tidak ada perubahan butir"
