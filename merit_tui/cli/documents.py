"""Writing a printed document from the command line (`merit report`, `merit plan --to x.pdf`): the
agency's signature settings, the overwrite rule, and what is still missing from the signature block."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import MeritError
from ..reports import settings as report_settings
from ..reports.output import write_report
from ..safe_io import FileExists
from .context import Ctx

EXISTS_HINT = "berkas sudah ada; pakai --force untuk menimpanya"


def signature_now(ctx: Ctx) -> dict:
    return report_settings.signature(report_settings.values(ctx.store), date.today())


def write_document(ctx: Ctx, data: dict, to: Path, kind: str, force: bool) -> Path:
    """Write one document (format by the ending of `to`); never over the database."""
    given = report_settings.values(ctx.store)
    try:
        path = write_report(data, to, kind=kind, force=force, protect=[ctx.store.path],
                            template_dir=report_settings.template_dir(given))
    except FileExists as exc:
        raise MeritError(f"{exc.path}: {EXISTS_HINT}") from None
    warn_missing_signatory(given)
    return path


def warn_missing_signatory(given: dict[str, str | None]) -> None:
    missing = report_settings.missing_signatory(given)
    if missing:
        example = report_settings.BY_KEY[missing[0]].example
        click.echo(f"Catatan: {', '.join(missing)} belum diatur; tempatnya dicetak sebagai garis kosong untuk diisi "
                   f"tangan. Atur sekali dengan, mis.: merit setting set {missing[0]} {example}", err=True)
