"""Ask which key to sign with and its passphrase (never echoed)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from ._base import DIALOG_CSS, FormDialog


@dataclass(frozen=True)
class Unlock:
    key: str  # the key's name
    passphrase: str


class PassphraseDialog(FormDialog[Unlock | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="PassphraseDialog")
    AUTO_FOCUS = "#passphrase"
    ok_id = "sign"

    def __init__(self, keys: list[str], purpose: str, error: str = "") -> None:
        super().__init__()
        self.keys, self.purpose, self.error = keys, purpose, error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Segel verifikasi", classes="title")
            yield Label(Text(self.purpose))
            if len(self.keys) > 1:
                yield Label("Kunci")
                yield Select([(Text(k), k) for k in self.keys], value=self.keys[0], allow_blank=False, id="key", compact=True)
            yield Label(Text(f"Frasa sandi kunci {self.keys[0] if len(self.keys) == 1 else ''}".strip()))
            yield Input(password=True, id="passphrase", compact=True)
            yield Label(Text(self.error, style="bold red"), id="error")
            yield from self.buttons("Segel")

    def submit(self) -> None:
        key = str(self.query_one("#key", Select).value) if len(self.keys) > 1 else self.keys[0]
        self.dismiss(Unlock(key, self.query_one("#passphrase", Input).value))
