from __future__ import annotations

import hashlib
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from merit_tui.errors import InvalidFile, MeritError
from merit_tui.trust.evidence import EvidenceRef, EvidenceStore
from merit_tui.trust.package import (
    ASSESSMENT,
    MANIFEST,
    PACKAGE_FORMAT,
    Limits,
    evidence_entry,
    read_package,
    write_package,
)

YAML = "instansi: Kabupaten Balangan\ntahun: 2022\ncatatan: Peta jabatan belum lengkap é\n"
META = {"instansi": "Kabupaten Balangan", "tahun": "2022", "dikemas_oleh": "Budi (BKN)", "waktu": "2023-05-12T10:04:00Z"}


@pytest.fixture
def source(tmp_path) -> tuple[EvidenceStore, list[tuple[EvidenceRef, Path]]]:
    store = EvidenceStore(tmp_path / "bukti-asal")
    refs = []
    for name, data in [("SK Bupati.pdf", b"%PDF sk" * 1000), ("notula rapat.pdf", os.urandom(5000)), ("kosong.txt", b"")]:
        src = tmp_path / name
        src.write_bytes(data)
        refs.append(store.add(src))
    return store, [(r, store.path_of(r.sha256)) for r in refs]


@pytest.fixture
def package(tmp_path, source) -> Path:
    return write_package(tmp_path / "paket.zip", YAML, source[1], META)


@pytest.fixture
def target(tmp_path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "bukti-tujuan")


def files_in(store: EvidenceStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file()) if store.root.exists() else []


def entries(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def rezip(path: Path, items: list[tuple[str, bytes]]) -> None:
    """Rewrite the zip with new contents: CRCs are recomputed, so only our own hashes can tell."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in items:
            zf.writestr(name, data)


def edit_manifest(path: Path, change) -> None:
    items = [(i.filename, data) for i, data in entries(path)]
    manifest = json.loads(dict(items)[MANIFEST])
    change(manifest)
    rezip(path, [(n, json.dumps(manifest).encode() if n == MANIFEST else d) for n, d in items])


def evidence_name(path: Path, suffix: str = "SK Bupati.pdf") -> str:
    return next(i.filename for i, _ in entries(path) if i.filename.endswith(suffix))


# --- round trip ----------------------------------------------------------------------------------


def test_round_trip(package, source, target):
    got = read_package(package, target)
    assert got.assessment_yaml == YAML
    assert got.meta == META
    assert got.format == PACKAGE_FORMAT
    assert got.evidence == [ref for ref, _ in source[1]]
    for ref, original in source[1]:
        assert target.path_of(ref.sha256).read_bytes() == original.read_bytes()
        target.verify(ref.sha256)


def test_layout_and_manifest(package, source):
    infos = {i.filename: (i, data) for i, data in entries(package)}
    refs = [ref for ref, _ in source[1]]
    assert list(infos) == [MANIFEST, ASSESSMENT, *(evidence_entry(r) for r in refs)]
    assert evidence_entry(refs[0]) == f"bukti/{refs[0].sha256}/SK Bupati.pdf"
    assert all(infos[evidence_entry(r)][0].compress_type == zipfile.ZIP_STORED for r in refs)
    manifest = json.loads(infos[MANIFEST][1])
    assert manifest["format"] == "merit-tui-paket-v1"
    assert manifest["meta"] == META
    yaml_bytes = YAML.encode()
    assert manifest["berkas"][0] == {"jalur": ASSESSMENT, "sha256": hashlib.sha256(yaml_bytes).hexdigest(), "ukuran": len(yaml_bytes)}
    assert manifest["berkas"][1:] == [{"jalur": evidence_entry(r), "sha256": r.sha256, "ukuran": r.size} for r in refs]


def test_same_content_twice_is_packed_once(tmp_path, source, target):
    ref, path = source[1][0]
    twice = [(ref, path), (EvidenceRef("salinan.pdf", ref.sha256, ref.size), path)]
    pkg = write_package(tmp_path / "p.zip", YAML, twice, META)
    assert len(entries(pkg)) == 3
    assert read_package(pkg, target).evidence == [ref]


def test_deflated_round_trip(tmp_path, source, target):
    pkg = write_package(tmp_path / "p.zip", YAML, source[1], META, compress=True)
    assert {i.compress_type for i, _ in entries(pkg)} == {zipfile.ZIP_DEFLATED}
    assert read_package(pkg, target).evidence == [r for r, _ in source[1]]


def test_same_input_same_bytes(tmp_path, source):
    a = write_package(tmp_path / "a.zip", YAML, source[1], META)
    b = write_package(tmp_path / "b.zip", YAML, source[1], META)
    assert a.read_bytes() == b.read_bytes()


def test_import_twice_is_harmless(package, target):
    first = read_package(package, target)
    assert read_package(package, target) == first
    assert len(files_in(target)) == 3


# --- writing refusals ----------------------------------------------------------------------------


def test_write_refuses_overwrite_and_missing_folder(tmp_path, package, source):
    with pytest.raises(MeritError, match="sudah ada"):
        write_package(package, YAML, source[1], META)
    write_package(package, "lain: 1\n", source[1], META, overwrite=True)
    with pytest.raises(MeritError, match="tidak ada"):
        write_package(tmp_path / "tidak" / "ada.zip", YAML, source[1], META)


def test_write_refuses_doctored_stored_evidence(tmp_path, source):
    ref, path = source[1][1]
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    target = tmp_path / "p.zip"
    with pytest.raises(MeritError, match="notula rapat.pdf.*berubah sejak disimpan"):
        write_package(target, YAML, source[1], META)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_refuses_a_longer_stored_file(tmp_path, source):
    ref, path = source[1][0]
    os.chmod(path, 0o644)
    with open(path, "ab") as fh:
        fh.write(b"tambahan")
    with pytest.raises(MeritError, match="berubah sejak disimpan"):
        write_package(tmp_path / "p.zip", YAML, source[1], META)


def test_write_refuses_float_meta(tmp_path, source):
    with pytest.raises(ValueError):
        write_package(tmp_path / "p.zip", YAML, source[1], {"nilai": 129.5})


# --- reading refusals: nothing may be left in the evidence folder --------------------------------


def test_doctored_evidence_byte(package, target):
    raw = bytearray(package.read_bytes())
    offset = raw.find(b"%PDF sk")
    raw[offset + 3] ^= 0x01
    package.write_bytes(bytes(raw))
    with pytest.raises(MeritError, match=r"paket.zip: bukti/[0-9a-f]{64}/SK Bupati.pdf: sidik SHA-256 tidak cocok"):
        read_package(package, target)
    assert files_in(target) == []


def test_doctored_byte_in_a_deflated_package(tmp_path, source, target):
    pkg = write_package(tmp_path / "p.zip", YAML, source[1], META, compress=True)
    info = next(i for i, _ in entries(pkg) if i.filename.endswith("notula rapat.pdf"))
    raw = bytearray(pkg.read_bytes())
    raw[info.header_offset + 30 + len(info.filename.encode()) + 100] ^= 0x01
    pkg.write_bytes(bytes(raw))
    with pytest.raises(MeritError, match=r"notula rapat.pdf: (isi entri rusak|sidik SHA-256 tidak cocok)"):
        read_package(pkg, target)
    assert files_in(target) == []


def test_local_header_name_differs(package, target):
    name = evidence_name(package).encode()
    raw = package.read_bytes()
    first = raw.find(name)  # the local header comes before the central directory
    raw = raw[:first] + name.replace(b"SK Bupati", b"SK Bupatx") + raw[first + len(name) :]
    package.write_bytes(raw)
    with pytest.raises(MeritError, match="SK Bupati.pdf: nama di header lokal berbeda"):
        read_package(package, target)


def test_entry_running_past_the_end(tmp_path, target):
    huge = 10**8
    name = f"bukti/{'ab' * 32}/scan.pdf"
    yaml = b"x: 1\n"
    manifest = {
        "format": PACKAGE_FORMAT,
        "meta": {},
        "berkas": [
            {"jalur": ASSESSMENT, "sha256": hashlib.sha256(yaml).hexdigest(), "ukuran": len(yaml)},
            {"jalur": name, "sha256": "ab" * 32, "ukuran": huge},
        ],
    }
    pkg = tmp_path / "p.zip"
    rezip(pkg, [(MANIFEST, json.dumps(manifest).encode()), (ASSESSMENT, yaml), (name, b"awal pindaian")])
    pkg.write_bytes(bytes(_patch_sizes(bytearray(pkg.read_bytes()), name, huge, compressed=True)))
    with pytest.raises(MeritError, match="scan.pdf: entri terpotong"):
        read_package(pkg, target)
    assert files_in(target) == []


def test_doctored_evidence_with_fixed_crc_caught_by_sha256(package, target):
    items = [(i.filename, data) for i, data in entries(package)]
    last = items[-2][0]  # notula rapat.pdf, after SK Bupati.pdf has been staged
    items = [(n, (b"X" + d[1:]) if n == last else d) for n, d in items]
    rezip(package, items)
    with pytest.raises(MeritError, match=r"notula rapat.pdf: sidik SHA-256 tidak cocok"):
        read_package(package, target)
    assert files_in(target) == []


def test_doctored_assessment(package, target):
    items = [(i.filename, data.replace(b"2022", b"2023") if i.filename == ASSESSMENT else data) for i, data in entries(package)]
    rezip(package, items)
    with pytest.raises(MeritError, match="penilaian.yaml: isi tidak cocok dengan manifest"):
        read_package(package, target)
    assert files_in(target) == []


def test_doctored_manifest_hash(package, target):
    edit_manifest(package, lambda m: m["berkas"][1].update(sha256="0" * 64))
    with pytest.raises(InvalidFile, match="jalur bukti harus bukti/<sha256>/<nama>"):
        read_package(package, target)
    assert files_in(target) == []


def test_doctored_manifest_hash_and_path_together(package, target):
    name = evidence_name(package)
    fake = "0" * 64

    def change(m):
        m["berkas"][1].update(sha256=fake, jalur=f"bukti/{fake}/SK Bupati.pdf")

    items = [(i.filename, data) for i, data in entries(package)]
    manifest = json.loads(dict(items)[MANIFEST])
    change(manifest)
    renamed = [(f"bukti/{fake}/SK Bupati.pdf" if n == name else n, json.dumps(manifest).encode() if n == MANIFEST else d) for n, d in items]
    rezip(package, renamed)
    with pytest.raises(MeritError, match=rf"bukti/{fake}/SK Bupati.pdf: sidik SHA-256 tidak cocok"):
        read_package(package, target)
    assert files_in(target) == []


def test_doctored_manifest_size(package, target):
    edit_manifest(package, lambda m: m["berkas"][1].update(ukuran=m["berkas"][1]["ukuran"] + 1))
    with pytest.raises(InvalidFile, match=r"SK Bupati.pdf: ukuran di zip 7000 bita, di manifest 7001 bita"):
        read_package(package, target)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(format="merit-tui-paket-v2"), "belum dikenal; perbarui merit-tui"),
        (lambda m: m.update(format="lain"), "bukan manifest paket merit-tui"),
        (lambda m: m.update(berkas="semua"), "'berkas' harus berupa daftar"),
        (lambda m: m.update(meta=[]), "'meta' harus berupa objek"),
        (lambda m: m["berkas"][1].update(ukuran=-1), "bukan bilangan bulat"),
        (lambda m: m["berkas"][1].update(ukuran="7000"), "bukan bilangan bulat"),
        (lambda m: m["berkas"][1].update(sha256="xyz"), "bukan 64 digit"),
        (lambda m: m["berkas"][1].pop("ukuran"), "tepat 'jalur', 'sha256' dan 'ukuran'"),
        (lambda m: m["berkas"].append(dict(m["berkas"][1])), "muncul dua kali"),
        (lambda m: m["berkas"].pop(0), "penilaian.yaml tidak tercatat di manifest"),
    ],
)
def test_bad_manifest(package, target, change, message):
    edit_manifest(package, change)
    with pytest.raises(MeritError) as exc:
        read_package(package, target)
    assert message in str(exc.value)
    assert files_in(target) == []


def test_manifest_not_json(package, target):
    items = [(i.filename, b"{bukan json" if i.filename == MANIFEST else d) for i, d in entries(package)]
    rezip(package, items)
    with pytest.raises(MeritError, match="manifest.json: bukan JSON yang sah"):
        read_package(package, target)


def test_manifest_with_duplicate_keys(package, target):
    items = [(i.filename, d) for i, d in entries(package)]
    manifest = dict(items)[MANIFEST].decode()
    doubled = manifest.replace('"meta":', '"meta": {}, "meta":', 1).encode()
    rezip(package, [(n, doubled if n == MANIFEST else d) for n, d in items])
    with pytest.raises(MeritError, match="'meta' muncul dua kali"):
        read_package(package, target)


def test_missing_manifest(package, target):
    rezip(package, [(i.filename, d) for i, d in entries(package) if i.filename != MANIFEST])
    with pytest.raises(MeritError, match="tidak ada manifest.json"):
        read_package(package, target)


def test_extra_entry(package, target):
    rezip(package, [*((i.filename, d) for i, d in entries(package)), ("bukti/tambahan.exe", b"MZ")])
    with pytest.raises(InvalidFile, match="bukti/tambahan.exe: entri tambahan yang tidak tercatat di manifest"):
        read_package(package, target)
    assert files_in(target) == []


def test_missing_entry(package, target):
    name = evidence_name(package, "notula rapat.pdf")
    rezip(package, [(i.filename, d) for i, d in entries(package) if i.filename != name])
    with pytest.raises(InvalidFile, match="notula rapat.pdf: tercatat di manifest tetapi tidak ada di zip"):
        read_package(package, target)
    assert files_in(target) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../.bashrc", "'..'"),
        ("bukti/../../x", "'..'"),
        ("/etc/passwd", "jalur mutlak"),
        ("C:/Windows/x.dll", "jalur mutlak"),
        ("bukti\\..\\x", "garis miring terbalik"),
        ("bukti//x", "bagian kosong"),
        ("a\x07b", "karakter kendali"),
    ],
)
def test_unsafe_entry_names(package, target, name, message):
    rezip(package, [*((i.filename, d) for i, d in entries(package)), (name, b"jahat")])
    with pytest.raises(InvalidFile) as exc:
        read_package(package, target)
    assert any(message in p.message for p in exc.value.problems), str(exc.value)
    assert "\x07" not in str(exc.value)
    assert files_in(target) == []


def test_duplicate_entry(package, target):
    items = [(i.filename, d) for i, d in entries(package)]
    with pytest.warns(UserWarning):
        rezip(package, [*items, items[1]])
    with pytest.raises(InvalidFile, match="penilaian.yaml: entri muncul dua kali"):
        read_package(package, target)


def test_truncated_zip(package, target):
    raw = package.read_bytes()
    package.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(MeritError, match="bukan berkas zip paket merit-tui, atau terpotong"):
        read_package(package, target)
    assert files_in(target) == []


def test_non_zip_and_empty_and_missing(tmp_path, target):
    pdf = tmp_path / "bukan.zip"
    pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    with pytest.raises(MeritError, match="bukan.zip: bukan berkas zip"):
        read_package(pdf, target)
    empty = tmp_path / "kosong.zip"
    empty.write_bytes(b"")
    with pytest.raises(MeritError, match="kosong.zip: berkas kosong"):
        read_package(empty, target)
    with pytest.raises(MeritError, match="tidak ditemukan"):
        read_package(tmp_path / "tidak-ada.zip", target)
    with pytest.raises(MeritError, match="folder"):
        read_package(tmp_path, target)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_package_refused(tmp_path, target):
    fifo = tmp_path / "pipa.zip"
    os.mkfifo(fifo)
    with pytest.raises(MeritError, match="bukan berkas biasa"):
        read_package(fifo, target)


def test_assessment_not_utf8(tmp_path, target):
    bad = b"instansi: \xff\xfe\n"
    pkg = tmp_path / "p.zip"
    manifest = {"format": PACKAGE_FORMAT, "meta": {}, "berkas": [{"jalur": ASSESSMENT, "sha256": hashlib.sha256(bad).hexdigest(), "ukuran": len(bad)}]}
    rezip(pkg, [(MANIFEST, json.dumps(manifest).encode()), (ASSESSMENT, bad)])
    with pytest.raises(MeritError, match="penilaian.yaml: bukan teks UTF-8"):
        read_package(pkg, target)


# --- limits and zip bombs ------------------------------------------------------------------------


def test_too_many_entries(package, target):
    with pytest.raises(MeritError, match=r"terlalu banyak entri \(5; paling banyak 4\)"):
        read_package(package, target, limits=Limits(max_entries=4))


def test_total_size_limit(package, target):
    with pytest.raises(MeritError, match="melebihi batas 10000 bita"):
        read_package(package, target, limits=Limits(max_total_size=10_000))
    assert files_in(target) == []


def test_assessment_and_manifest_size_limits(package, target):
    with pytest.raises(MeritError, match="penilaian.yaml terlalu besar"):
        read_package(package, target, limits=Limits(max_assessment_size=10))
    with pytest.raises(MeritError, match="manifest.json: terlalu besar"):
        read_package(package, target, limits=Limits(max_manifest_size=10))


def _patch_sizes(raw: bytearray, name: str, size: int, compressed: bool = False) -> bytearray:
    """Set the uncompressed (and optionally compressed) size of entry `name` in both headers."""
    for sig, off, name_at, header in ((b"PK\x03\x04", 18, 26, 30), (b"PK\x01\x02", 20, 28, 46)):
        start = 0
        while (start := raw.find(sig, start)) != -1:
            name_len = struct.unpack_from("<H", raw, start + name_at)[0]
            if raw[start + header : start + header + name_len] == name.encode():
                struct.pack_into("<I", raw, start + off + 4, size)
                if compressed:
                    struct.pack_into("<I", raw, start + off, size)
            start += 4
    return raw


def _bomb(tmp_path: Path, declared: int) -> tuple[Path, str]:
    """A deflated entry of 50 MB of zeros whose headers claim `declared` bytes."""
    zeros = bytes(50 * 2**20)
    claimed = zeros[:declared]
    sha = hashlib.sha256(claimed).hexdigest()
    name = f"bukti/{sha}/bom.pdf"
    yaml = b"instansi: X\n"
    manifest = {
        "format": PACKAGE_FORMAT,
        "meta": {},
        "berkas": [
            {"jalur": ASSESSMENT, "sha256": hashlib.sha256(yaml).hexdigest(), "ukuran": len(yaml)},
            {"jalur": name, "sha256": sha, "ukuran": declared},
        ],
    }
    pkg = tmp_path / "bom.zip"
    with zipfile.ZipFile(pkg, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest))
        zf.writestr(ASSESSMENT, yaml)
        zf.writestr(name, zeros)
    raw = _patch_sizes(bytearray(pkg.read_bytes()), name, declared)
    pkg.write_bytes(bytes(raw))
    return pkg, name


def test_zip_bomb_with_lying_sizes(tmp_path, target):
    pkg, name = _bomb(tmp_path, declared=1000)
    with pytest.raises(MeritError, match=rf"{name}: isi entri rusak"):
        read_package(pkg, target)
    assert files_in(target) == []


def test_zip_bomb_with_honest_sizes_over_the_limit(tmp_path, target):
    pkg, _ = _bomb(tmp_path, declared=50 * 2**20)
    with pytest.raises(MeritError, match="melebihi batas"):
        read_package(pkg, target, limits=Limits(max_total_size=10 * 2**20))
    assert files_in(target) == []


def test_trust_core_imports_no_ui_database_or_yaml():
    """The trust modules stay a pure core: the store, CLI and app build on them, not the reverse."""
    import subprocess
    import sys

    code = (
        "import sys; import merit_tui.trust.keys, merit_tui.trust.seal, merit_tui.trust.evidence, "
        "merit_tui.trust.package; print(sorted(m for m in ('textual', 'sqlite_utils', 'click', 'yaml', "
        "'pydantic', 'merit_tui.store') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


@pytest.mark.skipif(os.name == "nt", reason="the speed check uses the resource module")
def test_speed_check_script_runs(tmp_path, capsys):
    from merit_tui.trust import _bench

    _bench.main(["--mb", "2", "--repeat", "1", "--dir", str(tmp_path / "bench")])
    table = capsys.readouterr().out
    assert "unpack" in table and "speed vs copy" in table
