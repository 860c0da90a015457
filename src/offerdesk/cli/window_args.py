"""The arguments of a plain window start, read without building the whole command-line parser.

`offerdesk` with only the global options opens the window; building the parser of every command (and importing
what its choices name) costs about a tenth of a second that a recruiter waits for on each start. Anything beyond
those options, or anything unusual, returns None and goes through the full parser, which gives the same
namespace for a window start (tests/unit/cli/test_window_args.py holds the two in step).
"""

from __future__ import annotations

import argparse

VALUE_OPTIONS = {"--data-dir": "data_dir", "--db-url": "db_url"}
FLAGS = {"--no-demo": "no_demo", "--debug": "debug"}


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The namespace the full parser would give a window start, or None when `argv` is anything else."""
    found: dict[str, object] = {"command": None, "data_dir": None, "db_url": None, "no_demo": False, "debug": False}
    if any("\ud800" <= char <= "\udfff" for token in argv for char in token):
        return None  # the full parser says what is wrong with the text
    position = 0
    while position < len(argv):
        token = argv[position]
        name, equals, value = token.partition("=")
        if name in VALUE_OPTIONS:
            if not equals:
                position += 1
                if position == len(argv) or argv[position].startswith("-"):
                    return None
                value = argv[position]
            if not value:
                return None
            found[VALUE_OPTIONS[name]] = value
        elif token in FLAGS:
            found[FLAGS[token]] = True
        else:
            return None
        position += 1
    return argparse.Namespace(**found)
