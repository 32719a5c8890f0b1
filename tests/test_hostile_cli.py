"""Issue 14's crashes, hangs and safety edges, at the command line as a user meets them."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import unicodedata

import pytest

from merit_tui.yaml_dump import dump
from merit_tui.yamlio import load_path
from tests.conftest import MERIT_FILE, write
from tests.test_store import snapshot

HEAD = "tahun: 2024\nrubrik: kasn-sistem-merit\nversi_rubrik: '2022'\n"


def run_cli(db_path, *args, timeout=20):
    """The CLI in a child process, so a hang or an out-of-memory kill shows as such."""
    return subprocess.run([sys.executable, "-m", "merit_tui", "--db", str(db_path), *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("name, char", [("ESC", "\x1b[31m"), ("RLO", "\u202e"), ("ZWSP", "\u200b"), ("NEL", "\x85")])
def test_hidden_characters_in_instansi_are_refused_at_their_line(merit, store, db_path, tmp_path, name, char):
    store.close()
    before = snapshot(db_path)
    path = write(tmp_path, "a.yaml", f'instansi: "Kabupaten {char}Contoh"\n'.replace("\x1b", "\\e").replace("\x85", "\\N").replace("\u202e", "\\u202e").replace("\u200b", "\\u200b") + HEAD)
    code, _, err = merit("import", str(path))
    assert code == 2 and ":1:11: instansi: karakter tersembunyi U+" in err
    assert "\x1b" not in err  # the message itself cannot carry the escape to the terminal
    assert snapshot(db_path) == before


def test_names_that_look_the_same_are_the_same(merit, tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "Kota Bogor Selatan Ã"), unicodedata.normalize("NFD", "Kota Bogor Selatan Ã")
    assert nfc != nfd
    assert merit("import", str(write(tmp_path, "a.yaml", f"instansi: {nfc}\n" + HEAD)))[0] == 0
    code, _, err = merit("import", str(write(tmp_path, "b.yaml", f"instansi: {nfd}\n" + HEAD)))
    assert code == 1 and "sudah ada" in err


def test_a_note_with_any_line_break_round_trips_exactly(store, tmp_path, merit):
    aid = store.create_assessment("Pemerintah Kota Contoh", 2024, "kasn-sistem-merit", who="ani")
    store.set_field(aid, "1.1", "condition", "baris satu\x85baris dua\u2028tiga\r\nempat\tlima  ", who="ani")
    stored = store.response(aid, "1.1").condition
    assert stored == "baris satu\nbaris dua\ntiga\nempat\tlima  "
    out = tmp_path / "a.yaml"
    merit("export", str(aid), "--to", str(out))
    again = load_path(out).data["penilaian"][0]["kondisi_saat_ini"]
    assert again == stored


@pytest.mark.parametrize("where, value, place", [("target", "1.0e+999999", ":5:9:"), ("target", "9" * 5000, ":5:9:"),
                                                 ("tahun", "9" * 5000, ":2:8:"), ("target", ".nan", ":5:9:")], ids=["1e999999", "5000-digit", "tahun", "nan"])
def test_wild_numbers_are_refused_with_their_place(merit, store, db_path, tmp_path, where, value, place):
    store.close()
    before = snapshot(db_path)
    text = f"instansi: Kota Contoh\n{HEAD}".replace("tahun: 2024", "tahun: 2024" if where != "tahun" else f"tahun: {value}")
    if where == "target":
        text += f"target: {value}\n"
    code, out, err = merit("import", str(write(tmp_path, "n.yaml", text)))
    assert code == 2 and "Galat tak terduga" not in err and place in err
    assert snapshot(db_path) == before


def test_huge_ids_and_nan_are_usage_errors(merit):
    code, _, err = merit("status", "99999999999999999999", "final")
    assert code == 2 and "bukan nomor penilaian" in err
    code, _, err = merit("--role", "verifikator", "official", "1", "NaN", "B")
    assert code == 2 and "bukan angka" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["import", "score"])
def test_device_files_are_refused_not_read(db_path, store, command):
    store.close()
    out = run_cli(db_path, command, "/dev/zero")
    assert out.returncode == 2 and "bukan berkas biasa" in out.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_a_fifo_does_not_hang(db_path, store, tmp_path):
    store.close()
    fifo = tmp_path / "pipa.yaml"
    os.mkfifo(fifo)
    out = run_cli(db_path, "import", str(fifo), timeout=15)
    assert out.returncode == 2 and "pipa" in out.stderr


def test_nothing_is_written_over_the_database_whatever_the_flags(merit, store, db_path):
    store.close()
    before = snapshot(db_path)
    for target in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        code, _, err = merit("export", "2", "--to", str(target), "--force")
        assert code == 1 and "tidak boleh ditimpa" in err
        code, _, err = merit("backup", "--to", str(target), "--force")
        assert code == 1 and "tidak boleh ditimpa" in err
        code, _, err = merit("plan", "2", "--to", str(target.with_suffix(".md")) if False else str(target), "--force")
        assert code == 1
    assert snapshot(db_path) == before


def test_exports_and_backups_follow_the_umask(merit, tmp_path):
    old = os.umask(0o022)
    try:
        for args, path in ((("export", "2", "--to"), tmp_path / "a.yaml"), (("backup", "--to"), tmp_path / "b.db"),
                           (("plan", "2", "--to"), tmp_path / "c.xlsx")):
            assert merit(*args, str(path))[0] == 0
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    finally:
        os.umask(old)


def test_a_damaged_database_is_not_backed_up_and_not_called_whole(tmp_path, merit, store, db_path):
    store.close()
    raw = bytearray(db_path.read_bytes())
    # damage one page in the middle (not the header: the file must still open)
    raw[8192:8192 + 512] = b"\xff" * 512
    db_path.write_bytes(bytes(raw))
    (db_path.with_name(db_path.name + "-wal")).unlink(missing_ok=True)
    code, _, err = merit("backup", "--to", str(tmp_path / "b.db"))
    assert code == 1 and "rusak" in err and not (tmp_path / "b.db").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".merit-tmp-")]
    code, _, err = merit("audit", "verify")
    assert code == 1 and "Log utuh" not in err


def test_a_file_rewritten_while_it_is_read_is_refused_or_whole(merit, store, tmp_path):
    """A writer rewriting the file over and over while we import: every import is either the
    whole file or refused, never a truncated one."""
    import threading

    data = load_path(MERIT_FILE).data | {"instansi": "Kota Tulis Ulang", "status": "draf"}
    data["penilaian"] = [{k: v for k, v in i.items() if k not in ("nilai_verifikasi", "catatan")} for i in data["penilaian"]]
    text = dump(data)
    target = tmp_path / "ubah.yaml"
    target.write_text(text, encoding="utf-8")
    stop = threading.Event()

    def rewrite() -> None:
        while not stop.is_set():
            with open(target, "w", encoding="utf-8") as fh:  # not atomic, on purpose: a careless editor
                for i in range(0, len(text), 512):
                    fh.write(text[i:i + 512])
                    fh.flush()

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        outcomes = [merit("import", "--replace", str(target))[0] for _ in range(20)]
    finally:
        stop.set()
        writer.join()
    stored = [r for r in store.list_assessments() if r.agency == "Kota Tulis Ulang"]
    assert all(code in (0, 1, 2) for code in outcomes)
    assert not stored or stored[0].self_done == 37


def test_the_version_and_help_are_indonesian(merit):
    code, out, _ = merit("--version")
    assert out.strip() == "merit-tui versi 0.1.0"
    _, out, _ = merit("--help")
    for english in ("Usage", "Options", "Show this message", "Commands"):
        assert english not in out
    _, out, err = merit("list", "--nope")
    assert "No such option" not in err and "Tidak ada opsi" in err


def test_merit_list_headers_are_distinct(merit):
    header = merit("list")[1].splitlines()[1].split()
    assert len(header) == len(set(header))


def test_sqlite_is_closed_before_checking_snapshot(db_path):
    sqlite3.connect(db_path).close()


def test_temp_files_a_killed_backup_or_restore_left_are_swept(merit, db_path, tmp_path):
    """A backup killed half-way leaves .merit-tmp-* beside its target (a restore, a folder beside the
    database); the next backup there, or the next open, removes those older than an hour."""
    import os
    import time

    assert merit("list")[0] == 0  # the database exists
    folder = tmp_path / "cadangan"
    folder.mkdir()
    stale_file = folder / ".merit-tmp-abc123"
    stale_file.write_bytes(b"SQLite format 3\0 half a backup")
    stale_dir = db_path.parent / ".merit-tmp-restore"
    stale_dir.mkdir()
    (stale_dir / "cadangan.db").write_bytes(b"x")
    fresh = folder / ".merit-tmp-now"  # may be someone's backup in progress
    fresh.write_bytes(b"x")
    old = time.time() - 2 * 3600
    for p in (stale_file, stale_dir):
        os.utime(p, (old, old))
    assert merit("list")[0] == 0
    assert not stale_dir.exists()
    code, _, err = merit("backup", "--to", str(folder / "b.db"))
    assert code == 0, err
    assert not stale_file.exists() and fresh.exists() and (folder / "b.db").exists()
