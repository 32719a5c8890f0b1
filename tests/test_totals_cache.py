"""The list's cached totals follow a deleted response (the `totals_response_delete` trigger).

Inside the store no path deletes a response without also changing something another trigger
watches: a rubric upgrade changes the assessment's rubric, an import --replace first sets the
emptied fields to NULL, a deleted assessment goes with its row. The one delete that only this
trigger sees is a row removed by someone else with sqlite3, which the list must still show
(the README promises such changes are not hidden, and `merit list` reads the cache).
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal as D

import pytest

from tests.test_listing import listed, scored


def _id(store, rubric_id: str) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == rubric_id)


def _delete_outside(db_path, aid: int, item: str) -> None:
    other = sqlite3.connect(db_path)
    deleted = other.execute("DELETE FROM responses WHERE assessment_id = ? AND item_id = ?", [aid, item]).rowcount
    other.commit()
    other.close()
    assert deleted == 1


def test_a_response_deleted_outside_the_store_leaves_the_totals(store, db_path):
    merit = _id(store, "kasn-sistem-merit")
    assert listed(store)[merit] == (37, 37, D("299.5"), D("129"), "I Buruk")
    _delete_outside(db_path, merit, "1.1")  # skor 4, nilai verifikasi 3, bobot 2.5
    assert listed(store)[merit] == (36, 36, D("289.5"), D("121.5"), "I Buruk")
    assert listed(store) == scored(store)


@pytest.mark.parametrize("rubric_id, item", [("bkn-nspk", "1"), ("permenpanrb-19-2025", "1.1")])
def test_every_kind_of_instrument_follows_a_deleted_response(store, db_path, rubric_id, item):
    aid = _id(store, rubric_id)
    before = listed(store)[aid]
    _delete_outside(db_path, aid, item)
    after = listed(store)[aid]
    assert after != before
    assert listed(store) == scored(store)


def test_the_cache_of_another_open_store_follows_too(store, db_path):
    """A second workbench on the same file (another PC on a shared folder) sees the delete."""
    from merit_tui.workspace import open_store

    merit = _id(store, "kasn-sistem-merit")
    assert listed(store)[merit][2] == D("299.5")
    other = open_store(db_path)
    try:
        _delete_outside(db_path, merit, "8.4")  # skor 2, nilai verifikasi 0, bobot 2
        assert listed(other)[merit][2] == D("295.5") and listed(store)[merit][2] == D("295.5")
    finally:
        other.close()
