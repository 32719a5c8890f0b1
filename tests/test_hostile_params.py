"""Command-line values: out-of-range ids and NaN scores become usage errors naming the argument."""

from __future__ import annotations

from decimal import Decimal

import click
import pytest
from click.testing import CliRunner

from merit_tui import cli_i18n
from merit_tui.params import SQLITE_INT_MAX, AssessmentId, Index, Name, Note, Score


@pytest.fixture
def official():
    """Shaped like `merit official ID INDEX CATEGORY`; echoes what it received."""
    cli_i18n.install()

    @click.command()
    @click.argument("assessment_id", type=AssessmentId())
    @click.argument("index", type=Index())
    @click.argument("category", type=Name("kategori"))
    @click.option("--score", "skor", type=Score())
    @click.option("--note", type=Note())
    def cmd(assessment_id, index, category, skor, note):
        click.echo(repr((assessment_id, index, category, skor, note)))

    cli_i18n.localize(cmd)
    yield cmd
    cli_i18n.install()  # as importing merit_tui.cli.root leaves the process, for the tests after


def run(cmd, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cmd, list(args), prog_name="merit official")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_good_values_are_converted_exactly(official):
    code, out = run(official, "2", "87,5", "  Baik  ", "--score", "3.5", "--note", "a\r\nb")
    assert code == 0, out
    assert out.strip() == repr((2, Decimal("87.5"), "Baik", Decimal("3.5"), "a\nb"))
    assert run(official, str(SQLITE_INT_MAX), "100", "B")[0] == 0
    assert run(official, "1", "0.1234560000", "B")[0] == 0  # trailing zeros are not precision


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["99999999999999999999", "1", "B"], "Nilai tidak sah untuk 'ID': “99999999999999999999” bukan nomor penilaian; harus antara 1 dan 9223372036854775807"),
        (["9" * 5000, "1", "B"], "Nilai tidak sah untuk 'ID': “" + "9" * 39 + "…” bukan nomor penilaian"),
        (["0", "1", "B"], "harus antara 1 dan"),
        (["dua", "1", "B"], "'ID': “dua” bukan nomor penilaian; tulis bilangan bulat positif"),
        (["٣", "1", "B"], "'ID': “٣” bukan nomor penilaian"),  # int() would take Arabic-Indic digits
        (["2", "NaN", "B"], "Nilai tidak sah untuk 'INDEKS': “NaN” bukan angka"),
        (["2", "Infinity", "B"], "'INDEKS': “Infinity” bukan angka"),
        (["2", "1e3", "B"], "'INDEKS': “1e3” bukan angka"),
        (["2", "1.000,5", "B"], "'INDEKS': “1.000,5” bukan angka"),
        (["2", "100.5", "B"], "'INDEKS': 100.5 di luar rentang 0–100"),
        (["2", "--", "-1", "B"], "'INDEKS': -1 di luar rentang 0–100"),
        (["2", "1.1234567", "B"], "'INDEKS': “1.1234567” terlalu banyak angka di belakang koma (paling banyak 6)"),
        (["2", "1", "B", "--score", "4.5"], "'--score': 4.5 di luar rentang 0–4"),
        (["2", "1", "\x1b[2JB"], "'NAMA': karakter tersembunyi U+001B ESCAPE di posisi 1"),
        (["2", "1", "B\u202e"], "'NAMA': karakter tersembunyi U+202E RIGHT-TO-LEFT OVERRIDE di posisi 2"),
        (["2", "1", "   "], "'NAMA': wajib diisi"),
        (["2", "1", "B", "--note", "x\x00"], "'--note': karakter tersembunyi U+0000 NULL di posisi 2"),
    ],
)
def test_bad_values_are_clean_usage_errors(official, args, expected):
    code, out = run(official, *args)
    assert code == 2, out
    assert expected in out, out
    assert "Traceback" not in out and "\x1b" not in out and "\u202e" not in out


def test_types_work_without_a_command():
    assert AssessmentId().convert(5, None, None) == 5
    assert Index().convert(Decimal("12.5"), None, None) == Decimal("12.5")
    assert Score(1, 4).convert("4", None, None) == Decimal(4)
    with pytest.raises(click.BadParameter, match="di luar rentang 1–4"):
        Score(1, 4).convert("0", None, None)
    with pytest.raises(click.BadParameter):
        AssessmentId().convert(True, None, None)
