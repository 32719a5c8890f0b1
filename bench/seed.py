"""The data the benchmarks run on: assessment files written the way an agency sends them, and a
database holding them, per size. `full` is the national picture (630 instansi, 3 years, Sistem
Merit and NSPK); `decade` the same over 10 years (12,600 assessments); `tiny` a CI smoke run.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from merit_tui import bundled
from merit_tui.importing import import_files
from merit_tui.rubric import WeightedRubric
from merit_tui.store import Store
from merit_tui.yaml_dump import dump

SIZES = {"tiny": (6, 1), "full": (630, 3), "decade": (630, 10)}
NSPK_STATUSES = ["sesuai", "sesuai", "sesuai", "belum_sesuai"]
WORDS = "peta jabatan rencana kebutuhan talent pool suksesi kinerja kompetensi disiplin layanan aplikasi kebijakan".split()
INCOMING = "Pemerintah Kota Datang"  # the agencies of the files imported in the import row: new in every size


@dataclass
class Seeded:
    db: Path
    merit_files: list[Path]
    incoming: list[Path]  # Sistem Merit files of agencies not in the database, for the import row
    assessments: int


def note(rng: random.Random, n: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(folder: Path, store: Store, instansi: int, years: int, seed: int = 2026,
             agency: str = "Pemerintah Kabupaten Contoh", nspk: bool = True) -> list[Path]:
    """Seeded assessment files (verified, as a verifier body holds them); the Sistem Merit ones
    are returned first, then the NSPK ones."""
    rng = random.Random(seed)
    merit = store.rubric("kasn-sistem-merit")
    compliance = store.rubric("bkn-nspk")
    assert isinstance(merit, WeightedRubric)
    merit_files, nspk_files = [], []
    for i in range(instansi):
        name = f"{agency} {i + 1:03d}"
        for y in range(years):
            year = 2016 + y if years > 3 else 2022 + y
            items = [{"id": ind.id, "skor": rng.randint(1, 4), "kondisi_saat_ini": note(rng),
                      "nilai_verifikasi": rng.randint(0, 4), "catatan": note(rng, 6)} for _, ind in merit.indicators()]
            data = {"instansi": name, "tahun": year, "rubrik": merit.id, "versi_rubrik": merit.version,
                    "status": "diverifikasi", "target": 265, "penilaian": items}
            path = folder / f"merit-{agency[-6:].lower().strip()}-{i:03d}-{year}.yaml"
            path.write_text(dump(data), encoding="utf-8")
            merit_files.append(path)
            if not nspk:
                continue
            elements = []
            for el in compliance.elements:
                status = rng.choice(NSPK_STATUSES)
                e = {"id": el.id, "status_verifikasi": status}
                if status == "belum_sesuai":
                    e |= {"catatan": note(rng, 6), "rekomendasi": note(rng, 6)}
                elements.append(e)
            data = {"instansi": name, "tahun": year - 1, "rubrik": compliance.id, "versi_rubrik": compliance.version,
                    "status": "final", "hasil_resmi": {"indeks": rng.randint(40, 90), "kategori": "B"}, "penilaian": elements}
            path = folder / f"nspk-{i:03d}-{year - 1}.yaml"
            path.write_text(dump(data), encoding="utf-8")
            nspk_files.append(path)
    return merit_files + nspk_files


def seeded(work: Path, size: str, cache: Path | None = None) -> Seeded:
    """The size's database and files in `work` (made once in `cache`, if given, and copied)."""
    home = (cache / size) if cache else (work / f"data-{size}")
    ready = home / "siap"
    if not ready.exists():
        shutil.rmtree(home, ignore_errors=True)
        (home / "files").mkdir(parents=True)
        (home / "incoming").mkdir()
        instansi, years = SIZES[size]
        store = Store.open(home / "db.sqlite")
        import_files(store, bundled.rubric_files(), who="bench")
        files = generate(home / "files", store, instansi, years)
        # a verifier body's database: verifier values come in with the agencies' files
        import_files(store, files, who="bench", role="verifikator")
        generate(home / "incoming", store, instansi, min(years, 3), seed=7, agency=INCOMING, nspk=False)
        store.close()
        ready.write_text("ok")
    db = work / f"{size}.db"
    shutil.copyfile(home / "db.sqlite", db)
    store = Store.open(db)
    count = store.conn.execute("select count(*) from assessments").fetchone()[0]
    store.close()
    return Seeded(db, sorted((home / "files").glob("merit-*.yaml")), sorted((home / "incoming").glob("*.yaml")), count)
