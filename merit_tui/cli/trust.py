"""Keys, trusted keys, seals, evidence and packages: the verification round trip by file."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import click

from ..errors import MeritError
from ..importing import load_file
from ..params import AssessmentId, stored_ref
from ..sealing import SEAL_KEY
from ..trust.keys import (
    create_key,
    export_public_key,
    find_key,
    list_keys,
    read_public_key,
)
from ..trust.package import write_package
from ..trust.seal import seal_from_data
from ..yamlio import load_path
from .context import Ctx, pass_ctx
from .signing import passphrase, signing_key

PASSPHRASE_FILE = click.option("--passphrase-file", "passphrase_file", type=click.Path(dir_okay=False, path_type=Path),
                               help="Baca frasa sandi dari berkas ini (untuk skrip); tanpa ini ditanyakan.")


@click.group("key")
def key_group() -> None:
    """Kunci tanda tangan verifikator (Ed25519), tersimpan terenkripsi di folder pengguna."""


@key_group.command("new")
@click.option("--name", "name", required=True, metavar="NAMA", help='Nama penanda tangan, mis. "Budi (BKN)".')
@PASSPHRASE_FILE
def key_new(name: str, passphrase_file: Path | None) -> None:
    """Buat pasangan kunci baru."""
    secret = passphrase(passphrase_file, "Frasa sandi untuk kunci baru (paling sedikit 8 karakter)", confirm=True)
    info = create_key(name, secret, now=datetime.now(timezone.utc))
    click.echo(f"Kunci {info.name} dibuat: sidik jari {info.fingerprint}")
    click.echo(f"Kirim kunci publiknya ke instansi: merit key export \"{info.name}\" --to kunci.pub")


@key_group.command("list")
def key_list() -> None:
    """Kunci Anda di komputer ini."""
    keys = list_keys()
    if not keys:
        click.echo("Belum ada kunci. Buat dengan: merit key new --name \"Nama (Instansi)\"")
    for k in keys:
        click.echo(f"{k.name}  {k.fingerprint}")


@key_group.command("export")
@click.argument("name", required=False)
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas kunci publik tujuan.")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def key_export(name: str | None, to: Path, force: bool) -> None:
    """Tulis kunci publik (untuk dipercaya instansi dengan: merit trust add)."""
    keys = list_keys()
    if name is None:
        if len(keys) != 1:
            raise MeritError("sebutkan nama kunci (merit key list)" if keys else "belum ada kunci; buat dengan: merit key new")
        info = keys[0]
    else:
        info = find_key(name)
    export_public_key(info, to, overwrite=force)
    click.echo(f"Kunci publik {info.name} ({info.fingerprint}) ditulis ke {to}")


@click.group("trust")
def trust_group() -> None:
    """Kunci verifikator yang diterima basis data ini."""


@trust_group.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def trust_add(ctx: Ctx, file: Path) -> None:
    """Percayai kunci publik dari BERKAS (cocokkan sidik jarinya dengan pemiliknya dulu)."""
    key = read_public_key(file)
    added = ctx.store.trust_key(key, who=ctx.who, role=ctx.role)
    click.echo(f"{'Dipercaya' if added else 'Sudah dipercaya'}: {key.name} ({key.fingerprint})")


@trust_group.command("list")
@pass_ctx
def trust_list(ctx: Ctx) -> None:
    """Kunci yang dipercaya."""
    rows = ctx.store.seals.trusted()
    if not rows:
        click.echo("Belum ada kunci yang dipercaya. Tambahkan dengan: merit trust add KUNCI.pub")
    for r in rows:
        click.echo(f"{r['name']}  {r['fingerprint']}  (ditambahkan {r['added_at']} oleh {r['added_by']})")


@trust_group.command("remove")
@click.argument("ref", metavar="SIDIK-JARI|NAMA")
@pass_ctx
def trust_remove(ctx: Ctx, ref: str) -> None:
    """Berhenti memercayai sebuah kunci."""
    name = ctx.store.seals.distrust(ref, who=ctx.who, role=ctx.role)
    click.echo(f"Tidak lagi dipercaya: {name}")


@click.command("seal")
@click.argument("words", nargs=-1, required=True, metavar="ID | verify ID|BERKAS")
@click.option("--key", "key_name", metavar="NAMA", help="Kunci penanda tangan (bawaan: satu-satunya kunci Anda).")
@PASSPHRASE_FILE
@pass_ctx
def seal_cmd(ctx: Ctx, words: tuple[str, ...], key_name: str | None, passphrase_file: Path | None) -> None:
    """Segel verifikasi: `merit seal ID` menandatangani hasil verifikasi; `merit seal verify
    ID|BERKAS` memeriksanya: SAH, KUNCI TIDAK DIKENAL, atau RUSAK dengan isian yang berubah."""
    if words[0] == "verify":
        if len(words) != 2:
            raise click.UsageError("pemakaian: merit seal verify ID|BERKAS")
        _verify(ctx, words[1])
        return
    if len(words) != 1 or not words[0].isdigit():
        raise click.UsageError("pemakaian: merit seal ID, atau merit seal verify ID|BERKAS")
    aid = AssessmentId().convert(words[0], None, None)
    ctx.store.assessments.row(aid)  # a clear message for an unknown id
    key = signing_key(key_name, passphrase_file)
    if key is None:
        raise MeritError("belum ada kunci; buat dengan: merit key new --name \"Nama (Instansi)\"")
    made = ctx.store.seal(aid, key, who=ctx.who, role=ctx.role)
    click.echo(f"Penilaian {aid} disegel oleh {made.signer}, kunci {made.fingerprint}")


def _verify(ctx: Ctx, ref: str) -> None:
    aid = stored_ref(ref)
    if aid is not None:
        check = ctx.store.seal_check(aid)
        if check is None:
            raise MeritError(f"penilaian {ref} belum disegel")
    else:
        doc = load_path(ref)
        if not isinstance(doc.data, dict) or SEAL_KEY not in doc.data:
            raise MeritError(f"{ref}: berkas ini tidak membawa segel")
        seal = seal_from_data(doc.data[SEAL_KEY], str(ref))
        assessment, _ = load_file(ctx.store, ref)
        check = ctx.store.seals.check_against(seal, assessment, in_this_log=False)
    click.echo(check.report())
    if check.state == "rusak":
        raise SystemExit(3)


@click.command("attach")
@click.argument("assessment_id", type=AssessmentId())
@click.argument("item")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def attach_cmd(ctx: Ctx, assessment_id: int, item: str, files: tuple[Path, ...]) -> None:
    """Lampirkan berkas bukti ke sebuah butir (disalin ke folder bukti, dengan sha256)."""
    for ref in ctx.store.attach(assessment_id, item, list(files), who=ctx.who, role=ctx.role):
        click.echo(f"Dilampirkan pada {item}: {ref.name} ({ref.size} bita, sha256 {ref.sha256[:12]}…)")


@click.command("pack")
@click.argument("assessment_id", type=AssessmentId())
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas paket (.zip).")
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
@pass_ctx
def pack_cmd(ctx: Ctx, assessment_id: int, to: Path, force: bool) -> None:
    """Kemas penilaian, berkas buktinya dan manifest sha256 ke satu paket untuk dikirim."""
    from ..safe_io import check_not_protected
    from ..trust.evidence import EvidenceRef

    store = ctx.store
    check_not_protected(to, [store.path])
    a = store.export(assessment_id)
    evidence = []
    for r in a.responses:
        for d in r.documents:
            if d.sha256:
                if not store.evidence.has(d.sha256):
                    raise MeritError(f"berkas bukti {d.name} pada butir {r.id} tidak ada di folder bukti {store.evidence.root}")
                evidence.append((EvidenceRef(d.name, d.sha256, d.size or 0), store.evidence.path_of(d.sha256)))
    head = store.log.head()
    meta = {"instansi": a.agency, "tahun": str(a.year), "rubrik": f"{a.rubric_id}@{a.rubric_version}", "status": a.status,
            "dikemas_oleh": ctx.who, "peran": ctx.role, "waktu": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "log": head.to_data() if head else None}
    write_package(to, store.export_yaml(assessment_id), evidence, meta, overwrite=force)
    check = store.seal_check(assessment_id)
    click.echo(f"Paket ditulis ke {to}: penilaian {assessment_id}, {len(evidence)} berkas bukti")
    click.echo("Segel: " + (check.describe() if check else "belum disegel"))


@click.command("undelete")
@click.argument("assessment_id", type=AssessmentId())
@pass_ctx
def undelete_cmd(ctx: Ctx, assessment_id: int) -> None:
    """Pulihkan penilaian yang terhapus, dari isinya yang tersimpan di log."""
    ctx.store.undelete_assessment(assessment_id, who=ctx.who, role=ctx.role)
    click.echo(f"Penilaian {assessment_id} dipulihkan")
