"""A verification round by file: an agency and a verifier, each with their own database, their
own key folder and their own process, exchanging packages with evidence and a seal."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from merit_tui.yamlio import load_path
from tests.conftest import MERIT_FILE


class Office:
    """One side's computer: its database, its key folder, its role and name."""

    def __init__(self, root: Path, role: str, user: str) -> None:
        self.root, self.role, self.user = root, role, user
        root.mkdir()
        self.db = root / "merit.db"
        self.env = {**os.environ, "MERIT_CONFIG_DIR": str(root / "config"), "HOME": str(root), "XDG_DATA_HOME": str(root / "data")}
        self.env.pop("MERIT_DB", None)

    def merit(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        out = subprocess.run([sys.executable, "-m", "merit_tui", "--db", str(self.db), "--role", self.role, "--user", self.user, *args],
                             capture_output=True, text=True, env=self.env, timeout=120)
        if ok:
            assert out.returncode == 0, out.stderr + out.stdout
        return out

    def python(self, code: str) -> str:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=self.env, timeout=120)
        assert out.returncode == 0, out.stderr
        return out.stdout


def draft_file(tmp_path: Path) -> Path:
    """Balangan's self-assessment as a 2023 draft: the 2022 self side, no verifier values."""
    data = load_path(MERIT_FILE).data
    lines = ["instansi: Pemerintah Kabupaten Balangan", "tahun: 2023", "rubrik: kasn-sistem-merit", "versi_rubrik: '2022'", "status: draf", "penilaian:"]
    for item in data["penilaian"]:
        lines.append(f"- id: '{item['id']}'")
        lines.append(f"  skor: {item['skor']}")
    path = tmp_path / "draf-2023.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rewrite_package(source: Path, target: Path, change) -> None:
    """A package with penilaian.yaml changed by `change` and the manifest's hash made to match."""
    with zipfile.ZipFile(source) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    text = change(entries["penilaian.yaml"].decode("utf-8"))
    entries["penilaian.yaml"] = text.encode("utf-8")
    manifest = json.loads(entries["manifest.json"])
    for f in manifest["berkas"]:
        if f["jalur"] == "penilaian.yaml":
            f["sha256"], f["ukuran"] = hashlib.sha256(entries["penilaian.yaml"]).hexdigest(), len(entries["penilaian.yaml"])
    entries["manifest.json"] = json.dumps(manifest).encode("utf-8")
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("round")
    agency = Office(tmp / "bkpsdm", "penilai", "Ani (BKPSDM)")
    verifier = Office(tmp / "bkn", "verifikator", "Budi (BKN)")
    secret = tmp / "frasa.txt"
    secret.write_text("sandi rahasia budi\n", encoding="utf-8")
    evidence = tmp / "peta-jabatan-2023.pdf"
    evidence.write_bytes(b"%PDF-1.4 peta jabatan\n" + os.urandom(4096))

    # the agency: its draft, evidence attached, submitted, packed
    out = agency.merit("import", str(draft_file(tmp))).stdout
    aid = out.split("id ")[1].split(")")[0]
    agency.merit("attach", aid, "1.1", str(evidence))
    agency.merit("status", aid, "diajukan", "--yes")
    agency.merit("pack", aid, "--to", str(tmp / "kirim.zip"))

    # the verifier, elsewhere: a key, the package in, scores and notes, sealed, packed back
    verifier.merit("key", "new", "--name", "Budi (BKN)", "--passphrase-file", str(secret))
    verifier.merit("key", "export", "--to", str(tmp / "budi.pub"))
    out = verifier.merit("import", str(tmp / "kirim.zip")).stdout
    vid = out.split("id ")[1].split(")")[0]
    verifier.python(
        "from merit_tui.workspace import open_store\n"
        f"s = open_store({str(verifier.db)!r})\n"
        f"for item in s.rubric('kasn-sistem-merit').item_ids():\n"
        f"    s.set_field({vid}, item, 'verified_score', 2, who='Budi (BKN)', role='verifikator')\n"
        f"s.set_field({vid}, '1.1', 'note', 'Peta jabatan sudah ditetapkan', who='Budi (BKN)', role='verifikator')\n"
    )
    out = verifier.merit("status", vid, "diverifikasi", "--yes", "--passphrase-file", str(secret)).stdout
    assert "Disegel oleh Budi (BKN)" in out
    verifier.merit("pack", vid, "--to", str(tmp / "kembali.zip"))
    return tmp, agency, verifier, aid, vid, evidence


def test_the_verifier_sees_exactly_the_bytes_the_agency_sent(round_trip):
    tmp, agency, verifier, aid, vid, evidence = round_trip
    digest = hashlib.sha256(evidence.read_bytes()).hexdigest()
    stored = verifier.root / "merit.bukti" / digest[:2] / digest
    assert stored.read_bytes() == evidence.read_bytes()
    listing = verifier.merit("list").stdout
    assert "diajukan" not in listing.lower() or "diverifikasi" in listing.lower()


def test_an_untrusted_seal_brings_no_verifier_values(round_trip):
    tmp, agency, verifier, aid, vid, _ = round_trip
    out = agency.merit("import", "--replace", str(tmp / "kembali.zip"), ok=False)
    assert out.returncode == 1
    assert "tanpa segel sah" in out.stderr
    assert "diajukan" in agency.merit("list").stdout.lower()


def test_a_doctored_verifier_value_breaks_the_seal_and_is_refused(round_trip):
    tmp, agency, verifier, aid, vid, _ = round_trip
    agency.merit("trust", "add", str(tmp / "budi.pub"))
    doctored = tmp / "kembali-diubah.zip"
    rewrite_package(tmp / "kembali.zip", doctored, lambda t: t.replace("nilai_verifikasi: 2", "nilai_verifikasi: 4", 1))
    out = agency.merit("import", "--replace", str(doctored), ok=False)
    assert out.returncode == 1
    assert "RUSAK" in out.stdout + out.stderr or "tanpa segel sah" in out.stderr
    with zipfile.ZipFile(doctored) as zf:
        (tmp / "diubah.yaml").write_bytes(zf.read("penilaian.yaml"))
    out = agency.merit("seal", "verify", str(tmp / "diubah.yaml"), ok=False)
    assert out.returncode == 3 and "RUSAK" in out.stdout and "butir 1.1 nilai_verifikasi" in out.stdout


def test_a_doctored_evidence_file_is_refused_by_the_verifier(round_trip, tmp_path):
    tmp, agency, verifier, aid, vid, _ = round_trip
    with zipfile.ZipFile(tmp / "kirim.zip") as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    name = next(n for n in entries if n.startswith("bukti/"))
    entries[name] = entries[name][:-1] + b"X"
    bad = tmp_path / "kirim-diubah.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for n, data in entries.items():
            zf.writestr(n, data)
    other = Office(tmp_path / "bkn2", "verifikator", "Citra (BKN)")
    out = other.merit("import", str(bad), ok=False)
    assert out.returncode == 2 and "peta-jabatan-2023.pdf" in out.stderr and "SHA-256 tidak cocok" in out.stderr
    assert not (other.root / "merit.bukti").exists() or not any((other.root / "merit.bukti").rglob("*.pdf"))


def test_the_agency_takes_the_sealed_verdict_and_keeps_its_own_side(round_trip):
    tmp, agency, verifier, aid, vid, _ = round_trip
    agency.merit("trust", "add", str(tmp / "budi.pub"))
    out = agency.merit("import", "--replace", str(tmp / "kembali.zip")).stdout
    assert "SAH" in out
    verified = json.loads(agency.merit("score", aid, "--json").stdout)
    there = json.loads(verifier.merit("score", vid, "--json").stdout)
    assert verified["verified"] == there["verified"] and verified["self"] == there["self"]
    assert verified["verified"]["total"] == 2 * 102.5
    assert "SAH" in agency.merit("seal", "verify", aid).stdout
    assert agency.merit("audit", "verify").returncode == 0
    listing = agency.merit("list").stdout
    assert "diverifikasi" in listing
