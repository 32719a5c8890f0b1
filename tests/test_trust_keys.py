from __future__ import annotations

import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from merit_tui.errors import InvalidFile, MeritError, Problem
from merit_tui.trust import keys
from merit_tui.trust._textfile import MAX_KEY_FILE
from merit_tui.trust.keys import (
    ScryptParams,
    create_key,
    export_public_key,
    find_key,
    fingerprint,
    list_keys,
    load_key,
    normalize_fingerprint,
    parse_public_key,
    read_public_key,
)

NOW = datetime(2023, 5, 12, 10, 4, 30, tzinfo=timezone.utc)
FAST = ScryptParams(n=2**10)  # the real default costs ~0.5 s per unlock
PASS = "kopi tubruk pagi"


def new_key(config: Path, name: str = "Budi (BKN)", **kw):
    return create_key(name, kw.pop("passphrase", PASS), now=NOW, config=config, kdf=FAST, **kw)


def test_create_load_sign_verify(tmp_path):
    info = new_key(tmp_path)
    assert info.path == tmp_path / "kunci" / "budi-bkn.kunci"
    assert info.name == "Budi (BKN)"
    assert info.created == "2023-05-12T10:04:30Z"
    key = load_key(info, PASS)
    assert key.fingerprint == info.fingerprint
    sig = key.sign(b"hasil verifikasi")
    assert info.public.verify(sig, b"hasil verifikasi")
    assert not info.public.verify(sig, b"hasil verifikasi!")
    assert not info.public.verify(b"\0" * 10, b"hasil verifikasi")
    assert "_private" not in repr(key)


def test_key_file_is_readable_text_without_the_secret(tmp_path):
    info = new_key(tmp_path)
    text = info.path.read_text(encoding="utf-8")
    assert text.startswith("merit-tui-secretkey-v1\n")
    assert "nama: Budi (BKN)\n" in text
    assert f"sidik-jari: {info.fingerprint}\n" in text
    assert "kdf: scrypt n=1024 r=8 p=1\n" in text


def test_default_kdf_is_expensive():
    assert keys.DEFAULT_KDF.n * keys.DEFAULT_KDF.r * 128 >= 128 * 2**20


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_file_and_folder_modes(tmp_path):
    old = os.umask(0)  # even a permissive umask must not widen the key file
    try:
        info = new_key(tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700
    pub = export_public_key(info, tmp_path / "budi.pub")
    assert stat.S_IMODE(pub.stat().st_mode) == 0o644
    assert not [p for p in info.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_never_overwrites_without_flag(tmp_path):
    first = new_key(tmp_path)
    with pytest.raises(MeritError, match="sudah ada"):
        new_key(tmp_path)
    assert load_key(first, PASS).fingerprint == first.fingerprint
    second = new_key(tmp_path, overwrite=True)
    assert second.fingerprint != first.fingerprint
    assert load_key(second.path, PASS).fingerprint == second.fingerprint


def test_wrong_passphrase(tmp_path):
    info = new_key(tmp_path)
    with pytest.raises(MeritError, match="frasa sandi salah") as exc:
        load_key(info, "kopi tubruk sore")
    assert str(info.path) in exc.value.message


def test_passphrase_is_nfc_normalised(tmp_path):
    info = new_key(tmp_path, passphrase="kafe\u0301 pagi hari")  # NFD é
    assert load_key(info, "kaf\u00e9 pagi hari").fingerprint == info.fingerprint


def test_edited_header_does_not_unlock(tmp_path):
    info = new_key(tmp_path)
    text = info.path.read_text(encoding="utf-8")
    info.path.write_text(text.replace("nama: Budi (BKN)", "nama: Ani (BKN)"), encoding="utf-8")
    with pytest.raises(MeritError, match="frasa sandi salah"):
        load_key(info.path, PASS)


@pytest.mark.parametrize(
    ("name", "passphrase", "message"),
    [
        ("", PASS, "tidak boleh kosong"),
        ("Budi\nnama: Ani", PASS, "karakter kendali"),
        ("x" * 101, PASS, "terlalu panjang"),
        ("Budi", "pendek", "terlalu pendek"),
    ],
)
def test_bad_name_or_passphrase(tmp_path, name, passphrase, message):
    with pytest.raises(MeritError, match=message):
        new_key(tmp_path, name=name, passphrase=passphrase)
    assert not (tmp_path / "kunci").exists() or not list((tmp_path / "kunci").iterdir())


def test_naive_time_refused(tmp_path):
    with pytest.raises(ValueError):
        create_key("Budi", PASS, now=datetime(2023, 5, 12), config=tmp_path, kdf=FAST)


def test_config_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MERIT_CONFIG_DIR", str(tmp_path / "cfg"))
    info = create_key("Ani", PASS, now=NOW, kdf=FAST)
    assert info.path == tmp_path / "cfg" / "kunci" / "ani.kunci"
    assert [k.name for k in list_keys()] == ["Ani"]


def test_default_config_dir_uses_platformdirs(monkeypatch):
    monkeypatch.delenv("MERIT_CONFIG_DIR", raising=False)
    assert keys.config_dir().name == "merit-tui"


def test_list_and_find(tmp_path):
    budi = new_key(tmp_path)
    ani = new_key(tmp_path, name="Ani Lestari")
    assert [k.name for k in list_keys(tmp_path)] == ["Ani Lestari", "Budi (BKN)"]
    assert find_key("budi (bkn)", tmp_path) == budi
    assert find_key("ani-lestari", tmp_path) == ani
    assert find_key(ani.fingerprint[:9].lower(), tmp_path) == ani
    with pytest.raises(MeritError, match="tidak ditemukan"):
        find_key("Citra", tmp_path)
    assert list_keys(tmp_path / "kosong") == []


def test_find_ambiguous(tmp_path):
    info = new_key(tmp_path)
    (tmp_path / "kunci" / "salinan.kunci").write_bytes(info.path.read_bytes())
    with pytest.raises(MeritError, match="lebih dari satu"):
        find_key("Budi (BKN)", tmp_path)


def test_broken_key_file_in_list(tmp_path):
    good = new_key(tmp_path)
    (tmp_path / "kunci" / "rusak.kunci").write_text("merit-tui-secretkey-v1\nnama: X\n", encoding="utf-8")
    with pytest.raises(InvalidFile, match="rusak.kunci"):
        list_keys(tmp_path)
    problems: list[Problem] = []
    assert list_keys(tmp_path, problems=problems) == [good]
    assert problems and all("rusak.kunci" in p.file for p in problems)


def test_doctored_kdf_parameters_refused(tmp_path):
    info = new_key(tmp_path)
    text = info.path.read_text(encoding="utf-8").replace("n=1024", "n=1073741824")
    info.path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFile, match=r"budi-bkn.kunci:7:1: parameter 'kdf' di luar batas"):
        load_key(info.path, PASS)


def test_fingerprint_format():
    fp = fingerprint(bytes(32))
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", fp)
    assert normalize_fingerprint(fp.replace(" ", "").lower()) == fp
    with pytest.raises(MeritError, match="sidik jari tidak sah"):
        normalize_fingerprint("12 34")


# --- public key files ----------------------------------------------------------------------------


@pytest.fixture
def pubfile(tmp_path) -> Path:
    return export_public_key(new_key(tmp_path), tmp_path / "budi.pub")


def test_public_key_round_trip(tmp_path, pubfile):
    pub = read_public_key(pubfile)
    info = find_key("Budi (BKN)", tmp_path)
    assert pub == info.public
    text = pubfile.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "merit-tui-pubkey-v1"
    assert f"sidik-jari: {pub.fingerprint}" in text
    with pytest.raises(MeritError, match="sudah ada"):
        export_public_key(info, pubfile)
    export_public_key(info.public, pubfile, overwrite=True)


def test_public_key_survives_notepad(pubfile):
    text = pubfile.read_text(encoding="utf-8")
    pubfile.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert read_public_key(pubfile).name == "Budi (BKN)"


def _doctor(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, prefix: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if ln.startswith(prefix))


def test_doctored_key_bytes_are_caught_by_fingerprint(pubfile):
    key_line = next(ln for ln in pubfile.read_text(encoding="utf-8").splitlines() if ln.startswith("kunci:"))
    value = key_line.split(": ")[1]
    flipped = ("B" if value[0] != "B" else "C") + value[1:]
    _doctor(pubfile, value, flipped)
    line = _line_of(pubfile, "sidik-jari")
    with pytest.raises(InvalidFile, match=rf"budi.pub:{line}:1: sidik jari tidak cocok"):
        read_public_key(pubfile)


@pytest.mark.parametrize(
    ("old", "new", "line_prefix", "message"),
    [
        ("merit-tui-pubkey-v1", "merit-tui-pubkey-v2", "merit-tui", "belum dikenal"),
        ("merit-tui-pubkey-v1", "ssh-ed25519 AAAA", "ssh-ed25519", "bukan berkas kunci publik"),
        ("kunci: ", "kunci: %%%", "kunci:", "bukan base64"),
        ("kunci: ", "kunci: AAAA", "kunci:", "harus 32 bita"),
        ("nama: ", "namaa: ", "namaa:", "tidak dikenal"),
        ("nama: Budi (BKN)", "nama: Budi (BKN)\nnama: Ani", "nama: Ani", "dua kali"),
        ("nama: Budi (BKN)", "nama Budi", "nama Budi", "harus 'nama: nilai'"),
        ("nama: Budi (BKN)", "nama:", "nama:", "tidak boleh kosong"),
    ],
)
def test_garbled_public_key_names_file_and_line(pubfile, old, new, line_prefix, message):
    _doctor(pubfile, old, new)
    line = _line_of(pubfile, line_prefix)
    with pytest.raises(InvalidFile) as exc:
        read_public_key(pubfile)
    assert any(p.line == line and message in p.message and p.file == str(pubfile) for p in exc.value.problems), str(exc.value)


def test_missing_field(pubfile):
    text = "\n".join(ln for ln in pubfile.read_text(encoding="utf-8").splitlines() if not ln.startswith("kunci:"))
    pubfile.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFile, match="'kunci:' tidak ada"):
        read_public_key(pubfile)


def test_not_a_public_key_at_all(tmp_path):
    binary = tmp_path / "foto.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    with pytest.raises(InvalidFile, match="foto.jpg:1:1: bukan teks UTF-8"):
        read_public_key(binary)
    empty = tmp_path / "kosong.pub"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InvalidFile, match="kosong.pub:1:1: bukan berkas kunci publik"):
        read_public_key(empty)
    big = tmp_path / "besar.pub"
    big.write_bytes(b"a" * (MAX_KEY_FILE + 1))
    with pytest.raises(MeritError, match="terlalu besar"):
        read_public_key(big)
    with pytest.raises(MeritError, match="tidak ditemukan"):
        read_public_key(tmp_path / "tidak-ada.pub")
    with pytest.raises(MeritError, match="folder"):
        read_public_key(tmp_path)


def test_private_key_file_given_as_public_key(tmp_path):
    info = new_key(tmp_path)
    with pytest.raises(InvalidFile, match="budi-bkn.kunci:1:1: ini berkas kunci RAHASIA"):
        read_public_key(info.path)


def test_comment_lines_are_not_authenticated(tmp_path):
    info = new_key(tmp_path)
    text = info.path.read_text(encoding="utf-8")
    info.path.write_text(text.replace("# Kunci rahasia", "# Catatan baru\n# Kunci rahasia"), encoding="utf-8")
    assert load_key(info.path, PASS).fingerprint == info.fingerprint


def test_parse_public_key_from_text():
    raw = bytes(range(32))
    from merit_tui.trust.keys import PublicKey, public_key_text

    assert parse_public_key(public_key_text(PublicKey("Ani", raw)), "x.pub") == PublicKey("Ani", raw)
