"""merit-tui: a terminal workbench for the Indeks Sistem Merit and the NSPK index."""

import os

# pydantic scans every installed distribution for plugins on first use (tens of ms on
# each `merit score`); merit-tui uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"
