"""YAML from hostile hands: bounded numbers, Indonesian messages, special files, exact round trips."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from merit_tui import yaml_messages, yamlio
from merit_tui.errors import InvalidFile
from merit_tui.yaml_dump import dump
from merit_tui.yamlio import load_path, parse
from tests.conftest import MERIT_FILE
from tests.test_store import snapshot

LOADERS = [yamlio._PyLoader] + ([yamlio._CLoader] if yamlio._CBase is not None else [])
ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|could not|did not|character|allowed|token|stream|node)\b")


def problems_of(text: str, loader=None) -> list[str]:
    with pytest.raises(InvalidFile) as exc:
        if loader is None:
            parse(text, "f.yaml")
        else:
            yamlio._parse_with(loader, text, "f.yaml", check_aliases=False)
    return [str(p) for p in exc.value.problems]


# ---------- numbers ----------

NUMBERS = {
    "target: 1.0e+999999\n": "f.yaml:1:9: angka terlalu besar/terlalu panjang: 1.0e+999999",
    "target: " + "9" * 5000 + "\n": "f.yaml:1:9: angka terlalu besar/terlalu panjang: 99999999999999999999…",
    "a: " + "1" * 31 + "\n": "f.yaml:1:4: angka terlalu besar/terlalu panjang",
    "a: 1.0e+31\n": "f.yaml:1:4: angka terlalu besar/terlalu panjang",
    "a: 1.0e-31\n": "f.yaml:1:4: angka terlalu besar/terlalu panjang",
    "a: 0.0e-999\n": "f.yaml:1:4: angka terlalu besar/terlalu panjang",
    "a: 0." + "1" * 31 + "\n": "f.yaml:1:4: angka terlalu besar/terlalu panjang",
    "a: 0x" + "f" * 30 + "\n": "f.yaml:1:4: angka terlalu besar/terlalu panjang",
    "a: " + ":".join(["1"] * 30) + "\n": "f.yaml:1:4: angka terlalu besar/terlalu panjang",
    "a: .inf\n": "f.yaml:1:4: .inf bukan angka yang dapat dipakai (tak hingga atau NaN)",
    "a: -.Inf\n": "f.yaml:1:4: -.Inf bukan angka",
    "a: .nan\n": "f.yaml:1:4: .nan bukan angka",
    "a: 0b_\n": "f.yaml:1:4: bilangan bulat tidak sah: 0b_",
    "a: 2022-13-45\n": "f.yaml:1:4: tanggal atau waktu tidak sah: 2022-13-45",
}


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("text", sorted(NUMBERS), ids=lambda t: t[:20])
def test_wild_numbers_are_problems_with_their_place(text, loader):
    found = problems_of(text, loader)
    assert len(found) == 1 and found[0].startswith(NUMBERS[text]), found


def test_every_wild_number_is_reported_at_once():
    found = problems_of("a: .inf\nb: 1.0e+99\nc: 3\n")
    assert [p.split(": ")[0] for p in found] == ["f.yaml:1:4", "f.yaml:2:4"]


def test_numbers_within_bounds_stay_exact():
    data = parse("a: " + "9" * 30 + "\nb: 1.0e+30\nc: 2.5\nd: 0x1F\ne: 1_000\nf: 0.000001\n", "f.yaml").data
    assert data == {"a": 10**30 - 1, "b": Decimal("1.0e+30"), "c": Decimal("2.5"), "d": 31, "e": 1000, "f": Decimal("0.000001")}


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [("target: 265", "target: 1.0e+999999", ":7:9: "), ("target: 265", "target: " + "9" * 5000, ":7:9: "),
     ("  skor: 4\n", "  skor: .nan\n", ":11:9: ")],
)
def test_import_refuses_wild_numbers_cleanly(merit, store, db_path, old, new, where):
    """At main: 1e999999 was stored as a million-digit string, 5000 digits gave 'Galat tak terduga'."""
    store.close()
    before = snapshot(db_path)
    bad = db_path.parent / "angka.yaml"
    bad.write_text(MERIT_FILE.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, out, err = merit("import", str(bad), "--replace")
    assert code == 2, err
    assert err.startswith(f"{bad}{where}") and ("angka terlalu besar/terlalu panjang" in err or "bukan angka" in err)
    assert "Galat" not in err and "Traceback" not in err + out
    assert snapshot(db_path) == before


# ---------- messages in Indonesian ----------

BROKEN = {
    "a: 'abc\nb: 1\n": ("f.yaml:3:1:", "tanda kutip penutup hilang", "dimulai di baris 1, kolom 4"),
    "a:\n  b: 1\n c: 2\n": ("f.yaml:3:2:", "periksa indentasi"),
    "a: b: c\n": ("f.yaml:1:5:", "apit nilai yang memuat ': ' dengan tanda kutip"),
    "a: [1, 2\nb: 3\n": ("f.yaml:2:2:", "daftar [ … ] belum ditutup"),
    "a: {x: 1\nb: 3\n": ("f.yaml:2:2:", "pemetaan { … } belum ditutup"),
    "a: @foo\n": ("f.yaml:1:4:", "karakter '@' tidak boleh mengawali nilai"),
    "a: `x`\n": ("f.yaml:1:4:", "karakter '`' tidak boleh mengawali nilai"),
    'a: "C:\\Users\\x"\n': ("f.yaml:1:9:", "untuk jalur Windows pakai tanda kutip tunggal"),
    'a: "C:\\data"\n': ("f.yaml:1:", "untuk jalur Windows pakai tanda kutip tunggal"),
    "a:\n\tb: 1\n": ("f.yaml:2:1:", "karakter tab tidak boleh dipakai"),
    "a: 1\n---\nb: 2\n": ("f.yaml:2:1:", "satu dokumen YAML"),
    "a: !!python/object:os.system x\n": ("f.yaml:1:4:", "tag 'tag:yaml.org,2002:python/object:os.system' tidak didukung"),
    "a: !x!y z\n": ("f.yaml:1:4:", "tag YAML (!…) tidak sah"),
    "- a\nb: 1\n": ("f.yaml:2:1:", "periksa indentasi", "daftar dimulai di baris 1, kolom 1"),
    "a: 1\n- b\n": ("f.yaml:2:1:", "periksa indentasi"),
    "? [a]\n: 1\n": ("f.yaml:1:3:", "kunci tidak boleh berupa daftar atau pemetaan"),
    "a: |0\n  x\n": ("f.yaml:1:5:", "harus 1–9, bukan 0"),
    "a: |x\n  x\n": ("f.yaml:1:5:", "YAML tidak valid: "),
    "a: &x 1\nb: &x 2\n": ("f.yaml:2:4:", "dipakai dua kali"),
    "a: *x\n": ("f.yaml:1:4:", "alias YAML (*nama) tidak didukung"),
    "%YAML 2.0\n---\na: 1\n": ("f.yaml:1:1:", "versi YAML tidak didukung"),
    "a: 'x\n---\ny'\n": ("f.yaml:2:1:", "penanda dokumen"),
    "a: & b\n": ("f.yaml:1:5:", "hanya boleh huruf dan angka"),
    "a:\n  <<: 1\n": ("f.yaml:2:7:", "kunci gabungan '<<'"),
    "a: !!omap 1\n": ("f.yaml:1:4:", "!!omap"),
    'a: "\\x4"\n': ("f.yaml:1:7:", "'\\x', '\\u' atau '\\U' tidak sah"),
    "a: b\nc: d\x01e\n": ("f.yaml:2:5:", "karakter tak tercetak U+0001 START OF HEADING"),
    "a: \x1b[31mmerah\n": ("f.yaml:1:4:", "U+001B ESCAPE"),
    "a: b\x9bc\n": ("f.yaml:1:5:", "U+009B"),
    "a: " + "[" * 2000 + "]" * 2000 + "\n": ("f.yaml", "terlalu dalam bersarang"),
}


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("text", sorted(BROKEN), ids=lambda t: repr(t[:16]))
def test_broken_yaml_is_explained_in_indonesian(text, loader):
    """At main: 'YAML tidak valid: did not find expected node content' and the like."""
    [message] = problems_of(text, loader)
    where, *wanted = BROKEN[text]
    assert message.startswith(where), message
    for w in wanted:
        assert w in message, message
    assert not ENGLISH.search(message.replace("tag:yaml.org", "")), message


def _inside(cls: ast.ClassDef, node: ast.AST, function: str) -> bool:
    return any(isinstance(f, ast.FunctionDef) and f.name == function and node in ast.walk(f) for f in cls.body)


def _pyyaml_messages() -> tuple[set[str], set[str]]:
    """Every problem and context text PyYAML's safe path can raise, with %-placeholders filled in."""
    root = Path(yaml.__file__).parent
    problems, contexts = set(), set()
    fill = {"%r": "'x'", "%s": "x", "%d": "1", "%04x": "0001", "%02x": "01"}

    def text_of(node) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left = text_of(node.left)
            return None if left is None else re.sub(r"%(?:r|s|d|04x|02x)", lambda m: fill[m.group(0)], left)
        return None

    for module in ("scanner", "parser", "composer", "constructor"):
        tree = ast.parse((root / f"{module}.py").read_text(encoding="utf-8"))
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            if cls.name in ("FullConstructor", "UnsafeConstructor", "Constructor"):
                continue  # python/* tags: never reached through SafeLoader
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                if _inside(cls, call, "check_state_key"):  # only for python/object state
                    continue
                if not (isinstance(call.func, ast.Name) and call.func.id.endswith("Error") and len(call.args) >= 3):
                    continue
                context, problem = text_of(call.args[0]), text_of(call.args[2])
                if problem:
                    problems.add(problem)
                if context:
                    contexts.add(context)
    return problems, contexts


# libyaml 0.2.5 scanner/parser problems (from its scanner.c and parser.c); reader errors are
# ReaderErrors and handled apart.
LIBYAML_PROBLEMS = """\
block sequence entries are not allowed in this context
could not find expected ':'
could not find expected directive name
did not find URI escaped octet
did not find expected '!'
did not find expected ',' or ']'
did not find expected ',' or '}'
did not find expected '-' indicator
did not find expected <document start>
did not find expected <stream-start>
did not find expected alphabetic or numeric character
did not find expected comment or line break
did not find expected digit or '.' character
did not find expected hexdecimal number
did not find expected key
did not find expected node content
did not find expected tag URI
did not find expected version number
did not find expected whitespace
did not find expected whitespace or line break
did not find the expected '>'
exceeded maximum nesting depth
found a tab character that violates indentation
found a tab character where an indentation space is expected
found an incorrect leading UTF-8 octet
found an incorrect trailing UTF-8 octet
found an indentation indicator equal to 0
found duplicate %TAG directive
found duplicate %YAML directive
found extremely long version number
found incompatible YAML document
found invalid Unicode character escape code
found undefined tag handle
found unexpected ':'
found unexpected document indicator
found unexpected end of stream
found unexpected non-alphabetical character
found unknown directive name
found unknown escape character
incompatible %YAML directive
mapping keys are not allowed in this context
mapping values are not allowed in this context
found undefined alias
second occurrence
but found another document""".splitlines()

LIBYAML_CONTEXTS = """\
while parsing a %TAG directive
while parsing a block collection
while parsing a block mapping
while parsing a block node
while parsing a flow mapping
while parsing a flow node
while parsing a flow sequence
while parsing a node
while parsing a quoted scalar
while parsing a tag
while parsing a tag directive
while scanning a %TAG directive
while scanning a %YAML directive
while scanning a block scalar
while scanning a directive
while scanning a plain scalar
while scanning a quoted scalar
while scanning a simple key
while scanning a tag
while scanning a tag directive
while scanning an alias
while scanning an anchor
while scanning for the next token
while increasing block level
while increasing flow level
found duplicate anchor; first occurrence
expected a single document in the stream""".splitlines()


def test_every_pyyaml_and_libyaml_message_has_a_translation():
    problems, contexts = _pyyaml_messages()
    assert len(problems) > 40 and len(contexts) > 15  # the scan itself still works
    problems |= set(LIBYAML_PROBLEMS)
    contexts |= set(LIBYAML_CONTEXTS)
    special = {p for p in problems if "cannot start any token" in p}  # named from the text itself
    missing = sorted(p for p in problems - special if not yaml_messages._lookup(yaml_messages._PROBLEMS, p)[0])
    assert not missing, missing
    # PyYAML fills "while scanning an %s" with a construct's name: one of these must match.
    names = ("anchor", "alias", "tag", "directive", "block", "flow")
    expansions = {c: [c.replace(" x", f" {n}") for n in names] if " x" in c else [c] for c in contexts}
    missing = sorted(c for c, variants in expansions.items() if not any(yaml_messages._lookup(yaml_messages._CONTEXTS, v)[0] for v in variants))
    assert not missing, missing


def test_an_unknown_message_keeps_the_english_in_parentheses():
    exc = yaml.MarkedYAMLError(problem="something new went wrong", problem_mark=None)
    assert yaml_messages.translate(exc, "") == "kesalahan sintaks YAML (something new went wrong)"


# ---------- special files ----------


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_load_path_does_not_hang_on_a_fifo(tmp_path):
    """At main: stat size 0, then read_bytes() blocks forever waiting for a writer."""
    fifo = tmp_path / "rubrik.yaml"
    os.mkfifo(fifo)
    result: list[str] = []

    def load():
        try:
            load_path(fifo)
        except InvalidFile as exc:
            result.append(str(exc.problems[0]))

    t = threading.Thread(target=load, daemon=True)
    t.start()
    t.join(5)
    if t.is_alive():  # unblock the old code's open() so the thread can end
        with open(fifo, "wb"):
            pass
    assert result == [f"{fifo}: ini pipa (FIFO), bukan berkas biasa"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_import_of_dev_zero_is_refused_not_read_forever(tmp_path):
    """At main: stat size 0 passes the size check and read_bytes() eats memory until it dies."""
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from merit_tui.cli import run\n"
        "sys.exit(run(['--db', sys.argv[1], 'import', '/dev/zero']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "m.db")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == "/dev/zero: ini perangkat, bukan berkas biasa"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InvalidFile, match="ini folder, bukan berkas"):
        load_path(tmp_path)


# ---------- exact round trips ----------

SPECIAL = st.sampled_from(
    list("ab #:'\"-?\t\r\n\x85\u2028\u2029\ufeff\x00\x1b\u00a0é|>{}[],&*!%@`~\\")
    + ["yes", "no", "null", "~", "007", "1.0", "1e3", "---", "...", "x" * 75, "   ", "0x1F", "2022-01-01", ".inf"]
)
TEXTS = st.one_of(
    st.text(),
    st.lists(SPECIAL, max_size=40).map("".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
)


@settings(max_examples=1500, deadline=None)
@given(s=TEXTS, key=TEXTS)
@example(s="baris satu\x85baris dua", key="k")  # at main the NEL came back as a space
@example(s="a\u2028b\u2029c\rd", key="k")
@example(s="  spasi di tepi  ", key="k")
@example(s="# bukan komentar", key="k")
@example(s="a: b", key="k")
@example(s="", key="k")
@example(s="yes", key="no")
@example(s="007", key="1.0")
@example(s="kata " * 500, key="k")
@example(s="\ttab di depan\n  dan spasi\n", key="k")
def test_dump_round_trips_every_string_exactly(s, key):
    data = {key: s, "nested": [{"k": s}]}
    assert parse(dump(data), "f.yaml").data == data


def test_dump_keeps_every_digit_of_a_decimal():
    d = Decimal("123456789012345678901234567.891")
    assert parse(dump({"a": d}), "f.yaml").data == {"a": d}
