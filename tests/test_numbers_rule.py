"""One rule for numbers (README, "Angka: satu aturan").

What a person reads uses a decimal point, as the seed's LKjIP tables do: `merit score`,
`merit list`, the plan in Markdown, the printed reports (PDF, DOCX, HTML) and the YAML. The one
exception is the CSV in the `id` style, which is data for Excel under Indonesian regional
settings: decimal comma and `;`. The `en` CSV uses a point and `,`; .xlsx holds numbers as numbers.
Typed numbers may use either.

The seeded examples carry no decimal comma in any text (checked below), so any `7,5` in what a
person reads is a number the program wrote.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest

from merit_tui import bundled

DECIMAL_COMMA = re.compile(r"\d,\d")
NUMBER_ID = re.compile(r"-?\d+(,\d+)?")
NUMBER_EN = re.compile(r"-?\d+(\.\d+)?")
# the 2022 example (id 2) and the 2026 one (id 3) on a new database, and numbers each must show
MERIT, MATURITY = "2", "3"
MERIT_NUMBERS = ("299.5", "129")
MATURITY_NUMBERS = ("48.51", "20.78")
NUMERIC_COLUMNS = ("Skor mandiri", "Nilai verifikasi", "Selisih")  # and "Potensi kenaikan…"


def commas(text: str) -> list[str]:
    """Each decimal comma, with a little of its surroundings for the failure message."""
    return [text[max(0, m.start() - 30): m.end() + 30] for m in DECIMAL_COMMA.finditer(text)]


def ok(merit, *args: str) -> str:
    code, out, err = merit(*args)
    assert code == 0, err
    return out


def test_the_examples_themselves_hold_no_decimal_comma_in_their_text():
    for path in bundled.example_files():
        assert commas(path.read_text(encoding="utf-8")) == [], path.name


def test_merit_score_and_merit_list_write_a_point(merit):
    merit_text = ok(merit, "score", MERIT)
    maturity_text = ok(merit, "score", MATURITY)
    listing = ok(merit, "list")
    everything = ok(merit, "score", "--all")
    for text in (merit_text, maturity_text, listing, everything, ok(merit, "score", "1")):
        assert commas(text) == []
    assert all(n in merit_text for n in (*MERIT_NUMBERS, "113.02 %"))
    assert all(n in maturity_text for n in (*MATURITY_NUMBERS, "68.4", "12.86 %"))
    assert all(n in listing and n in everything for n in (*MERIT_NUMBERS, *MATURITY_NUMBERS))


def test_the_plan_in_markdown_writes_a_point(merit):
    merit_plan, maturity_plan = ok(merit, "plan", MERIT), ok(merit, "plan", MATURITY)
    assert commas(merit_plan) == [] and commas(maturity_plan) == []
    assert "| 7.5 |" in merit_plan and "| 4.82 |" in maturity_plan


def _csv(path, delimiter: str) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize("aid, decimal", [(MERIT, "7.5"), (MATURITY, "4.82")])
def test_the_csv_styles_are_the_one_exception(merit, tmp_path, aid, decimal):
    ok(merit, "plan", aid, "--to", str(tmp_path / "id.csv"))
    ok(merit, "plan", aid, "--to", str(tmp_path / "en.csv"), "--csv-style", "en")
    id_rows, en_rows = _csv(tmp_path / "id.csv", ";"), _csv(tmp_path / "en.csv", ",")
    assert len(id_rows) == len(en_rows) > 0
    gain = next(c for c in id_rows[0] if c.startswith("Potensi kenaikan"))
    for ours, theirs in zip(id_rows, en_rows):
        for column in (*NUMERIC_COLUMNS, gain):
            if ours[column] == "":
                continue
            assert NUMBER_ID.fullmatch(ours[column]) and NUMBER_EN.fullmatch(theirs[column]), (column, ours[column], theirs[column])
            assert ours[column].replace(",", ".") == theirs[column]
    assert decimal in [r[gain] for r in en_rows] and decimal.replace(".", ",") in [r[gain] for r in id_rows]


def test_the_xlsx_holds_numbers_as_numbers(merit, tmp_path):
    from openpyxl import load_workbook

    ok(merit, "plan", MERIT, "--to", str(tmp_path / "rencana.xlsx"))
    sheet = load_workbook(tmp_path / "rencana.xlsx").worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert 7.5 in values and "7,5" not in values and "7.5" not in values


def _report_texts(merit, tmp_path, aid: str) -> dict[str, str]:
    from docx import Document
    from pypdf import PdfReader

    texts = {}
    for ending in ("html", "pdf", "docx"):
        path = tmp_path / f"laporan-{aid}.{ending}"
        ok(merit, "report", aid, "--to", str(path))
        if ending == "html":
            texts[ending] = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
        elif ending == "pdf":
            texts[ending] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        else:
            document = Document(str(path))
            cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
            texts[ending] = "\n".join([p.text for p in document.paragraphs] + cells)
    return texts


@pytest.mark.parametrize("aid, numbers", [(MERIT, MERIT_NUMBERS), (MATURITY, MATURITY_NUMBERS), ("1", ("63",))])
def test_the_printed_reports_write_a_point(merit, tmp_path, aid, numbers):
    for ending, text in _report_texts(merit, tmp_path, aid).items():
        assert commas(text) == [], ending
        assert all(n in text for n in numbers), ending


def test_the_yaml_writes_a_point(merit, tmp_path):
    ok(merit, "export", MATURITY, "--to", str(tmp_path / "contoh.yaml"))
    text = (tmp_path / "contoh.yaml").read_text(encoding="utf-8")
    assert "survei: 68.4" in text and commas(text) == []


def test_typed_numbers_take_either(merit):
    assert "72.5" in ok(merit, "survey", MATURITY, "--score", "72,5")
    assert "72.25" in ok(merit, "survey", MATURITY, "--score", "72.25")


def test_the_readme_states_the_rule_and_quotes_numbers_as_printed():
    """The README quotes what the program prints (299.5, 48.51, 20.775 → 20.78); its only decimal
    commas are the CSV `id` style's `7,5` and a typed `72,5`."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "Angka: satu aturan" in readme
    assert set(re.findall(r"\d+,\d+", readme)) == {"7,5", "72,5"}
    assert all(n in readme for n in ("299.5", "48.51", "20.78", "102.5"))
