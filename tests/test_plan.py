"""The verifier workflow, role locks and the rencana aksi with its exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from merit_tui.errors import MeritError
from merit_tui.exports.plan import to_csv, to_markdown, write_plan
from merit_tui.plan import gap_rows
from merit_tui.store import Store
from merit_tui.workspace import open_store

PENGEMBANGAN = "Bidang Pengembangan SDM"
PENGADAAN = "Bidang Pengadaan, Pemberhentian, Informasi Kepegawaian, Mutasi dan Promosi ASN"
PEMBINAAN = "Bidang Pembinaan, Kesejahteraan, Penilaian dan Evaluasi Kinerja ASN"


def ids(store: Store) -> tuple[int, int]:
    rows = store.list_assessments()
    return (next(r.id for r in rows if r.rubric_id == "kasn-sistem-merit"), next(r.id for r in rows if r.rubric_id == "bkn-nspk"))


# ---------- workflow and roles ----------

def test_allowed_and_refused_transitions(store):
    aid = store.create_assessment("Kabupaten Contoh", 2024, "kasn-sistem-merit")
    with pytest.raises(MeritError, match="hanya oleh penilai"):
        store.set_status(aid, "diajukan", who="budi", role="verifikator")
    with pytest.raises(MeritError, match="dari status draf tidak dapat ke final"):
        store.set_status(aid, "final", who="budi", role="verifikator")
    store.set_status(aid, "diajukan", who="ani", role="penilai")
    with pytest.raises(MeritError, match="hanya oleh verifikator"):
        store.set_status(aid, "diverifikasi", who="ani", role="penilai")
    store.set_status(aid, "diverifikasi", who="budi", role="verifikator")
    store.set_status(aid, "dikembalikan", who="budi", role="verifikator", note="Lengkapi bukti aspek 3")
    assert store.last_status_note(aid) == "Lengkapi bukti aspek 3"
    store.set_status(aid, "diajukan", who="ani", role="penilai")
    store.set_status(aid, "diverifikasi", who="budi", role="verifikator")
    store.set_status(aid, "final", who="budi", role="verifikator")
    with pytest.raises(MeritError, match="final"):
        store.set_field(aid, "1.1", "verified_score", 3, who="budi", role="verifikator")
    store.set_status(aid, "diverifikasi", who="budi", role="verifikator", note="dibuka kembali: salah ketik")
    assert store.set_field(aid, "1.1", "verified_score", 3, who="budi", role="verifikator")
    moves = [(e.who, e.role, e.old, e.new, e.note) for e in store.events(aid) if e.field == "status_penilaian"]
    assert moves[-1] == ("budi", "verifikator", "final", "diverifikasi", "dibuka kembali: salah ketik")
    assert len(moves) == 7


def test_official_result_is_the_verifiers(store):
    _, nspk = ids(store)
    store.conn.execute("UPDATE assessments SET status = 'diverifikasi' WHERE id = ?", [nspk])
    store.conn.commit()
    with pytest.raises(MeritError, match="verifikator"):
        store.set_official(nspk, "70", "B", who="ani", role="penilai")
    with pytest.raises(MeritError, match="di luar 0–100"):
        store.set_official(nspk, "170", "B", who="budi")
    store.set_official(nspk, "70,18", "B", who="budi", source="surat BKN 2023")
    official = store.load(nspk).assessment.official
    assert (official.index, official.category, official.source) == (D("70.18"), "B", "surat BKN 2023")


def test_plan_rows_are_the_assessors(store):
    merit, _ = ids(store)
    with pytest.raises(MeritError, match="bukan verifikator"):
        store.set_plan_field(merit, "3.1", "action", "x", who="budi", role="verifikator")
    with pytest.raises(MeritError, match="status rencana 'tunda'"):
        store.set_plan_field(merit, "3.1", "status", "tunda", who="ani")


# ---------- the plan ----------

def test_balangan_merit_plan(store):
    merit, _ = ids(store)
    plan = store.plan(merit)
    # every indicator whose verified score is below 4: all but 1.2, 2.3 and 2.5
    assert len(plan.rows) == 34
    assert {"1.2", "2.3", "2.5"}.isdisjoint(r.item_id for r in plan.rows)
    gains = [r.potential for r in plan.rows]
    assert gains == sorted(gains, reverse=True)
    assert [(r.item_id, r.potential) for r in plan.rows[:6]] == [
        ("3.1", 20), ("3.2", 20), ("3.3", 20), ("4.1", 20), ("5.4", 20), ("5.2", 15),
    ]
    assert sum(r.potential for r in plan.rows) == D(410) - D(129)  # everything still to gain
    first = plan.rows[0]
    assert (first.self_score, first.verified_score, first.gap) == ("4", "0", D(4))
    assert first.note.startswith("Data yang dilampirkan tidak relevan")
    by_id = {r.item_id: r for r in plan.rows}
    assert by_id["3.1"].owner == PENGEMBANGAN
    assert by_id["5.2"].owner == PEMBINAAN
    assert by_id["8.2"].owner == PENGADAAN


def test_path_to_the_next_categories(store):
    merit, _ = ids(store)
    plan = store.plan(merit)
    ii, iii = plan.paths
    assert (ii.band.category, ii.needed, ii.items) == ("II", D(46), ["3.1", "3.2", "3.3"])
    assert (iii.band.category, iii.needed, len(iii.items)) == ("III", D(121), 7)
    text = to_markdown(plan)
    assert "Kategori II (Kurang, ≥ 175): kurang 46 poin; paling sedikit 3 indikator" in text


def test_nspk_plan_carries_every_recommendation(store):
    from merit_tui.yamlio import load_path
    from tests.conftest import NSPK_FILE

    _, nspk = ids(store)
    plan = store.plan(nspk)
    letters = [item for item in load_path(NSPK_FILE).data["penilaian"] if item.get("rekomendasi")]
    assert len(letters) == 8
    assert {r.recommendation for r in plan.rows} == {item["rekomendasi"] for item in letters}
    assert [r.item_id for r in plan.rows] == ["6", "7", "9", "12", "16", "13", "14", "17"]  # belum sesuai first
    assert plan.rows[0].owner == PENGEMBANGAN and plan.rows[0].verified_score == "Belum sesuai"


def test_edits_survive_and_are_logged(store, db_path):
    merit, _ = ids(store)
    store.set_plan_field(merit, "3.1", "action", "Menyusun SKJ untuk seluruh JPT dan Administrator", who="ani")
    store.set_plan_field(merit, "3.1", "due", "Juni 2023", who="ani")
    store.set_plan_field(merit, "3.1", "status", "berjalan", who="ani")
    store.set_plan_field(merit, "3.1", "owner", "Sekretariat", who="ani")
    store.close()
    again = open_store(db_path)
    row = next(r for r in again.plan(merit).rows if r.item_id == "3.1")
    assert (row.action, row.due, row.status, row.owner) == (
        "Menyusun SKJ untuk seluruh JPT dan Administrator", "Juni 2023", "berjalan", "Sekretariat")
    fields = [e.field for e in again.events(merit) if e.item_id == "3.1"]
    assert fields == ["rencana.rencana_aksi", "rencana.target_waktu", "rencana.status", "rencana.penanggung_jawab"]
    again.close()


def test_responsible_mapping_is_editable_data(store):
    merit, _ = ids(store)
    store.set_responsible("kasn-sistem-merit", "8", "Sekretariat", who="ani")
    assert next(r for r in store.plan(merit).rows if r.item_id == "8.2").owner == "Sekretariat"
    with pytest.raises(MeritError, match="bukan aspek/elemen"):
        store.set_responsible("kasn-sistem-merit", "9", "Sekretariat", who="ani")


# ---------- exports ----------

def test_xlsx_holds_the_same_numbers(store, tmp_path):
    merit, _ = ids(store)
    store.set_plan_field(merit, "3.2", "action", "=HYPERLINK(\"http://x\")", who="ani")
    plan = store.plan(merit)
    path = write_plan(plan, tmp_path / "rencana.xlsx")
    wb = load_workbook(path)
    ws = wb["Rencana Aksi"]
    head = int(ws.print_title_rows.split(":")[0].lstrip("$"))  # below the title block since issue 12
    assert ws.freeze_panes == f"A{head + 1}"
    header = [c.value for c in ws[head]]
    assert header[:7] == ["No", "Aspek/Elemen", "Indikator", "Skor mandiri", "Nilai verifikasi", "Selisih", "Potensi kenaikan"]
    body = list(ws.iter_rows(min_row=head + 1, values_only=True))
    assert len(body) == 34
    assert [(r[3], r[4], r[6]) for r in body] == [
        (int(r.self_score), int(r.verified_score), float(r.potential)) for r in plan.rows
    ]
    assert all(isinstance(r[6], (int, float)) for r in body)
    action = header.index("Rencana aksi")  # no Rekomendasi column for Sistem Merit since issue 12
    assert body[1][action] == "'=HYPERLINK(\"http://x\")"  # neutralised, not a formula
    assert ws.cell(row=head + 2, column=action + 1).data_type == "s"
    assert ws.column_dimensions["C"].width >= 25 and ws.cell(row=head + 1, column=3).alignment.wrap_text
    summary = wb["Ringkasan"]
    rows = list(summary.iter_rows(values_only=True))
    totals = next(r for r in rows if r[1] == "Total")
    assert totals[2:5] == (410, 299.5, 129)
    assert any(r[0] and str(r[0]).startswith("Kategori II") for r in rows)


@pytest.mark.parametrize("style, delimiter", [("id", ";"), ("en", ",")])
def test_csv_round_trips(store, style, delimiter):
    merit, _ = ids(store)
    store.set_plan_field(merit, "3.3", "action", "+62 hubungi; lalu \"rapat\"", who="ani")
    plan = store.plan(merit)
    raw = to_csv(plan, style)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))
    assert rows[0][0] == "No" and len(rows) == 35
    decimal_mark = "," if style == "id" else "."
    potentials = [D(r[6].replace(decimal_mark, ".")) for r in rows[1:]]
    assert potentials == [r.potential for r in plan.rows]
    row_33 = next(r for r in rows[1:] if r[2].startswith("3.3 "))
    assert row_33[9] == "'+62 hubungi; lalu \"rapat\""
    half = next(r for r in rows[1:] if r[2].startswith("3.7 "))  # potential 7.5
    assert half[6] == ("7,5" if style == "id" else "7.5")


def test_plan_command_writes_each_format(merit, tmp_path):
    for name in ("p.xlsx", "p.csv", "p.md"):
        code, out, err = merit("plan", str(__import__("tests.conftest", fromlist=["MERIT_FILE"]).MERIT_FILE), "--to", str(tmp_path / name))
        assert code == 0, err
        assert "34 baris" in out
    code, _, err = merit("plan", "1", "--to", str(tmp_path / "p.txt"))
    assert code == 1 and "pakai .xlsx, .csv, .md, .pdf, .docx atau .html" in err


def test_gap_rows_sort_and_filter(store):
    merit, _ = ids(store)
    loaded = store.load(merit)
    rows = gap_rows(loaded.rubric, loaded.assessment)
    assert len(rows) == 37
    assert [(r.item_id, r.weighted_gap) for r in rows[:4]] == [("3.1", 20), ("3.2", 15), ("4.1", 15), ("5.2", 15)]
    zeros = gap_rows(loaded.rubric, loaded.assessment, kind="nol")
    assert len(zeros) == 12 and all(r.verified_score == 0 for r in zeros)
    assert [r.item_id for r in gap_rows(loaded.rubric, loaded.assessment, aspect="7")] == ["7.1", "7.2"]
    assert [r.item_id for r in gap_rows(loaded.rubric, loaded.assessment, kind="tanpa_catatan")] == ["8.3", "8.4"]
    assert gap_rows(loaded.rubric, loaded.assessment, kind="belum_diverifikasi") == []
