"""Commands on assessments: import, export, status, official result, plan (score: score.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import MeritError
from ..exports.plan import to_markdown, write_plan
from ..importing import import_all
from ..numbers import fmt
from ..params import AssessmentId, Index, Name, stored_ref
from ..plan import build_plan
from ..progress import Progress
from ..reports.data import plan_data, seal_info
from ..reports.output import FORMATS as DOCUMENTS
from ..reports.output import format_of
from ..safe_io import FileExists, write_atomic
from ..text import excerpt, terminal_safe
from ..vocab import Role, Status
from .context import Ctx, pass_ctx
from .documents import EXISTS_HINT, signature_now, write_document
from .score import resolve

__all__ = ["export_cmd", "import_cmd", "official_cmd", "plan_cmd", "resolve", "status_cmd"]

SHEETS = (".xlsx", ".csv", ".md")


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Ganti penilaian yang sudah ada (instansi, tahun, rubrik sama).")
@click.option("--self-only", "self_only", is_flag=True, help="Ambil isian penilai saja (tanpa isian verifikator dan hasil resmi).")
@pass_ctx
def import_cmd(ctx: Ctx, files: tuple[Path, ...], replace: bool, self_only: bool) -> None:
    """Impor berkas rubrik, penilaian (YAML) dan paket (.zip) dalam satu transaksi."""
    # a long import says how far it is, on stderr (stdout stays the result); a short one says nothing
    progress = Progress(lambda line: click.echo(f"Impor: {line}", err=True))
    result = import_all(ctx.store, list(files), replace=replace, who=ctx.who, role=ctx.role, self_fields_only=self_only,
                        on_step=progress.step)
    parts = []
    if result.ids:
        parts.append(f"{len(result.ids)} penilaian (id {', '.join(map(str, result.ids))})")
    if result.rubrics:
        parts.append(f"{result.rubrics} rubrik")
    click.echo("Diimpor: " + " dan ".join(parts))
    for line in result.seals:
        click.echo(line)
    for outcome in result.outcomes:
        if outcome.changed:
            click.echo(f"Penilaian {outcome.aid} diganti: {len(outcome.changed)} perubahan ({', '.join(outcome.changed[:8])}{', …' if len(outcome.changed) > 8 else ''})")
        if outcome.kept:
            click.echo(f"Penilaian {outcome.aid}: {len(outcome.kept)} isian penilai di berkas berbeda dengan milik Anda dan TIDAK diambil:")
            for item, name, ours, theirs in outcome.kept:
                click.echo(f"  {item} {name}: milik Anda {excerpt(ours)} | di berkas {excerpt(theirs)}")
    if result.missing_evidence:
        click.echo(f"{result.missing_evidence} berkas bukti yang disebut belum ada di folder bukti (kirim sebagai paket: merit pack)")



@click.command("export")
@click.argument("assessment_id", type=AssessmentId())
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas YAML tujuan.")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def export_cmd(ctx: Ctx, assessment_id: int, to: Path, force: bool) -> None:
    """Ekspor satu penilaian ke berkas YAML (dengan kepala log dan segel terakhirnya)."""
    write_atomic(to, ctx.store.export_yaml(assessment_id), force=force, protect=[ctx.store.path])
    click.echo(f"Diekspor ke {to}")


@click.command("status")
@click.argument("assessment_id", type=AssessmentId())
@click.argument("new_status", metavar="STATUS", type=click.Choice([s.value for s in Status]))
@click.option("--note", "note", help="Catatan untuk perubahan status (mis. alasan dikembalikan).")
@click.option("--key", "key_name", metavar="NAMA", help="Kunci penanda tangan (verifikator; bawaan: satu-satunya kunci Anda).")
@click.option("--passphrase-file", "passphrase_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Baca frasa sandi kunci dari berkas ini (untuk skrip); tanpa ini ditanyakan.")
@click.option("--yes", "yes", is_flag=True, help="Tetap ubah walau penilaian belum lengkap (tanpa bertanya).")
@pass_ctx
def status_cmd(ctx: Ctx, assessment_id: int, new_status: str, note: str | None, key_name: str | None, passphrase_file: Path | None,
               yes: bool) -> None:
    """Ubah status penilaian: draf → diajukan → diverifikasi → dikembalikan → final.

    Sebelum berpindah, disebutkan apa yang belum lengkap (skor, kondisi, bukti dukung; butir yang
    belum diverifikasi; catatan alasan dikembalikan) dan ditanyakan apakah tetap diubah.
    Verifikator yang punya kunci menyegel hasilnya saat mengubah ke dikembalikan, diverifikasi
    atau final."""
    from .. import policy
    from ..completeness import shortfalls
    from .signing import signing_key

    if (problem := policy.move(ctx.role, ctx.store.status(assessment_id), new_status)) is not None:
        raise MeritError(problem)
    loaded = ctx.store.load(assessment_id)
    missing = shortfalls(loaded.rubric, loaded.assessment, new_status, note)
    if missing and not yes:
        click.echo(f"Penilaian {assessment_id} belum lengkap untuk diubah menjadi {new_status}:", err=True)
        for m in missing:
            click.echo(f"  - {terminal_safe(m.describe())}", err=True)
        if not sys.stdin.isatty():
            raise MeritError("status tidak diubah; lengkapi dulu, atau ulangi dengan --yes untuk tetap mengubah")
        if not click.confirm("Tetap ubah status?", default=False, err=True):
            raise MeritError("status tidak diubah")
    key = None
    if ctx.role == Role.VERIFIER and policy.seal(ctx.role, new_status) is None:
        # the move is checked again inside the write; asking for the passphrase first is the price
        key = signing_key(key_name, passphrase_file)
    made = ctx.store.set_status(assessment_id, new_status, who=ctx.who, role=ctx.role, note=note, key=key)
    click.echo(f"Status penilaian {assessment_id}: {new_status}")
    if made is not None:
        click.echo(f"Disegel oleh {made.signer}, kunci {made.fingerprint}")
    elif key is None and ctx.role == Role.VERIFIER and policy.seal(ctx.role, new_status) is None:
        click.echo("Tanpa segel: Anda belum punya kunci (buat dengan: merit key new --name \"Nama (Instansi)\")")


@click.command("official")
@click.argument("assessment_id", type=AssessmentId())
@click.argument("index", type=Index(), metavar="INDEKS")
@click.argument("category", type=Name("kategori"), metavar="KATEGORI")
@click.option("--source", help="Sumber, mis. nomor surat BKN.")
@pass_ctx
def official_cmd(ctx: Ctx, assessment_id: int, index: str, category: str, source: str | None) -> None:
    """Catat nilai indeks dan kategori resmi (verifikator)."""
    ctx.store.set_official(assessment_id, index, category, who=ctx.who, role=ctx.role, source=source)
    click.echo(f"Hasil resmi penilaian {assessment_id}: {fmt(index)} ({category.strip().upper()})")


@click.command("plan")
@click.argument("ref", metavar="ID|BERKAS")
@click.option("--to", "to", type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas .xlsx, .csv, .md, atau .pdf, .docx, .html untuk ditandatangani; tanpa ini, Markdown ke layar.")
@click.option("--csv-style", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="CSV gaya Indonesia (; dan koma desimal) atau Inggris (, dan titik desimal).")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def plan_cmd(ctx: Ctx, ref: str, to: Path | None, csv_style: str, force: bool) -> None:
    """Rencana aksi: butir yang belum maksimum, urut potensi kenaikan terbesar."""
    if to is not None:
        format_of(to, SHEETS + DOCUMENTS)  # a wrong ending is said before any work
    stored = stored_ref(ref)
    if stored is not None:
        plan = ctx.store.plan(stored)
    else:
        assessment, rubric = resolve(ctx, ref)
        plan = build_plan(rubric, assessment, responsible=ctx.store.responsible(rubric.id))
    if to is not None and to.suffix.lower() in DOCUMENTS:  # the plan on paper, for the head to sign
        seal = seal_info(ctx.store, int(ref)) if stored else None
        data = plan_data(plan.assessment, plan.rubric, plan, signature_now(ctx), seal, aid=int(ref) if stored else None)
        click.echo(f"Rencana aksi ({len(plan.rows)} baris) ditulis ke {write_document(ctx, data, to, 'rencana-aksi', force)}")
        return
    if to is None:
        click.echo(to_markdown(plan), nl=False)
        return
    try:
        write_plan(plan, to, force=force, csv_style=csv_style, protect=[ctx.store.path])
    except FileExists as exc:
        raise MeritError(f"{exc.path}: {EXISTS_HINT}") from None
    click.echo(f"Rencana aksi ({len(plan.rows)} baris) ditulis ke {to}")
