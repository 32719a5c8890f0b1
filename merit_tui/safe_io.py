"""Reading and writing files without hanging, clobbering or half-writing.

Works on Windows and POSIX: every POSIX-only flag is looked up with getattr and
falls back to nothing.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InvalidFile, MeritError, Problem
from .text import terminal_safe

TEMP_PREFIX = ".merit-tmp-"
CHUNK = 1024 * 1024
SETTLE_WINDOW_S = 2.0
SETTLE_S = 0.05
WAL_COMPANIONS = ("", "-wal", "-shm", "-journal")


class FileExists(MeritError):
    """The target exists and `force` was not given; the CLI says "pakai --force", the app asks "Timpa?"."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: berkas sudah ada")


class ProtectedPath(MeritError):
    """The target is the open database or one of its companions; never written, whatever `force` says."""

    def __init__(self, path: Path, protected: Path) -> None:
        self.path, self.protected = path, protected
        super().__init__(f"{path}: ini berkas basis data merit-tui ({protected}); tidak boleh ditimpa, pilih nama lain")


_WINDOWS_MESSAGES = {32: "berkas sedang dibuka program lain (mis. Excel); tutup dulu lalu coba lagi", 33: "berkas sedang dikunci program lain; tutup dulu lalu coba lagi"}
# By name: Windows' errno module lacks some of these (EDQUOT, for one).
_ERRNO_MESSAGES = {
    code: message
    for name, message in {
        "ENOENT": "berkas atau folder tidak ditemukan",
        "EACCES": "tidak ada izin (atau berkas sedang dibuka program lain / hanya-baca)",
        "EPERM": "tidak ada izin",
        "EISDIR": "ini folder, bukan berkas",
        "ENOTDIR": "salah satu bagian jalur bukan folder",
        "ENOSPC": "ruang disk penuh",
        "EDQUOT": "kuota disk habis",
        "EROFS": "disk hanya-baca",
        "EIO": "galat baca/tulis pada disk",
        "ENAMETOOLONG": "nama berkas terlalu panjang",
        "ELOOP": "terlalu banyak tautan simbolik berantai",
        "EINVAL": "nama berkas tidak sah",
        "EBUSY": "berkas sedang dipakai",
        "EXDEV": "tidak dapat dipindah antar-disk",
        "ENXIO": "bukan berkas biasa (perangkat atau soket)",
    }.items()
    if (code := getattr(errno, name, None)) is not None
}


def describe_os_error(exc: OSError) -> str:
    """An OSError in Indonesian (strerror is English, or in the OS's language on Windows)."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_MESSAGES:
        return _WINDOWS_MESSAGES[winerror]
    return _ERRNO_MESSAGES.get(exc.errno or 0, f"galat sistem {exc.errno or ''} ({exc.strerror or exc})".replace("  ", " "))


def _kind(mode: int) -> str | None:
    """Why a file mode is not something to read as a document, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "ini folder, bukan berkas"
    if stat.S_ISFIFO(mode):
        return "ini pipa (FIFO), bukan berkas biasa"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "ini perangkat, bukan berkas biasa"
    if stat.S_ISSOCK(mode):
        return "ini soket, bukan berkas biasa"
    return "bukan berkas biasa"


def _refuse(name: str, message: str) -> InvalidFile:
    return InvalidFile([Problem(name, None, None, "", message)])


def _fingerprint(st: os.stat_result) -> tuple[int, int]:
    return st.st_size, st.st_mtime_ns


def _same_inode(a: os.stat_result, b: os.stat_result) -> bool:
    # Windows reports 0 for st_ino on some file systems: then there is nothing to compare.
    return not (a.st_ino and b.st_ino) or (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)


def read_bounded(path: str | Path, limit: int) -> bytes:
    """All bytes of a regular file of at most `limit` bytes, read as one consistent version.

    Raises InvalidFile (one Problem naming the file) for a missing or unreadable
    path, anything that is not a regular file (folder, FIFO, device, socket),
    more than `limit` bytes, or a file that changed while it was read.
    """
    name = str(path)
    try:
        # Checked before opening: on Windows there is no O_NONBLOCK, so a pipe must not be opened at all.
        kind = _kind(os.stat(path).st_mode)
        if kind:
            raise _refuse(name, kind)
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
        try:
            before = os.fstat(fd)
            kind = _kind(before.st_mode)  # it may have been swapped since the stat above
            if kind:
                raise _refuse(name, kind)
            if before.st_size > limit:
                raise _refuse(name, f"berkas terlalu besar ({before.st_size} byte; batas {limit})")
            chunks: list[bytes] = []
            total = 0
            while total <= limit:
                chunk = os.read(fd, min(CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > limit:
                raise _refuse(name, f"berkas terlalu besar (lebih dari {limit} byte)")
            after = os.fstat(fd)
        finally:
            os.close(fd)
        # A writer that truncated the file and is still writing looks finished between its
        # write calls; a file saved a moment ago gets a short pause to show it is done.
        if abs(time.time() - after.st_mtime) < SETTLE_WINDOW_S:
            time.sleep(SETTLE_S)
        now = os.stat(path)
    except InvalidFile:
        raise
    except FileNotFoundError:
        raise _refuse(name, "berkas tidak ditemukan") from None
    except PermissionError as exc:
        # Windows refuses to open a folder with EACCES, and a file another program locked likewise.
        if os.path.isdir(path):
            message = "ini folder, bukan berkas"
        elif getattr(exc, "winerror", None) in _WINDOWS_MESSAGES:
            message = _WINDOWS_MESSAGES[exc.winerror]
        else:
            message = "tidak ada izin membaca berkas"
        raise _refuse(name, message) from None
    except OSError as exc:
        raise _refuse(name, f"tidak dapat dibaca: {describe_os_error(exc)}") from None
    except ValueError:  # a NUL byte in the path
        raise _refuse(name, "nama berkas tidak sah") from None
    # Size and mtime from the open file before and after, and from the path now: a
    # writer rewriting the file in place or replacing it shows up in one of them.
    if (
        _fingerprint(before) != _fingerprint(after)
        or _fingerprint(after) != _fingerprint(now)
        or not _same_inode(after, now)
        or total != before.st_size
    ):
        raise _refuse(name, "berkas berubah saat dibaca; coba lagi")
    return b"".join(chunks)


# ---------- writing ----------

_umask_lock = threading.Lock()
_umask_cache: int | None = None


def current_umask() -> int:
    """The process umask, read without leaving a window where files are created world-writable."""
    global _umask_cache
    if _umask_cache is not None:
        return _umask_cache
    with _umask_lock:
        if _umask_cache is None:
            umask = None
            try:  # Linux >= 4.7 shows it without changing it
                with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
                    for line in fh:
                        if line.startswith("Umask:"):
                            umask = int(line.split()[1], 8)
                            break
            except (OSError, ValueError):
                pass
            if umask is None:
                # os.umask can only be read by setting it; 0o077 is the safe value for the moment in between.
                umask = os.umask(0o077)
                os.umask(umask)
            _umask_cache = umask
    return _umask_cache


def _norm(path: Path) -> str:
    """Where `path` points, compared without case: Windows and macOS disks ignore it, and a
    false alarm on Linux (refusing MERIT.DB-wal next to merit.db) costs nothing."""
    try:
        resolved = str(path.resolve(strict=False))
    except (OSError, RuntimeError):  # a symlink loop
        resolved = os.path.abspath(path)
    return os.path.normcase(resolved).casefold()


def check_not_protected(target: Path, protect: Iterable[str | Path]) -> None:
    """Raise ProtectedPath if `target` is a protected file or its -wal/-shm/-journal, by any spelling or link."""
    resolved = _norm(target)
    exists = os.path.lexists(target)
    for base in protect:
        for suffix in WAL_COMPANIONS:
            guarded = Path(str(base) + suffix)
            if resolved == _norm(guarded):
                raise ProtectedPath(target, Path(base))
            if exists and os.path.exists(guarded):
                try:
                    if os.path.samefile(target, guarded):
                        raise ProtectedPath(target, Path(base))
                except OSError:
                    pass  # a dangling link: resolve() above already compared where it points


def is_database(path: Path) -> bool:
    """The file starts as every SQLite database does."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _check_target(target: Path, force: bool, protect: Iterable[str | Path]) -> os.stat_result | None:
    check_not_protected(target, protect)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise MeritError(f"{target}: tidak dapat ditulis ({describe_os_error(exc)})") from None
    if st is not None:
        kind = _kind(st.st_mode)
        if kind:
            raise MeritError(f"{target}: {kind}; tidak dapat ditimpa")
        if is_database(target):  # another merit-tui database, say: an export must never replace one
            raise MeritError(f"{target}: berkas ini basis data SQLite (mungkin basis data merit-tui lain); tidak ditimpa, "
                             "pilih nama berkas lain")
        if not force:
            raise FileExists(target)
    elif os.path.islink(target) and not force:
        raise FileExists(target)  # a dangling link is still a name someone chose
    if not target.parent.is_dir():
        raise MeritError(f"{target}: folder {target.parent} tidak ada")
    return st


def write_atomic_stream(
    path: str | Path,
    writer_fn: Callable[[BinaryIO], object],
    force: bool = False,
    protect: Iterable[str | Path] = (),
) -> Path:
    """Write a file through `writer_fn(binary_file)` so readers see the old file or the whole new one.

    Raises ProtectedPath (whatever `force` says), FileExists (exists, no
    `force`), or MeritError for a missing folder or an OS error, in Indonesian.
    Exceptions from `writer_fn` propagate; the temp file is removed either way.
    """
    if "\0" in str(path):
        raise MeritError(f"{terminal_safe(str(path))}: nama berkas tidak sah")
    target = Path(path)
    protect = tuple(protect)
    existing = _check_target(target, force, protect)
    sweep_temp(target.parent)
    tmp: str | None = None
    try:
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + target.name[:60] + ".", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            writer_fn(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name != "nt":
            # mkstemp makes 0600; a replaced file keeps its mode, a new one gets what the umask allows.
            mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~current_umask()
            os.chmod(tmp, mode)
        # The protected check again, right before the rename: a link may have appeared meanwhile.
        check_not_protected(target, protect)
        if force or not _link_no_clobber(tmp, target):
            os.replace(tmp, target)
        else:
            os.unlink(tmp)
        tmp = None
        _fsync_dir(target.parent)
    except OSError as exc:
        raise MeritError(f"{target}: tidak dapat ditulis ({describe_os_error(exc)})") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target


def _link_no_clobber(tmp: str, target: Path) -> bool:
    """Put `tmp` at `target` only if nothing is there yet (a file created since the check is kept).

    False where hard links are not supported (FAT, some network shares): the caller renames instead.
    """
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise FileExists(target) from None
    except (OSError, NotImplementedError, AttributeError):
        return False
    return True


def write_atomic(path: str | Path, data: str | bytes, force: bool = False, protect: Iterable[str | Path] = ()) -> Path:
    """`data` (str is written as UTF-8) to `path`; see write_atomic_stream for what is refused."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return write_atomic_stream(path, lambda fh: fh.write(raw), force=force, protect=protect)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sweep_temp(folder: str | Path, older_than_s: float = 3600) -> list[Path]:
    """Remove temp files (and a restore's temp folders) a killed write left in `folder`; recent
    ones may belong to a write in progress."""
    removed: list[Path] = []
    cutoff = time.time() - older_than_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= cutoff:
                continue
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                continue
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed
