"""merit-tui: a terminal workbench for the Indeks Sistem Merit and the NSPK index."""

import os
import sys
import types

# pydantic scans every installed distribution for plugins on first use (tens of ms on
# each `merit score`); merit-tui uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true") and "pydantic.plugin._loader" not in sys.modules:
    # With plugins off, pydantic's loader only ever answers "none"; importing it would still
    # import importlib.metadata (about 25 ms of a 0.5 s command). If pydantic ever needs more
    # from this module, every validation fails and the test suite says so at once.
    _loader = types.ModuleType("pydantic.plugin._loader")
    _loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = _loader

__version__ = "0.1.0"
