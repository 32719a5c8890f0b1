"""Switch between penilai and verifikator, with the person's name."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from ._base import DIALOG_CSS, FormDialog


@dataclass(frozen=True)
class Identity:
    role: str
    name: str


class RoleDialog(FormDialog[Identity | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="RoleDialog")

    def __init__(self, role: str, name: str) -> None:
        super().__init__()
        self.role = role
        self.name_now = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Peran dan nama", classes="title")
            yield Label("Penilai mengisi skor mandiri, kondisi dan bukti; verifikator mengisi Nilai Tim Verifikasi dan catatan.")
            yield Select([("Penilai (bidang)", "penilai"), ("Verifikator", "verifikator")], value=self.role, allow_blank=False, id="role", compact=True)
            yield Label("Nama")
            yield Input(value=self.name_now, id="name", compact=True)
            yield from self.buttons("Ganti")

    def submit(self) -> None:
        name = self.query_one("#name", Input).value.strip() or self.name_now
        self.dismiss(Identity(str(self.query_one("#role", Select).value), name))
