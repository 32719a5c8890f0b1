"""merit-tui: a terminal workbench for the Indeks Sistem Merit and the NSPK index."""

__version__ = "0.1.0"
