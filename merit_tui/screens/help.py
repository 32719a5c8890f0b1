"""The keys, in one place."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP = """\
# Bantuan merit-tui

Semua isian **langsung tersimpan** saat dimasukkan; tidak ada tombol simpan.

## Beranda
| Tombol | Aksi |
|---|---|
| ↑ ↓ | pilih penilaian (PgUp/PgDn per halaman, Home/End ke awal/akhir) |
| Enter | buka penilaian |
| / | cari instansi, tahun atau instrumen (Enter: ke daftar, Esc: tampilkan semua) |
| n | penilaian baru |
| i / e | impor / ekspor berkas YAML |
| r | ringkasan nilai |
| g | tinjauan selisih (mandiri vs verifikasi, terbesar dulu) |
| a | rencana aksi |
| s | ubah status (diajukan, dikembalikan, final, ...) |
| d | hapus penilaian (dengan konfirmasi) |

## Penilaian
| Tombol | Aksi |
|---|---|
| ↑ ↓ | pindah indikator/elemen di pohon |
| 1 2 3 4 | beri skor (Sistem Merit); verifikator juga 0 |
| 0–4 / y t | Sistem Merit 2026: skor menurut kriteria yang tampil / jawab pertanyaan pembuka ya atau tidak |
| 1 2 0 | sesuai / belum sesuai / belum dinilai (NSPK) |
| x | hapus skor |
| g / a / s | tinjauan selisih / rencana aksi / ubah status |
| h | riwayat status dan catatan (siapa, kapan, catatan lengkap; catatan verifikator per butir) |
| o | verifikator NSPK: catat Nilai Indeks resmi BKN |
| n / p | indikator berikutnya / sebelumnya |
| u | indikator berikutnya yang belum dinilai |
| Enter | tulis Kondisi Saat Ini indikator yang dipilih |
| Tab | pindah ke Kondisi Saat Ini, Bukti Dukung, Dokumen |
| l | lampirkan berkas bukti (disalin ke folder bukti beserta sha256-nya) |
| Esc | dari kotak teks kembali ke pohon; dari pohon kembali ke Beranda |
| Ctrl+↓ / Ctrl+↑ | berikutnya / sebelumnya, juga saat mengetik |
| r | ringkasan |

## Ringkasan
| Tombol | Aksi |
|---|---|
| k | Sistem Merit 2026: isi skor komponen survei (0–100) |
| e | cetak laporan (PDF, DOCX atau HTML) |
| h | riwayat status dan catatan |

## Tinjauan selisih dan rencana aksi
| Tombol | Aksi |
|---|---|
| f / A | ganti saring (semua, nilai 0, belum ada catatan, belum diverifikasi) / ganti aspek |
| Enter | buka indikator (selisih) atau ubah baris rencana (rencana aksi) |
| e | ekspor rencana aksi ke .xlsx, .csv atau .md |

## Di mana saja
| Tombol | Aksi |
|---|---|
| Ctrl+P | palet perintah |
| ? atau F1 | bantuan ini |
| F2 | ganti peran (penilai / verifikator) dan nama |
| q | keluar (semua sudah tersimpan) |
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-width: 95%; height: 90%; border: thick $primary; background: $surface; }
    HelpScreen #help-text { padding: 1 2; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Tutup")]

    def compose(self) -> ComposeResult:
        # Rich draws the Markdown in one widget; Textual's Markdown mounts a widget per block and
        # table cell (86 here) and took twice the 150 ms a screen may take to open
        with VerticalScroll():
            yield Static(Markdown(HELP), id="help-text")
