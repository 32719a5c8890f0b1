"""`merit audit`: who changed what and when; is the log whole, and does it hold what the tables do."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import click

from ..errors import MeritError
from ..params import AssessmentId
from ..safe_io import is_database
from ..sealing import HEAD_KEY, SEAL_KEY
from ..store.events import Head
from ..text import excerpt
from ..yamlio import load_path
from .context import Ctx, pass_ctx


@click.group("audit")
def audit_group() -> None:
    """Log peristiwa: siapa mengubah apa dan kapan; periksa keutuhannya."""


@audit_group.command("verify")
@click.argument("assessment_id", type=AssessmentId(), required=False)
@click.option("--anchor", "anchor", type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas ekspor, paket atau cadangan yang membawa kepala log: log harus masih memuatnya.")
@pass_ctx
def audit_verify(ctx: Ctx, assessment_id: int | None, anchor: Path | None) -> None:
    """Periksa basis data, rantai hash log, dan bahwa log diputar ulang sama dengan isi tabel."""
    store = ctx.store
    store.quick_check()
    log = store.log
    broken = log.verify()
    if broken is not None:
        raise MeritError(f"log tidak utuh: peristiwa #{broken.event_id}{log.describe(broken.event_id)}: {broken.reason}")
    problems = [m.describe() for m in store.replay_differences() if assessment_id is None or m.aid == assessment_id]
    problems += [p for p in store.totals.differences() if assessment_id is None or p.startswith(f"penilaian {assessment_id}:")]
    if problems:
        shown = "\n".join(f"  - {p}" for p in problems[:20]) + (f"\n  … dan {len(problems) - 20} lagi" if len(problems) > 20 else "")
        raise MeritError(f"isi basis data tidak sesuai dengan log (diubah di luar merit-tui):\n{shown}")
    if anchor is not None:
        head = read_anchor(anchor)
        if not log.contains(head):
            raise MeritError(f"log tidak lagi memuat peristiwa #{head.id} (hash {head.hash[:16]}…) yang tercatat di {anchor}: "
                             "log dipotong, atau dihitung ulang setelah diubah")
    scope = f" (termasuk penilaian {assessment_id})" if assessment_id is not None else ""
    extra = f"; memuat kepala log dari {anchor}" if anchor is not None else ""
    click.echo(f"Log utuh: {log.count()} peristiwa{scope}; isi tabel cocok dengan log{extra}")


def read_anchor(path: Path) -> Head:
    """The log head an export, a package or a backup carries."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            meta = json.loads(zf.read("manifest.json")).get("meta", {})
        return _head(meta.get("log"), path)
    if is_database(path):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        except sqlite3.DatabaseError as exc:
            raise MeritError(f"{path}: bukan cadangan merit-tui ({exc})") from None
        finally:
            conn.close()
        if row is None:
            raise MeritError(f"{path}: cadangan tanpa peristiwa")
        return Head(row[0], row[1])
    data = load_path(path).data  # read with the same bounds and messages as any file
    if isinstance(data, dict):
        if HEAD_KEY in data:
            return _head(data[HEAD_KEY], path)
        if isinstance(data.get(SEAL_KEY), dict):
            return _head(data[SEAL_KEY].get("isi", {}).get("log"), path)
    raise MeritError(f"{path}: tidak membawa kepala log ({HEAD_KEY})")


def _head(value: object, path: Path) -> Head:
    try:
        return Head(int(value["id"]), str(value["hash"]))  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        raise MeritError(f"{path}: kepala log tidak terbaca") from None


@audit_group.command("log")
@click.argument("assessment_id", type=AssessmentId())
@click.option("--who", help="Hanya perubahan oleh orang ini.")
@click.option("--item", help="Hanya butir (indikator/elemen) ini.")
@pass_ctx
def audit_log(ctx: Ctx, assessment_id: int, who: str | None, item: str | None) -> None:
    """Siapa mengubah apa, kapan dan lewat jalur apa pada satu penilaian (juga yang terhapus)."""
    events = [e for e in ctx.store.events(assessment_id) if (who is None or e.who == who) and (item is None or e.item_id == item)]
    if not events and not ctx.store.events(assessment_id):
        ctx.store.load(assessment_id)  # a clear message for an unknown id
    if not events:
        click.echo("Tidak ada peristiwa yang cocok.")
        return
    for e in events:
        change = _change(e.old, e.new)
        via = f" via {e.via}" if e.via else ""
        click.echo(f"#{e.id:<5} {e.at}  {e.who} ({e.role}{via})  {e.item_id or '-':>5}  {e.field}: {change}" + (f"  [{e.note}]" if e.note else ""))


def _change(old: str | None, new: str | None, width: int = 40) -> str:
    """Old → new, each cut to `width`; when both are long and share a beginning, from where
    they differ (text appended to a note showed the same 40 characters on both sides)."""
    start = 0
    if old is not None and new is not None and max(len(old), len(new)) > width:
        same = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        start = max(0, same - 10)
    if start == 0:
        return f"{excerpt(old, width)} → {excerpt(new, width)}"
    assert old is not None and new is not None
    return f"…{excerpt(old[start:], width - 1)} → …{excerpt(new[start:], width - 1)}"


