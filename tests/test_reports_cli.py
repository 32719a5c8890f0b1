"""`merit report`, `merit plan --to .pdf` and `merit setting`, as a user types them, good input and bad."""

from __future__ import annotations

import pytest
from docx import Document
from pypdf import PdfReader

from merit_tui.cli import run
from tests.conftest import MERIT_FILE
from tests.test_reports_data import SIGNATORY

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" \
      b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"


def ids(merit) -> tuple[str, str]:
    _, listing, _ = merit("list")
    rows = [line.split() for line in listing.splitlines()[2:]]
    # the 2022 Sistem Merit (KASN) row, not the 2026 one, and the NSPK row
    return next(r[0] for r in rows if r[1] == "2022" and "Sistem" in r), next(r[0] for r in rows if "NSPK" in r)


def text_of(path) -> str:
    return "".join(p.extract_text() or "" for p in PdfReader(path).pages)


def clean(err: str) -> bool:
    return "Traceback" not in err and "Galat tak terduga" not in err


# ---- settings --------------------------------------------------------------------------------

def test_settings_set_list_unset(merit):
    code, out, _ = merit("setting", "list")
    assert code == 0 and "penandatangan.nama" in out and "belum diatur" in out
    for key, value in SIGNATORY.items():
        code, out, err = merit("setting", "set", key, value)
        assert code == 0, err
    code, out, _ = merit("setting", "list")
    assert "19750101 199803 1 001" in out and "Paringin" in out
    assert merit("setting", "unset", "tempat")[1].strip() == "tempat: dihapus"
    assert "memang belum diatur" in merit("setting", "unset", "tempat")[1]


def test_unknown_key_lists_the_known_ones(merit):
    code, _, err = merit("setting", "set", "penandatangan.nma", "Budi")
    assert code == 1 and clean(err)
    assert "maksud Anda 'penandatangan.nama'" in err and "kop" in err and "templat" in err
    assert merit("setting", "unset", "warna")[0] == 1


@pytest.mark.parametrize("key, value, says", [
    ("penandatangan.nip", "1975", "18 angka"),
    ("penandatangan.nip", "19750101 199803 1 00X", "18 angka"),
    ("penandatangan.nama", "   ", "wajib diisi"),
    ("penandatangan.nama", "Budi\u202eidub", "tersembunyi"),
    ("kop", "tidak-ada.png", "tidak ditemukan"),
    ("templat", "tidak-ada/", "tidak ditemukan"),
])
def test_bad_setting_values_are_refused(merit, key, value, says):
    code, _, err = merit("setting", "set", key, value)
    assert code == 1 and says in err and clean(err)


def test_kop_must_be_a_png_or_jpeg_named_as_such(merit, tmp_path):
    fake = tmp_path / "kop.png"
    fake.write_text("bukan gambar")
    code, _, err = merit("setting", "set", "kop", str(fake))
    assert code == 1 and "bukan gambar PNG atau JPEG" in err
    misnamed = tmp_path / "kop.jpg"
    misnamed.write_bytes(PNG)
    assert "tidak cocok" in merit("setting", "set", "kop", str(misnamed))[2]
    good = tmp_path / "kop surat.png"  # a space in the name is kept
    good.write_bytes(PNG)
    code, out, err = merit("setting", "set", "kop", str(good))
    assert code == 0 and str(good) in out


def test_templat_folder_needs_a_typ_file_and_is_used(merit, tmp_path):
    folder = tmp_path / "templat"
    folder.mkdir()
    assert "tidak berisi berkas .typ" in merit("setting", "set", "templat", str(folder))[2]
    (folder / "_umum.typ").write_text(
        (__import__("merit_tui.reports.pdf", fromlist=["BUNDLED_TEMPLATES"]).BUNDLED_TEMPLATES / "_umum.typ")
        .read_text("utf-8").replace('#let kata-nip = "NIP."', '#let kata-nip = "NIP:"'), "utf-8")
    assert merit("setting", "set", "templat", str(folder))[0] == 0
    merit("setting", "set", "penandatangan.nip", SIGNATORY["penandatangan.nip"])
    aid, _ = ids(merit)
    code, _, err = merit("report", aid, "--to", str(tmp_path / "r.pdf"))
    assert code == 0, err
    assert "NIP: 19750101 199803 1 001" in text_of(tmp_path / "r.pdf")


# ---- merit report ----------------------------------------------------------------------------

def test_report_pdf_docx_html_and_the_overwrite_rule(merit, tmp_path):
    aid, _ = ids(merit)
    out = tmp_path / "laporan.pdf"
    code, stdout, err = merit("report", aid, "--to", str(out))
    assert code == 0 and str(out) in stdout
    assert "penandatangan.nama" in err and "merit setting set" in err  # says what to set
    assert "Total Akhir (Hasil Verifikasi) : 129" in text_of(out)
    before = out.read_bytes()
    code, _, err = merit("report", aid, "--to", str(out))
    assert code == 1 and "sudah ada" in err and "pakai --force untuk menimpanya" in err and clean(err)
    assert out.read_bytes() == before
    assert merit("report", aid, "--to", str(out), "--force")[0] == 0
    assert merit("report", aid, "--to", str(tmp_path / "laporan.docx"))[0] == 0
    assert len(Document(str(tmp_path / "laporan.docx")).tables) >= 3
    assert merit("report", aid, "--to", str(tmp_path / "laporan.html"))[0] == 0
    assert "<table" in (tmp_path / "laporan.html").read_text("utf-8")


def test_report_from_a_file_and_with_the_signatory_set(merit, tmp_path):
    for key, value in SIGNATORY.items():
        merit("setting", "set", key, value)
    code, _, err = merit("report", str(MERIT_FILE), "--to", str(tmp_path / "f.pdf"))
    assert code == 0 and "belum diatur" not in err
    text = text_of(tmp_path / "f.pdf")
    assert "H. Contoh Nama, S.STP., M.Si." in text and "Paringin, " in text


@pytest.mark.parametrize("args, says", [
    (["report", "999", "--to", "x.pdf"], "tidak ada"),
    (["report", "2", "--to", "x.txt"], "pakai .pdf, .docx atau .html"),
    (["report", "tidak-ada.yaml", "--to", "x.pdf"], "tidak-ada.yaml"),
    (["report", "--to", "x.pdf"], "--all"),
    (["report", "2", "--all", "--to", "x"], "--all"),
    (["report", "2", "--year", "2022", "--to", "x.pdf"], "--year"),
    (["report", "2", "--to", "tidak/ada/x.pdf"], "tidak ada"),
    (["report", "2"], "--to"),
])
def test_bad_report_input_gives_a_clean_message(merit, tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    code, _, err = merit(*args)
    assert code != 0 and says in err and clean(err), err


def test_report_never_writes_over_the_database(tmp_path, capsys):
    db = tmp_path / "merit.pdf"  # a database that happens to end in .pdf
    assert run(["--db", str(db), "list"]) == 0
    size = db.stat().st_size
    capsys.readouterr()
    assert run(["--db", str(db), "report", "2", "--to", str(db), "--force"]) == 1
    assert "basis data" in capsys.readouterr().err
    assert db.stat().st_size == size and run(["--db", str(db), "list"]) == 0


# ---- merit report --all ----------------------------------------------------------------------

def test_report_all_for_a_year_with_progress_and_skip(merit, tmp_path):
    folder = tmp_path / "laporan"
    code, out, err = merit("report", "--all", "--year", "2022", "--to", str(folder))
    assert code == 0, err
    assert [p.name for p in folder.iterdir()] == ["pemerintah-kabupaten-balangan-2022-sistem-merit.pdf"]
    assert "1/1" in err and "laporan/detik" in err and "sisa" in err
    assert "1 laporan ditulis" in out
    code, out, err = merit("report", "--all", "--year", "2022", "--to", str(folder))
    assert code == 0 and "dilewati" in err and "pakai --force" in err and "0 laporan ditulis" in out and "1 dilewati" in out
    code, out, _ = merit("report", "--all", "--to", str(folder), "--force", "--format", "docx")
    assert code == 0 and "3 laporan ditulis" in out  # 2021 NSPK, 2022 and 2026 Sistem Merit
    assert sorted(p.suffix for p in folder.iterdir()) == [".docx", ".docx", ".docx", ".pdf"]


def test_report_all_refuses_what_it_cannot_do(merit, tmp_path):
    code, _, err = merit("report", "--all", "--year", "1999", "--to", str(tmp_path / "x"))
    assert code == 1 and "Tidak ada penilaian tahun 1999" in err
    afile = tmp_path / "berkas.pdf"
    afile.write_text("x")
    code, _, err = merit("report", "--all", "--to", str(afile))
    assert code == 1 and "bukan folder" in err and clean(err)


def test_report_all_goes_on_after_a_failure_and_exits_non_zero(merit, tmp_path):
    kop = tmp_path / "kop.png"
    kop.write_bytes(PNG)
    assert merit("setting", "set", "kop", str(kop))[0] == 0
    kop.unlink()  # removed since it was set: every report fails, each is said, none crashes
    code, out, err = merit("report", "--all", "--to", str(tmp_path / "semua"))
    assert code == 1 and err.count("GAGAL") == 3 and "kop surat" in err and clean(err)
    assert "0 laporan ditulis" in out and "3 gagal" in out


def test_report_all_names_stay_inside_the_folder(merit, tmp_path, store):
    store.create_assessment("../../Kota Contoh/..", 2022, "kasn-sistem-merit", who="ani")
    folder = tmp_path / "keluar"
    code, _, err = merit("report", "--all", "--year", "2022", "--to", str(folder))
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["kota-contoh-2022-sistem-merit.pdf", "pemerintah-kabupaten-balangan-2022-sistem-merit.pdf"]
    assert [p for p in tmp_path.rglob("*.pdf") if p.parent != folder] == []


# ---- merit plan --to .pdf/.docx/.html ----------------------------------------------------------

def test_plan_alone_as_pdf_docx_html(merit, tmp_path):
    aid, nspk = ids(merit)
    code, out, err = merit("plan", aid, "--to", str(tmp_path / "rencana.pdf"))
    assert code == 0 and "34 baris" in out, err
    reader = PdfReader(tmp_path / "rencana.pdf")
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    assert "Jalan ke kategori berikutnya" in reader.pages[0].extract_text()
    assert merit("plan", nspk, "--to", str(tmp_path / "rencana.docx"))[0] == 0
    plan = Document(str(tmp_path / "rencana.docx")).tables[-1]
    assert len(plan.rows) == 1 + 8
    assert merit("plan", aid, "--to", str(tmp_path / "rencana.html"))[0] == 0
    code, _, err = merit("plan", aid, "--to", str(tmp_path / "rencana.pdf"))
    assert code == 1 and "pakai --force untuk menimpanya" in err
    code, _, err = merit("plan", aid, "--to", str(tmp_path / "rencana.xlsx"))
    assert code == 0
    code, _, err = merit("plan", aid, "--to", str(tmp_path / "rencana.xlsx"))
    assert code == 1 and "pakai --force untuk menimpanya" in err


@pytest.mark.parametrize("typed", ["197501011998031001", "19750101199803 1001", " 19750101  199803 1 001 "])
def test_a_nip_is_stored_as_the_civil_service_writes_it(merit, typed):
    assert merit("setting", "set", "penandatangan.nip", typed)[0] == 0
    assert "19750101 199803 1 001" in merit("setting", "list")[1]
