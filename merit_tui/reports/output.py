"""A report-data dict to a file: the format from the file's name, written safely.

Rendering and writing touch no database, so the app runs this in a worker thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..errors import MeritError
from ..safe_io import FileExists, write_atomic

FORMATS = (".pdf", ".docx", ".html")
KINDS = ("laporan", "rencana-aksi")


def format_of(path: str | Path, allowed: Iterable[str] = FORMATS) -> str:
    """The output format by the file's ending, or MeritError naming the endings that work."""
    allowed = tuple(allowed)
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        shown = ", ".join(allowed[:-1]) + " atau " + allowed[-1] if len(allowed) > 1 else allowed[0]
        raise MeritError(f"{path}: jenis berkas tidak dikenal; pakai {shown}")
    return suffix


def render(data: dict, suffix: str, kind: str = "laporan", template_dir: Path | None = None) -> bytes:
    """The document's bytes; only the renderer the format needs is imported."""
    if kind not in KINDS:
        raise MeritError(f"Jenis dokumen tidak dikenal: {kind!r}")
    if suffix == ".pdf":
        from .pdf import (
            render_pdf,  # typst is large; a DOCX or HTML report never loads it
        )

        return render_pdf(data, template=kind, template_dir=template_dir)
    if suffix == ".docx":
        from .docx import render_docx

        return render_docx(data, kind)
    if suffix == ".html":
        from .html import render_html

        return render_html(data, kind).encode("utf-8")
    raise MeritError(f"Format {suffix} tidak dikenal; pakai {', '.join(FORMATS)}")


def write_report(data: dict, path: str | Path, kind: str = "laporan", force: bool = False,
                 protect: Iterable[str | Path] = (), template_dir: Path | None = None) -> Path:
    """Render `data` to `path` (format by its ending). Raises safe_io.FileExists when the file
    exists and `force` is false; the database in `protect` is never written, whatever `force` says."""
    target = Path(path)
    suffix = format_of(target)
    if target.exists() and not force:  # before rendering: say so at once, not after the work
        raise FileExists(target)
    return write_atomic(target, render(data, suffix, kind, template_dir), force=force, protect=protect)


def slug(text: str) -> str:
    """ASCII words joined by "-": a file name that every file system and e-mail program accepts."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "laporan"


def file_name(agency: str, year: int, instrument: str, suffix: str, prefix: str = "") -> str:
    """e.g. pemerintah-kabupaten-balangan-2022-sistem-merit.pdf (prefix: "rencana-aksi")."""
    return slug(" ".join(x for x in (prefix, agency, str(year), instrument) if x))[:150] + suffix
