"""`merit audit`: who changed what and when; is the log whole."""

from __future__ import annotations

import click

from ..errors import MeritError
from .context import Ctx, pass_ctx


@click.group("audit")
def audit_group() -> None:
    """Log peristiwa: siapa mengubah apa dan kapan; periksa keutuhannya."""


@audit_group.command("verify")
@click.argument("assessment_id", type=int, required=False)
@pass_ctx
def audit_verify(ctx: Ctx, assessment_id: int | None) -> None:
    """Periksa rantai hash log peristiwa; sebutkan peristiwa pertama yang tidak cocok."""
    log = ctx.store.log
    broken = log.verify()
    if broken is None:
        scope = f" (termasuk penilaian {assessment_id})" if assessment_id is not None else ""
        click.echo(f"Log utuh: {log.count()} peristiwa{scope}")
        return
    raise MeritError(f"log tidak utuh: peristiwa #{broken.event_id}{log.describe(broken.event_id)}: {broken.reason}")


@audit_group.command("log")
@click.argument("assessment_id", type=int)
@click.option("--who", help="Hanya perubahan oleh orang ini.")
@click.option("--item", help="Hanya butir (indikator/elemen) ini.")
@pass_ctx
def audit_log(ctx: Ctx, assessment_id: int, who: str | None, item: str | None) -> None:
    """Siapa mengubah apa dan kapan pada satu penilaian."""
    ctx.store.load(assessment_id)  # a clear message for an unknown id
    events = [e for e in ctx.store.events(assessment_id) if (who is None or e.who == who) and (item is None or e.item_id == item)]
    if not events:
        click.echo("Tidak ada peristiwa yang cocok.")
        return
    for e in events:
        change = f"{_short(e.old)} → {_short(e.new)}"
        click.echo(f"#{e.id:<5} {e.at}  {e.who} ({e.role})  {e.item_id or '-':>5}  {e.field}: {change}" + (f"  [{e.note}]" if e.note else ""))


def _short(value: str | None, width: int = 40) -> str:
    if value is None:
        return "∅"
    value = value.replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"
