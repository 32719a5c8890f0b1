"""A package: one zip carrying an assessment, its evidence and a manifest of every file's hash.

Layout: `manifest.json`, `penilaian.yaml`, `bukti/<sha256>/<name>`. Evidence is stored, not
deflated: evidence is mostly PDFs and scans, already compressed, and deflate costs several times
the copy time for a few percent (see _bench.py). The manifest protects against damage in transit;
authenticity comes from the seal inside penilaian.yaml, whose `dokumen` hashes the importer must
compare with the evidence refs returned here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InvalidFile, MeritError, Problem
from ._fs import fsync_dir, publish
from ._stream import pump
from .evidence import EvidenceRef, EvidenceStore, check_name, open_regular
from .plain import plain
from .zipentries import READ_ERRORS, entry_errors, entry_reader

PACKAGE_FORMAT = "merit-tui-paket-v1"
MANIFEST = "manifest.json"
ASSESSMENT = "penilaian.yaml"
EVIDENCE_DIR = "bukti"
# A fixed entry time makes the same content give the same zip bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Limits:
    """What read_package accepts; a package past these is refused before anything is written."""

    max_entries: int = 20_000
    max_total_size: int = 32 * 2**30
    max_assessment_size: int = 64 * 2**20
    max_manifest_size: int = 16 * 2**20


@dataclass(frozen=True)
class Package:
    assessment_yaml: str
    meta: dict[str, Any]
    evidence: list[EvidenceRef]
    format: str = PACKAGE_FORMAT


def evidence_entry(ref: EvidenceRef) -> str:
    return f"{EVIDENCE_DIR}/{ref.sha256}/{ref.name}"


# --- writing -------------------------------------------------------------------------------------


def write_package(
    target: str | Path,
    assessment_yaml: str,
    evidence: Iterable[tuple[EvidenceRef, Path]],
    meta: dict[str, Any],
    *,
    overwrite: bool = False,
    compress: bool = False,
) -> Path:
    """Write the zip via a temp file beside `target`, then rename it into place.

    `evidence` pairs each ref with the file holding its bytes (EvidenceStore.path_of). Each file
    is re-hashed while copied: a stored file changed since it was added raises MeritError naming
    it, and no package is left behind. The same content under two names is packed once.
    """
    target = Path(target)
    if target.exists() and not overwrite:
        raise MeritError(f"{target}: berkas sudah ada; pakai --force untuk menimpanya")
    if not target.parent.is_dir():
        raise MeritError(f"{target}: folder {target.parent} tidak ada")
    unique: dict[str, tuple[EvidenceRef, Path]] = {}
    for ref, path in evidence:
        check_name(ref.name)
        if ref.sha256 in unique and unique[ref.sha256][0].size != ref.size:
            raise ValueError(f"two sizes for evidence {ref.sha256}")
        unique.setdefault(ref.sha256, (ref, Path(path)))
    yaml_bytes = assessment_yaml.encode("utf-8")
    files = [{"jalur": ASSESSMENT, "sha256": hashlib.sha256(yaml_bytes).hexdigest(), "ukuran": len(yaml_bytes)}]
    files += [{"jalur": evidence_entry(ref), "sha256": ref.sha256, "ukuran": ref.size} for ref, _ in unique.values()]
    manifest_bytes = _manifest_text(plain(meta), files).encode("utf-8")

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
            _write_bytes(zf, MANIFEST, manifest_bytes)
            _write_bytes(zf, ASSESSMENT, yaml_bytes)
            for ref, path in unique.values():
                _write_evidence(zf, ref, path, zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
            zf.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(tmp, 0o644)
        publish(tmp, target, overwrite=overwrite)
        fsync_dir(target.parent)
    except FileExistsError:
        raise MeritError(f"{target}: berkas sudah ada; pakai --force untuk menimpanya") from None
    except OSError as exc:
        raise MeritError(f"{target}: paket tidak dapat ditulis ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target


def _manifest_text(meta: dict[str, Any], files: list[dict[str, Any]]) -> str:
    """JSON with one line per file, so a person can read and diff it."""
    dump = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    rows = ",\n".join(f"  {dump(f)}" for f in files)
    return f'{{\n "format": {dump(PACKAGE_FORMAT)},\n "meta": {dump(meta)},\n "berkas": [\n{rows}\n ]\n}}\n'


def _zip_info(name: str, size: int, compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = compress_type
    info.file_size = size
    info.external_attr = 0o644 << 16
    return info


def _write_bytes(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    zf.writestr(_zip_info(name, len(data), zipfile.ZIP_DEFLATED), data)


def _write_evidence(zf: zipfile.ZipFile, ref: EvidenceRef, path: Path, compress_type: int) -> None:
    fd = open_regular(path)
    with os.fdopen(fd, "rb", buffering=0) as src, zf.open(_zip_info(evidence_entry(ref), ref.size, compress_type), "w") as dst:
        copied = pump(src, dst.write, ref.size)
    if copied.too_long or copied.size != ref.size or copied.sha256 != ref.sha256:
        raise MeritError(
            f"{path}: bukti {ref.name!r} berubah sejak disimpan (sidik atau ukurannya tidak cocok); "
            "lampirkan ulang berkas aslinya"
        )


# --- reading -------------------------------------------------------------------------------------

_DRIVE = re.compile(r"^[A-Za-z]:")


def _entry_name_problem(raw_name: str, name: str) -> str | None:
    if "\\" in raw_name:
        return "nama entri berisi garis miring terbalik (\\)"
    if name.startswith("/") or _DRIVE.match(name):
        return "nama entri berupa jalur mutlak"
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "nama entri berisi '..', '.' atau bagian kosong (keluar folder?)"
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "nama entri berisi karakter kendali"
    return None


def _printable(name: str) -> str:
    """Entry names come from the sender: no escape sequence may reach the terminal."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c).startswith("C") else c for c in name)


class _Bounded:
    """Reads at most `limit` + 1 bytes from an entry, so a lying header cannot make us read more."""

    def __init__(self, fh: IO[bytes], limit: int) -> None:
        self.fh, self.left = fh, limit + 1

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.fh.read(size) if size else b""
        self.left -= len(data)
        return data


def read_package(path: str | Path, evidence_store: EvidenceStore, *, limits: Limits = Limits()) -> Package:
    """Check a package and take its evidence into `evidence_store`.

    Refuses (MeritError/InvalidFile naming the entry and what is wrong) a non-zip, empty or
    truncated file; entries missing from or extra to the manifest; unsafe entry names; too many
    entries or bytes; any size or sha256 that differs from the manifest. Evidence is staged and
    published only when every file checked out, so a refused package leaves nothing behind.
    """
    path = Path(path)
    label = str(path)
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as raw:
        if os.fstat(raw.fileno()).st_size == 0:
            raise MeritError(f"{label}: berkas kosong, bukan paket merit-tui")
        try:
            zf = zipfile.ZipFile(raw)
        except READ_ERRORS:
            raise MeritError(f"{label}: bukan berkas zip paket merit-tui, atau terpotong saat dikirim") from None
        with zf:
            return _read(zf, raw, label, evidence_store, limits)


def _read(zf: zipfile.ZipFile, raw: IO[bytes], label: str, store: EvidenceStore, limits: Limits) -> Package:
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise MeritError(f"{label}: terlalu banyak entri ({len(infos)}; paling banyak {limits.max_entries})")
    problems: list[Problem] = []

    def fail(entry: str, message: str) -> None:
        problems.append(Problem(label, None, None, _printable(entry), message))

    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        problem = _entry_name_problem(info.orig_filename, info.filename)
        if problem:
            fail(info.orig_filename, problem)
        elif info.filename in by_name:
            fail(info.filename, "entri muncul dua kali")
        elif info.flag_bits & 0x1:
            fail(info.filename, "entri terenkripsi tidak didukung")
        elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            fail(info.filename, f"metode kompresi {info.compress_type} tidak didukung")
        else:
            by_name[info.filename] = info
    if problems:
        raise InvalidFile(problems)

    manifest_info = by_name.get(MANIFEST)
    if manifest_info is None:
        raise MeritError(f"{label}: tidak ada {MANIFEST}; bukan paket merit-tui")
    entries, meta = _read_manifest(zf, manifest_info, label, limits, fail)
    if problems:
        raise InvalidFile(problems)

    listed = {e["jalur"] for e in entries}
    for name in by_name.keys() - listed - {MANIFEST}:
        fail(name, "entri tambahan yang tidak tercatat di manifest")
    for entry in entries:
        info = by_name.get(entry["jalur"])
        if info is None:
            fail(entry["jalur"], "tercatat di manifest tetapi tidak ada di zip")
        elif info.file_size != entry["ukuran"]:
            fail(entry["jalur"], f"ukuran di zip {info.file_size} bita, di manifest {entry['ukuran']} bita")
    if problems:
        raise InvalidFile(sorted(problems, key=lambda p: p.path))
    total = sum(e["ukuran"] for e in entries)
    if total > limits.max_total_size:
        raise MeritError(f"{label}: isi paket {total} bita, melebihi batas {limits.max_total_size} bita")

    yaml_entry = next(e for e in entries if e["jalur"] == ASSESSMENT)
    if yaml_entry["ukuran"] > limits.max_assessment_size:
        raise MeritError(f"{label}: {ASSESSMENT} terlalu besar ({yaml_entry['ukuran']} bita)")
    assessment = _read_assessment(zf, by_name[ASSESSMENT], yaml_entry, label)
    store.check_space(total - yaml_entry["ukuran"], label)
    refs: list[EvidenceRef] = []
    with store.staging() as stage:
        for entry in entries:
            if entry["jalur"] == ASSESSMENT:
                continue
            name = entry["jalur"].split("/", 2)[2]
            where = f"{label}: {entry['jalur']}"
            info = by_name[entry["jalur"]]
            with entry_errors(where), entry_reader(zf, raw, info, where) as src:
                refs.append(stage.add_stream(name, src, entry["sha256"], entry["ukuran"], label=where))
    return Package(assessment_yaml=assessment, meta=meta, evidence=refs)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"kunci {key!r} muncul dua kali")
        out[key] = value
    return out


def _read_manifest(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: Limits, fail) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    where = f"{label}: {MANIFEST}"
    if info.file_size > limits.max_manifest_size:
        raise MeritError(f"{where}: terlalu besar ({info.file_size} bita)")
    with entry_errors(where), zf.open(info) as fh:
        data = _Bounded(fh, limits.max_manifest_size).read()
    if len(data) > limits.max_manifest_size:
        raise MeritError(f"{where}: terlalu besar")
    try:
        manifest = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise MeritError(f"{where}: bukan JSON yang sah ({exc})") from None
    if not isinstance(manifest, dict):
        raise MeritError(f"{where}: harus berupa objek JSON")
    version = manifest.get("format")
    if version != PACKAGE_FORMAT:
        if isinstance(version, str) and version.startswith("merit-tui-paket-"):
            raise MeritError(f"{where}: format {version!r} belum dikenal; perbarui merit-tui")
        raise MeritError(f"{where}: bukan manifest paket merit-tui (format harus {PACKAGE_FORMAT!r})")
    meta, files = manifest.get("meta"), manifest.get("berkas")
    if not isinstance(meta, dict):
        fail(MANIFEST, "'meta' harus berupa objek")
    if not isinstance(files, list):
        fail(MANIFEST, "'berkas' harus berupa daftar")
        return [], {}
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, entry in enumerate(files):
        spot = f"{MANIFEST} berkas[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"jalur", "sha256", "ukuran"}:
            fail(spot, "harus berisi tepat 'jalur', 'sha256' dan 'ukuran'")
            continue
        jalur, sha, size = entry["jalur"], entry["sha256"], entry["ukuran"]
        if not isinstance(jalur, str) or jalur in seen:
            fail(spot, f"jalur {jalur!r} tidak sah atau muncul dua kali")
            continue
        seen.add(jalur)
        if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
            fail(jalur, "sha256 di manifest bukan 64 digit heksadesimal")
        elif not isinstance(size, int) or isinstance(size, bool) or size < 0:
            fail(jalur, "ukuran di manifest bukan bilangan bulat ≥ 0")
        elif jalur == ASSESSMENT or _valid_evidence_path(jalur, sha, fail):
            entries.append({"jalur": jalur, "sha256": sha, "ukuran": size})
    if ASSESSMENT not in seen:
        fail(MANIFEST, f"{ASSESSMENT} tidak tercatat di manifest")
    return entries, meta if isinstance(meta, dict) else {}


def _valid_evidence_path(jalur: str, sha: str, fail) -> bool:
    parts = jalur.split("/")
    if len(parts) != 3 or parts[0] != EVIDENCE_DIR or parts[1] != sha:
        fail(jalur, f"jalur bukti harus {EVIDENCE_DIR}/<sha256>/<nama> dengan sha256 yang sama dengan manifest")
        return False
    try:
        check_name(parts[2], jalur)
    except MeritError as exc:
        fail(jalur, exc.message)
        return False
    return True


def _read_assessment(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: dict[str, Any], label: str) -> str:
    where = f"{label}: {ASSESSMENT}"
    with entry_errors(where), zf.open(info) as fh:
        data = _Bounded(fh, entry["ukuran"]).read()
    if len(data) != entry["ukuran"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise MeritError(f"{where}: isi tidak cocok dengan manifest (ukuran atau sidik SHA-256 berbeda); berkas diubah?")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise MeritError(f"{where}: bukan teks UTF-8") from None

