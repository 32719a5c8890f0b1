"""Keys in the walk that must not surprise: 0 off the assessor's scale (1–4) warns and keeps the
score (it used to clear it silently); x clears."""

from __future__ import annotations

from decimal import Decimal as D

from tests.test_app import walk_on


async def test_zero_off_the_scale_warns_and_x_clears(db_path):
    scored = lambda store, aid: store.set_field(aid, "1.1", "self_score", "3", who="ani")  # noqa: E731
    async with walk_on(db_path, "1.1", prepare=scored) as (store, aid, app, pilot):
        await pilot.press("0")
        await pilot.pause()
        assert store.response(aid, "1.1").self_score == D(3)
        assert any("Skor 0 di luar skala" in str(n.message) and "hapus skor dengan x" in str(n.message) for n in app._notifications)
        await pilot.press("x")
        await pilot.pause()
        assert store.response(aid, "1.1") is None or store.response(aid, "1.1").self_score is None
