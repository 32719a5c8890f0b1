"""The workbench under hostile text: markup, control characters and bidi in what people type and
what files carry never crash a screen, and never change what is shown."""

from __future__ import annotations

from textual.widgets import DataTable

from merit_tui.app import make_app
from merit_tui.importing import import_files
from merit_tui.widgets.list_table import ListTable
from merit_tui.workspace import open_store
from merit_tui.yaml_dump import dump
from merit_tui.yamlio import load_path
from tests.conftest import MERIT_FILE, write

MARKUP = "Kab [/] [b]Uji[/b] [@click=app.quit]klik[/] \\[x"
NOTE = "[red]merah[/red] [/] [link=file:///etc/passwd]tautan[/link] $x ]"


def hostile_store(db_path, tmp_path):
    store = open_store(db_path)
    # a draft (no verifier values) under a name full of markup
    data = load_path(MERIT_FILE).data | {"instansi": MARKUP, "status": "draf"}
    data["penilaian"] = [{k: v for k, v in item.items() if k not in ("nilai_verifikasi", "catatan")} for item in data["penilaian"]]
    path = write(tmp_path, "hostile.yaml", dump(data))
    import_files(store, [path], who="ani")
    aid = next(r.id for r in store.list_assessments() if r.agency == MARKUP)
    store.set_field(aid, "1.1", "condition", NOTE, who="ani")
    store.set_plan_field(aid, "3.1", "action", NOTE, who="ani")
    return store, aid


async def test_every_screen_shows_markup_as_text(db_path, tmp_path):
    store, aid = hostile_store(db_path, tmp_path)
    app = make_app(store, user="[b]ani[/b]")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one(ListTable).move_cursor(row=[r.id for r in store.list_assessments()].index(aid))
        await pilot.pause()
        hint = str(app.screen.query_one("#home-hint").render())
        assert MARKUP in hint
        for key in ("r", "escape", "g", "escape", "a", "escape"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("enter")  # the walk
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkScreen"
        await pilot.press("enter")  # into Kondisi Saat Ini
        await pilot.press("escape", "r")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 8
        await pilot.press("escape", "a")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlanScreen"
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("d")  # a draft with no verifier values: deletion is offered, with the name shown as is
        await pilot.pause()
        assert MARKUP in str(app.screen.query_one("Label").render())
        await pilot.press("escape", "enter")
        await pilot.pause()
        await pilot.press("q")  # quit while in the walk: the app remembers where
    # starting again (the same user: places are per user) opens the same assessment, and does not crash
    app = make_app(store, user="[b]ani[/b]")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkScreen"


async def test_a_rubric_with_markup_in_its_names_walks_and_summarises(db_path, tmp_path):
    store = open_store(db_path)
    rubric = write(tmp_path, "r.yaml", """\
id: uji-markup
version: "1"
title: "Uji [/] Rubrik"
kind: weighted
scales:
  self: {name: "Skor [b]", min: 1, max: 4}
  verified: {name: "Nilai [/]", min: 0, max: 4}
bands:
  - {category: "[I]", label: "[/]", max: 5}
  - {category: II, label: Baik, min: 5}
aspects:
  - id: "1"
    name: "Aspek [/] satu"
    typical_evidence: ["[bold]SK[/bold]"]
    indicators:
      - {id: "1.1", text: "Indikator [/] [@click=app.quit]satu[/]", weight: 2}
""")
    import_files(store, [rubric])
    aid = store.create_assessment("Pemerintah Kota Uji", 2024, "uji-markup", who="ani")
    app = make_app(store, user="ani")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_assessment(aid)
        await pilot.pause()
        await pilot.press("2", "r")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        await pilot.press("escape", "g")
        await pilot.pause()
        assert type(app.screen).__name__ == "GapScreen"
    assert store.response(aid, "1.1").self_score == 2
