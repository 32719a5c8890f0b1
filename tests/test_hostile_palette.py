"""Ctrl+P lists Textual's system commands in Indonesian, and each still works."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Input

from merit_tui import palette

TEXTUAL_TITLES = {"Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot"}
ENGLISH = ("Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot", "Show", "Hide", "Save", "Change", "the ")


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Input()

    def get_system_commands(self, screen):
        yield from palette.system_commands(self, screen)


class Plain(App):
    """Textual's own commands, to notice when a Textual upgrade adds one."""

    def compose(self) -> ComposeResult:
        yield Input()


async def listed(app: App, pilot) -> list[tuple[str, str]]:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    options = app.screen.query_one(CommandList).options
    return [tuple(str(o.prompt).split("\n", 1)) for o in options]  # type: ignore[misc]


async def test_palette_lists_only_indonesian_system_commands():
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        shown = await listed(app, pilot)
    assert [title for title, _ in shown] == ["Bantuan tombol", "Keluar", "Maksimalkan", "Tangkapan layar", "Tema"]
    text = " ".join(f"{t} {h}" for t, h in shown)
    assert not [w for w in ENGLISH if w in text], text


async def test_textual_yields_no_system_command_we_have_not_mirrored():
    app = Plain()
    async with app.run_test(size=(100, 30)) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        app.screen.action_maximize()
        await pilot.pause()
        titles |= {c.title for c in app.get_system_commands(app.screen)}
    assert titles <= TEXTUAL_TITLES, titles - TEXTUAL_TITLES


async def test_keys_and_maximize_toggle_to_their_opposites():
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        commands = {c.title: c for c in palette.system_commands(app, app.screen)}
        commands["Bantuan tombol"].callback()
        commands["Maksimalkan"].callback()
        await pilot.pause()
        after = {c.title: c.help for c in palette.system_commands(app, app.screen)}
    assert after["Bantuan tombol"] == "Sembunyikan panel bantuan tombol"
    assert "Kecilkan" in after and "Maksimalkan" not in after


async def test_theme_and_palette_open_with_indonesian_placeholders():
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        palette.open_palette(app)
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Cari perintah…"
        await pilot.press("escape")
        next(c for c in palette.system_commands(app, app.screen) if c.title == "Tema").callback()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Cari tema…"


async def test_typing_keluar_in_the_palette_quits():
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"keluar")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app._exit


async def test_screenshot_is_delivered_under_our_name_and_announced_in_indonesian(monkeypatch):
    app = Bare()
    delivered = {}
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "deliver_text", lambda fh, **kw: delivered.update(kw, svg=fh.read()) or "key")
        palette.save_screenshot(app)
        assert delivered["name"] == palette.SCREENSHOT_DELIVERY and delivered["svg"].startswith("<svg")
        assert ":" not in delivered["save_filename"] and delivered["save_filename"].endswith(".svg")
        notes = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
        palette.notify_screenshot(app, events.DeliveryComplete(key="k", path=Path("C:/Unduhan/a.svg"), name=palette.SCREENSHOT_DELIVERY))
        denied = PermissionError(13, "Permission denied", "/home/ani/Unduhan")
        palette.notify_screenshot(app, events.DeliveryFailed(key="k", exception=denied, name=palette.SCREENSHOT_DELIVERY))
        palette.notify_screenshot(app, events.DeliveryComplete(key="k", path=None, name="lain"))
        await pilot.pause()
    assert notes[0] == f"Tangkapan layar disimpan di {Path('C:/Unduhan/a.svg')}"
    assert notes[1].startswith("Tangkapan layar gagal disimpan ke /home/ani/Unduhan: ") and len(notes) == 2  # where, and why


async def test_the_workbench_palette_is_indonesian(db_path):
    """Ctrl+P in merit-tui itself: Beranda's keys by their Indonesian names and the system commands,
    no English (the issue saw "Quit the application as soon as possible", "Keys", "Theme")."""
    from merit_tui.app import make_app
    from merit_tui.workspace import open_store

    app = make_app(open_store(db_path), user="ani")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = await listed(app, pilot)
        await pilot.press(*"ekspor")
        await pilot.pause(0.3)
        found = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
    titles = [title for title, _ in shown]
    assert {"Keluar", "Tema", "Bantuan tombol", "Tangkapan layar"} <= set(titles), titles
    text = " ".join(f"{t} {h}" for t, h in shown)
    assert not [w for w in ENGLISH if w in text], text
    assert any(f.startswith("Ekspor") for f in found), found
