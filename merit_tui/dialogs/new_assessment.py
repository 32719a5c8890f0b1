"""Create an assessment: pick a rubric, instansi and year, optionally carry last year over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from ._base import DIALOG_CSS, FormDialog


@dataclass(frozen=True)
class NewAssessment:
    rubric_id: str
    version: str
    instansi: str
    tahun: int
    carry_from: int | None


class NewAssessmentDialog(FormDialog[NewAssessment | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="NewAssessmentDialog")
    # instansi and instrument come from the selected row; the year is what usually changes,
    # and Enter in a text box creates (on the instrument drop-down it would open the list)
    AUTO_FOCUS = "#tahun"
    ok_id = "create"

    def __init__(self, rubrics: list[tuple[str, str, str]], earlier: list[tuple[str, int, str]], instansi: str = "",
                 rubric: str | None = None, sources: dict[str, set[str]] | None = None, year: int | None = None,
                 carry: int | None = None) -> None:
        """`year` and `carry` bring back what was typed when the user returns to the dialog."""
        super().__init__()
        self.year = year or date.today().year
        self.carry = carry
        self.rubrics = rubrics  # (rubric_id, version, title)
        self.earlier = earlier  # (label, assessment id, its rubric id)
        # rubric id -> the instruments an assessment of it may start from (itself and mapped ones)
        self.sources = sources or {}
        self.instansi = instansi
        keys = [f"{rid}@{ver}" for rid, ver, _ in rubrics]
        self.default_rubric = rubric if rubric in keys else keys[0]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Penilaian baru", classes="title")
            yield Label("Instrumen")
            yield Select(
                [(Text(f"{title} ({rid} versi {ver})"), f"{rid}@{ver}") for rid, ver, title in self.rubrics],
                value=self.default_rubric,
                allow_blank=False,
                compact=True,
                id="rubric",
            )
            yield Label("Instansi")
            yield Input(value=self.instansi, placeholder="mis. Pemerintah Kabupaten Balangan", id="instansi", compact=True)
            yield Label("Tahun")
            yield Input(value=str(self.year), id="tahun", type="integer", compact=True)
            yield Label("Mulai dari penilaian sebelumnya (kondisi dan bukti dibawa)")
            options = self._carry_options(self.default_rubric)
            chosen = {"value": self.carry} if self.carry in [aid for _, aid in options] else {}
            yield Select(options, prompt="Tidak, mulai kosong", id="carry", compact=True, **chosen)
            yield Label("", id="error")
            yield from self.buttons("Buat")

    def _carry_options(self, rubric_key: str) -> list[tuple[Text, int]]:
        """Earlier assessments of the same instrument, or of one mapped to it; nothing else."""
        target = rubric_key.split("@", 1)[0]
        allowed = self.sources.get(target, {target})
        return [(Text(label), aid) for label, aid, rid in self.earlier if rid in allowed]

    @on(Select.Changed, "#rubric")
    def _rubric_changed(self, event: Select.Changed) -> None:
        self.query_one("#carry", Select).set_options(self._carry_options(str(event.value)))

    def submit(self) -> None:
        instansi = self.query_one("#instansi", Input).value.strip()
        tahun = self.query_one("#tahun", Input).value.strip()
        error = self.query_one("#error", Label)
        if not instansi:
            error.update("[b red]Instansi wajib diisi[/]")
            self.query_one("#instansi", Input).focus()
            return
        if not tahun.isdigit() or not 2000 <= int(tahun) <= 2100:
            error.update("[b red]Tahun harus antara 2000 dan 2100[/]")
            self.query_one("#tahun", Input).focus()
            return
        rid, ver = str(self.query_one("#rubric", Select).value).split("@", 1)
        carry = self.query_one("#carry", Select).value
        self.dismiss(NewAssessment(rid, ver, instansi, int(tahun), carry if isinstance(carry, int) else None))
