"""`merit score FILE --json` without the command-line library.

Scripts run it once per file, and then Python, libyaml and click starting cost more than the
work (3 ms); click alone was a fifth of it. So `merit` (__main__.py) tries this first: argv that
is exactly `[--db PATH] score FILE --json` is answered here, with the same reader, scorer and
JSON as `merit score` (cli/score.py). Any other argv, and any failure, returns None and the full
command line runs, saying what is wrong as it always does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def score_json(argv: list[str]) -> int | None:
    args = list(argv)
    db = None
    if args[:1] == ["--db"] and len(args) > 1:
        db, args = args[1], args[2:]
    elif args and args[0].startswith("--db="):
        db, args = args[0].removeprefix("--db="), args[1:]
    if len(args) != 3 or args[0] != "score" or "--json" not in args[1:]:
        return None
    ref = args[2] if args[1] == "--json" else args[1]
    if ref.startswith("-") or not Path(ref).is_file():
        return None  # a stored id, or no such file: the full command line
    try:
        from .reading import load_file
        from .scoring import score
        from .summary import to_json
        from .workspace import open_store

        store = open_store(db)
        try:
            assessment, rubric = load_file(store, ref)
        finally:
            store.close()
        text = json.dumps(to_json(assessment, score(rubric, assessment)), ensure_ascii=False, indent=2)
    except Exception:  # the full command line says what is wrong, in its words
        return None
    sys.stdout.write(text + "\n")
    return 0
