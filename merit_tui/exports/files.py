"""Writing files safely (temp file, then rename, never clobbering without --force), and the
assessment file an export writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..assessment import Assessment, assessment_to_data
from ..errors import MeritError
from ..yaml_dump import dump


def write_atomic(path: str | Path, data: str | bytes, force: bool = False) -> Path:
    target = Path(path)
    if target.exists() and not force:
        raise MeritError(f"{target}: berkas sudah ada; pakai --force untuk menimpanya")
    if not target.parent.exists():
        raise MeritError(f"{target}: folder {target.parent} tidak ada")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise MeritError(f"{target}: tidak dapat ditulis ({exc.strerror})") from None
    return target


def assessment_yaml(a: Assessment) -> str:
    header = f"# {a.agency} {a.year}: {a.rubric_id} versi {a.rubric_version}. Diekspor oleh merit-tui.\n"
    return header + dump(assessment_to_data(a))
