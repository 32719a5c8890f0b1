"""Command palette: every described binding of the current screen, by its Indonesian name."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import Hit, Hits, Provider


class ScreenActions(Provider):
    async def search(self, query: str) -> Hits:
        screen = self.screen
        matcher = self.matcher(query)
        seen: set[str] = set()
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            score = matcher.match(binding.description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(binding.description),
                    partial(screen.run_action, binding.action),
                    help=f"tombol {binding.key.split(',')[0]}",
                )
