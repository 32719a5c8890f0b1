"""What the line-drawn lists (Beranda's table, the walk's items) share: their keys, and how the
line under the cursor looks, with the list focused or not."""

from __future__ import annotations

from textual.binding import Binding

KEYS = [
    Binding("up", "cursor(-1)", "Naik", show=False),
    Binding("down", "cursor(1)", "Turun", show=False),
    Binding("pageup", "page(-1)", "Halaman naik", show=False),
    Binding("pagedown", "page(1)", "Halaman turun", show=False),
    Binding("home", "edge(0)", "Awal", show=False),
    Binding("end", "edge(1)", "Akhir", show=False),
    Binding("enter", "select", "Pilih", show=False),
]


def cursor_css(component: str) -> str:
    """The rules for the `component` class of the cursor line, inside the widget's CSS block."""
    return f"""
        & > .{component} {{
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }}
        &:focus {{
            background-tint: $foreground 5%;
            & > .{component} {{
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }}
        }}"""
