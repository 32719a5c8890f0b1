"""Commands on assessments: import, export, score, status, official result, plan."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..exports.files import assessment_yaml, write_atomic
from ..exports.plan import to_markdown, write_plan
from ..importing import import_files, load_file
from ..plan import build_plan
from ..scoring import score
from ..summary import bulk_json, to_json, to_text
from ..vocab import Status
from .context import Ctx, pass_ctx


def resolve(ctx: Ctx, ref: str):
    """An assessment by stored id, or by file path (read without storing it)."""
    if ref.isdigit() and not Path(ref).exists():
        loaded = ctx.store.load(int(ref))
        return loaded.assessment, loaded.rubric
    return load_file(ctx.store, ref)


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Ganti penilaian yang sudah ada (instansi, tahun, rubrik sama).")
@pass_ctx
def import_cmd(ctx: Ctx, files: tuple[Path, ...], replace: bool) -> None:
    """Impor berkas rubrik dan penilaian (YAML) dalam satu transaksi."""
    ids = import_files(ctx.store, list(files), replace=replace, who=ctx.who)
    rubrics = len(files) - len(ids)
    parts = []
    if ids:
        parts.append(f"{len(ids)} penilaian (id {', '.join(map(str, ids))})")
    if rubrics:
        parts.append(f"{rubrics} rubrik")
    click.echo("Diimpor: " + " dan ".join(parts))


@click.command("export")
@click.argument("assessment_id", type=int)
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas YAML tujuan.")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def export_cmd(ctx: Ctx, assessment_id: int, to: Path, force: bool) -> None:
    """Ekspor satu penilaian ke berkas YAML."""
    write_atomic(to, assessment_yaml(ctx.store.export(assessment_id)), force=force)
    click.echo(f"Diekspor ke {to}")


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


@click.command("status")
@click.argument("assessment_id", type=int)
@click.argument("new_status", metavar="STATUS", type=click.Choice([s.value for s in Status]))
@click.option("--note", "note", help="Catatan untuk perubahan status (mis. alasan dikembalikan).")
@pass_ctx
def status_cmd(ctx: Ctx, assessment_id: int, new_status: str, note: str | None) -> None:
    """Ubah status penilaian: draf → diajukan → diverifikasi → dikembalikan → final."""
    ctx.store.set_status(assessment_id, new_status, who=ctx.who, role=ctx.role, note=note)
    click.echo(f"Status penilaian {assessment_id}: {new_status}")


@click.command("official")
@click.argument("assessment_id", type=int)
@click.argument("index")
@click.argument("category")
@click.option("--source", help="Sumber, mis. nomor surat BKN.")
@pass_ctx
def official_cmd(ctx: Ctx, assessment_id: int, index: str, category: str, source: str | None) -> None:
    """Catat nilai indeks dan kategori resmi (verifikator)."""
    ctx.store.set_official(assessment_id, index, category, who=ctx.who, role=ctx.role, source=source)
    click.echo(f"Hasil resmi penilaian {assessment_id}: {index} ({category})")


@click.command("plan")
@click.argument("ref", metavar="ID|BERKAS")
@click.option("--to", "to", type=click.Path(dir_okay=False, path_type=Path), help="Berkas .xlsx, .csv atau .md; tanpa ini, Markdown ke layar.")
@click.option("--csv-style", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="CSV gaya Indonesia (; dan koma desimal) atau Inggris (, dan titik desimal).")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def plan_cmd(ctx: Ctx, ref: str, to: Path | None, csv_style: str, force: bool) -> None:
    """Rencana aksi: butir yang belum maksimum, urut potensi kenaikan terbesar."""
    if ref.isdigit() and not Path(ref).exists():
        plan = ctx.store.plan(int(ref))
    else:
        assessment, rubric = resolve(ctx, ref)
        plan = build_plan(rubric, assessment, responsible=ctx.store.responsible(rubric.id))
    if to is None:
        click.echo(to_markdown(plan), nl=False)
        return
    write_plan(plan, to, force=force, csv_style=csv_style)
    click.echo(f"Rencana aksi ({len(plan.rows)} baris) ditulis ke {to}")
