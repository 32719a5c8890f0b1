"""Who is at the keyboard, until they say: their login name."""

from __future__ import annotations

import getpass


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "pengguna"
