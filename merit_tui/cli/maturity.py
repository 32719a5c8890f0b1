"""Commands for maturity instruments and new assessments: `merit survey`, `merit new`, `merit kind`."""

from __future__ import annotations

from pathlib import Path

import click

from ..carryover import carry_lines
from ..numbers import fmt
from ..params import AssessmentId
from ..rubric.maturity import MaturityRubric
from ..scoring import score
from ..scoring_maturity import MaturityReport, shown
from ..summary_maturity import total_lines
from ..survey import read_csv, survey_score
from ..text import clean_name
from .context import Ctx, pass_ctx


def _maturity(ctx: Ctx, aid: int) -> MaturityRubric:
    rubric = ctx.store.load(aid).rubric
    if not isinstance(rubric, MaturityRubric):
        raise click.UsageError(f"penilaian {aid} memakai {rubric.label} ({rubric.id}), bukan rubrik kematangan")
    return rubric


@click.command("survey")
@click.argument("assessment_id", type=AssessmentId())
@click.option("--score", "skor", metavar="ANGKA", help="Skor komponen survei, 0–100 (mis. 72.5).")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV jawaban: baris judul berisi id butir survei rubrik, satu baris per responden.")
@click.option("--component", "komponen", metavar="ID", help="Komponen survei (bawaan: satu-satunya komponen survei rubrik).")
@click.option("--clear", "hapus", is_flag=True, help="Kosongkan skor komponen survei.")
@pass_ctx
def survey_cmd(ctx: Ctx, assessment_id: int, skor: str | None, csv_path: Path | None, komponen: str | None, hapus: bool) -> None:
    """Skor komponen survei penilaian kematangan: diisi langsung (--score) atau dihitung dari CSV (--csv)."""
    if sum(x is not None and x is not False for x in (skor, csv_path, hapus or None)) != 1:
        raise click.UsageError("pilih tepat satu: --score ANGKA, --csv BERKAS, atau --clear")
    rubric = _maturity(ctx, assessment_id)
    surveys = rubric.survey_components()
    if komponen is None:
        if len(surveys) != 1:
            raise click.UsageError(f"sebutkan --component ({', '.join(c.id for c in surveys) or 'rubrik tidak punya komponen survei'})")
        komponen = surveys[0].id
    component = rubric.component(komponen)
    if component is None or component.source_of != "survey":
        raise click.UsageError(f"'{komponen}' bukan komponen survei rubrik {rubric.key} (yang ada: {', '.join(c.id for c in surveys)})")
    note = None
    value = None if hapus else skor
    if csv_path is not None:
        name, text = read_csv(csv_path)
        result = survey_score(component, text, name)
        value = result.score
        assert component.survey is not None
        scale = component.survey.scale
        low = " (skala dan butir survei sementara, belum resmi)" if component.survey.confidence == "low" else ""
        note = f"dari {csv_path.name}: {result.respondents} responden, {result.answers} jawaban"
        click.echo(f"Dihitung dari {result.respondents} responden, {result.answers} jawaban; rata-rata {fmt(shown(result.mean))} "
                   f"pada skala {scale.min}–{scale.max}{low}")
    changed = ctx.store.set_component(assessment_id, komponen, value, who=ctx.who, role=ctx.role, note=note)
    loaded = ctx.store.load(assessment_id)
    current = loaded.assessment.components.get(komponen)
    what = f"Komponen {component.name} penilaian {assessment_id}"
    click.echo(f"{what}: {fmt(current) if current is not None else 'kosong'}" + ("" if changed else " (tidak berubah)"))
    report = score(loaded.rubric, loaded.assessment)
    assert isinstance(report, MaturityReport)
    for line in total_lines(report)[2:]:
        click.echo(line)


@click.command("new")
@click.argument("instansi")
@click.argument("tahun", type=click.IntRange(2000, 2100))
@click.option("--rubric", "rubric_id", required=True, metavar="ID", help="Rubrik, mis. permenpanrb-19-2025 (lihat merit rubric list).")
@click.option("--rubric-version", "version", metavar="VERSI", help="Versi rubrik (bawaan: yang terakhir diimpor).")
@click.option("--from", "carry_from", type=AssessmentId(), metavar="ID",
              help="Bawa kondisi, bukti dan dokumen dari penilaian ini (instrumen sama, atau yang punya pemetaan).")
@click.option("--kind", "agency_kind", metavar="JENIS", help="Jenis instansi rubrik kematangan (kl, provinsi, kabkota); bawaan: dari nama.")
@pass_ctx
def new_cmd(ctx: Ctx, instansi: str, tahun: int, rubric_id: str, version: str | None, carry_from: int | None, agency_kind: str | None) -> None:
    """Buat penilaian baru, kosong atau meneruskan penilaian sebelumnya (--from)."""
    name = clean_name(instansi, "instansi")
    aid, carried = ctx.store.start_assessment(name, tahun, rubric_id, version, carry_from, who=ctx.who, role=ctx.role,
                                              agency_kind=agency_kind)
    row = ctx.store.load(aid)
    click.echo(f"Penilaian baru id {aid}: {name} {tahun} ({row.rubric.label}, {row.rubric.id} versi {row.rubric.version})")
    for line in carry_lines(carried, carry_from):
        click.echo(line)


@click.command("kind")
@click.argument("assessment_id", type=AssessmentId())
@click.argument("kind", metavar="JENIS", required=False)
@pass_ctx
def kind_cmd(ctx: Ctx, assessment_id: int, kind: str | None) -> None:
    """Jenis instansi penilaian kematangan (kl, provinsi, kabkota); tanpa JENIS: disimpulkan lagi dari nama."""
    rubric = _maturity(ctx, assessment_id)
    ctx.store.set_agency_kind(assessment_id, kind, who=ctx.who, role=ctx.role)
    report = score(rubric, ctx.store.load(assessment_id).assessment)
    assert isinstance(report, MaturityReport)
    inferred = " (disimpulkan dari nama instansi)" if report.kind_inferred else ""
    click.echo(f"Jenis instansi penilaian {assessment_id}: {rubric.kind_name(report.agency_kind)}{inferred}")
