"""`merit report`: the printed report of one assessment (or of many, for a verifier body)."""

from __future__ import annotations

import os
import time
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ThreadPoolExecutor,
    as_completed,
    wait,
)
from pathlib import Path

import click

from ..errors import MeritError
from ..params import stored_ref
from ..plan import build_plan
from ..progress import duration
from ..progress import rate_line as progress
from ..reports import settings as report_settings
from ..reports.data import for_stored, report_data
from ..reports.output import file_name, format_of, write_report
from ..safe_io import FileExists
from .assessments import resolve
from .context import Ctx, pass_ctx
from .documents import signature_now, warn_missing_signatory, write_document


@click.command("report")
@click.argument("ref", metavar="ID|BERKAS", required=False)
@click.option("--to", "to", required=True, type=click.Path(path_type=Path),
              help="Berkas .pdf, .docx atau .html; dengan --all, folder tujuan.")
@click.option("--all", "all_", is_flag=True, help="Satu laporan per penilaian tersimpan, ke folder --to.")
@click.option("--year", "tahun", type=click.IntRange(1900, 2200), help="Dengan --all: hanya penilaian tahun ini.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx", "html"]), default="pdf", show_default=True,
              help="Dengan --all: format berkas.")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def report_cmd(ctx: Ctx, ref: str | None, to: Path, all_: bool, tahun: int | None, fmt: str, force: bool) -> None:
    """Laporan cetak satu penilaian: ringkasan, Lampiran, rencana aksi, tanda tangan."""
    if all_ == (ref is not None):
        raise click.UsageError("sebutkan satu ID|BERKAS, atau --all")
    if all_:
        report_all(ctx, to, tahun, "." + fmt, force)
        return
    if tahun is not None:
        raise click.UsageError("--year hanya berlaku dengan --all")
    assert ref is not None
    format_of(to)  # a wrong ending is said before any work
    aid = stored_ref(ref)
    if aid is not None:
        data = for_stored(ctx.store, aid)
    else:  # a file, read without storing it
        assessment, rubric = resolve(ctx, ref)
        plan = build_plan(rubric, assessment, responsible=ctx.store.responsible(rubric.id))
        data = report_data(assessment, rubric, plan, signature_now(ctx))
    path = write_document(ctx, data, to, "laporan", force)
    click.echo(f"Laporan ditulis ke {path}")


# ---- many at once ------------------------------------------------------------------------------

def _folder(to: Path) -> Path:
    if to.exists() and not to.is_dir():
        raise MeritError(f"{to}: bukan folder; dengan --all, --to adalah folder tujuan")
    try:
        to.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MeritError(f"{to}: folder tidak dapat dibuat ({exc.strerror})") from None
    return to.resolve()


def _targets(ctx: Ctx, folder: Path, tahun: int | None, suffix: str) -> list[tuple[int, Path]]:
    """One file per assessment, named instansi-tahun-instrumen, always inside `folder`."""
    heads = [h for h in ctx.store.listing.heads() if tahun is None or h[2] == tahun]
    if not heads:
        raise MeritError(f"Tidak ada penilaian tahun {tahun}" if tahun is not None else "Belum ada penilaian tersimpan")
    out, used = [], set()
    for aid, agency, year, rubric_id, version in heads:
        name = file_name(agency, year, ctx.store.rubric(rubric_id, version).label, suffix)
        if name in used:  # same instansi, year and instrument in two rubric versions
            name = name[: -len(suffix)] + f"-{aid}{suffix}"
        used.add(name)
        target = (folder / name).resolve()
        if target.parent != folder:
            raise MeritError(f"{name}: menulis di luar folder {folder} ditolak")
        out.append((aid, target))
    return out


class _Tally:
    """What --all has done so far, and the progress line after each report."""

    def __init__(self, total: int) -> None:
        self.total, self.start = total, time.perf_counter()
        self.written = self.skipped = self.failed = 0

    def done(self, target: Path, outcome: Future | None) -> None:
        note = ""
        try:
            if outcome is None:
                raise FileExists(target)
            outcome.result()
            self.written += 1
        except FileExists:
            self.skipped += 1
            note = " · dilewati: sudah ada (pakai --force untuk menimpanya)"
        except MeritError as exc:
            self.failed += 1
            note = f" · GAGAL: {exc.message}"
        n = self.written + self.skipped + self.failed
        click.echo(f"[{progress(n, self.total, time.perf_counter() - self.start)}] {target.name}{note}", err=True)


def report_all(ctx: Ctx, to: Path, tahun: int | None, suffix: str, force: bool) -> None:
    """One report per assessment. The data is read here, on the thread that owns the database;
    rendering and writing run on a few threads beside it (the PDF engine leaves Python's lock)."""
    folder = _folder(to)
    targets = _targets(ctx, folder, tahun, suffix)
    given = report_settings.values(ctx.store)
    templates, protect = report_settings.template_dir(given), [ctx.store.path]
    tally = _Tally(len(targets))
    threads = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(threads) as pool:
        running: dict[Future, Path] = {}
        for aid, target in targets:
            if target.exists() and not force:
                tally.done(target, None)
                continue
            data = for_stored(ctx.store, aid)
            running[pool.submit(write_report, data, target, force=force, protect=protect, template_dir=templates)] = target
            while len(running) >= 2 * threads:  # a few in hand, not every report's data in memory at once
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for outcome in finished:
                    tally.done(running.pop(outcome), outcome)
        for outcome in as_completed(list(running)):
            tally.done(running.pop(outcome), outcome)
    warn_missing_signatory(given)
    click.echo(f"Selesai dalam {duration(time.perf_counter() - tally.start)}: {tally.written} laporan ditulis ke {folder}"
               f", {tally.skipped} dilewati, {tally.failed} gagal")
    if tally.failed:
        raise click.exceptions.Exit(1)
