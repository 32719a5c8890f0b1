"""The key line at the bottom of every screen.

One widget drawing one line, instead of Textual's Footer, which mounts a widget
per key and composes itself again after the first refresh: on the home screen
that was a sixth of the time to start. The help and quit keys are kept in view
when the line is too narrow for every key: first every description is shortened
to one word, then the role key goes, then the screen's last keys; what is dropped is
in the help screen (F1) and the command palette.
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

ALWAYS = ("help", "quit")  # actions never dropped for lack of room

# one word for each description of more than one, used when the full line does not fit
SHORT = {
    "Buka penilaian": "Buka", "Penilaian baru": "Baru", "Berikutnya": "Lanjut", "Sebelumnya": "Mundur",
    "Belum dinilai": "Belum", "Ringkasan": "Ringkas", "Rencana aksi": "Rencana", "Cetak laporan": "Cetak",
    "Skor survei": "Survei", "Ubah baris": "Ubah", "Lampirkan berkas": "Lampir", "Hasil resmi": "Resmi",
    "Ganti saring": "Saring", "Ganti aspek": "Aspek", "Hapus skor": "Hapus",
}


def short(description: str) -> str:
    return SHORT.get(description) or description.split(" ")[0]


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
        link-style: none;
        link-color: $footer-description-foreground;
        link-background: $footer-background;
        link-style-hover: reverse;
        link-background-hover: $footer-background;
        link-color-hover: $footer-description-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._keys: list[tuple[str, str, str, str]] = []
        self._markup = ""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        keys, seen = [], set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((binding.key.split(",")[0], self.app.get_key_display(binding), binding.description, binding.action))
        # application keys (help, quit, role) after the screen's own
        keys.sort(key=lambda k: k[3] in ALWAYS or k[3] == "switch_role")
        self._keys = keys
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.size.width or 80
        keys = list(self._keys)

        def length(ks) -> int:
            return sum(len(shown) + len(desc) + 3 for _, shown, desc, _ in ks)

        if length(keys) > width:
            keys = [(key, shown, short(desc), action) for key, shown, desc, action in keys]
        while keys and length(keys) > width:
            droppable = [i for i, k in enumerate(keys) if k[3] not in ALWAYS]
            if not droppable:
                break
            # the role key first (rarely needed: F2, the help and the palette have it), then the
            # last screen key: they are listed most important first
            role = [i for i in droppable if keys[i][3] == "switch_role"]
            del keys[(role or droppable)[-1]]
        color = self.app.theme_variables.get("footer-key-foreground", "")
        markup = "".join(
            # the click is on the description only: a link's colour would cover the key's
            f" [b {color}]{escape(shown)}[/][@click=app.simulate_key('{key}')] {escape(desc)} [/]"
            for key, shown, desc, _ in keys
        )
        if markup != self._markup:  # bindings are announced on every focus change, mostly the same
            self._markup = markup
            self.update(Content.from_markup(markup), layout=False)  # one docked line: its size never changes
