"""Everything click prints, in Indonesian.

Each click module does `from gettext import gettext as _` (and `ngettext`) at
import time, so no locale or .mo file reaches it without being installed system
wide. install() instead rebinds those two names in every loaded click module to
a lookup in the tables below; an unknown message falls back to English, and
tests/test_hostile_cli_i18n.py scans the installed click for msgids missing here.

A few English words are not messages but attributes set when a command is
defined ("[OPTIONS]", "COMMAND [ARGS]...", metavars such as TEXT and PATH, the
help of --version): localize(group) rewrites those on a built command tree.
"""

from __future__ import annotations

import gettext
import importlib
import sys
from typing import Any

import click

VERSION_MESSAGE = "%(package)s versi %(version)s"

MESSAGES: dict[str, str] = {
    # help screens
    "Usage:": "Pemakaian:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen posisi",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s versi %(version)s",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "required": "wajib",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    "Confirm the action without prompting.": "Setujui tindakan tanpa bertanya.",
    "Do you want to continue?": "Lanjutkan?",
    # usage errors
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    # click appends " 'NAME'." to these four
    "Missing argument": "Kurang argumen",
    "Missing option": "Kurang opsi",
    "Missing parameter": "Kurang parameter",
    "Missing {param_type}": "Kurang {param_type}",
    "Missing parameter: {param_name}": "Parameter belum diisi: {param_name}",
    "Missing command.": "Perintah belum disebutkan.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Invalid start character for option ({option})": "Karakter awal opsi tidak sah ({option})",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "unknown error": "galat tak dikenal",
    "Aborted!": "Dibatalkan!",
    # parameter types; {name} (file/directory/path) is left out: a Path built before
    # install() keeps its English name
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "Choice({choices})": "Pilihan({choices})",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan angka yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} bukan nilai ya/tidak yang sah. Nilai yang dikenal: {states}",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "{name} {filename!r} does not exist.": "{filename!r} tidak ditemukan.",
    "{name} {filename!r} is a file.": "{filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{filename!r} tidak dapat dibaca (tidak ada izin).",
    "{name} {filename!r} is not writable.": "{filename!r} tidak dapat ditulis (tidak ada izin).",
    "{name} {filename!r} is not executable.": "{filename!r} tidak dapat dijalankan.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    # prompts and terminal helpers
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Galat: kedua nilai yang dimasukkan tidak sama.",
    "Error: invalid input": "Galat: masukan tidak sah",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
    "Unknown color {colour!r}": "Warna {colour!r} tidak dikenal",
    "Unknown standard stream '{name}'": "Aliran standar '{name}' tidak dikenal",
    "{editor}: Editing failed": "{editor}: penyuntingan gagal",
    "{editor}: Editing failed: {e}": "{editor}: penyuntingan gagal: {e}",
    "Windows error: {error}": "Galat Windows: {error}",
    "d": "h",  # days, in a progress bar's time left
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Pelengkapan otomatis tidak didukung untuk Bash sebelum versi 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Versi Bash tidak terdeteksi; pelengkapan otomatis tidak didukung.",
    # mistakes in the program, not the user's; translated so none reach a user in English
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Peringatan: perintah {name!r} sudah usang.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Peringatan: {name!r} sudah usang.{extra_message}",
    "Name '{name}' defined twice": "Nama '{name}' didefinisikan dua kali",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Opsi ya/tidak {decl!r} tidak boleh memakai tanda yang sama untuk ya dan tidak.",
    "Could not determine name for option with declarations {decls!r}": "Nama opsi dengan deklarasi {decls!r} tidak dapat ditentukan",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "Tidak ada opsi tetapi nama diberikan ({name}). Maksudnya argumen? Atau '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Argumen harus punya tepat satu deklarasi, ada {length}: {decls}.",
}

# (singular, plural) → (singular, plural): Indonesian rarely inflects, but click asks for both.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Ada argumen lebih yang tidak dikenal ({args})", "Ada argumen lebih yang tidak dikenal ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Memerlukan {nargs} nilai, tetapi hanya 1 yang diberikan.", "Memerlukan {nargs} nilai, tetapi {len} yang diberikan."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Maksud Anda {possibility}?", "(Maksud Anda salah satu dari: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Opsi {name!r} memerlukan nilai.", "Opsi {name!r} memerlukan {nargs} nilai."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} bukan {choice}.", "{value!r} bukan salah satu dari {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} tidak sesuai format {format}.", "{value!r} tidak sesuai salah satu format {formats}."),
    ("{len_type} values are required, but {len_value} was given.", "{len_type} values are required, but {len_value} were given."):
        ("Diperlukan {len_type} nilai, tetapi {len_value} yang diberikan.", "Diperlukan {len_type} nilai, tetapi {len_value} yang diberikan."),
}

# Metavars click derives from a type's English name.
TYPE_METAVARS = {
    "text": "TEKS", "integer": "BILANGAN", "integer range": "BILANGAN", "float": "ANGKA", "float range": "ANGKA",
    "boolean": "YA/TIDAK", "uuid": "UUID", "filename": "BERKAS",
}

_CLICK_MODULES = (
    "click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser", "click.types",
    "click.termui", "click.utils", "click.shell_completion", "click._termui_impl", "click._winconsole",
)


def translate(message: str) -> str:
    return MESSAGES.get(message) or gettext.gettext(message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    pair = PLURALS.get((singular, plural))
    if pair is None:
        return gettext.ngettext(singular, plural, n)
    return pair[0] if n == 1 else pair[1]


def install() -> list[str]:
    """Rebind `_` and `ngettext` in every click module; returns the modules changed. Idempotent."""
    for name in _CLICK_MODULES:
        if name == "click._winconsole" and sys.platform != "win32":
            continue  # it asserts it is on Windows
        try:
            importlib.import_module(name)
        except ImportError:  # a module a later click no longer has
            pass
    changed = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "click" or name.startswith("click.")):
            continue
        if getattr(module, "_", None) in (gettext.gettext, translate):
            module._ = translate  # type: ignore[attr-defined]
            changed.append(name)
        if getattr(module, "ngettext", None) in (gettext.ngettext, translate_plural):
            module.ngettext = translate_plural  # type: ignore[attr-defined]
    return sorted(changed)


def uninstall() -> None:
    """Back to click's own English (for tests)."""
    for name, module in list(sys.modules.items()):
        if module is not None and (name == "click" or name.startswith("click.")):
            if getattr(module, "_", None) is translate:
                module._ = gettext.gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is translate_plural:
                module.ngettext = gettext.ngettext  # type: ignore[attr-defined]


def _metavar_words(text: str) -> str:
    return text.replace("[OPTIONS]", "[OPSI]").replace("COMMAND", "PERINTAH").replace("[ARGS]", "[ARG]")


def localize(command: click.Command) -> click.Command:
    """Indonesian for the English a command tree got when it was defined (before install() ran)."""
    if command.options_metavar:
        command.options_metavar = _metavar_words(command.options_metavar)
    if isinstance(command, click.Group):
        command.subcommand_metavar = _metavar_words(command.subcommand_metavar)
        for sub in command.commands.values():
            localize(sub)
    for param in command.params:
        _localize_param(param)
    return command


def _localize_param(param: click.Parameter) -> None:
    help_text: Any = getattr(param, "help", None)
    if isinstance(help_text, str) and help_text in MESSAGES:
        param.help = MESSAGES[help_text]  # type: ignore[attr-defined]
    if isinstance(param, click.Option) and param.show_envvar and param.envvar:
        # Option.get_error_hint appends " (env var: …)" without passing it through _().
        english_hint = param.get_error_hint
        param.get_error_hint = lambda ctx: english_hint(ctx).replace(" (env var: ", " (variabel lingkungan: ")  # type: ignore[method-assign]
    kind = param.type
    if isinstance(kind, click.Path):
        kind.name = "folder" if not kind.file_okay else "berkas" if not kind.dir_okay else "jalur"
        word = kind.name.upper()
    else:
        word = TYPE_METAVARS.get(kind.name)
    if param.metavar is None and word and isinstance(param, click.Option) and not param.is_flag:
        param.metavar = word + ("..." if param.nargs != 1 else "")
