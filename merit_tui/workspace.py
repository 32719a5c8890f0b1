"""Where a user works: the default database, seeded with the bundled rubrics and examples on
first use."""

from __future__ import annotations

import os
from pathlib import Path

from .store import Store


def default_db_path() -> Path:
    env = os.environ.get("MERIT_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when no --db or MERIT_DB says where

    return Path(user_data_dir("merit-tui", appauthor=False)) / "merit.db"


def open_store(path: str | Path | None = None, seed: bool = True) -> Store:
    """The store at `path` (default: the user's data folder); a new database gets the bundled
    rubrics and example assessments."""
    store, existed = Store.open_new(path or default_db_path())
    if not existed and seed:
        # only a new database pays for YAML and the importer; listing an existing one needs neither
        from . import bundled
        from .importing import import_all

        try:
            import_all(store, [*bundled.rubric_files(), *bundled.example_files()], who="merit-tui", bundled=True)
        except BaseException:
            store.close()
            raise
    return store

