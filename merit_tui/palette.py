"""Textual's system commands (Ctrl+P), in Indonesian.

Mirrors App.get_system_commands of Textual 8: Tema, Keluar, Bantuan tombol,
Maksimalkan/Kecilkan and Tangkapan layar, under the same conditions. Wiring, in
the app:

    def get_system_commands(self, screen):
        yield from palette.system_commands(self, screen)

    def action_command_palette(self):
        palette.open_palette(self)

    @on(events.DeliveryComplete)
    @on(events.DeliveryFailed)
    def _screenshot_saved(self, event):
        palette.notify_screenshot(self, event)
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime

from textual import events
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from .safe_io import describe_os_error

# Not "screenshot": App's own handler would announce that name in English.
SCREENSHOT_DELIVERY = "tangkapan-layar"
COMMANDS_PLACEHOLDER = "Cari perintah…"
THEMES_PLACEHOLDER = "Cari tema…"


def system_commands(app: App, screen: Screen) -> Iterator[SystemCommand]:
    """The system commands for `screen`, titled and explained in Indonesian."""
    yield SystemCommand("Tema", "Ganti warna tampilan", lambda: _search_themes(app))
    yield SystemCommand("Keluar", "Tutup merit-tui", app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand("Bantuan tombol", "Sembunyikan panel bantuan tombol", app.action_hide_help_panel)
    else:
        yield SystemCommand("Bantuan tombol", "Tampilkan bantuan untuk bagian yang aktif dan daftar tombol", app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand("Kecilkan", "Kembalikan bagian yang diperbesar ke ukuran biasa", screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand("Maksimalkan", "Perbesar bagian yang aktif memenuhi layar", screen.action_maximize)
    # Delayed as Textual does, so the palette has closed before the screen is captured.
    yield SystemCommand(
        "Tangkapan layar", "Simpan gambar layar ini (SVG) ke folder Unduhan", lambda: app.set_timer(0.1, lambda: save_screenshot(app))
    )


def _search_themes(app: App) -> None:
    app.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=THEMES_PLACEHOLDER))


def open_palette(app: App) -> None:
    """Ctrl+P with an Indonesian placeholder (Textual's action hard-codes "Search for commands…")."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(id="--command-palette", placeholder=COMMANDS_PLACEHOLDER))


def save_screenshot(app: App) -> str | None:
    """Like App.deliver_screenshot, under a delivery name that notify_screenshot answers in Indonesian."""
    # No ":" in the name: Windows refuses it.
    filename = f"merit-tui_{datetime.now():%Y-%m-%d_%H-%M-%S}.svg"
    return app.deliver_text(
        io.StringIO(app.export_screenshot()), save_filename=filename, mime_type="image/svg+xml", name=SCREENSHOT_DELIVERY
    )


def notify_screenshot(app: App, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
    """Tell the user where the screenshot went, or that it could not be saved."""
    if event.name != SCREENSHOT_DELIVERY:
        return
    if isinstance(event, events.DeliveryFailed):
        exc = event.exception
        why = describe_os_error(exc) if isinstance(exc, OSError) else type(exc).__name__
        where = getattr(exc, "filename", None) or "folder unduhan"
        app.notify(f"Tangkapan layar gagal disimpan ke {where}: {why}", title="Tangkapan layar", severity="error", markup=False)
    elif event.path is None:
        app.notify("Tangkapan layar disimpan", title="Tangkapan layar")
    else:
        app.notify(f"Tangkapan layar disimpan di {event.path}", title="Tangkapan layar", markup=False)
