"""`merit bidang`: who is responsible for each aspect or element in the rencana aksi."""

from __future__ import annotations

import click

from .context import Ctx, pass_ctx


@click.group("bidang")
def bidang_group() -> None:
    """Penanggung jawab bawaan per aspek/elemen untuk rencana aksi."""


@bidang_group.command("list")
@click.argument("rubric_id", required=False)
@pass_ctx
def bidang_list(ctx: Ctx, rubric_id: str | None) -> None:
    """Tampilkan pemetaan aspek/elemen ke bidang."""
    ids = [rubric_id] if rubric_id else sorted({r["rubric_id"] for r in ctx.store.rubric_rows()})
    for rid in ids:
        click.echo(rid)
        for node, bidang in sorted(ctx.store.responsible(rid).items(), key=lambda kv: [int(p) if p.isdigit() else p for p in kv[0].split(".")]):
            click.echo(f"  {node:>4}  {bidang}")


@bidang_group.command("set")
@click.argument("rubric_id")
@click.argument("node_id")
@click.argument("bidang")
@pass_ctx
def bidang_set(ctx: Ctx, rubric_id: str, node_id: str, bidang: str) -> None:
    """Ubah penanggung jawab satu aspek/elemen."""
    ctx.store.set_responsible(rubric_id, node_id, bidang, who=ctx.who, role=ctx.role)
    click.echo(f"{rubric_id} {node_id}: {bidang}")
