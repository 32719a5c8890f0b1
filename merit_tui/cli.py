"""The `merit` command. With no subcommand it opens the workbench."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from .errors import InvalidFile, MeritError

ROLE_CHOICE = click.Choice(["penilai", "verifikator"])


class Ctx:
    def __init__(self, db: Path | None = None, user: str | None = None, role: str = "penilai") -> None:
        self.db_path = db
        self.user = user
        self.role = role
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from .paths import default_db_path
            from .store import Store

            self._store = Store.open(self.db_path or default_db_path())
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def who(self) -> str:
        from .store import default_user

        return self.user or self.store.setting("user") or default_user()


pass_ctx = click.make_pass_decorator(Ctx)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="MERIT_DB", help="Berkas basis data (bawaan: folder data pengguna).")
@click.option("--user", "user", metavar="NAMA", help="Nama yang dicatat pada setiap perubahan.")
@click.option("--role", type=ROLE_CHOICE, default="penilai", show_default=True, help="Peran: penilai atau verifikator.")
@click.version_option(package_name="merit-tui")
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
    try:
        from .app import make_app
    except ImportError:
        _print_list(ctx)
        return
    make_app(ctx.store, user=ctx.user, role=ctx.role).run()


@cli.command("list")
@click.argument("words", nargs=-1, metavar="[KATA]...")
@pass_ctx
def list_cmd(ctx: Ctx, words: tuple[str, ...]) -> None:
    """Daftar penilaian yang tersimpan; dengan KATA, hanya yang memuat setiap kata pada
    instansi, tahun atau instrumen (mis. merit list balangan 2022)."""
    _print_list(ctx, " ".join(words))


def _print_list(ctx: Ctx, search: str = "") -> None:
    from .numbers import fmt

    rows = ctx.store.listing_rows(ctx.store.listing_ids(search))
    click.echo(f"Basis data: {ctx.store.path}")
    if not rows:
        if search:
            click.echo(f"Tidak ada penilaian yang cocok dengan “{search}”.")
        else:
            click.echo("Belum ada penilaian. Impor dengan: merit import BERKAS.yaml")
        return
    click.echo(f"{'ID':>4}  {'Tahun':5}  {'Instrumen':14}  {'Status':12}  {'Mandiri':>7}  {'Verif.':>7}  {'Nilai':>7}  {'Verif.':>7}  Instansi")
    for r in rows:
        click.echo(
            f"{r.id:>4}  {r.tahun:<5}  {r.title[:14]:14}  {r.status:12}  {f'{r.self_done}/{r.items}':>7}  {f'{r.verified_done}/{r.items}':>7}"
            f"  {fmt(r.self_total):>7}  {fmt(r.verified_total):>7}  {r.instansi}"
        )


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Ganti penilaian yang sudah ada (instansi, tahun, rubrik sama).")
@pass_ctx
def import_cmd(ctx: Ctx, files: tuple[Path, ...], replace: bool) -> None:
    """Impor berkas rubrik dan penilaian (YAML) dalam satu transaksi."""
    ids = ctx.store.import_files(list(files), replace=replace, who=ctx.who)
    rubrics = len(files) - len(ids)
    parts = []
    if ids:
        parts.append(f"{len(ids)} penilaian (id {', '.join(map(str, ids))})")
    if rubrics:
        parts.append(f"{rubrics} rubrik")
    click.echo("Diimpor: " + " dan ".join(parts))


@cli.command("export")
@click.argument("assessment_id", type=int)
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas YAML tujuan.")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def export_cmd(ctx: Ctx, assessment_id: int, to: Path, force: bool) -> None:
    """Ekspor satu penilaian ke berkas YAML."""
    from .files import assessment_yaml, write_atomic

    a = ctx.store.export(assessment_id)
    write_atomic(to, assessment_yaml(a), force=force)
    click.echo(f"Diekspor ke {to}")


def _resolve(ctx: Ctx, ref: str):
    """An assessment by stored id, or by file path (scored without storing it)."""
    from .store import load_file

    if ref.isdigit() and not Path(ref).exists():
        loaded = ctx.store.load(int(ref))
        return loaded.assessment, loaded.rubric
    return load_file(ctx.store, ref)


@cli.command("score")
@click.argument("ref", metavar="ID|BERKAS", required=False)
@click.option("--all", "all_", is_flag=True, help="Nilai semua penilaian tersimpan.")
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
@pass_ctx
def score_cmd(ctx: Ctx, ref: str | None, all_: bool, as_json: bool) -> None:
    """Hitung nilai per aspek, total dan kategori sebuah penilaian (atau --all)."""
    from .report import to_json, to_text
    from .scoring import score

    if all_ == (ref is not None):
        raise click.UsageError("sebutkan satu ID|BERKAS, atau --all")
    if all_:
        _score_all(ctx, as_json)
        return
    assert ref is not None
    assessment, rubric = _resolve(ctx, ref)
    report = score(rubric, assessment)
    if as_json:
        click.echo(json.dumps(to_json(assessment, report), ensure_ascii=False, indent=2))
    else:
        click.echo(to_text(assessment, report))


def _score_all(ctx: Ctx, as_json: bool) -> None:
    from .bulk import score_all
    from .report import bulk_json

    store = ctx.store
    totals = score_all(store)
    rows = store.conn.execute(
        "SELECT a.id, a.instansi, a.tahun, r.rubric_id, r.version FROM assessments a JOIN rubrics r ON r.pk = a.rubric_pk ORDER BY a.id"
    ).fetchall()
    data = [bulk_json(row, totals[row[0]]) for row in rows]
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    for d in data:
        s, v = d["self"], d["verified"]
        click.echo(f"{d['id']:>5}  {d['year']}  {d['rubric']:20}  mandiri {s['total'] if s['total'] is not None else '–':>6} {s['category'] or '':4}"
                   f"  verifikasi {v['total'] if v['total'] is not None else '–':>6} {v['category'] or '':4}  {d['instansi']}")


@cli.command("status")
@click.argument("assessment_id", type=int)
@click.argument("new_status", metavar="STATUS", type=click.Choice(["draf", "diajukan", "diverifikasi", "dikembalikan", "final"]))
@click.option("--note", "note", help="Catatan untuk perubahan status (mis. alasan dikembalikan).")
@pass_ctx
def status_cmd(ctx: Ctx, assessment_id: int, new_status: str, note: str | None) -> None:
    """Ubah status penilaian: draf → diajukan → diverifikasi → dikembalikan → final."""
    ctx.store.set_status(assessment_id, new_status, who=ctx.who, role=ctx.role, note=note)
    click.echo(f"Status penilaian {assessment_id}: {new_status}")


@cli.command("official")
@click.argument("assessment_id", type=int)
@click.argument("index")
@click.argument("category")
@click.option("--source", help="Sumber, mis. nomor surat BKN.")
@pass_ctx
def official_cmd(ctx: Ctx, assessment_id: int, index: str, category: str, source: str | None) -> None:
    """Catat nilai indeks dan kategori resmi (verifikator)."""
    ctx.store.set_official(assessment_id, index, category, who=ctx.who, role=ctx.role, source=source)
    click.echo(f"Hasil resmi penilaian {assessment_id}: {index} ({category})")


@cli.command("plan")
@click.argument("ref", metavar="ID|BERKAS")
@click.option("--to", "to", type=click.Path(dir_okay=False, path_type=Path), help="Berkas .xlsx, .csv atau .md; tanpa ini, Markdown ke layar.")
@click.option("--csv-style", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="CSV gaya Indonesia (; dan koma desimal) atau Inggris (, dan titik desimal).")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def plan_cmd(ctx: Ctx, ref: str, to: Path | None, csv_style: str, force: bool) -> None:
    """Rencana aksi: butir yang belum maksimum, urut potensi kenaikan terbesar."""
    from .plan import build_plan
    from .plan_export import to_markdown, write_plan

    if ref.isdigit() and not Path(ref).exists():
        plan = ctx.store.plan(int(ref))
    else:
        assessment, rubric = _resolve(ctx, ref)
        plan = build_plan(rubric, assessment, responsible=ctx.store.responsible(rubric.id))
    if to is None:
        click.echo(to_markdown(plan), nl=False)
        return
    write_plan(plan, to, force=force, csv_style=csv_style)
    click.echo(f"Rencana aksi ({len(plan.rows)} baris) ditulis ke {to}")


@cli.group("audit")
def audit_group() -> None:
    """Log peristiwa: siapa mengubah apa dan kapan; periksa keutuhannya."""


@audit_group.command("verify")
@click.argument("assessment_id", type=int, required=False)
@pass_ctx
def audit_verify(ctx: Ctx, assessment_id: int | None) -> None:
    """Periksa rantai hash log peristiwa; sebutkan peristiwa pertama yang tidak cocok."""
    store = ctx.store
    broken = store.verify_log()
    count = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    if broken is None:
        scope = f" (termasuk penilaian {assessment_id})" if assessment_id is not None else ""
        click.echo(f"Log utuh: {count} peristiwa{scope}")
        return
    row = store.conn.execute("SELECT assessment_id, at, who, field FROM events WHERE id = ?", [broken.event_id]).fetchone()
    where = f" (penilaian {row[0]}, {row[1]}, {row[2]}, {row[3]})" if row else ""
    raise MeritError(f"log tidak utuh: peristiwa #{broken.event_id}{where}: {broken.reason}")


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


@cli.command("backup")
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas cadangan.")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def backup_cmd(ctx: Ctx, to: Path, force: bool) -> None:
    """Cadangkan basis data (aman saat orang lain sedang bekerja)."""
    ctx.store.backup(to, force=force)
    click.echo(f"Dicadangkan ke {to}")


@cli.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Wajib: isi basis data sekarang akan diganti.")
@pass_ctx
def restore_cmd(ctx: Ctx, source: Path, force: bool) -> None:
    """Pulihkan basis data dari cadangan (menggantikan isinya; perlu --force)."""
    if not force:
        raise MeritError(f"pemulihan mengganti seluruh isi {ctx.store.path}; ulangi dengan --force bila yakin")
    ctx.store.restore_from(source)
    click.echo(f"Dipulihkan dari {source}")


@cli.group("bidang")
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
    ctx.store.set_responsible(rubric_id, node_id, bidang, who=ctx.who)
    click.echo(f"{rubric_id} {node_id}: {bidang}")


@cli.group("rubric")
def rubric_group() -> None:
    """Periksa dan tampilkan rubrik."""


@rubric_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def rubric_check(files: tuple[Path, ...]) -> None:
    """Periksa berkas rubrik; semua masalah dicetak sekaligus."""
    from .rubric import rubric_from_document
    from .yamlio import load_path

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
@click.argument("assessment_id", type=int)
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
    for r in ctx.store.rubric_rows():
        click.echo(f"{r['rubric_id']:24} {r['version']:8} {r['kind']:10} {r['title']}  (sha256 {r['sha256'][:12]})")


@rubric_group.command("show")
@click.argument("rubric_id")
@click.option("--version", "version", help="Versi rubrik (bawaan: terbaru).")
@pass_ctx
def rubric_show(ctx: Ctx, rubric_id: str, version: str | None) -> None:
    """Tampilkan pohon rubrik dengan bobot dan nilai ideal per aspek."""
    from .rubric import WeightedRubric, fmt

    r = ctx.store.rubric(rubric_id, version)
    click.echo(f"{r.title} ({r.id} versi {r.version})")
    if r.source:
        click.echo(f"Sumber: {r.source}")
    if isinstance(r, WeightedRubric):
        top = r.scales.self_.max
        total_w = sum((i.weight for _, i in r.indicators()), start=type(top)(0))
        click.echo(f"Skala mandiri {r.scales.self_.describe()}, verifikasi {r.scales.verified.describe()}")
        for a in r.aspects:
            w = sum((i.weight for i in a.indicators), start=type(top)(0))
            click.echo(f"\n{a.id}. {a.name}  (bobot {fmt(w)}, ideal {fmt(w * top)})")
            for i in a.indicators:
                click.echo(f"   {i.id:>5}  bobot {fmt(i.weight):>4}  {i.text}")
        click.echo(f"\nJumlah bobot {fmt(total_w)}; nilai ideal {fmt(total_w * top)}")
    else:
        click.echo(f"Bobot elemen bawaan {fmt(r.default_weight)}" + (f" ({r.weight_source})" if r.weight_source else ""))
        for e in r.elements:
            click.echo(f"   {e.id:>3}  bobot {fmt(r.weight(e)):>3}  {e.name}")
    click.echo("\nKategori:")
    for b in r.bands:
        lo = fmt(b.min) if b.min is not None else "−∞"
        hi = fmt(b.max) if b.max is not None else "∞"
        conf = f" [keyakinan {b.confidence}]" if b.confidence else ""
        click.echo(f"   {b.category:>4} {b.label:12} [{lo}, {hi}){conf}")


def run(args: list[str] | None = None) -> int:
    """Run the CLI and return its exit code, turning every failure into a short message."""
    try:
        rc = cli.main(args=args, prog_name="merit", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Dibatalkan.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except MeritError as exc:
        click.echo(exc.message if isinstance(exc, InvalidFile) else f"Galat: {exc.message}", err=True)
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
        from .store import database_error

        click.echo(f"Galat: {database_error(Path('basis data'), exc).message}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last line of defence: never a traceback
        click.echo(f"Galat tak terduga: {type(exc).__name__}: {exc}", err=True)
        return 70
    return rc if isinstance(rc, int) else 0


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
