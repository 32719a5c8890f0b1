"""Where to write a report or an export: the format by the file's ending, and "Timpa?" when the file exists.

The dialog only returns the path and whether the user agreed to replace the file; the screen that
opened it writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label

from ._base import DIALOG_CSS, FormDialog


@dataclass(frozen=True)
class SaveAs:
    path: Path
    overwrite: bool  # the file exists and the user said "Ya, timpa"


def endings(formats: tuple[str, ...]) -> str:
    """.pdf, .docx atau .html"""
    return formats[0] if len(formats) == 1 else ", ".join(formats[:-1]) + " atau " + formats[-1]


class SaveAsDialog(FormDialog[SaveAs | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="SaveAsDialog") + """
    SaveAsDialog #question { color: $warning; text-style: bold; }
    """
    AUTO_FOCUS = "#path"
    ok_id = "save"

    def __init__(self, title: str, value: str, formats: tuple[str, ...]) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.formats = formats  # the first is the default when no ending is typed
        self.asking = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            yield Input(value=self.value, id="path", compact=True)
            yield Label(f"Format menurut akhiran nama berkas: {endings(self.formats)} (tanpa akhiran: {self.formats[0]}).")
            yield Label("", id="question")
            yield from self.buttons("Simpan")

    def _say(self, text: "str | Text") -> None:
        self.query_one("#question", Label).update(text)

    def _target(self) -> Path | None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._say("[b red]Tulis nama berkas[/]")
            return None
        path = Path(text).expanduser().absolute()  # the notification then says where it went
        if not path.suffix:
            path = path.with_name(path.name + self.formats[0])
        if path.suffix.lower() not in self.formats:
            self._say(Text(f"Akhiran {path.suffix} tidak dikenal; pakai {endings(self.formats)}", style="bold red"))
            return None
        if path.is_dir():
            self._say("[b red]Itu folder; tulis nama berkas di dalamnya[/]")
            return None
        if not path.parent.is_dir():
            self._say(Text(f"Folder {path.parent} tidak ada", style="bold red"))
            return None
        return path

    def submit(self) -> None:
        path = self._target()
        if path is None:
            return
        if path.exists() and not self.asking:
            # ask here, in words, instead of failing later with a message about --force
            self.asking = True
            self._say(Text(f"Berkas {path.name} sudah ada. Timpa?"))
            button = self.query_one(f"#{self.ok_id}", Button)
            button.label, button.variant = "Ya, timpa", "error"
            self.query_one("#cancel", Button).label = "Tidak"
            button.focus()
            return
        self.dismiss(SaveAs(path, overwrite=path.exists()))

    def action_cancel(self) -> None:
        if self.asking:  # "Tidak": back to the name, to type another one
            self._reset()
            self.query_one("#path", Input).focus()
            return
        super().action_cancel()

    @on(Input.Changed, "#path")
    def _changed(self) -> None:
        if self.asking:
            self._reset()

    def _reset(self) -> None:
        self.asking = False
        self._say("")
        button = self.query_one(f"#{self.ok_id}", Button)
        button.label, button.variant = "Simpan", "primary"
        self.query_one("#cancel", Button).label = "Batal"
