"""Passphrases and signing keys for the commands that seal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import MeritError
from ..safe_io import read_bounded


def passphrase(file: Path | None, prompt: str = "Frasa sandi kunci", confirm: bool = False) -> str:
    """From a file (scripts; its first line), else asked without echo. Never from the command
    line or the environment, where other people and programs can read it."""
    if file is not None:
        try:
            text = read_bounded(file, 4096).decode("utf-8")
        except UnicodeDecodeError:
            raise MeritError(f"{file}: berkas frasa sandi bukan teks UTF-8") from None
        return text.splitlines()[0] if text else ""
    if not sys.stdin.isatty():  # a script or a pipe: getpass would warn in English and echo the input
        raise MeritError(f"{prompt.lower()} diperlukan, tetapi tidak ada terminal untuk menanyakannya; "
                         "tulis frasa sandi di baris pertama sebuah berkas dan pakai --passphrase-file BERKAS")
    return click.prompt(prompt, hide_input=True, confirmation_prompt="Ulangi frasa sandi" if confirm else False)


def signing_key(name: str | None, passphrase_file: Path | None):
    """The verifier's key, unlocked; None if they have no key (the move is then not sealed)."""
    from ..trust.keys import find_key, list_keys, load_key

    if name is not None:
        info = find_key(name)
    else:
        keys = list_keys()
        if not keys:
            return None
        if len(keys) > 1:
            names = ", ".join(k.name for k in keys)
            raise MeritError(f"ada beberapa kunci ({names}); pilih dengan --key NAMA")
        info = keys[0]
    return load_key(info, passphrase(passphrase_file, f"Frasa sandi kunci {info.name}"))
