"""The `merit` command line: `run` turns every failure into a short message and an exit code."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from ..errors import InvalidFile, MeritError
from ..safe_io import FileExists
from ..store import database_error
from .root import cli


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
    except FileExists as exc:
        click.echo(f"Galat: {exc.message}; pakai --force untuk menimpanya", err=True)
        return exc.exit_code
    except MeritError as exc:
        click.echo(exc.message if isinstance(exc, InvalidFile) else f"Galat: {exc.message}", err=True)
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
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
