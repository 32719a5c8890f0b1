"""Names and notes: hidden characters refused by name and position, equal-looking text equal."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from merit_tui.errors import MeritError
from merit_tui.text import (
    NAME_MAX,
    NOTE_MAX,
    clean_name,
    clean_note,
    is_hidden,
    terminal_safe,
)

HIDDEN = {
    "\x00": "U+0000 NULL", "\x1b": "U+001B ESCAPE", "\x7f": "U+007F DELETE", "\x85": "U+0085 NEXT LINE (NEL)",
    "\x9b": "U+009B CONTROL SEQUENCE INTRODUCER", "\x90": "U+0090 KENDALI C1", "\x01": "U+0001 START OF HEADING",
    "\u200e": "U+200E LEFT-TO-RIGHT MARK", "\u200f": "U+200F RIGHT-TO-LEFT MARK", "\u061c": "U+061C ARABIC LETTER MARK",
    "\u202a": "U+202A LEFT-TO-RIGHT EMBEDDING", "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE", "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u200b": "U+200B ZERO WIDTH SPACE", "\u200c": "U+200C ZERO WIDTH NON-JOINER", "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u2060": "U+2060 WORD JOINER", "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\n": "U+000A LINE FEED", "\t": "U+0009 TAB", "\r": "U+000D CARRIAGE RETURN",
    "\U000e0041": "U+E0041 TAG LATIN CAPITAL LETTER A",
}


@pytest.mark.parametrize("ch", sorted(HIDDEN))
def test_name_refuses_each_hidden_character_by_name_and_position(ch):
    with pytest.raises(MeritError) as exc:
        clean_name(f"Kab{ch}Balangan", "instansi")
    assert exc.value.message.startswith("instansi: ")
    assert f"{HIDDEN[ch]} di posisi 4 " in exc.value.message


def test_ansi_escape_in_a_name_is_refused_at_its_position():
    with pytest.raises(MeritError, match=r"U\+001B ESCAPE di posisi 1 "):
        clean_name("\x1b[2J\x1b[31mAdmin", "nama")


def test_name_is_nfc_trimmed_and_single_spaced():
    nfd = unicodedata.normalize("NFD", "Badan Kepegawaian Daérah")
    assert nfd != "Badan Kepegawaian Daérah"
    assert clean_name(f"  {nfd} ", "instansi") == clean_name("Badan Kepegawaian Daérah", "instansi")
    assert clean_name("Kabupaten\u00a0Balangan", "instansi") == "Kabupaten Balangan"
    assert clean_name("Bagian   Umum", "bidang") == "Bagian Umum"


def test_name_empty_too_long_or_not_text():
    with pytest.raises(MeritError, match="^bidang: wajib diisi$"):
        clean_name("   ", "bidang")
    with pytest.raises(MeritError, match=f"terlalu panjang \\({NAME_MAX + 1} karakter; batas {NAME_MAX}\\)"):
        clean_name("a" * (NAME_MAX + 1), "nama")
    assert clean_name("a" * NAME_MAX, "nama") == "a" * NAME_MAX
    with pytest.raises(MeritError, match="harus berupa teks"):
        clean_name(123, "nama")


def test_note_keeps_newlines_and_tabs_and_unifies_other_breaks():
    assert clean_note("a\r\nb\rc\x85d\u2028e\u2029f\tg", "catatan") == "a\nb\nc\nd\ne\nf\tg"
    assert clean_note("", "catatan") == ""
    assert clean_note("  spasi di tepi  ", "catatan") == "  spasi di tepi  "


@pytest.mark.parametrize("ch", ["\x1b", "\x00", "\x7f", "\x9b", "\u202e", "\u200b", "\ufeff", "\u2066", "\x0b", "\x0c"])
def test_note_refuses_other_hidden_characters_with_line(ch):
    with pytest.raises(MeritError) as exc:
        clean_note(f"baris satu\nbaris{ch}dua", "kondisi saat ini")
    assert exc.value.message.startswith("kondisi saat ini: karakter tersembunyi U+")
    assert "di posisi 17 (baris 2)" in exc.value.message


def test_note_length_cap():
    assert len(clean_note("x" * NOTE_MAX, "catatan")) == NOTE_MAX
    with pytest.raises(MeritError, match="terlalu panjang"):
        clean_note("x" * (NOTE_MAX + 1), "catatan")


def test_nfc_and_nfd_notes_come_out_equal():
    s = "Rekomendasi: susun ulang SOP mutasi (é, ñ, ễ)"
    assert clean_note(unicodedata.normalize("NFD", s), "catatan") == clean_note(s, "catatan")


def test_terminal_safe_makes_every_hidden_character_visible():
    stored = "Admin\x1b[2J\u202eexe.txt\u200b\x7f\x85\r\nbaris\tdua"
    shown = terminal_safe(stored)
    assert "\x1b" not in shown and "\u202e" not in shown and "\u200b" not in shown and "\x7f" not in shown
    assert shown == "Admin\u241b[2J<U+202E>exe.txt<U+200B>\u2421<U+0085>\u240d\nbaris\tdua"
    assert terminal_safe("a\nb", keep_newlines=False) == "a\u240ab"
    assert terminal_safe("biasa saja") == "biasa saja"


@given(st.text())
def test_cleaned_text_never_holds_a_hidden_character(s):
    for clean, keep in ((clean_name, ""), (clean_note, "\n\t")):
        try:
            out = clean(s, "x")
        except MeritError as exc:
            assert exc.message.startswith("x: ")
            continue
        assert not any(ch not in keep and is_hidden(ch) for ch in out)
        assert out == unicodedata.normalize("NFC", out)
    assert not any(ch not in "\n\t" and is_hidden(ch) for ch in terminal_safe(s))
