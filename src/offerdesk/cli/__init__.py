"""The command-line face of OfferDesk: the same services as the GUI, no Qt.

`offerdesk` with no command opens the app; with a command it runs it and exits. A mistake the user can fix
prints one sentence to stderr and exits 1 (2 for a usage mistake, 3 when a teammate saved the record after it
was read: nothing was written); --debug shows the traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from offerdesk.cli.window_args import window_arguments
from offerdesk.errors import EditConflict, OfferDeskError

log = logging.getLogger("offerdesk.cli")


ID_ARGUMENTS = ("id", "candidate", "offer", "role")  # the record ids a command names (record_id in parser.py)


def command_line_for_log(argv: list[str], args: argparse.Namespace) -> str:
    """The command, its option names and ids as typed; every other value (a note, a URL, a path, an amount such
    as a pay band's figures, which are digits too) is left out."""
    words = {args.command, getattr(args, "action", None)}
    ids = {str(value) for name in ID_ARGUMENTS if isinstance(value := getattr(args, name, None), int)}
    shown = []
    for token in argv:
        if token.startswith("-") and not token.lstrip("-").isdigit():
            name, equals, _value = token.partition("=")
            shown.append(f"{name}=<redacted>" if equals else name)
        elif token in words or token in ids:
            shown.append(token)
        else:
            shown.append("<redacted>")
    return " ".join(shown)


def main(argv: list[str] | None = None) -> int:
    window = window_arguments(sys.argv[1:] if argv is None else argv)  # a window start skips the full parser
    if window is not None:
        from offerdesk.app import run_gui

        return run_gui(window)
    from offerdesk.cli.parser import CliUsageError, parse

    try:
        args = parse(argv)
    except CliUsageError as error:
        print(f"offerdesk: {error}", file=sys.stderr)
        return 2
    if args.command is None:
        from offerdesk.app import run_gui

        return run_gui(args)
    from offerdesk.cli.handlers import handler_for
    from offerdesk.logs import configure_logging
    from offerdesk.paths import resolve_paths

    log_file = configure_logging(resolve_paths(args.data_dir).log_file)  # what a command logs lands in the log
    handler = handler_for(args.command, getattr(args, "action", None))
    try:
        return handler(args)
    except OfferDeskError as error:
        if args.debug:
            raise
        print(f"offerdesk: {error}", file=sys.stderr)
        return EditConflict.EXIT_CODE if isinstance(error, EditConflict) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; nothing more to say.
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115
        return 0
    except Exception:
        if args.debug:
            raise
        typed = command_line_for_log(sys.argv[1:] if argv is None else argv, args)
        log.exception("unexpected error in `offerdesk %s`", typed)
        where = f"; the details are in {log_file}" if log_file else ""
        print(f"offerdesk: an unexpected error stopped the command{where}.", file=sys.stderr)
        return 70
