"""Writing YAML people can read and diff: long text folded, exact decimals, and every string
coming back exactly as it was written."""

from __future__ import annotations

import re
from decimal import Context, Decimal
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Readable, diffable YAML: long text folded, Decimals written as exact numbers."""


# Characters YAML treats as line breaks (NEL, U+2028/9, CR) or that are not printable: in
# plain, quoted-single and block styles they come back changed, so only "\…" escapes keep them.
_NEEDS_ESCAPE = re.compile("[\r\x85\u2028\u2029\ufeff]|[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _NEEDS_ESCAPE.search(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 70 and value == value.strip() and "  " not in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    # normalize() rounds to the context's 28 digits unless told the precision the value has.
    text = format(value.normalize(Context(prec=max(len(value.as_tuple().digits), 1))), "f")
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Decimal, _represent_decimal)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
