"""Small file-system helpers shared by the trust modules."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import MeritError


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable; Windows has no directory handles to sync."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(tmp: Path, target: Path, *, overwrite: bool) -> None:
    """Move a finished temp file to `target`; without `overwrite` an existing target is an error.

    os.replace would silently clobber, so the no-overwrite case uses link (POSIX) or rename
    (Windows), both of which fail atomically when the target exists.
    """
    if overwrite:
        os.replace(tmp, target)
        return
    if os.name == "nt":
        os.rename(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links (some network and FAT mounts).
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.rename(tmp, target)
        return
    os.unlink(tmp)


def write_small(target: Path, data: bytes, *, overwrite: bool, mode: int = 0o644) -> Path:
    """Write a small file via a temp file in the same folder, fsync, then publish it.

    `mode` is applied at creation, so a private key is never readable by others, not even briefly.
    """
    if target.exists() and not overwrite:
        raise MeritError(f"{target}: berkas sudah ada; pakai --force untuk menimpanya")
    if not target.parent.is_dir():
        raise MeritError(f"{target}: folder {target.parent} tidak ada")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        publish(tmp, target, overwrite=overwrite)
        fsync_dir(target.parent)
    except FileExistsError:
        raise MeritError(f"{target}: berkas sudah ada; pakai --force untuk menimpanya") from None
    except OSError as exc:
        raise MeritError(f"{target}: tidak dapat ditulis ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target
