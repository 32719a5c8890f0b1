"""The keys, in one place."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget

HELP = """\
# Bantuan merit-tui

Semua isian penilaian **langsung tersimpan** saat dimasukkan; tidak ada tombol simpan (kecuali di dialog rencana aksi).

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
| ↑ ↓ | pindah indikator/elemen di daftar |
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
| Esc | dari kotak teks kembali ke daftar; dari daftar kembali ke layar sebelumnya |
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
| Enter | buka indikator (selisih; Esc kembali ke daftar selisih, saringan tetap) atau ubah baris rencana (rencana aksi) |
| e | ekspor rencana aksi ke .xlsx, .csv atau .md |

## Di mana saja
| Tombol | Aksi |
|---|---|
| Ctrl+P | palet perintah |
| ? atau F1 | bantuan ini |
| F2 | ganti peran (penilai / verifikator) dan nama |
| q | keluar (semua sudah tersimpan; bila basis data sedang dipakai proses lain, isian menunggu dan q kedua menulisnya ke berkas pemulihan) |
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-width: 95%; height: 90%; border: thick $primary; background: $surface; }
    HelpScreen #help-text { padding: 1 2; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Tutup")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield HelpText(id="help-text")


_DRAWN: dict[int, list[Strip]] = {}  # the help drawn once per width, for the whole session


class HelpText(Widget):
    """Rich draws the Markdown (Textual's Markdown mounts a widget per block and table cell, 86
    here); its lines are drawn once per width, kept for the session, and only those in view are
    handed to the screen. Turning the whole text into Textual content on every refresh was most
    of what opening help cost."""

    DEFAULT_CSS = "HelpText { height: auto; }"

    def _strips(self, width: int) -> list[Strip]:
        strips = _DRAWN.get(width)
        if strips is None:
            console = self.app.console
            lines = console.render_lines(Markdown(HELP), console.options.update_width(width), pad=True)
            strips = _DRAWN[width] = [Strip(line, width) for line in lines]
        return strips

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._strips(width)) if width > 0 else 0

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        strips = self._strips(width) if width > 0 else []
        return strips[y] if y < len(strips) else Strip.blank(width)
