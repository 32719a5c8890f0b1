"""The `merit` command group. With no subcommand it opens the workbench."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..cli_i18n import VERSION_MESSAGE, install, localize
from ..frames import FRAMES_PER_SECOND
from ..numbers import fmt
from ..text import terminal_safe
from .context import ROLE_CHOICE, Ctx, pass_ctx
from .lazy import LazyGroup

COMMANDS = {
    "import": "merit_tui.cli.assessments:import_cmd",
    "export": "merit_tui.cli.assessments:export_cmd",
    "score": "merit_tui.cli.score:score_cmd",
    "status": "merit_tui.cli.assessments:status_cmd",
    "official": "merit_tui.cli.assessments:official_cmd",
    "plan": "merit_tui.cli.assessments:plan_cmd",
    "audit": "merit_tui.cli.audit:audit_group",
    "backup": "merit_tui.cli.admin:backup_cmd",
    "restore": "merit_tui.cli.admin:restore_cmd",
    "bidang": "merit_tui.cli.bidang:bidang_group",
    "rubric": "merit_tui.cli.rubric:rubric_group",
    "key": "merit_tui.cli.trust:key_group",
    "trust": "merit_tui.cli.trust:trust_group",
    "seal": "merit_tui.cli.trust:seal_cmd",
    "attach": "merit_tui.cli.trust:attach_cmd",
    "pack": "merit_tui.cli.trust:pack_cmd",
    "undelete": "merit_tui.cli.trust:undelete_cmd",
    "report": "merit_tui.cli.report:report_cmd",
    "setting": "merit_tui.cli.settings:setting_group",
    "new": "merit_tui.cli.maturity:new_cmd",
    "survey": "merit_tui.cli.maturity:survey_cmd",
    "kind": "merit_tui.cli.maturity:kind_cmd",
    "examples": "merit_tui.cli.examples:examples_cmd",
}


@click.group(cls=LazyGroup, lazy=COMMANDS, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="MERIT_DB", help="Berkas basis data (bawaan: folder data pengguna).")
@click.option("--user", "user", metavar="NAMA", help="Nama yang dicatat pada setiap perubahan.")
@click.option("--role", type=ROLE_CHOICE, default="penilai", show_default=True, help="Peran: penilai atau verifikator.")
@click.version_option(package_name="merit-tui", message=VERSION_MESSAGE)
@click.pass_context
def cli(click_ctx: click.Context, db: Path | None, user: str | None, role: str) -> None:
    """merit-tui: meja kerja Indeks Sistem Merit dan Indeks NSPK Manajemen ASN.

    Tanpa subperintah, membuka meja kerja (TUI).
    """
    ctx = click_ctx.ensure_object(Ctx)
    ctx.db_path, ctx.user, ctx.role = db, user, role
    click_ctx.call_on_close(ctx.close)
    if click_ctx.invoked_subcommand is None:
        _open_workbench(ctx)


def _open_workbench(ctx: Ctx) -> None:
    os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)  # frames.py: before Textual is imported, below
    try:
        from ..app import (
            make_app,  # Textual only for the workbench; subcommands never load it
        )
    except ImportError:  # Textual missing: still show what is there
        print_list(ctx)
        return
    make_app(ctx.store, user=ctx.user, role=ctx.role).run()


@cli.command("list")
@click.argument("words", nargs=-1, metavar="[KATA]...")
@pass_ctx
def list_cmd(ctx: Ctx, words: tuple[str, ...]) -> None:
    """Daftar penilaian yang tersimpan; dengan KATA, hanya yang memuat setiap kata pada
    instansi, tahun atau instrumen (mis. merit list balangan 2022)."""
    print_list(ctx, " ".join(words))


def print_list(ctx: Ctx, search: str = "") -> None:
    rows = ctx.store.listing_rows(ctx.store.listing_ids(search))
    click.echo(f"Basis data: {ctx.store.path}")
    if not rows:
        if search:
            click.echo(f"Tidak ada penilaian yang cocok dengan “{search}”.")
        else:
            click.echo("Belum ada penilaian. Impor dengan: merit import BERKAS.yaml")
        return
    # terisi: how many items each side has filled; then each side's total
    click.echo(f"{'ID':>4}  {'Tahun':5}  {'Instrumen':17}  {'Status':12}  {'Diisi':>7}  {'Diverif.':>8}  {'Mandiri':>7}  {'Verifikasi':>10}  Instansi")
    for r in rows:
        click.echo(
            f"{r.id:>4}  {r.year:<5}  {r.title[:17]:17}  {r.status:12}  {f'{r.self_done}/{r.items}':>7}  {f'{r.verified_done}/{r.items}':>8}"
            f"  {fmt(r.self_total):>7}  {fmt(r.verified_total):>10}  {terminal_safe(r.agency)}"
        )


install()  # click's own messages in Indonesian (before anything is printed)
localize(cli)
