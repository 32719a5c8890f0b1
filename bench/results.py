"""bench/results.md: every row, its floor, the ratio, the target and ok or MELESET with the reason
and what would fix it; the date, the machine and the versions."""

from __future__ import annotations

import os
import platform
import sqlite3
from datetime import date
from importlib import metadata
from pathlib import Path

from measure import Row

# Why a target is missed, measured, and what would meet it. Shown only when the row misses.
REASONS = {
    "score_file": "`merit score BERKAS --json` sudah dijawab tanpa click (quick.py) dan tanpa pengimpor, rencana dan laporan; "
                  "membaca, memeriksa dan menilai berkas ±3 ms. Sisanya impor modul: Python 11 ms dan libyaml 8 ms (ada di lantai), "
                  "23 kelas data model (dataclass beku) yang dibuat saat impor ±16 ms, basis data, YAML ber-nomor-baris, validasi "
                  "cepat dan ringkasan ±35 ms. Pada mesin bersama rasionya berayun 2.3–3.9× antar-run. Yang memenuhi: model tanpa "
                  "pembuatan kode dataclass saat impor, atau satu proses untuk banyak berkas",
    "import": "Parse YAML sendiri ±1.0× lantai; pemeriksaan karakter tersembunyi kini secepat C (str.isprintable) dan "
              "pencarian alias dilewati untuk berkas tanpa '*' (21.7 s → 14 s untuk 1.890 berkas pada satu inti). Yang di atasnya: "
              "validasi model per jawaban, menyimpan tiap penilaian di bawah kebijakan tulis, satu event isi-penuh berantai hash "
              "per penilaian (log yang dapat diputar ulang), dan pemicu cache total per baris jawaban. Yang memenuhi: menyimpan "
              "sambil membaca (pipa), atau menulis baris jawaban dan event dalam satu executemany per 100 berkas",
    "pdf": "Typst menata dua tabel (Lampiran 37 butir, rencana aksi 37 baris) dengan teks yang membungkus: ±50 ms per tabel; "
           "halaman lainnya ±25 ms; templat dengan data kosong tidak menata apa pun. Pengukuran lebar kolom sudah dibatasi ke kata "
           "terpanjang (dikirim aplikasi); membuangnya sama sekali hanya menghemat 15–30%. Yang memenuhi: lebar kolom tetap per "
           "instrumen di templat (tanpa measure), atau tabel yang ditata sekali per rubrik",
    "pack": "salinan pembanding berjalan di kernel (copy_file_range, ±2.7 GB/s) tanpa menyentuh isi; paket harus membaca "
            "setiap bita ke Python (0.37 ns/bita), menghitung sha256 (sidik di manifest dan alamat bukti: 0.61 ns/bita, 1.6 GB/s "
            "per inti) dan CRC32 zip (0.34 ns/bita), lalu menulisnya (0.37 ns/bita) dan fsync. Itu 1.7 ns/bita; dibagi sempurna ke "
            "dua inti (sha256 sudah di thread kedua) pun 0.85 ns/bita, ±0.43× salinan. Yang memenuhi: sidik yang lebih murah untuk "
            "manifest (BLAKE3 dengan SIMD, 3–5 GB/s per inti; sha256 tetap untuk segel) dan menyalin isi dengan copy_file_range "
            "setelah sidiknya dihitung",
    "start": "Yang di atas lantai: impor meja kerja (layar Beranda, store, daftar) ±50 ms dan urutan 12.600 penilaian (12 ms); "
             "sisanya Textual yang sama dengan lantai. Yang memenuhi: Beranda tanpa Header Textual (judul satu baris seperti KeyBar)",
    "screen_walk": "Layar penilaian sudah disimpan tersusun (disusun saat Beranda dibaca) dan membuka penilaian hanya mengisi ulang "
                   "widgetnya (±5 ms). Sisanya Textual saat layar berganti: menerapkan ulang CSS ke setiap widget dan menata serta "
                   "menggambar seluruh layar; TextArea, daftar butir dan kotak bergulir lebih mahal per widget daripada Static. "
                   "Yang memenuhi: penilaian sebagai panel di layar yang sama (tanpa ganti layar)",
    "screen_summary": "DataTable (mengukur setiap sel) dan grafik disusun ulang setiap kali dibuka. Yang memenuhi: tabel "
                      "bergambar baris seperti Beranda, layar yang disimpan tersusun seperti penilaian",
    "screen_gaps": "Dua Select (masing-masing menyusun kotak nilai dan daftar pilihan tersembunyi), DataTable 37 baris dan "
                   "grafik; stylesheet diterapkan ke ±70 widget dan setiap sel diukur. Yang memenuhi: saringan dengan tombol saja "
                   "(f dan A sudah ada), tabel bergambar baris, layar yang disimpan tersusun",
    "screen_plan": "DataTable 37 baris × 9 kolom dan rencana yang dibangun dari store setiap kali dibuka. Yang memenuhi: tabel "
                   "bergambar baris, layar yang disimpan tersusun",
    "screen_help": "Teks bantuan dirender sekali per lebar dan hanya baris yang tampak diserahkan ke layar (HelpText); yang "
                   "tersisa layar modal: Beranda di belakangnya ikut ditata dan digambar ulang, lantainya dua Static tanpa latar. "
                   "Yang memenuhi: bantuan sebagai panel di layar yang sama, bukan layar modal",
    "screen_new": "Dialog formulir (Input, Select rubrik, Select penilaian sebelumnya, tombol) dan layar modal yang menggambar "
                  "Beranda di belakangnya. Yang memenuhi: dialog yang disimpan tersusun",
    "screen_history": "Riwayat dibangun dari log peristiwa penilaian (setiap event dibaca dan diterjemahkan ke kalimat) lalu "
                      "ditata sebagai satu teks panjang setiap kali dibuka. Yang memenuhi: teks yang dirender sekali per lebar "
                      "seperti bantuan, atau layar yang disimpan tersusun",
    "move_drawn": "Hampir semua pindah butir satu gambar ulang (median 7 ms); sesekali Textual menggambar bilah gulir atau kotak "
                  "teks pada bingkai berikutnya, dan mesin bersama menambah derau. Yang memenuhi: panel rincian tanpa bilah gulir",
    "key_drawn": "Lihat pindah butir: satu gambar ulang, sesekali dua bingkai",
    "unpack": "Sama dengan pack: setiap bita dibaca dari zip, dicek CRC32 dan sha256, ditulis ke folder bukti, lalu fsync; "
              "pembandingnya salinan di kernel. Yang memenuhi: lihat pack",
}


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def cell(row: Row) -> str:
    if row.ok is None:
        return "dilaporkan"
    if row.ok:
        return f"ok ({row.target})"
    reason = REASONS.get(row.key, "")
    return f"MELESET ({row.target})" + (f": {reason}" if reason else "")


def table(rows: list[Row]) -> list[str]:
    lines = ["| Ukuran | merit-tui | Lantai (floor) | Rasio | Hasil | Sebaran (kami / lantai) |", "|---|---|---|---|---|---|"]
    lines += [f"| {r.what} | {r.ours} | {r.floor} | {r.ratio} | {cell(r)} | {r.spread} |" for r in rows]
    return lines


def write(out: Path, sections: dict[str, list[Row]], notes: dict[str, str], repeat: int, load: str) -> None:
    versions = ", ".join(f"{p} {_version(p)}" for p in ("textual", "pydantic", "sqlite-utils", "PyYAML", "click", "typst"))
    lines = [
        "# merit-tui benchmarks",
        "",
        "Dibuat oleh `python bench/run.py` (lihat README, bagian Benchmark). Setiap baris dibandingkan dengan lantainya",
        "dalam run yang sama, bergantian; angka = median. Target dari issue 15.",
        "",
        f"- Tanggal: {date.today().isoformat()}",
        f"- Mesin: {os.cpu_count()} inti, {platform.machine()}, {platform.system()} {platform.release()}; beban rata-rata saat mulai {load}",
        f"- Python {platform.python_version()}; {versions}; SQLite {sqlite3.sqlite_version}",
        f"- Pengulangan: {repeat} (sesi TUI: {max(2, repeat // 2)} sesi, setiap layar dibuka 3 kali per sesi)",
        "",
    ]
    for title, rows in sections.items():
        lines += [f"## {title}", ""]
        if notes.get(title):
            lines += [notes[title], ""]
        lines += table(rows) + [""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
