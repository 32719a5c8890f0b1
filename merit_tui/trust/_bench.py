"""Speed check, not a test: pack and unpack N MB of random evidence against shutil.copyfile.

    python -m merit_tui.trust._bench [--mb 500] [--repeat 3] [--dir DIR]

Each step runs in a child process so its peak RSS (ru_maxrss) is its own. Random bytes stand in
for PDFs and scans, which deflate barely shrinks either; the deflate row shows what it would cost.
Linux/macOS only (resource module).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 2**20
_YAML = "instansi: Kabupaten Contoh\ntahun: '2023'\n"
_META = {"instansi": "Kabupaten Contoh", "tahun": "2023", "dikemas_oleh": "bench"}


def _sizes(total_mb: int) -> list[int]:
    """A mix like a real assessment: one big scan, a few medium files, many small PDFs."""
    big, medium = total_mb // 5, total_mb // 10
    sizes = [big * MB, medium * MB] + [total_mb // 20 * MB] * 4
    rest = total_mb * MB - sum(sizes)
    sizes += [5 * MB] * (rest // (5 * MB))
    if rest % (5 * MB):
        sizes.append(rest % (5 * MB))
    return [s for s in sizes if s > 0]


def _setup(work: Path, total_mb: int) -> None:
    from .evidence import EvidenceStore

    src = work / "asli"
    src.mkdir(parents=True)
    store = EvidenceStore(work / "bukti")
    refs = []
    for i, size in enumerate(_sizes(total_mb)):
        path = src / f"bukti-{i:03}.pdf"
        with open(path, "wb") as fh:
            for _ in range(size // MB):
                fh.write(os.urandom(MB))
            fh.write(os.urandom(size % MB))
        refs.append(store.add(path))
    (work / "refs.json").write_text(json.dumps([[r.name, r.sha256, r.size] for r in refs]))


def _refs(work: Path):
    from .evidence import EvidenceRef, EvidenceStore

    store = EvidenceStore(work / "bukti")
    refs = [EvidenceRef(*r) for r in json.loads((work / "refs.json").read_text())]
    return store, [(r, store.path_of(r.sha256)) for r in refs]


def _step(name: str, work: Path) -> float:
    """Run one step in this (child) process; return seconds."""
    out = work / "keluar"
    if name.endswith(" nosync"):
        # Only to show what durability costs: the copy rows do not wait for the disk either.
        os.fsync = lambda fd: None
        name = name.removesuffix(" nosync")
    if name == "noop":
        return 0.0
    store, pairs = _refs(work)
    if name in ("copy", "copy+fsync"):
        out.mkdir()
        started = time.perf_counter()
        for ref, path in pairs:
            shutil.copyfile(path, out / ref.sha256)
            if name == "copy+fsync":
                fd = os.open(out / ref.sha256, os.O_RDONLY)
                os.fsync(fd)
                os.close(fd)
        return time.perf_counter() - started
    from .package import read_package, write_package

    if name == "prepare":
        write_package(work / "paket.zip", _YAML, pairs, _META)
        return 0.0
    if name in ("pack", "pack-deflate"):
        out.mkdir()
        started = time.perf_counter()
        write_package(out / "paket.zip", _YAML, pairs, _META, compress=name == "pack-deflate")
        return time.perf_counter() - started
    if name == "unpack":
        from .evidence import EvidenceStore

        started = time.perf_counter()
        read_package(work / "paket.zip", EvidenceStore(out))
        return time.perf_counter() - started
    raise SystemExit(f"unknown step {name}")


def _child(name: str, work: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "merit_tui.trust._bench", "--child", name, "--dir", str(work)]
    result = subprocess.run(cmd, check=True, capture_output=True, text=True)
    shutil.rmtree(work / "keluar", ignore_errors=True)
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--child")
    args = parser.parse_args(argv)
    if args.child:
        seconds = _step(args.child, args.dir)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rss_mb = rss / MB if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB elsewhere
        print(json.dumps({"s": seconds, "rss_mb": rss_mb}))
        return
    work = args.dir or Path(tempfile.mkdtemp(prefix="merit-bench-"))
    try:
        print(f"setting up {args.mb} MB of random evidence in {work} ...", file=sys.stderr)
        _setup(work, args.mb)
        shutil.rmtree(work / "keluar", ignore_errors=True)
        _child("prepare", work)  # the package to unpack, made once outside the timings
        steps = ("copy", "copy+fsync", "pack", "unpack", "pack nosync", "unpack nosync", "pack-deflate")
        runs: dict[str, list[dict[str, float]]] = {"noop": [_child("noop", work)]}
        # Round robin, so a busy moment on a shared machine hits every step alike.
        for _ in range(args.repeat):
            for name in steps:
                runs.setdefault(name, []).append(_child(name, work))
        rows = {n: (statistics.median(r["s"] for r in rs), max(r["rss_mb"] for r in rs)) for n, rs in runs.items()}
        copy = rows["copy"][0]
        print(f"{args.mb} MB in {len(_sizes(args.mb))} files; median of {args.repeat}; peak RSS of the step's process")
        print(f"{'step':<14}{'seconds':>9}{'MB/s':>9}{'speed vs copy':>15}{'peak RSS MB':>13}")
        for name, (seconds, rss) in rows.items():
            if name == "noop":
                print(f"{'(interpreter)':<14}{'':>9}{'':>9}{'':>15}{rss:>13.1f}")
                continue
            print(f"{name:<14}{seconds:>9.2f}{args.mb / seconds:>9.0f}{copy / seconds:>14.2f}x{rss:>13.1f}")
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
