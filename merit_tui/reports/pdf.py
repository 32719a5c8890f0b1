"""PDF through typst: the layout lives in editable .typ templates, the report goes in as JSON data.

User text is never spliced into typst source: the templates read `sys.inputs.data` with `json()`,
so a catatan such as `#set page(width: 1pt)` prints as those characters. Only the fonts inside the
typst wheel are used, so a PDF looks the same on every office PC.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import typst

from merit_tui.errors import MeritError
from merit_tui.reports.contract import normalize

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATES = ("laporan", "rencana-aksi")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
_WHERE = re.compile(r"┌─ (?P<file>.+?):(?P<line>\d+):(?P<col>\d+)")


def render_pdf(data: dict, template: str = "laporan", template_dir: Path | None = None) -> bytes:
    """The PDF of one report; `template_dir` holds an agency's own copies, the rest come bundled."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", template):
        raise MeritError(f"Nama templat tidak sah: {template!r}")
    report = normalize(data)
    with tempfile.TemporaryDirectory(prefix="merit-typst-") as tmp:
        root = Path(tmp)
        origin = _stage_templates(root, template_dir)
        main = f"{template}.typ"
        if main not in origin:
            where = template_dir or BUNDLED_TEMPLATES
            raise MeritError(f"Templat {main} tidak ditemukan di {where}")
        if report["signature"]["kop"]:
            report["signature"]["kop"] = _stage_kop(root, Path(report["signature"]["kop"]))
        _word_hints(report)
        try:
            pdf, _warnings = typst.compile_with_warnings(
                str(root / main),
                root=str(root),
                font_paths=[],
                ignore_system_fonts=True,
                sys_inputs={"data": json.dumps(report, ensure_ascii=False)},
            )
        except typst.TypstError as exc:
            raise MeritError(_explain(exc, root, origin)) from None
    return pdf


def _word_hints(report: dict) -> None:
    """Each table column's five longest words (`longest`) and the length of the longest
    (`longest_len`): the templates size columns and break over-long words with them. Finding them
    is quick here and slow in typst's interpreter; a template that ignores them finds them itself."""
    tables = [(report["lampiran"]["columns"], report["lampiran"]["sections"]),
              (report["plan"]["columns"], [{"group": None, "rows": report["plan"]["rows"]}])]
    for columns, sections in tables:
        for col in columns:
            cells = [row.get(col["key"], "") for sec in sections for row in sec["rows"]]
            cells += [(sec["group"] or {}).get(col["key"], "") for sec in sections]
            words = sorted({w for cell in cells for w in cell.split()}, key=lambda w: (len(w), w))[-5:]
            col["longest"] = words
            col["longest_len"] = len(words[-1]) if words else 0


def _stage_templates(root: Path, template_dir: Path | None) -> dict[str, Path]:
    """Bundled templates first, the agency's files over them: it need copy only what it changed."""
    origin: dict[str, Path] = {}
    for folder in (BUNDLED_TEMPLATES, template_dir):
        if folder is None:
            continue
        folder = Path(folder)
        if not folder.is_dir():
            raise MeritError(f"Folder templat tidak ditemukan: {folder}")
        for path in folder.iterdir():
            if path.is_file() and not path.name.startswith("."):
                shutil.copyfile(path, root / path.name)
                origin[path.name] = path
    return origin


def _stage_kop(root: Path, kop: Path) -> str:
    """Typst reads files only inside its root, so the letterhead is copied in under a fixed name."""
    if kop.suffix.lower() not in IMAGE_SUFFIXES:
        raise MeritError(f"Kop surat harus gambar ({', '.join(IMAGE_SUFFIXES)}): {kop}")
    if not kop.is_file():
        raise MeritError(f"Berkas kop surat tidak ditemukan: {kop}")
    folder = root / "_data"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(kop, folder / f"kop{kop.suffix.lower()}")
    return f"/_data/kop{kop.suffix.lower()}"


def _explain(exc: typst.TypstError, root: Path, origin: dict[str, Path]) -> str:
    """Typst's first error, pointed at the template file the agency edited."""
    message = getattr(exc, "message", "") or str(exc)
    found = _WHERE.search(getattr(exc, "diagnostic", "") or "")
    if not found:
        return f"Templat laporan tidak dapat dicetak: {message}"
    name = Path(found["file"]).name
    path = origin.get(name, root / name)
    hints = "; ".join(getattr(exc, "hints", []) or [])
    extra = f" (petunjuk typst: {hints})" if hints else ""
    return (f"Templat {path} tidak dapat dicetak: baris {found['line']}, kolom {found['col']}: "
            f"{message}{extra}")
