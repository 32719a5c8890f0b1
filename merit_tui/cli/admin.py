"""`merit backup` and `merit restore`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import MeritError
from .context import Ctx, pass_ctx


@click.command("backup")
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas cadangan.")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def backup_cmd(ctx: Ctx, to: Path, force: bool) -> None:
    """Cadangkan basis data (aman saat orang lain sedang bekerja)."""
    _, head = ctx.store.backup(to, force=force)
    click.echo(f"Dicadangkan ke {to}")
    if head is not None:
        click.echo(f"Kepala log: #{head.id} {head.hash} (periksa kelak: merit audit verify --anchor {to})")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Wajib: isi basis data sekarang akan diganti.")
@pass_ctx
def restore_cmd(ctx: Ctx, source: Path, force: bool) -> None:
    """Pulihkan basis data dari cadangan yang lognya utuh dan cocok dengan isinya (perlu --force)."""
    if not force:
        raise MeritError(f"pemulihan mengganti seluruh isi {ctx.store.path}; ulangi dengan --force bila yakin")
    head = ctx.store.restore_from(source, who=ctx.who, role=ctx.role)
    click.echo(f"Dipulihkan dari {source}" + (f"; kepala log #{head.id}" if head else ""))
