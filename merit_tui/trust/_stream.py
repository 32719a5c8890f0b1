"""Copy a stream while hashing it, in fixed-size chunks, hashing on a second core.

sha256 costs about as much as the copy itself, so hashing chunk k on a worker thread while the
caller writes the same chunk roughly halves the time on a two-core PC (hashlib, zlib and file
writes release the GIL for large buffers). Two buffers alternate: chunk k+1 is read while
chunk k may still be hashed, and a buffer is refilled only after its hash has finished.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

CHUNK = 1024 * 1024


class ReadInto(Protocol):
    def readinto(self, buffer: memoryview, /) -> int | None: ...


class Copied:
    def __init__(self) -> None:
        self.size = 0
        self.sha256 = ""
        self.too_long = False  # the source had more than `limit` bytes


def pump(src: ReadInto, write: Callable[[memoryview], object], limit: int | None = None, chunk: int = CHUNK) -> Copied:
    """Read `src` to its end (or to `limit` + 1 bytes), passing each chunk to `write` and sha256.

    Never holds more than two chunks. With `limit`, reading stops one byte past it and
    `too_long` is set; that byte is neither hashed nor written.
    """
    result, hasher = Copied(), hashlib.sha256()
    buffers = (memoryview(bytearray(chunk)), memoryview(bytearray(chunk)))
    pool: ThreadPoolExecutor | None = None
    pending: Future[None] | None = None
    turn = 0
    try:
        while True:
            want = chunk if limit is None else min(chunk, limit - result.size + 1)
            n = src.readinto(buffers[turn][:want]) or 0
            if not n:
                break
            if limit is not None and result.size + n > limit:
                result.too_long = True
                break
            result.size += n
            view = buffers[turn][:n]
            if pending is not None:
                pending.result()
            if pool is None and n == chunk:
                # A second chunk is likely: worth a thread. Small files hash inline.
                pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
            if pool is not None:
                pending = pool.submit(hasher.update, view)
            else:
                hasher.update(view)
            write(view)
            turn ^= 1
        if pending is not None:
            pending.result()
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    result.sha256 = hasher.hexdigest()
    return result


def write_all(write: Callable[[memoryview], int | None]) -> Callable[[memoryview], None]:
    """Wrap a raw write that may write less than asked (os.write, FileIO.write)."""

    def _write(view: memoryview) -> None:
        while view:
            n = write(view)
            view = view[n if n is not None else len(view) :]

    return _write
