"""The 2026 instrument in the workbench, driven with Pilot at 80×24 as a user would."""

from __future__ import annotations

from decimal import Decimal as D

from textual.widgets import Select, Static, TextArea

from merit_tui.app import make_app
from merit_tui.dialogs.new_assessment import NewAssessmentDialog
from merit_tui.dialogs.survey import SurveyDialog
from merit_tui.screens.summary import SummaryScreen
from merit_tui.screens.walk import WalkScreen
from merit_tui.widgets.item_list import ItemList
from merit_tui.workspace import open_store
from tests.test_app import open_row, select_row

SMALL = (80, 24)
RUBRIC = "permenpanrb-19-2025"


def maturity_id(store) -> int:
    return next(r.id for r in store.list_assessments() if r.rubric_id == RUBRIC)


def text_of(walk: WalkScreen, selector: str = "#item") -> str:
    return str(walk.query_one(selector, Static).render())


def label(walk: WalkScreen, item_id: str) -> str:
    items = walk.query_one(ItemList)
    return str(items.labels[items.index[item_id]])


async def walk_to(pilot, walk: WalkScreen, item_id: str) -> None:
    """Press n (or p) until the item is shown, as a user stepping through the tree."""
    ids = walk.rubric.item_ids()
    key = "n" if ids.index(item_id) > ids.index(walk.current) else "p"
    while walk.current != item_id:
        await pilot.press(key)
        await pilot.pause()


async def test_a_gate_answer_takes_its_item_out_and_brings_it_back(db_path):
    store = open_store(db_path)
    aid = maturity_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SMALL) as pilot:
        walk = await open_row(pilot, RUBRIC)
        assert walk.current == "1.1"
        await walk_to(pilot, walk, "6.4.2.g")
        assert "Tekan y untuk ya, t untuk tidak" in text_of(walk, "#item")
        assert not walk.query_one("#picker").display  # a gate takes no 0–4 score
        assert label(walk, "6.4.2").startswith("– 6.4.2 tidak berlaku: 6.4.2.g dijawab “tidak”")
        assert "(1 belum)" in label_of_aspect(walk, "6")
        await pilot.press("y")
        await pilot.pause()
        assert store.response(aid, "6.4.2.g").answer == "ya"
        assert label(walk, "6.4.2").startswith("○ 6.4.2 [·]")  # applies again, not yet scored
        assert "(2 belum)" in label_of_aspect(walk, "6") and "46.43" in label_of_aspect(walk, "6")  # 13 ÷ (4 × 7)
        await pilot.press("n")
        await pilot.pause()
        assert walk.current == "6.4.2" and walk.query_one("#picker").display
        await pilot.press("p", "t")
        await pilot.pause()
        assert store.response(aid, "6.4.2.g").answer == "tidak"
        assert label(walk, "6.4.2").startswith("– 6.4.2 tidak berlaku") and "54.17" in label_of_aspect(walk, "6")
        await walk_to(pilot, walk, "6.4.2")
        await pilot.press("3")  # scoring an item that does not apply is refused, with the reason
        await pilot.pause()
        assert store.response(aid, "6.4.2") is None
    events = [(e.field, e.new) for e in store.events(aid) if e.item_id == "6.4.2.g"]
    assert events[-2:] == [("jawaban", "ya"), ("jawaban", "tidak")]
    store.close()


def label_of_aspect(walk: WalkScreen, aspect_id: str) -> str:
    return label(walk, f"aspect:{aspect_id}")


async def test_the_five_criteria_are_shown_with_the_one_met_highlighted(db_path):
    store = open_store(db_path)
    aid = maturity_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SMALL) as pilot:
        walk = await open_row(pilot, RUBRIC)
        levels = text_of(walk, "#item")
        for n, start in enumerate(["Anjab dan ABK tidak tersedia", "Anjab dan ABK tersedia untuk sebagian", "Anjab dan ABK tersedia untuk seluruh",
                                   "Kriteria skor 2 terpenuhi", "Kriteria skor 3 terpenuhi"]):
            assert f"{n}  {start}" in levels
        assert "▶ 3  Kriteria skor 2 terpenuhi" in levels and "▶ 4" not in levels
        assert "Keterangan: Jabatan yang dimaksud termasuk" in levels
        await pilot.press("4")
        await pilot.pause()
        assert "▶ 4  Kriteria skor 3 terpenuhi" in text_of(walk, "#item")
        assert label(walk, "1.1").startswith("✓ 1.1 [4]")
    assert store.response(aid, "1.1").self_score == D(4)
    store.close()


async def test_a_score_above_zero_without_evidence_is_flagged_until_evidence_is_given(db_path):
    store = open_store(db_path)
    aid = maturity_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SMALL) as pilot:
        walk = await open_row(pilot, RUBRIC)
        await walk_to(pilot, walk, "5.2.1")  # the example scored it 2 with no evidence
        assert "⚠ Skor 2 tanpa bukti dukung atau dokumen" in text_of(walk, "#item")
        assert label(walk, "5.2.1").startswith("⚠ 5.2.1")
        await pilot.press("enter", "tab")  # to Kondisi Saat Ini, then Bukti Dukung
        assert walk.focused is walk.query_one("#bukti", TextArea)
        await pilot.press(*"Dokumentasi apel")
        await pilot.press("escape")  # leaving the field stores it
        await pilot.pause()
        assert "⚠" not in text_of(walk, "#item") and label(walk, "5.2.1").startswith("✓ 5.2.1")
        await walk_to(pilot, walk, "2.5")  # kondisi only, no evidence: a score is taken, and flagged
        await pilot.press("2")
        await pilot.pause()
        assert "⚠ Skor 2 tanpa bukti" in text_of(walk, "#item")
        await pilot.press("0")  # 0 needs no evidence
        await pilot.pause()
        assert "⚠" not in text_of(walk, "#item")
    assert store.response(aid, "5.2.1").evidence == "Dokumentasi apel" and store.response(aid, "2.5").self_score == D(0)
    store.close()


async def test_the_verifier_scores_beside_the_agency_and_sees_gates_read_only(db_path):
    store = open_store(db_path)
    aid = maturity_id(store)
    store.set_status(aid, "diajukan", who="ani", role="penilai")  # the agency resubmits what was returned
    app = make_app(store, user="budi", role="verifikator")
    async with app.run_test(size=SMALL) as pilot:
        walk = await open_row(pilot, RUBRIC)
        assert "3  Kriteria skor 2 terpenuhi, dan didasarkan" in text_of(walk, "#item")
        assert "(skor mandiri)" in text_of(walk, "#item")
        await pilot.press("2")
        await pilot.pause()
        assert "▶ 2  Anjab dan ABK tersedia untuk seluruh" in text_of(walk, "#item")
        await walk_to(pilot, walk, "6.3.g")
        await pilot.press("t")
        await pilot.pause()
        assert "Jawaban penilai: Ya" in str(walk.query_one("#other-side").render())
    assert store.response(aid, "1.1").verified_score == D(2) and store.response(aid, "6.3.g").answer == "ya"
    store.close()


async def test_the_summary_shows_aspects_index_and_takes_the_survey_score(db_path):
    store = open_store(db_path)
    aid = maturity_id(store)
    app = make_app(store, user="ani")
    async with app.run_test(size=SMALL) as pilot:
        await select_row(pilot, RUBRIC)
        await pilot.press("r")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        totals = str(summary.query_one("#summary-totals").render())
        assert "Indeks kematangan mandiri: 48.51 (Menengah), 3 butir belum dinilai — bobot sementara (belum resmi)" in totals
        assert "Survei keterlibatan (engagement) pegawai: 68.4" in totals
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, SurveyDialog)
        await pilot.press("ctrl+u", *"101", "enter")  # refused: the dialog stays, with the reason
        await pilot.pause()
        assert "di luar 0–100" in str(app.screen.query_one("#error").render())
        await pilot.press("ctrl+u", *"75", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "75 % × indeks 48.51 + 25 % × survei 75" in str(app.screen.query_one("#summary-totals").render())
    assert store.load(aid).assessment.components == {"survei": D(75)}
    store.close()


async def test_a_2026_assessment_from_last_years_legacy_one_in_the_dialog(db_path):
    store = open_store(db_path)
    app = make_app(store, user="ani")
    async with app.run_test(size=SMALL) as pilot:
        await select_row(pilot, "kasn-sistem-merit")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewAssessmentDialog)
        await pilot.press("shift+tab", "shift+tab", "enter")  # from the year up to the instrument list
        await pilot.press("down", "enter")  # from Sistem Merit (KASN) to the 2026 instrument below it
        await pilot.pause()
        assert dialog.query_one("#rubric", Select).value == f"{RUBRIC}@2026-draf-1"
        carry = dialog.query_one("#carry", Select)
        offered = [label.plain for label, _ in dialog._carry_options(str(dialog.query_one("#rubric", Select).value))]
        # the 2026 one (same instrument) and the 2022 one (mapped); never NSPK
        assert offered == ["Pemerintah Kabupaten Balangan 2026 — Sistem Merit 2026", "Pemerintah Kabupaten Balangan 2022 — Sistem Merit"]
        await pilot.press("tab", "tab", "tab", "enter")  # instansi, year, then open the carry-over list
        await pilot.press("down", "down", "enter")  # past "Tidak, mulai kosong" and the 2026 one
        await pilot.pause()
        assert carry.value == next(r.id for r in store.list_assessments() if r.rubric_id == "kasn-sistem-merit")
        await pilot.press("shift+tab", "ctrl+u", *"2027", "enter")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.assessment.year == 2027
        assert walk.query_one("#kondisi", TextArea).text.startswith("Dari Sistem Merit 2022, indikator 1.1:\n")
        said = " ".join(str(n.message) for n in app._notifications)
        assert "17 butir menerima isi: 1.1, 1.3" in said and "13 butir tanpa isi: 1.2" in said
    store.close()
