"""click speaks Indonesian: help, usage errors, --version; and no click message lacks a translation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from merit_tui import cli_i18n

ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Show|message|exit|Error|Missing|Invalid|value|such|Try|for|Got|unexpected|extra|argument"
    r"|not|one|of|range|default|required|version|Aborted|TEXT|PATH|INTEGER|FILE|OPTIONS|COMMAND|ARGS|does|exist|directory"
    r"|is|a|the|option|command|requires|an)\b"
)


def english_in(output: str) -> list[str]:
    words = " ".join(w for w in output.split() if not w.startswith(("-", "'-")))  # --help is a flag, not English
    return ENGLISH.findall(words)


@pytest.fixture
def group():
    cli_i18n.install()

    @click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
    @click.option("--db", type=click.Path(dir_okay=False), help="Berkas basis data.")
    @click.option("--peran", type=click.Choice(["penilai", "verifikator"]), default="penilai", show_default=True, help="Peran.")
    @click.option("--catatan", help="Catatan.")
    @click.option("--jumlah", type=click.IntRange(1, 5), help="Jumlah.")
    @click.option("--batas", type=float, help="Batas.")
    @click.version_option("0.1.0", package_name="merit-tui", message=cli_i18n.VERSION_MESSAGE)
    def merit(**_: object) -> None:
        """Meja kerja."""

    @merit.command("ekspor")
    @click.argument("nomor", type=int)
    @click.option("--ke", type=click.Path(), required=True, envvar="MERIT_KE", show_envvar=True, help="Tujuan.")
    def ekspor(nomor: int, ke: str) -> None:
        """Ekspor."""

    cli_i18n.localize(merit)
    yield merit
    cli_i18n.install()  # as importing merit_tui.cli.root leaves the process, for the tests after


def run(group, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(group, list(args), prog_name="merit")
    return result.exit_code, result.output


def test_help_has_no_english(group):
    for args in (["--help"], ["ekspor", "-h"]):
        code, out = run(group, *args)
        assert code == 0 and "Pemakaian: merit" in out and "Opsi:" in out
        assert not english_in(out), (english_in(out), out)
    _, out = run(group, "-h")
    assert "Perintah:" in out and "Tampilkan bantuan ini lalu keluar." in out and "Tampilkan versi lalu keluar." in out
    assert "[bawaan: penilai]" in out
    assert "--db BERKAS" in out and "--catatan TEKS" in out and "--jumlah BILANGAN" in out and "[OPSI] [PERINTAH] [ARG]..." in out
    _, out = run(group, "ekspor", "-h")
    assert "--ke JALUR" in out and "[variabel lingkungan: MERIT_KE; wajib]" in out


def test_version_is_indonesian(group):
    assert run(group, "--version") == (0, "merit-tui versi 0.1.0\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nope"], "Galat: Tidak ada perintah 'nope'."),
        (["ekspor"], "Galat: Kurang argumen 'NOMOR'."),
        (["ekspor", "1"], "Galat: Kurang opsi '--ke' (variabel lingkungan: 'MERIT_KE')."),
        (["ekspor", "satu", "--ke", "a"], "Galat: Nilai tidak sah untuk 'NOMOR': 'satu' bukan angka yang sah."),
        (["--peran", "kepala"], "Galat: Nilai tidak sah untuk '--peran': 'kepala' bukan salah satu dari 'penilai', 'verifikator'."),
        (["--jumlah", "9"], "Galat: Nilai tidak sah untuk '--jumlah': 9 di luar rentang 1<=x<=5."),
        (["--batas", "x"], "'x' bukan angka yang sah."),
        (["--bogus"], "Galat: Tidak ada opsi '--bogus'."),
        (["--catatn", "x"], "Tidak ada opsi '--catatn'. (Maksud Anda salah satu dari: '--batas', '--catatan'?)"),
        (["--perann", "x"], "Tidak ada opsi '--perann'. Maksud Anda '--peran'?"),
        (["ekspor", "1", "2", "--ke", "a"], "Galat: Ada argumen lebih yang tidak dikenal (2)"),
        (["--db"], "Galat: Opsi '--db' memerlukan nilai."),
        (["--db", "."], "Galat: Nilai tidak sah untuk '--db': '.' adalah folder, bukan berkas."),
    ],
)
def test_usage_errors_have_no_english(group, args, expected):
    code, out = run(group, *args)
    assert code == 2
    assert expected in out, out
    assert not english_in(out), (english_in(out), out)


def test_abort_is_indonesian(group):
    @group.command("tanya")
    def tanya() -> None:
        raise click.Abort

    code, out = run(group, "tanya")
    assert code == 1 and out.strip() == "Dibatalkan!"


def test_install_is_idempotent_and_reversible():
    changed = cli_i18n.install()
    assert {"click.core", "click.exceptions", "click.formatting", "click.types", "click.parser"} <= set(changed)
    assert cli_i18n.install() == changed
    cli_i18n.uninstall()
    from click import formatting

    assert formatting._("Usage:") == "Usage:"
    cli_i18n.install()  # as importing merit_tui.cli.root leaves the process, for the tests after


def _click_msgids() -> tuple[set[str], set[tuple[str, str]], list[str]]:
    """Every literal click passes to _() and ngettext(), and any _() call with a non-literal argument."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    indirect: list[str] = []
    for source in sorted(Path(click.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")):
                continue
            args = node.args
            literal = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_":
                if len(literal) == 1:
                    singles.add(literal[0])
                else:
                    indirect.append(f"{source.name}:{node.lineno}: {ast.unparse(node)}")
            elif len(literal) >= 2:
                plurals.add((literal[0], literal[1]))
            else:
                indirect.append(f"{source.name}:{node.lineno}: {ast.unparse(node)}")
    return singles, plurals, indirect


def test_every_click_message_has_a_translation():
    """A click upgrade that adds a message fails here until the message is translated."""
    singles, plurals, indirect = _click_msgids()
    assert len(singles) > 40 and len(plurals) >= 5  # the scan still finds click's messages
    assert sorted(singles - cli_i18n.MESSAGES.keys()) == []
    assert sorted(plurals - cli_i18n.PLURALS.keys()) == []
    # _(extra["required"]) translates a word set elsewhere in core.py: it is in MESSAGES by hand.
    assert [i for i in indirect if "extra['required']" not in i] == []
    assert "required" in cli_i18n.MESSAGES


def test_translations_keep_every_placeholder():
    """A dropped {placeholder} is fine (the value is not shown); an invented one would raise KeyError."""
    fields = re.compile(r"\{(\w+)(?:![rs])?\}|%\((\w+)\)s")
    for english, indonesian in cli_i18n.MESSAGES.items():
        assert {m for m in fields.findall(indonesian)} <= {m for m in fields.findall(english)}, english
    for (one, many), (satu, banyak) in cli_i18n.PLURALS.items():
        allowed = set(fields.findall(one)) | set(fields.findall(many))
        assert set(fields.findall(satu)) | set(fields.findall(banyak)) <= allowed, one
