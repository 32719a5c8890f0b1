"""Ed25519 signing keys: create, store encrypted, list, unlock; public key files.

A private key file (`<config>/kunci/<slug>.kunci`) is text: a readable header (name, fingerprint,
public key, KDF parameters) and the 32-byte Ed25519 seed encrypted with AES-256-GCM under a key
derived from the passphrase by scrypt. The header values are the GCM associated data, so editing the
name or the public key in the file makes unlocking fail instead of signing under a false name.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import InvalidFile, MeritError, Problem
from ._fs import write_small
from ._textfile import Fields, decode_b64, parse_fields, read_text

PUBKEY_FORMAT = "merit-tui-pubkey-v1"
SECRETKEY_FORMAT = "merit-tui-secretkey-v1"
KEY_SUFFIX = ".kunci"
MIN_PASSPHRASE = 8
MAX_NAME = 100


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost. The default (128 MiB, ~0.5 s) is what a stolen key file must pay per guess."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def text(self) -> str:
        return f"scrypt n={self.n} r={self.r} p={self.p}"


DEFAULT_KDF = ScryptParams()
# Bounds for parameters read from a file: a doctored file must not make us allocate gigabytes.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16


def fingerprint(raw_public: bytes) -> str:
    """First 16 bytes of sha256(raw public key), upper-case hex in groups of four."""
    digest = hashlib.sha256(raw_public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def normalize_fingerprint(text: str) -> str:
    """Accept a fingerprint typed with or without spaces, any case; return the canonical form."""
    hexdigits = re.sub(r"[\s:-]", "", text).upper()
    if not re.fullmatch(r"[0-9A-F]{32}", hexdigits):
        raise MeritError(f"sidik jari tidak sah: {text!r} (harus 32 digit heksadesimal)")
    return " ".join(hexdigits[i : i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class PublicKey:
    name: str
    raw: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class KeyInfo:
    """One of the user's own keys as listed without the passphrase."""

    name: str
    created: str
    path: Path
    public: PublicKey

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


@dataclass(frozen=True)
class SigningKey:
    """An unlocked private key. Keep it only as long as the signing takes."""

    name: str
    public: PublicKey
    _private: Ed25519PrivateKey = field(repr=False)

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


def config_dir(override: str | Path | None = None) -> Path:
    """The user's config dir: `override`, else $MERIT_CONFIG_DIR, else platformdirs."""
    if override is not None:
        return Path(override).expanduser()
    env = os.environ.get("MERIT_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("merit-tui", appauthor=False))


def key_dir(config: str | Path | None = None) -> Path:
    return config_dir(config) / "kunci"


def check_signer_name(name: str) -> str:
    """NFC, trimmed, one line, at most MAX_NAME characters; MeritError otherwise."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise MeritError("nama penanda tangan tidak boleh kosong")
    if len(name) > MAX_NAME:
        raise MeritError(f"nama penanda tangan terlalu panjang (paling banyak {MAX_NAME} karakter)")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise MeritError("nama penanda tangan tidak boleh berisi baris baru atau karakter kendali")
    return name


def slug(name: str) -> str:
    """A file-name-safe form of a signer name: 'Budi (BKN)' → 'budi-bkn'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "kunci"


def _passphrase_key(passphrase: str, salt: bytes, kdf: ScryptParams) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=kdf.n, r=kdf.r, p=kdf.p).derive(secret)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _header(name: str, created: str, raw_public: bytes, kdf: ScryptParams, salt: bytes, nonce: bytes) -> str:
    return (
        f"{SECRETKEY_FORMAT}\n"
        "# Kunci rahasia merit-tui, terenkripsi dengan frasa sandi. Jangan dibagikan.\n"
        f"nama: {name}\n"
        f"sidik-jari: {fingerprint(raw_public)}\n"
        f"dibuat: {created}\n"
        f"kunci-publik: {_b64(raw_public)}\n"
        f"kdf: {kdf.text()}\n"
        f"garam: {_b64(salt)}\n"
        f"nonce: {_b64(nonce)}\n"
    )


def _aad(name: str, created: str, raw_public: bytes, kdf: ScryptParams, salt: bytes, nonce: bytes) -> bytes:
    """What the encryption authenticates: every header value, not the file's layout or comments,
    so a later version may reword the comment without locking anyone out of an old key."""
    values = (SECRETKEY_FORMAT, name, created, _b64(raw_public), kdf.text(), _b64(salt), _b64(nonce))
    return "\n".join(values).encode("utf-8")


def iso_utc(now: datetime) -> str:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def create_key(
    name: str,
    passphrase: str,
    *,
    now: datetime,
    config: str | Path | None = None,
    overwrite: bool = False,
    kdf: ScryptParams = DEFAULT_KDF,
) -> KeyInfo:
    """Make a key pair and store it encrypted in `<config>/kunci/<slug(name)>.kunci` (mode 0600).

    Raises MeritError if that file exists and `overwrite` is false, or if the passphrase is short.
    """
    name = check_signer_name(name)
    if len(passphrase) < MIN_PASSPHRASE:
        raise MeritError(f"frasa sandi terlalu pendek (paling sedikit {MIN_PASSPHRASE} karakter)")
    folder = key_dir(config)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise MeritError(f"{folder}: folder kunci tidak dapat dibuat ({exc.strerror or exc})") from None
    target = folder / (slug(name) + KEY_SUFFIX)
    if target.exists() and not overwrite:
        raise MeritError(f"{target}: kunci sudah ada; pakai --force untuk menggantinya (kunci lama hilang)")
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes_raw()
    raw_public = private.public_key().public_bytes_raw()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    created = iso_utc(now)
    aad = _aad(name, created, raw_public, kdf, salt, nonce)
    sealed = AESGCM(_passphrase_key(passphrase, salt, kdf)).encrypt(nonce, seed, aad)
    text = _header(name, created, raw_public, kdf, salt, nonce) + f"rahasia: {_b64(sealed)}\n"
    write_small(target, text.encode("utf-8"), overwrite=overwrite, mode=0o600)
    return KeyInfo(name=name, created=created, path=target, public=PublicKey(name, raw_public))


def _check_fingerprint(fields: Fields, raw_public: bytes | None) -> None:
    got = fields.get("sidik-jari")
    if got is None or raw_public is None:
        return
    value, line = got
    if re.sub(r"\s", "", value).upper() != fingerprint(raw_public).replace(" ", ""):
        fields.fail(line, f"sidik jari tidak cocok dengan kunci (seharusnya {fingerprint(raw_public)}); berkas diubah?")


def _name_field(fields: Fields) -> str | None:
    got = fields.get("nama")
    if got is None:
        return None
    try:
        return check_signer_name(got[0])
    except MeritError as exc:
        fields.fail(got[1], exc.message)
        return None


# --- public key files ----------------------------------------------------------------------------


def public_key_text(key: PublicKey) -> str:
    return (
        f"{PUBKEY_FORMAT}\n"
        "# Kunci publik merit-tui. Penerima memeriksa sidik jari ini dengan pemiliknya\n"
        "# (mis. lewat telepon) sebelum memercayainya: merit trust add BERKAS\n"
        f"nama: {key.name}\n"
        f"sidik-jari: {key.fingerprint}\n"
        f"kunci: {_b64(key.raw)}\n"
    )


def export_public_key(key: PublicKey | KeyInfo | SigningKey, target: str | Path, *, overwrite: bool = False) -> Path:
    public = key.public if isinstance(key, (KeyInfo, SigningKey)) else key
    return write_small(Path(target), public_key_text(public).encode("utf-8"), overwrite=overwrite)


def parse_public_key(text: str, file: str) -> PublicKey:
    if text.lstrip("\ufeff \t\r\n").startswith(SECRETKEY_FORMAT):
        raise InvalidFile(
            [Problem(file, 1, None, "", "ini berkas kunci RAHASIA; jangan dibagikan. Kirim kunci publiknya: merit key export")]
        )
    name: str | None = None
    raw: bytes | None = None
    fields = parse_fields(text, file, PUBKEY_FORMAT, ("nama", "sidik-jari", "kunci"), "berkas kunci publik merit-tui")
    if not fields.problems:
        name = _name_field(fields)
        raw = decode_b64(fields, "kunci", 32)
        _check_fingerprint(fields, raw)
        if raw is not None:
            try:
                Ed25519PublicKey.from_public_bytes(raw)
            except ValueError:
                fields.fail(fields.values["kunci"][1], "'kunci' bukan kunci publik Ed25519")
    if fields.problems:
        raise InvalidFile(fields.problems)
    assert name is not None and raw is not None
    return PublicKey(name, raw)


def read_public_key(path: str | Path) -> PublicKey:
    """Read a public key file; InvalidFile names the file and line of every problem."""
    path = Path(path)
    return parse_public_key(read_text(path, "berkas kunci publik"), str(path))


# --- own private keys ----------------------------------------------------------------------------

_SECRET_FIELDS = ("nama", "sidik-jari", "dibuat", "kunci-publik", "kdf", "garam", "nonce", "rahasia")


@dataclass(frozen=True)
class _SecretFile:
    info: KeyInfo
    kdf: ScryptParams
    salt: bytes
    nonce: bytes
    sealed: bytes


def _parse_kdf(fields: Fields) -> ScryptParams | None:
    got = fields.get("kdf")
    if got is None:
        return None
    m = re.fullmatch(r"scrypt n=(\d{1,12}) r=(\d{1,4}) p=(\d{1,4})", got[0])
    if not m:
        fields.fail(got[1], "'kdf' harus berbentuk 'scrypt n=… r=… p=…'")
        return None
    n, r, p = (int(x) for x in m.groups())
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        fields.fail(got[1], "parameter 'kdf' di luar batas yang diterima")
        return None
    return ScryptParams(n, r, p)


def _read_secret_file(path: Path) -> _SecretFile:
    fields = parse_fields(read_text(path, "berkas kunci"), str(path), SECRETKEY_FORMAT, _SECRET_FIELDS, "berkas kunci rahasia merit-tui")
    if fields.problems:
        raise InvalidFile(fields.problems)
    name = _name_field(fields)
    raw = decode_b64(fields, "kunci-publik", 32)
    _check_fingerprint(fields, raw)
    kdf = _parse_kdf(fields)
    salt = decode_b64(fields, "garam", 16)
    nonce = decode_b64(fields, "nonce", 12)
    sealed = decode_b64(fields, "rahasia", 48)
    created = fields.get("dibuat")
    if fields.problems:
        raise InvalidFile(fields.problems)
    assert name and raw and kdf and salt and nonce and sealed and created
    info = KeyInfo(name=name, created=created[0], path=path, public=PublicKey(name, raw))
    return _SecretFile(info, kdf, salt, nonce, sealed)


def list_keys(config: str | Path | None = None, *, problems: list[Problem] | None = None) -> list[KeyInfo]:
    """The user's own keys, by name. A broken key file raises InvalidFile, unless a `problems`
    list is given: then its problems are appended there and the file is skipped."""
    folder = key_dir(config)
    if not folder.is_dir():
        return []
    found: list[KeyInfo] = []
    broken: list[Problem] = []
    for path in sorted(folder.glob("*" + KEY_SUFFIX)):
        try:
            found.append(_read_secret_file(path).info)
        except InvalidFile as exc:
            broken.extend(exc.problems)
        except MeritError as exc:
            broken.append(Problem(str(path), None, None, "", exc.message))
    if broken and problems is None:
        raise InvalidFile(broken)
    if problems is not None:
        problems.extend(broken)
    return sorted(found, key=lambda k: (k.name.casefold(), k.created))


def find_key(ref: str, config: str | Path | None = None) -> KeyInfo:
    """Find one own key by name (any case), file name, or fingerprint (a prefix of 4+ hex digits)."""
    keys = list_keys(config)
    wanted = ref.strip().casefold()
    hexref = re.sub(r"[\s:-]", "", ref).upper()
    matches = [
        k
        for k in keys
        if k.name.casefold() == wanted
        or k.path.stem.casefold() == wanted
        or (len(hexref) >= 4 and k.fingerprint.replace(" ", "").startswith(hexref))
    ]
    if not matches:
        raise MeritError(f"kunci {ref!r} tidak ditemukan di {key_dir(config)}")
    if len(matches) > 1:
        listed = "; ".join(f"{k.name} ({k.fingerprint})" for k in matches)
        raise MeritError(f"{ref!r} cocok dengan lebih dari satu kunci: {listed}")
    return matches[0]


def load_key(key: KeyInfo | str | Path, passphrase: str) -> SigningKey:
    """Unlock a key file. A wrong passphrase (or an edited file) raises MeritError 'frasa sandi salah'."""
    path = key.path if isinstance(key, KeyInfo) else Path(key)
    secret = _read_secret_file(path)
    info = secret.info
    aad = _aad(info.name, info.created, info.public.raw, secret.kdf, secret.salt, secret.nonce)
    try:
        seed = AESGCM(_passphrase_key(passphrase, secret.salt, secret.kdf)).decrypt(secret.nonce, secret.sealed, aad)
    except InvalidTag:
        raise MeritError(f"{path}: frasa sandi salah (atau berkas kunci telah diubah)") from None
    private = Ed25519PrivateKey.from_private_bytes(seed)
    if private.public_key().public_bytes_raw() != info.public.raw:
        raise MeritError(f"{path}: berkas kunci rusak (kunci rahasia tidak cocok dengan kunci publiknya)")
    return SigningKey(name=info.name, public=info.public, _private=private)
