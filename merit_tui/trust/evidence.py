"""A content-addressed folder of evidence files: `root/ab/abcdef…` holds the bytes with that sha256.

Files are copied in by streaming in fixed-size chunks, hashed while copied into a temp file in the
root (same file system), fsynced and renamed into place, so a file is either whole or absent and
its name always tells its content. Stored files are made read-only as a guard against accidents;
`verify` re-hashes to detect deliberate edits.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import MeritError
from ._fs import fsync_dir
from ._stream import CHUNK, ReadInto, pump, write_all

MAX_NAME_BYTES = 255
TEMP_PREFIX = ".masuk-"
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class EvidenceRef:
    name: str
    sha256: str
    size: int

    def to_data(self) -> dict[str, str]:
        """The `dokumen` entry shape used in exports and seals (numbers as strings)."""
        return {"nama": self.name, "sha256": self.sha256, "ukuran": str(self.size)}


def check_name(name: str, label: str | None = None) -> str:
    """An evidence file name: one path component, printable, at most 255 UTF-8 bytes; NFC."""
    shown = label or repr(name)
    if not isinstance(name, str) or not name or name in (".", ".."):
        raise MeritError(f"{shown}: nama berkas bukti tidak sah")
    if "/" in name or "\\" in name or ":" in name:
        raise MeritError(f"{shown}: nama berkas bukti tidak boleh berisi / \\ atau : ({name!r})")
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise MeritError(f"{shown}: nama berkas bukti berisi karakter kendali")
    name = unicodedata.normalize("NFC", name)
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise MeritError(f"{shown}: nama berkas bukti terlalu panjang (paling banyak {MAX_NAME_BYTES} bita)")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise MeritError(f"{shown}: nama berkas bukti bukan teks yang sah") from None
    return name


def check_sha256(value: str) -> str:
    sha = value.lower() if isinstance(value, str) else ""
    if not _SHA.fullmatch(sha):
        raise MeritError(f"{value!r}: bukan sidik SHA-256 (64 digit heksadesimal)")
    return sha


def _short(sha: str) -> str:
    return sha[:12] + "…"


@dataclass
class _Received:
    ref: EvidenceRef
    tmp: Path


@dataclass
class Staging:
    """Files received but not yet visible in the store; `commit` publishes them all.

    Used for imports: a package with one bad file leaves nothing behind.
    """

    store: EvidenceStore
    _pending: list[_Received] = field(default_factory=list)
    # fsync runs on a worker thread while the next file is copied; commit waits for it.
    _syncer: ThreadPoolExecutor | None = None
    _syncs: list[Future[None]] = field(default_factory=list)

    def add(self, path: str | Path, name: str | None = None) -> EvidenceRef:
        path = Path(path)
        label = str(path)
        name = check_name(name if name is not None else path.name, label)
        fd = open_regular(path)
        with os.fdopen(fd, "rb", buffering=0) as src:
            size = os.fstat(src.fileno()).st_size
            self.store.check_space(size, label)
            got = self._receive(name, src, None, None, label)
        return got

    def add_stream(
        self,
        name: str,
        fileobj: ReadInto,
        expected_sha256: str | None = None,
        expected_size: int | None = None,
        *,
        label: str | None = None,
    ) -> EvidenceRef:
        """Read `fileobj` to its end into the store. With expectations, a mismatch raises
        MeritError (naming `label`, else `name`) and the partial temp file is deleted; reading
        stops one byte past `expected_size`, so a lying stream cannot fill the disk."""
        label = label or name
        name = check_name(name, label)
        expected = check_sha256(expected_sha256) if expected_sha256 is not None else None
        if expected_size is not None:
            if expected_size < 0:
                raise MeritError(f"{label}: ukuran tercatat tidak sah ({expected_size})")
            self.store.check_space(expected_size, label)
        return self._receive(name, fileobj, expected, expected_size, label)

    def _receive(self, name: str, src: ReadInto, expected: str | None, size_limit: int | None, label: str) -> EvidenceRef:
        root = self.store.root
        try:
            root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=root)
        except OSError as exc:
            raise MeritError(f"{root}: folder bukti tidak dapat ditulis ({exc.strerror or exc})") from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb", buffering=0) as out:
                copied = pump(src, write_all(out.write), size_limit, CHUNK)
            size, digest = copied.size, copied.sha256
            if copied.too_long:
                raise MeritError(f"{label}: lebih besar dari {size_limit} bita yang tercatat (berkas diubah)")
            if size_limit is not None and size != size_limit:
                raise MeritError(f"{label}: {size} bita, seharusnya {size_limit} bita (berkas terpotong atau diubah)")
            if expected is not None and digest != expected:
                raise MeritError(
                    f"{label}: sidik SHA-256 tidak cocok (tercatat {_short(expected)}, isinya {_short(digest)}); "
                    "berkas diubah atau rusak"
                )
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        self._pending.append(_Received(EvidenceRef(name, digest, size), tmp))
        if self._syncer is None:
            self._syncer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fsync")
        self._syncs.append(self._syncer.submit(_fsync_path, tmp))
        return EvidenceRef(name, digest, size)

    def commit(self) -> None:
        """Wait until every file is on disk, then make them all visible."""
        try:
            for sync in self._syncs:
                sync.result()
        except OSError as exc:
            raise MeritError(f"{self.store.root}: bukti tidak dapat disimpan ({exc.strerror or exc})") from None
        folders = set()
        while self._pending:
            item = self._pending.pop(0)
            folders.add(self.store._place(item.tmp, item.ref.sha256))
        for folder in folders:
            fsync_dir(folder)
        self._stop_syncer()

    def discard(self) -> None:
        self._stop_syncer()
        while self._pending:
            with contextlib.suppress(OSError):
                self._pending.pop().tmp.unlink()

    def _stop_syncer(self) -> None:
        if self._syncer is not None:
            self._syncer.shutdown(wait=True, cancel_futures=True)
            self._syncer = None
        self._syncs.clear()


def _fsync_path(path: Path) -> None:
    # Windows flushes only through a handle opened for writing.
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_regular(path: Path) -> int:
    """Open for reading without blocking on a FIFO, and refuse anything but a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise MeritError(f"{path}: berkas tidak ditemukan") from None
    except IsADirectoryError:
        raise MeritError(f"{path}: ini folder, bukan berkas; pilih berkasnya") from None
    except OSError as exc:
        raise MeritError(f"{path}: tidak dapat dibaca ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = "folder" if stat.S_ISDIR(mode) else "perangkat, pipa atau soket"
        raise MeritError(f"{path}: bukan berkas biasa ({what}); tidak dapat dijadikan bukti")
    return fd


class EvidenceStore:
    """The evidence folder at `root` (created on first add)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        sha = check_sha256(sha256)
        return self.root / sha[:2] / sha

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    @contextlib.contextmanager
    def staging(self) -> Iterator[Staging]:
        """All-or-nothing adds: published when the block ends normally, deleted if it raises."""
        stage = Staging(self)
        try:
            yield stage
        except BaseException:
            stage.discard()
            raise
        try:
            stage.commit()
        finally:
            stage.discard()

    def add(self, path: str | Path, name: str | None = None) -> EvidenceRef:
        """Copy a file in (idempotent for the same content); the name defaults to the file's."""
        with self.staging() as stage:
            return stage.add(path, name)

    def add_stream(
        self,
        name: str,
        fileobj: ReadInto,
        expected_sha256: str | None = None,
        expected_size: int | None = None,
        *,
        label: str | None = None,
    ) -> EvidenceRef:
        with self.staging() as stage:
            return stage.add_stream(name, fileobj, expected_sha256, expected_size, label=label)

    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path_of(sha256), "rb")
        except FileNotFoundError:
            raise MeritError(f"bukti {_short(sha256)} tidak ada di {self.root}") from None

    def verify(self, sha256: str) -> int:
        """Re-hash the stored file and return its size; MeritError if missing or changed."""
        sha = check_sha256(sha256)
        with self.open(sha) as fh:
            copied = pump(fh, lambda view: None)
        if copied.sha256 != sha:
            raise MeritError(
                f"{self.path_of(sha)}: bukti rusak, isinya berubah sejak disimpan "
                f"(seharusnya {_short(sha)}, sekarang {_short(copied.sha256)})"
            )
        return copied.size

    def remove_stale_temp(self, now: float, older_than: float = 24 * 3600) -> int:
        """Delete temp files a crashed copy left behind (mtime before now - older_than)."""
        removed = 0
        for tmp in self.root.glob(TEMP_PREFIX + "*.tmp") if self.root.is_dir() else ():
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < now - older_than:
                    tmp.unlink()
                    removed += 1
        return removed

    def check_space(self, size: int, label: str) -> None:
        """MeritError naming `label` if the folder's disk has less than `size` bytes free."""
        probe = self.root if self.root.exists() else next((p for p in self.root.parents if p.exists()), None)
        if probe is None:
            return
        free = shutil.disk_usage(probe).free
        if size > free:
            raise MeritError(f"{label}: ruang disk tidak cukup ({size} bita diperlukan, {free} bita tersedia)")

    def _place(self, tmp: Path, sha: str) -> Path:
        """Rename a finished, synced temp file to its content address; return its folder."""
        target = self.path_of(sha)
        try:
            target.parent.mkdir(exist_ok=True)
            os.chmod(tmp, 0o444)
            try:
                os.replace(tmp, target)
            except PermissionError:
                # Windows will not replace a read-only file, nor one another program holds open.
                with contextlib.suppress(OSError):
                    os.chmod(target, 0o644)
                try:
                    os.replace(tmp, target)
                except PermissionError:
                    if not target.is_file():
                        raise
                    tmp.unlink()
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise MeritError(f"{target}: bukti tidak dapat disimpan ({exc.strerror or exc})") from None
        return target.parent
