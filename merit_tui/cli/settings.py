"""`merit setting`: what an agency sets once for its printed reports (signatory, place, kop, templates)."""

from __future__ import annotations

import click

from ..reports import settings as report_settings
from .context import Ctx, pass_ctx


@click.group("setting")
def setting_group() -> None:
    """Pengaturan laporan cetak: penanda tangan, tempat, kop surat, folder templat."""


@setting_group.command("list")
@pass_ctx
def setting_list(ctx: Ctx) -> None:
    """Tampilkan semua pengaturan dan nilainya."""
    given = report_settings.values(ctx.store)
    width = max(len(s.key) for s in report_settings.SETTINGS)
    for s in report_settings.SETTINGS:
        value = given[s.key]
        shown = value if value else f"(belum diatur; mis. merit setting set {s.key} {s.example})"
        click.echo(f"{s.key:<{width}}  {shown}")
        click.echo(f"{'':<{width}}  {s.label}")


@setting_group.command("set")
@click.argument("key", metavar="KUNCI")
@click.argument("value", metavar="NILAI")
@pass_ctx
def setting_set(ctx: Ctx, key: str, value: str) -> None:
    """Atur satu KUNCI (lihat: merit setting list)."""
    stored = report_settings.checked(key, value)
    ctx.store.set_setting(key, stored)
    click.echo(f"{key}: {stored}")


@setting_group.command("unset")
@click.argument("key", metavar="KUNCI")
@pass_ctx
def setting_unset(ctx: Ctx, key: str) -> None:
    """Hapus satu pengaturan; laporan lalu mencetak garis kosong untuk diisi tangan."""
    report_settings.known(key)
    if ctx.store.db.unset_setting(key):
        click.echo(f"{key}: dihapus")
    else:
        click.echo(f"{key}: memang belum diatur")
