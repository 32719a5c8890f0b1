"""Issue 14: 80×24 is a first-class size. Beranda keeps Status (Instansi gives up width first),
and instruments whose names differ only at the end stay distinguishable."""

from __future__ import annotations

import pytest

from merit_tui.app import make_app
from merit_tui.widgets.list_table import ListTable, fit_middle
from merit_tui.workspace import open_store


def header_and_rows(table: ListTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.row_count + 1)]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_beranda_keeps_status_and_tells_instruments_apart(db_path, size):
    app = make_app(open_store(db_path), user="ani")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = header_and_rows(app.screen.query_one(ListTable))
    header = lines[0].split()
    assert {"Instansi", "Tahun", "Instrumen", "Status", "Mandiri", "Verif.", "Kategori"} <= set(header), lines[0]
    assert any("Sistem… 2026" in line or "Sistem Merit 2026" in line for line in lines[1:]), lines
    assert any("Dikembalikan" in line for line in lines[1:]) and any("Diverifikasi" in line for line in lines[1:])
    if size[0] >= 100:
        assert "Progres" in header and "Segel" in header


def test_fit_middle_keeps_the_last_word():
    assert fit_middle("Sistem Merit 2026", 12) == "Sistem… 2026"
    assert fit_middle("Sistem Merit", 12) == "Sistem Merit"
    assert fit_middle("NSPK", 12) == "NSPK        "


def _visible_headers(screen) -> list[str]:
    from textual.widgets import DataTable

    table = screen.query_one(DataTable)
    right = 0
    shown = []
    for column in table.ordered_columns:
        right += column.get_render_width(table)
        if right <= table.size.width:
            shown.append(str(column.label))
    return shown


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_summary_and_plan_show_every_number_column(db_path, size):
    from tests.test_app import select_row

    app = make_app(open_store(db_path), user="ani")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await select_row(pilot, "kasn-sistem-merit")
        await pilot.press("r")
        await pilot.pause()
        assert _visible_headers(app.screen) == ["No", "Aspek", "Ideal", "Mandiri", "Verif.", "Selisih", "%Mandiri", "%Verif."]
        await pilot.press("escape", "a")
        await pilot.pause()
        shown = _visible_headers(app.screen)
        assert shown[:2] == ["No", "Butir"] and shown[-1] == "Status" and {"Potensi", "Rencana aksi"} <= set(shown), shown
        assert "Penanggung jawab" in shown or "PJ" in shown
        if size[0] >= 100:
            assert {"Mandiri", "Verif."} <= set(shown)


@pytest.mark.parametrize("width", [80, 100])
async def test_the_key_bar_shortens_before_it_drops_the_screens_keys(db_path, width):
    from merit_tui.widgets.key_bar import KeyBar

    app = make_app(open_store(db_path), user="ani")
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        home = str(app.screen.query_one(KeyBar).render())
        await pilot.press("enter")
        await pilot.pause()
        walk = str(app.screen.query_one(KeyBar).render())
    # Beranda keeps export, summary and gaps; the walk keeps summary, gaps and plan (they were dropped at 80)
    for key, word in (("e", "Ekspor"), ("r", "Ringkas"), ("g", "Selisih"), ("q", "Keluar"), ("?", "Bantuan")):
        assert f" {key} {word}" in home, home
    for key, word in (("n", "Lanjut"), ("r", "Ringkas"), ("g", "Selisih"), ("a", "Rencana")):
        assert f" {key} {word}" in walk, walk
    assert len(home.rstrip()) <= width and len(walk.rstrip()) <= width


@pytest.mark.parametrize("rubric_id", ["kasn-sistem-merit", "bkn-nspk"])
async def test_item_names_in_the_walk_list_differ_at_80x24(db_path, rubric_id):
    """'Ketersediaan d…' twice could not be told apart: the shared leading words go first."""
    import re

    from merit_tui.widgets.item_list import ItemList

    store = open_store(db_path)
    aid = next(r.id for r in store.list_assessments() if r.rubric_id == rubric_id)
    app = make_app(store, user="ani")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_assessment(aid)
        await pilot.pause()
        items = app.screen.query_one(ItemList)
        width = items.size.width
        aspects: list[list[str]] = [[]]  # the items listed together under one heading
        for i in range(len(items.keys)):
            if i in items.items:
                line = items._render_label(i, width).text.rstrip()
                aspects[-1].append(re.sub(r"^\W*\S+\s+\[[^\]]*\]\s*", "", line))
            else:
                aspects.append([])
    for names in aspects:
        assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
