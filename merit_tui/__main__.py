"""`merit` and `python -m merit_tui`: the one-file score in quick.py when argv asks for exactly
that, else the click command line (cli/)."""

import sys


def main() -> None:
    from .quick import score_json

    code = score_json(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
