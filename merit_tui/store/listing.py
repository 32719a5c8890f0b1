"""The list of assessments as Beranda and `merit list` show it: a page of rows at a time, read
from the totals cache; no rubric, model or YAML is needed to list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..numbers import parse
from .connection import Database, id_list


@dataclass(frozen=True)
class AssessmentRow:
    """One line of the assessment list, with progress."""

    id: int
    agency: str
    year: int
    rubric_id: str
    rubric_version: str
    title: str
    kind: str
    status: str
    items: int
    self_done: int
    verified_done: int
    updated_at: str
    self_total: Decimal | None = None
    verified_total: Decimal | None = None
    category: str = ""
    seal: str = ""  # '' (none), sah, kunci_tidak_dikenal or rusak


class Listing:
    def __init__(self, db: Database, compute: Callable[[list[int]], list[tuple]]) -> None:
        self.db = db
        self.compute = compute  # cache rows for assessments the cache lacks (see totals.py)

    def ids(self, search: str = "") -> list[int]:
        """Assessment ids in list order (newest year, then instansi, then instrument).

        With `search`, only those where every word is found in the instansi, year or
        instrument name, ignoring case."""
        where, params = [], []
        for word in search.split():
            where.append("(a.instansi || ' ' || a.tahun || ' ' || r.title || ' ' || COALESCE(t.label, '')) LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        sql = f"""
            SELECT a.id FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk
            LEFT JOIN assessment_totals t ON t.assessment_id = a.id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY a.tahun DESC, a.instansi, r.rubric_id, a.id
        """
        return [r[0] for r in self.db.execute(sql, params)]

    def rows(self, ids: list[int]) -> list[AssessmentRow]:
        """These assessments as the list shows them, in the order given, from the totals cache.

        Rows the cache lacks (a database written by something other than this store) are
        scored on the spot, not written: reading never writes."""
        found = {row[0]: row for row in self.db.execute(
            f"""SELECT a.id, a.instansi, a.tahun, r.rubric_id, r.version, a.status, a.updated_at,
                       t.label, t.kind, t.items, t.self_done, t.verified_done, t.self_total, t.verified_total, t.category, t.seal
                FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk
                LEFT JOIN assessment_totals t ON t.assessment_id = a.id
                WHERE a.id IN ({id_list(ids)})"""
        )}
        missing = [aid for aid, row in found.items() if row[7] is None]
        computed = {c[0]: c[1:] for c in self.compute(missing)} if missing else {}
        out = []
        for aid in ids:
            row = found.get(aid)
            if row is None:
                continue
            _, agency, year, rubric_id, version, status, updated = row[:7]
            label, kind, items, self_done, verified_done, self_total, verified_total, category, seal = computed.get(aid, row[7:])
            out.append(AssessmentRow(aid, agency, year, rubric_id, version, label, kind, status, items, self_done, verified_done,
                                     updated, parse(self_total), parse(verified_total), category, seal or ""))
        return out

    def all(self) -> list[AssessmentRow]:
        return self.rows(self.ids())

    def one_per_rubric(self, limit: int = 4) -> list[int]:
        """An assessment of each rubric version in use (the newest first)."""
        return [r[0] for r in self.db.execute(
            "SELECT MAX(id) FROM assessments GROUP BY rubric_pk ORDER BY MAX(id) DESC LIMIT ?", [limit])]

    def heads(self) -> list[tuple[int, str, int, str, str]]:
        """(id, instansi, tahun, rubric id, version) of every assessment, by id."""
        return self.db.execute(
            "SELECT a.id, a.instansi, a.tahun, r.rubric_id, r.version FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk ORDER BY a.id"
        ).fetchall()
