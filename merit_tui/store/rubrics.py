"""The rubrics a database holds: each version's YAML text as imported, with its sha256, and its
items and weights as rows for scoring in SQL. Parsed rubrics are cached per connection."""

from __future__ import annotations

from typing import Any

from ..errors import MeritError
from ..rubric import Rubric
from ..rubric.load import parse_rubric, sha256
from .connection import Database, now
from .totals import item_rows


class RubricRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[int, Rubric] = {}

    def clear(self) -> None:
        self._cache.clear()

    def rows(self) -> list[dict[str, Any]]:
        return self.db.query("SELECT pk, rubric_id, version, title, kind, sha256, imported_at FROM rubrics ORDER BY rubric_id, version")

    def pk(self, rubric_id: str, version: str | None) -> int | None:
        """The stored version's key; without a version, the one imported last."""
        if version is None:
            row = self.db.execute(
                "SELECT pk FROM rubrics WHERE rubric_id = ? ORDER BY imported_at DESC, pk DESC LIMIT 1", [rubric_id]
            ).fetchone()
        else:
            row = self.db.execute("SELECT pk FROM rubrics WHERE rubric_id = ? AND version = ?", [rubric_id, version]).fetchone()
        return row[0] if row else None

    def by_pk(self, pk: int) -> Rubric:
        if pk not in self._cache:
            row = self.db.execute("SELECT rubric_id, version, yaml FROM rubrics WHERE pk = ?", [pk]).fetchone()
            self._cache[pk] = parse_rubric(row[2], f"<rubrik tersimpan {row[0]}@{row[1]}>")
        return self._cache[pk]

    def get(self, rubric_id: str, version: str | None = None) -> Rubric:
        pk = self.pk(rubric_id, version)
        if pk is None:
            known = [f"{r['rubric_id']}@{r['version']}" for r in self.rows()]
            what = rubric_id if version is None else f"{rubric_id} versi {version}"
            raise MeritError(f"rubrik {what} tidak ada di basis data (yang ada: {', '.join(known) or 'tidak ada'})")
        return self.by_pk(pk)

    def text(self, pk: int) -> tuple[str, str]:
        """The rubric's YAML as imported and its sha256."""
        row = self.db.execute("SELECT yaml, sha256 FROM rubrics WHERE pk = ?", [pk]).fetchone()
        return row[0], row[1]

    def add(self, rubric: Rubric, text: str) -> int:
        """Store a rubric version (inside a transaction); the same text again is a no-op, other
        text under a stored version is refused."""
        digest = sha256(text)
        existing = self.db.execute(
            "SELECT pk, sha256 FROM rubrics WHERE rubric_id = ? AND version = ?", [rubric.id, rubric.version]
        ).fetchone()
        if existing:
            if existing[1] == digest:
                return existing[0]
            raise MeritError(
                f"rubrik {rubric.id} versi {rubric.version} sudah tersimpan dengan isi yang berbeda; "
                "naikkan 'version' di berkas rubrik untuk menyimpan perubahan"
            )
        table = self.db.table("rubrics")
        table.insert(
            {"rubric_id": rubric.id, "version": rubric.version, "title": rubric.title, "kind": rubric.kind, "yaml": text, "sha256": digest, "imported_at": now()}
        )
        pk = table.last_pk
        assert isinstance(pk, int)
        self.db.table("rubric_items").insert_all(item_rows(pk, rubric))
        self._cache[pk] = rubric
        return pk
