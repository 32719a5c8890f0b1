"""'Label: value' lines as rich Text: rubric and response text may hold brackets and backslashes,
so values are never read as markup."""

from __future__ import annotations

from rich.text import Text


def labelled(*rows: tuple[str, str]) -> Text:
    """'Label: value' lines, the label bold and the value exactly as it is."""
    out = Text()
    for i, (label, value) in enumerate(rows):
        if i:
            out.append("\n")
        out.append(label, style="bold")
        out.append(": ")
        out.append(value)
    return out
