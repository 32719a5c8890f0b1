"""Where the default database lives."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    env = os.environ.get("MERIT_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("merit-tui", appauthor=False)) / "merit.db"
