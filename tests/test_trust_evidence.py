from __future__ import annotations

import hashlib
import io
import os
import stat
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from merit_tui.errors import MeritError
from merit_tui.trust import evidence
from merit_tui.trust.evidence import EvidenceRef, EvidenceStore, check_name


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def store(tmp_path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "bukti")


def stray(store: EvidenceStore) -> list[Path]:
    """Everything in the store that is not a published evidence file."""
    if not store.root.exists():
        return []
    return [p for p in store.root.rglob("*") if p.is_file() and not (len(p.name) == 64 and p.parent.name == p.name[:2])]


def test_add_copies_by_content(tmp_path, store):
    src = tmp_path / "SK Bupati.pdf"
    src.write_bytes(b"%PDF-1.7 isi")
    ref = store.add(src)
    assert ref == EvidenceRef("SK Bupati.pdf", sha(b"%PDF-1.7 isi"), 12)
    stored = store.path_of(ref.sha256)
    assert stored == store.root / ref.sha256[:2] / ref.sha256
    assert stored.read_bytes() == b"%PDF-1.7 isi"
    assert store.has(ref.sha256) and not store.has("0" * 64)
    assert store.verify(ref.sha256) == 12
    assert ref.to_data() == {"nama": "SK Bupati.pdf", "sha256": ref.sha256, "ukuran": "12"}
    assert [p.name for p in store.root.rglob("*") if p.is_file()] == [ref.sha256]


def test_add_is_idempotent_and_names_are_metadata(tmp_path, store):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(b"sama")
    b.write_bytes(b"sama")
    ra, rb = store.add(a), store.add(b)
    assert ra.sha256 == rb.sha256 and (ra.name, rb.name) == ("a.pdf", "b.pdf")
    assert store.add(a, name="lain.pdf").name == "lain.pdf"
    assert len([p for p in store.root.rglob("*") if p.is_file()]) == 1


def test_empty_file(tmp_path, store):
    src = tmp_path / "kosong.pdf"
    src.write_bytes(b"")
    ref = store.add(src)
    assert ref.size == 0 and ref.sha256 == sha(b"")


def test_large_file_streams_in_chunks(tmp_path, store):
    data = os.urandom(3 * evidence.CHUNK + 17)
    src = tmp_path / "besar.bin"
    src.write_bytes(data)
    biggest = 0

    class Spy:
        def __init__(self, raw):
            self.raw = raw

        def readinto(self, buffer):
            nonlocal biggest
            biggest = max(biggest, len(buffer))
            return self.raw.readinto(buffer)

    with open(src, "rb") as fh:
        ref = store.add_stream("besar.bin", Spy(fh))
    assert ref == EvidenceRef("besar.bin", sha(data), len(data))
    assert biggest == evidence.CHUNK
    assert store.path_of(ref.sha256).read_bytes() == data


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_stored_files_are_read_only(tmp_path, store):
    src = tmp_path / "a.pdf"
    src.write_bytes(b"x")
    ref = store.add(src)
    assert stat.S_IMODE(store.path_of(ref.sha256).stat().st_mode) == 0o444
    store.add(src)  # replacing a read-only copy works


def test_verify_detects_doctored_file(tmp_path, store):
    src = tmp_path / "a.pdf"
    src.write_bytes(b"nilai 3")
    ref = store.add(src)
    stored = store.path_of(ref.sha256)
    os.chmod(stored, 0o644)
    stored.write_bytes(b"nilai 4")
    with pytest.raises(MeritError, match="bukti rusak, isinya berubah sejak disimpan") as exc:
        store.verify(ref.sha256)
    assert str(stored) in exc.value.message
    store.add(src)  # adding the original again repairs it
    assert store.verify(ref.sha256) == 7


def test_verify_missing(store):
    with pytest.raises(MeritError, match="tidak ada"):
        store.verify("ab" * 32)
    with pytest.raises(MeritError, match="bukan sidik SHA-256"):
        store.verify("../../etc/passwd")


def test_add_stream_checks_hash_and_size(store):
    data = b"bukti yang dikirim"
    ref = store.add_stream("a.pdf", io.BytesIO(data), sha(data), len(data))
    assert ref.sha256 == sha(data)
    with pytest.raises(MeritError, match=r"paket.zip:bukti/x/b.pdf: sidik SHA-256 tidak cocok"):
        store.add_stream("b.pdf", io.BytesIO(b"bukti yang diubah!"), "00" * 32, 18, label="paket.zip:bukti/x/b.pdf")
    with pytest.raises(MeritError, match="terpotong"):
        store.add_stream("c.pdf", io.BytesIO(data[:-1]), sha(data), len(data))
    with pytest.raises(MeritError, match="lebih besar dari"):
        store.add_stream("d.pdf", io.BytesIO(data + b"!"), sha(data), len(data))
    assert stray(store) == []
    assert [p.name for p in store.root.rglob("*") if p.is_file()] == [ref.sha256]


def test_add_stream_stops_reading_past_expected_size(store):
    class Endless:
        read_total = 0

        def readinto(self, buffer):
            self.read_total += len(buffer)
            buffer[:] = bytes(len(buffer))
            return len(buffer)

    endless = Endless()
    with pytest.raises(MeritError, match="lebih besar dari 10 bita"):
        store.add_stream("bom.pdf", endless, None, 10)
    assert endless.read_total == 11
    assert stray(store) == []


def test_staging_is_all_or_nothing(store):
    good = b"baik"
    with pytest.raises(MeritError):
        with store.staging() as stage:
            stage.add_stream("a.pdf", io.BytesIO(good), sha(good), 4)
            stage.add_stream("b.pdf", io.BytesIO(b"jelek"), sha(good), 5)
    assert not store.has(sha(good))
    assert stray(store) == []
    with store.staging() as stage:
        stage.add_stream("a.pdf", io.BytesIO(good), sha(good), 4)
        assert not store.has(sha(good))  # not visible until the block ends
    assert store.has(sha(good))


@pytest.mark.parametrize("name", ["", ".", "..", "a/b.pdf", "a\\b.pdf", "C:x.pdf", "a\nb.pdf", "a\0b", "x" * 256])
def test_bad_names_refused(store, name):
    with pytest.raises(MeritError, match="nama berkas bukti"):
        store.add_stream(name, io.BytesIO(b"x"))
    assert stray(store) == []


def test_names_are_nfc():
    assert check_name("Cafe\u0301.pdf") == "Caf\u00e9.pdf"
    assert check_name("Notula rapat (final) 2023.pdf") == "Notula rapat (final) 2023.pdf"


def test_missing_file_and_folder(tmp_path, store):
    with pytest.raises(MeritError, match="tidak ditemukan"):
        store.add(tmp_path / "tidak-ada.pdf")
    with pytest.raises(MeritError, match=str(tmp_path)):
        store.add(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_refused_without_hanging(tmp_path, store):
    fifo = tmp_path / "pipa.pdf"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def attempt():
        try:
            store.add(fifo)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            result.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "adding a FIFO hung"
    assert isinstance(result[0], MeritError)
    assert "bukan berkas biasa" in str(result[0]) and "pipa.pdf" in str(result[0])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_refused(store):
    started = time.monotonic()
    with pytest.raises(MeritError, match="/dev/zero: bukan berkas biasa"):
        store.add("/dev/zero")
    assert time.monotonic() - started < 5
    assert stray(store) == []


def test_symlink_to_regular_file_is_followed(tmp_path, store):
    src = tmp_path / "asli.pdf"
    src.write_bytes(b"asli")
    link = tmp_path / "tautan.pdf"
    try:
        link.symlink_to(src)
    except OSError:
        pytest.skip("no symlinks here")
    assert store.add(link) == EvidenceRef("tautan.pdf", sha(b"asli"), 4)


def test_not_enough_disk_space(store, monkeypatch):
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(evidence.shutil, "disk_usage", lambda p: usage(100, 90, 10))
    with pytest.raises(MeritError, match="ruang disk tidak cukup"):
        store.add_stream("a.pdf", io.BytesIO(b"x" * 20), None, 20)


def test_remove_stale_temp(store):
    store.root.mkdir(parents=True)
    old = store.root / ".masuk-abc.tmp"
    old.write_bytes(b"setengah")
    os.utime(old, (1000, 1000))
    fresh = store.root / ".masuk-def.tmp"
    fresh.write_bytes(b"sedang ditulis")
    assert store.remove_stale_temp(now=time.time()) == 1
    assert not old.exists() and fresh.exists()


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([1, 7, 1024]))
def test_any_bytes_round_trip(tmp_path_factory, data, chunk):
    store = EvidenceStore(tmp_path_factory.mktemp("bukti"))
    evidence_chunk = evidence.CHUNK
    try:
        evidence.CHUNK = chunk
        ref = store.add_stream("a.bin", io.BytesIO(data), sha(data), len(data))
    finally:
        evidence.CHUNK = evidence_chunk
    assert store.path_of(ref.sha256).read_bytes() == data
