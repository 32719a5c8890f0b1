"""`merit examples`: the example assessments and rubrics shipped inside merit-tui, copied out to
a folder, so a user can read, score, change and import them from wherever they work."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .. import bundled
from ..errors import MeritError
from ..safe_io import describe_os_error, write_atomic

SHOWN_EXISTING = 5


@click.command("examples")
@click.option("--to", "to", required=True, type=click.Path(path_type=Path), metavar="FOLDER",
              help="Folder tujuan (dibuat bila belum ada).")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def examples_cmd(to: Path, force: bool) -> None:
    """Salin contoh penilaian (YAML), rubrik bawaan dan pemetaannya ke FOLDER, untuk dibaca,
    dinilai (merit score), diubah dan diimpor."""
    files = [(source, to.joinpath(*parts)) for source, parts in bundled.example_set()]
    if not files:
        raise MeritError("contoh bawaan tidak ditemukan di paket merit-tui; pasang ulang merit-tui")
    if to.exists() and not to.is_dir():
        raise MeritError(f"{to}: bukan folder")
    existing = [target for _, target in files if os.path.lexists(target)]
    if existing and not force:
        names = ", ".join(str(t) for t in existing[:SHOWN_EXISTING]) + (", …" if len(existing) > SHOWN_EXISTING else "")
        raise MeritError(f"{len(existing)} berkas sudah ada di {to} ({names}); tidak ada yang ditulis. "
                         "Pakai --force untuk menimpanya, atau pilih folder lain")
    for source, target in files:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise MeritError(f"{target.parent}: folder tidak dapat dibuat ({describe_os_error(exc)})") from None
        write_atomic(target, source.read_bytes(), force=force)
        click.echo(f"Ditulis: {target}")
    example = to / "assessments" / "balangan-2022-sistem-merit.yaml"
    click.echo(f"{len(files)} berkas contoh ditulis ke {to}. Coba: merit score {example}")
