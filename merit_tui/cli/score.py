"""`merit score`: the totals of one assessment (stored, or a file read without storing it), or of
every stored one.

Its own module, importing only the reader, the scorer and the summary: `merit score FILE` is the
command scripts run per file, and it paid for the importer, the plan and the report builders
that the other assessment commands need (a third of its time).
"""

from __future__ import annotations

import json

import click

from ..params import stored_ref
from ..reading import load_file
from ..scoring import score
from ..summary import bulk_json, to_json, to_text
from .context import Ctx, pass_ctx


def resolve(ctx: Ctx, ref: str):
    """An assessment by stored id, or by file path (read without storing it)."""
    aid = stored_ref(ref)
    if aid is not None:
        loaded = ctx.store.load(aid)
        return loaded.assessment, loaded.rubric
    return load_file(ctx.store, ref)


@click.command("score")
@click.argument("ref", metavar="ID|BERKAS", required=False)
@click.option("--all", "all_", is_flag=True, help="Nilai semua penilaian tersimpan.")
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
@pass_ctx
def score_cmd(ctx: Ctx, ref: str | None, all_: bool, as_json: bool) -> None:
    """Hitung nilai per aspek, total dan kategori sebuah penilaian (atau --all)."""
    if all_ == (ref is not None):
        raise click.UsageError("sebutkan satu ID|BERKAS, atau --all")
    if all_:
        _score_all(ctx, as_json)
        return
    assert ref is not None
    assessment, rubric = resolve(ctx, ref)
    report = score(rubric, assessment)
    if as_json:
        click.echo(json.dumps(to_json(assessment, report), ensure_ascii=False, indent=2))
    else:
        click.echo(to_text(assessment, report))


def _score_all(ctx: Ctx, as_json: bool) -> None:
    store = ctx.store
    totals = store.score_all()
    data = [bulk_json(head, totals[head[0]]) for head in store.listing.heads()]
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    notes: set[str] = set()
    for d in data:
        s, v = d["self"], d["verified"]
        click.echo(f"{d['id']:>5}  {d['year']}  {d['rubric']:20}  mandiri {s['total'] if s['total'] is not None else '–':>6} {_category(s):14}"
                   f"  verifikasi {v['total'] if v['total'] is not None else '–':>6} {_category(v):14}  {d['instansi']}")
        notes.update(d.get("notes", ()))
    if notes:
        click.echo("Angka belum resmi dipakai (Sistem Merit 2026): " + "; ".join(sorted(notes)))


def _category(side: dict) -> str:
    if not side["category"]:
        return ""
    return side["category"] if side["label"] in (None, side["category"]) else f"{side['category']} {side['label']}"
