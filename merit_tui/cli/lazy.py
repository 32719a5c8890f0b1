"""A click group that imports a subcommand's module only when that subcommand runs, so each
command pays only for what it needs (`merit score` never imports Textual)."""

from __future__ import annotations

import importlib

import click

from ..cli_i18n import localize


class LazyGroup(click.Group):
    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}  # name -> "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, attr = self.lazy[name].split(":")
            return localize(getattr(importlib.import_module(module), attr))
        return super().get_command(ctx, name)
