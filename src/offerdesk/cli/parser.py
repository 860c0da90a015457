"""The argument parser: one sentence on any mistake, never a usage dump or a traceback."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from offerdesk import __version__
from offerdesk.cli.output import FORMATS


class CliUsageError(Exception):
    """Raised instead of argparse's exit so tests and callers get the sentence."""


class SentenceParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliUsageError(_rephrase(message, self.prog))


def _rephrase(message: str, prog: str) -> str:
    choice = re.match(r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)", message)
    if choice:
        name, given, options = choice.groups()
        options = options.replace("'", "")
        if name in ("COMMAND", "ACTION"):
            return f"“{given}” is not a command of `{prog}`; try one of: {options}."
        return f"{name} must be one of {options} (got “{given}”)."
    unknown = re.match(r"unrecognized arguments: (.*)", message)
    if unknown:
        return f"`{prog}` does not understand {unknown.group(1)}; see `{prog} --help`."
    return f"{message[0].upper()}{message[1:]} (see `{prog} --help`)."


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder for the database, settings, logs and letters (env OFFERDESK_DATA_DIR)",
    )
    parser.add_argument(
        "--db-url",
        metavar="URL",
        default=default,
        help="database URL, e.g. a shared postgresql:// server (env OFFERDESK_DB_URL)",
    )
    parser.add_argument(
        "--no-demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="start a new database empty, without the demo data",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show full tracebacks",
    )


def build_parser() -> SentenceParser:
    parser = SentenceParser(
        prog="offerdesk",
        description="OfferDesk: prepare, make and measure the job offer ask. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"OfferDesk {__version__}")
    _global_options(parser, suppress=False)
    common = SentenceParser(add_help=False)
    _global_options(common, suppress=True)

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=SentenceParser)

    info = commands.add_parser("info", parents=[common], help="data folder, database, schema revision, counts")
    info.add_argument("--format", choices=("table", "json"), default="table")

    candidates = commands.add_parser("candidates", parents=[common], help="candidate list")
    candidate_actions = candidates.add_subparsers(
        dest="action", metavar="ACTION", parser_class=SentenceParser, required=True
    )
    listing = candidate_actions.add_parser("list", parents=[common], help="list or search candidates")
    listing.add_argument("--search", default="", metavar="Q", help="words to match in name, email, role, location")
    listing.add_argument("--format", choices=FORMATS, default="table")

    offers = commands.add_parser("offers", parents=[common], help="offers")
    offer_actions = offers.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    offer_list = offer_actions.add_parser("list", parents=[common], help="list offers")
    offer_list.add_argument("--status", metavar="S", help="only offers in this status (e.g. letter_sent)")
    offer_list.add_argument("--format", choices=FORMATS, default="table")

    database = commands.add_parser("db", parents=[common], help="database maintenance")
    db_actions = database.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    db_actions.add_parser("upgrade", parents=[common], help="upgrade the schema (backs up a SQLite file first)")

    demo = commands.add_parser("demo", parents=[common], help="rebuild or remove the demo data")
    demo_choice = demo.add_mutually_exclusive_group(required=True)
    demo_choice.add_argument("--reset", action="store_true", help="remove the demo data and seed it afresh")
    demo_choice.add_argument("--clear", action="store_true", help="remove the demo data, keep your own records")
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(sys.argv[1:] if argv is None else argv)
