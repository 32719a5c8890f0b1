"""`merit rubric`: check, list, show and upgrade rubrics."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidFile
from ..params import AssessmentId
from ..rubric.describe import describe
from ..rubric.load import rubric_from_document
from ..vocab import KIND_LABELS
from ..yamlio import load_path
from .context import Ctx, pass_ctx


@click.group("rubric")
def rubric_group() -> None:
    """Periksa dan tampilkan rubrik."""


@rubric_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def rubric_check(files: tuple[Path, ...]) -> None:
    """Periksa berkas rubrik; semua masalah dicetak sekaligus."""
    problems = []
    for f in files:
        try:
            r = rubric_from_document(load_path(f))
            click.echo(f"{f}: OK ({r.id} versi {r.version}, {len(r.item_ids())} butir)")
        except InvalidFile as exc:
            problems += exc.problems
    if problems:
        raise InvalidFile(problems)


@rubric_group.command("upgrade")
@click.argument("assessment_id", type=AssessmentId())
@click.option("--to", "version", required=True, help="Versi rubrik tujuan (sudah diimpor).")
@pass_ctx
def rubric_upgrade(ctx: Ctx, assessment_id: int, version: str) -> None:
    """Pindahkan penilaian ke versi rubrik lain dan laporkan perubahan butirnya."""
    change = ctx.store.upgrade_rubric(assessment_id, version, who=ctx.who)
    click.echo(f"Penilaian {assessment_id} kini memakai versi {version}")
    for what, items in change.items():
        click.echo(f"  {what}: {', '.join(items) if items else '-'}")


@rubric_group.command("list")
@pass_ctx
def rubric_list(ctx: Ctx) -> None:
    """Rubrik yang tersimpan di basis data."""
    rows = ctx.store.rubric_rows()
    width = max((len(r["version"]) for r in rows), default=6)
    click.echo(f"{'Rubrik':24} {'Versi':{width}} {'Jenis':10} Judul")
    for r in rows:
        kind = KIND_LABELS.get(r["kind"], r["kind"])
        click.echo(f"{r['rubric_id']:24} {r['version']:{width}} {kind:10} {r['title']}  (sha256 {r['sha256'][:12]})")


@rubric_group.command("show")
@click.argument("rubric_id")
@click.option("--version", "version", help="Versi rubrik (bawaan: terbaru).")
@pass_ctx
def rubric_show(ctx: Ctx, rubric_id: str, version: str | None) -> None:
    """Tampilkan pohon rubrik dengan bobot dan nilai ideal per aspek."""
    for line in describe(ctx.store.rubric(rubric_id, version)):
        click.echo(line)
