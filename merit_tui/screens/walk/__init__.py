"""The walk through an assessment's items (screen.py), with what varies per instrument kind and
role as data (spec.py) and the saving of typed notes (saving.py)."""

from .screen import WalkScreen

__all__ = ["WalkScreen"]
