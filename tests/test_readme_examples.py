"""Issue 14: what the README promises a fresh install can do.

Every `merit …` line of the README's ```sh blocks runs, in the README's order, from one empty
working folder with its own HOME, so the default database is a new one (seeded with the three
Balangan examples) and nothing is read from the repository. Each must exit 0, or non-zero if its
comment starts with `gagal:` (a failure the README shows on purpose). Three rules, each visible
in the test report:

- `merit` with no subcommand opens the workbench (TUI): skipped;
- a command that would ask for a key's passphrase (`key new`, `seal ID`, a verifier's status
  move that seals) gets `--passphrase-file`, the form the CLI offers for scripts;
- a status move asks "Tetap ubah status?" when the assessment is not complete (the README's
  TUI steps, skipped here, are where a person fills it); away from a terminal it is refused,
  changing nothing, and is run again with `--yes`.

Answering rather than skipping keeps the later lines meaningful: without the key the README's
round trip (export, trust, seal, import, verify) could not run at all.

`merit examples` itself, and the packaging the README's install relies on, are tested below.
"""

from __future__ import annotations

import glob
import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from merit_tui import bundled
from merit_tui.cli import run

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
PASSPHRASE = "frasa sandi untuk uji README"
GLOBAL_OPTIONS = ("--db", "--user", "--role")
SEALING_MOVES = ("dikembalikan", "diverifikasi", "final")


@dataclass(frozen=True)
class Example:
    line: int  # in README.md
    text: str  # the command as written, without its comment
    words: list[str]  # after `merit`
    fails: bool  # marked `# gagal: …`


def split_comment(line: str) -> tuple[str, str]:
    """The command and its trailing `# comment` (a `#` outside quotes, at the start or after a space)."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def examples(text: str) -> list[Example]:
    found = []
    for block in re.finditer(r"^```sh\n(.*?)^```", text, re.M | re.S):
        first = text.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).split("\n")
        i = 0
        while i < len(lines):
            number, line = first + i, lines[i]
            while line.endswith("\\") and i + 1 < len(lines):  # a continued line
                i += 1
                line = line[:-1] + " " + lines[i].strip()
            i += 1
            command, comment = split_comment(line.strip())
            words = shlex.split(command)
            if words and words[0] == "merit":
                found.append(Example(number, command, words[1:], comment.startswith("gagal:")))
    return found


def split_global(words: list[str]) -> tuple[dict[str, str], list[str]]:
    """`--db X --role Y rest…` → ({--db: X, --role: Y}, rest)."""
    options, i = {}, 0
    while i < len(words) and words[i] in GLOBAL_OPTIONS:
        options[words[i]] = words[i + 1]
        i += 2
    return options, words[i:]


def opens_workbench(example: Example) -> bool:
    return not split_global(example.words)[1]


def answered(example: Example, passphrase_file: Path) -> tuple[list[str], list[str]]:
    """The words to run, and the answers added for the questions the command would ask."""
    options, rest = split_global(example.words)
    added: list[str] = []
    asks_passphrase = (
        rest[:2] == ["key", "new"]
        or (rest[:1] == ["seal"] and rest[1:2] != ["verify"])
        or (rest[:1] == ["status"] and options.get("--role") == "verifikator" and rest[2:3] and rest[2] in SEALING_MOVES)
    )
    if asks_passphrase and "--passphrase-file" not in rest:
        added += ["--passphrase-file", str(passphrase_file)]
    return example.words + added, added


def asks_to_confirm(example: Example) -> bool:
    """A status move asks "Tetap ubah status?" when the assessment is not complete; away from a
    terminal it stops and says to repeat it with --yes (the CLI's answer for scripts)."""
    rest = split_global(example.words)[1]
    return rest[:1] == ["status"] and "--yes" not in rest


def expand(words: list[str], cwd: Path) -> list[str]:
    """What the shell would do with `contoh/rubrics/*.yaml` (a pattern matching nothing stays)."""
    out = []
    for word in words:
        matches = sorted(glob.glob(word, root_dir=cwd)) if any(c in word for c in "*?[") else []
        out += matches or [word]
    return out


README_EXAMPLES = examples(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readme_world(tmp_path_factory):
    """One working folder and one HOME for the whole README, in order."""
    work, home, secrets = (tmp_path_factory.mktemp(name) for name in ("readme-work", "readme-home", "readme-secrets"))
    passphrase = secrets / "frasa.txt"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return work, home, passphrase


def example_id(example: Example) -> str:
    """README:LINE, and what the rules do with it, so the test report shows each rule applied."""
    if opens_workbench(example):
        return f"README:{example.line} skipped-tui"
    added = [w for w in answered(example, Path("F"))[1] if w.startswith("--")]
    return f"README:{example.line}" + "".join(f" {w}" for w in added) + (" --yes-if-asked" if asks_to_confirm(example) else "")


@pytest.mark.parametrize("example", README_EXAMPLES, ids=[example_id(e) for e in README_EXAMPLES])
def test_readme_example(example, readme_world, monkeypatch, capsys):
    work, home, passphrase = readme_world
    if opens_workbench(example):
        pytest.skip(f"README:{example.line} `{example.text}` opens the workbench (TUI)")
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("MERIT_DB", "MERIT_CONFIG_DIR"):
        monkeypatch.delenv(name, raising=False)
    words = expand(answered(example, passphrase)[0], work)
    capsys.readouterr()
    code = run(words)
    out = capsys.readouterr()
    if code != 0 and asks_to_confirm(example) and "--yes" in out.err:  # refused, nothing changed: answer yes
        code = run([*words, "--yes"])
        out = capsys.readouterr()
    said = f"README:{example.line} `{example.text}` exited {code}\n{out.out}\n{out.err}"
    if example.fails:
        assert code != 0, said
    else:
        assert code == 0, said


def test_the_readme_has_the_examples_the_rules_expect():
    """The rules above match something: the walk starts with `merit examples`, and the README
    shows a TUI step, a passphrase, a status move and a failure on purpose."""
    assert README_EXAMPLES[0].words[:1] == ["examples"]
    assert any(opens_workbench(e) for e in README_EXAMPLES)
    assert any(answered(e, Path("f"))[1][:1] == ["--passphrase-file"] for e in README_EXAMPLES)
    assert any(e.fails for e in README_EXAMPLES)
    # every file path an example reads is made by an earlier example or by `merit examples`
    assert not [e.text for e in README_EXAMPLES if re.search(r"(?<![\w/])(assessments|rubrics)/", e.text)]


def test_the_parser_reads_quotes_comments_and_markers():
    (e,) = examples('```sh\nmerit --role verifikator status 2 dikembalikan --note "Lengkapi # SKJ"   # gagal: x\n```\n')
    assert e.words == ["--role", "verifikator", "status", "2", "dikembalikan", "--note", "Lengkapi # SKJ"] and e.fails
    assert examples("```powershell\nmerit list\n```\n") == []
    (bare,) = examples("```sh\nmerit --db bkn.db --role verifikator   # meja kerja\n```\n")
    assert opens_workbench(bare) and not bare.fails


def test_the_score_the_readme_shows_is_what_merit_score_prints(merit):
    text = README.read_text(encoding="utf-8")
    shown = re.search(r"^```\n(Total Penilaian Mandiri.*?)^```", text, re.M | re.S).group(1).strip().splitlines()
    path = next(p for p in bundled.example_files() if p.name == "balangan-2022-sistem-merit.yaml")
    code, out, _ = merit("score", str(path))
    assert code == 0
    assert [line for line in shown if line not in out] == []


# ---- merit examples ----------------------------------------------------------------------------

def test_examples_copies_the_bundled_files_and_says_which(merit, tmp_path):
    target = tmp_path / "contoh"
    code, out, err = merit("examples", "--to", str(target))
    assert code == 0, err
    expected = {target.joinpath(*parts): source for source, parts in bundled.example_set()}
    names = {p.relative_to(target).as_posix() for p in expected}
    assert {"assessments/balangan-2022-sistem-merit.yaml", "assessments/balangan-2021-nspk.yaml",
            "assessments/contoh-2026-sistem-merit.yaml", "rubrics/kasn-sistem-merit.yaml", "rubrics/bkn-nspk.yaml",
            "rubrics/permenpanrb-19-2025.yaml", "rubrics/mappings/kasn-sistem-merit-ke-permenpanrb-19-2025.yaml",
            "templates/laporan.typ"} <= names
    assert {p for p in target.rglob("*") if p.is_file()} == set(expected)
    for copy, source in expected.items():
        assert copy.read_bytes() == source.read_bytes()
        assert f"Ditulis: {copy}" in out
    # what it wrote is usable as is: the example scores, the rubrics check
    code, out, _ = merit("score", str(target / "assessments" / "balangan-2022-sistem-merit.yaml"))
    assert code == 0 and "299.5" in out
    code, _, _ = merit("rubric", "check", *map(str, sorted((target / "rubrics").glob("*.yaml"))))
    assert code == 0


def test_examples_refuses_to_overwrite_and_writes_nothing(merit, tmp_path):
    target = tmp_path / "contoh"
    mine = target / "rubrics" / "kasn-sistem-merit.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("milik saya\n", encoding="utf-8")
    code, out, err = merit("examples", "--to", str(target))
    assert code == 1
    assert "sudah ada" in err and "tidak ada yang ditulis" in err and "--force" in err and str(mine) in err
    assert out == "" and [p for p in target.rglob("*") if p.is_file()] == [mine]
    assert mine.read_text(encoding="utf-8") == "milik saya\n"
    code, out, _ = merit("examples", "--to", str(target), "--force")
    assert code == 0 and mine.read_bytes() == next(s for s, parts in bundled.example_set() if parts == ("rubrics", mine.name)).read_bytes()


def test_examples_into_a_file_or_without_to(merit, tmp_path):
    a_file = tmp_path / "berkas.txt"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = merit("examples", "--to", str(a_file))
    assert code == 1 and "bukan folder" in err
    code, _, err = merit("examples")
    assert code == 2 and "--to" in err


def test_examples_opens_no_database(tmp_path, monkeypatch, capsys):
    db = tmp_path / "tidak-dibuat.db"
    assert run(["--db", str(db), "examples", "--to", str(tmp_path / "contoh")]) == 0
    assert not db.exists()


# ---- packaging ---------------------------------------------------------------------------------

def test_the_package_says_its_licence_authors_and_where_it_lives():
    project = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (HERE.parent / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 merit-tui contributors\n")
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in licence
    assert project["authors"] == [{"name": "merit-tui contributors"}]
    assert {"Homepage", "Repository", "Issues"} <= set(project["urls"])
    classifiers = set(project["classifiers"])
    for expected in ("Programming Language :: Python :: 3.11", "Programming Language :: Python :: 3.12",
                     "Programming Language :: Python :: 3.13", "License :: OSI Approved :: MIT License",
                     "Environment :: Console", "Natural Language :: Indonesian", "Operating System :: OS Independent",
                     "Topic :: Office/Business"):
        assert expected in classifiers


def test_the_readme_tells_debian_and_windows_users_what_they_need():
    text = README.read_text(encoding="utf-8")
    assert "python3-venv" in text
    assert "Windows Terminal" in text and "PowerShell" in text and r".venv\Scripts\Activate.ps1" in text
    assert r".venv\Scripts\activate" in text
