"""The argument parser: one sentence on any mistake, never a usage dump or a traceback."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from offerdesk import __version__
from offerdesk.cli.output import FORMATS
from offerdesk.cli.privacy_commands import add_privacy_commands
from offerdesk.cli.team_commands import add_team_commands
from offerdesk.domain.offers import OfferType
from offerdesk.domain.text_rules import text_problem


class CliUsageError(Exception):
    """Raised instead of argparse's exit so tests and callers get the sentence."""


MAX_ID = 2**63 - 1  # the largest id SQLite (and a PostgreSQL bigint) can hold
MAX_WORKERS = 32  # as services.letters.export.MAX_BATCH_WORKERS, which the parser does not load


def record_id(text: str) -> int:
    """An id as typed: a whole number from 1 up, small enough for the database to look up."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not an id; ids are whole numbers such as 12") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} is not an id; ids are whole numbers from 1 to {MAX_ID}")
    return value


def worker_count(text: str) -> int:
    """How many letter processes a batch may start: at least one, at most MAX_WORKERS."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a number of processes") from None
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"{text} processes cannot run; use 1 to {MAX_WORKERS}")
    return value


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

    _candidate_commands(commands, common)

    offers = commands.add_parser("offers", parents=[common], help="offers")
    offer_actions = offers.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    offer_list = offer_actions.add_parser("list", parents=[common], help="list offers")
    offer_list.add_argument("--status", metavar="S", help="only offers in this status (e.g. letter_sent)")
    offer_list.add_argument("--format", choices=FORMATS, default="table")
    show = offer_actions.add_parser("show", parents=[common], help="one offer with its versions and history")
    show.add_argument("id", type=record_id)
    show.add_argument("--format", choices=("table", "json"), default="table")
    new = offer_actions.add_parser("new", parents=[common], help="a draft offer for a candidate; prints its id")
    new.add_argument("candidate", type=record_id, metavar="CANDIDATE_ID")
    new.add_argument("--type", choices=[t.value for t in OfferType], default=OfferType.WRITTEN.value)
    new.add_argument("--currency", metavar="CODE", help="ISO 4217 (default: the role's pay band, else its location)")
    new.add_argument("--locale", metavar="LOCALE", help="letter locale, e.g. de_DE (default: the job's place)")
    new.add_argument("--role", type=record_id, metavar="ROLE_ID", help="another role than the candidate's own")
    importing = offer_actions.add_parser("import", parents=[common], help="add an offer from a JSON file")
    importing.add_argument("file", metavar="FILE.json")
    diff = offer_actions.add_parser("diff", parents=[common], help="what changed between two versions")
    diff.add_argument("id", type=record_id)
    diff.add_argument("v1", type=record_id)
    diff.add_argument("v2", type=record_id)
    status = offer_actions.add_parser("set-status", parents=[common], help="move an offer to another status")
    status.add_argument("id", type=record_id)
    status.add_argument("status")
    status.add_argument(
        "--reason", default="", metavar="CODE|TEXT",
        help="declined/reneged: a decline reason code (objection code or OTHER); rescinded: why, in words",
    )  # fmt: skip
    status.add_argument("--approver", metavar="“NAME, ROLE”", help="approved: who approved it (recorded with the move)")
    status.add_argument(
        "--sent-another-way", metavar="HOW", help="letter_sent: how the letter went out when OfferDesk did not make it"
    )
    status.add_argument(
        "--if-version", type=int, metavar="N", dest="if_version",
        help="only if the offer is still at row version N (offers show prints it); else exit 3 and change nothing",
    )  # fmt: skip
    history = offer_actions.add_parser("history", parents=[common], help="who changed what in an offer, and when")
    history.add_argument("id", type=record_id)
    keys = offer_actions.add_parser("key-fields", parents=[common], help="fields whose change voids approvals")
    keys.add_argument("--set", metavar="A,B,…", help="e.g. base,title,start_date")

    roles = commands.add_parser("roles", parents=[common], help="roles and their pay bands")
    role_actions = roles.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    role_actions.add_parser("list", parents=[common], help="roles with their pay bands")
    band = role_actions.add_parser("set-band", parents=[common], help="the yearly pay band for a currency")
    band.add_argument("role", type=record_id, metavar="ROLE_ID")
    band.add_argument("currency")
    band.add_argument("min")
    band.add_argument("mid")
    band.add_argument("max")
    band.add_argument("--location", default="")

    database = commands.add_parser("db", parents=[common], help="database maintenance")
    db_actions = database.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    db_actions.add_parser("upgrade", parents=[common], help="upgrade the schema (backs up a SQLite file first)")
    copy = db_actions.add_parser("copy", parents=[common], help="copy every row to another database, checked")
    copy.add_argument("--from", dest="source", required=True, metavar="URL", help="the database to copy (only read)")
    copy.add_argument("--to", dest="target", required=True, metavar="URL", help="an empty database or a new file")
    copy.add_argument("--replace", action="store_true", help="empty a target that holds data first (backed up)")
    copy.add_argument("--yes", action="store_true", help="do not ask before replacing (needed outside a terminal)")

    _backup_commands(commands, common)
    _call_commands(commands, common)
    _letter_commands(commands, common)
    _settings_commands(commands, common)
    add_privacy_commands(commands, common, record_id)
    add_team_commands(commands, common)

    demo = commands.add_parser("demo", parents=[common], help="rebuild or remove the demo data")
    demo_choice = demo.add_mutually_exclusive_group(required=True)
    demo_choice.add_argument("--reset", action="store_true", help="remove the demo data and seed it afresh")
    demo_choice.add_argument("--clear", action="store_true", help="remove the demo data, keep your own records")
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    args = sys.argv[1:] if argv is None else argv
    _refuse_invalid_text(args)
    return build_parser().parse_args(args)


def _refuse_invalid_text(args: list[str]) -> None:
    """Bytes the terminal could not decode arrive as lone surrogates; no command can store or print them."""
    for position, arg in enumerate(args):
        if any("\ud800" <= char <= "\udfff" for char in arg):
            option = args[position - 1] if position and args[position - 1].startswith("--") else ""
            where = option.partition("=")[0] or f"Argument {position + 1}"
            problem = text_problem(arg, where)
            raise CliUsageError(problem or f"{where} is not valid text.")


IMPORT_FORMATS = ("auto", "greenhouse", "lever", "workable", "personio", "smartrecruiters", "bullhorn", "recruitee",
                  "odoo", "opencats", "frappe", "generic")  # fmt: skip
SORTS = ("name", "email", "stage", "role", "location", "offer_status", "readiness", "phone", "recruiter", "source",
         "tags", "updated")  # fmt: skip


def _candidate_fields(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    """The options of `candidates add` and `candidates edit`; on edit only the options given change anything."""
    parser.add_argument("--name", metavar="FULL NAME", help="the whole name, split at the last space (or a comma)")
    parser.add_argument("--first-name", metavar="F")
    parser.add_argument("--last-name", metavar="L")
    parser.add_argument(
        "--email",
        action="append",
        required=adding,
        metavar="E",
        help="repeat for more; the first is the primary" + ("" if adding else " (replaces all)"),
    )
    parser.add_argument("--phone", action="append", metavar="P", help="repeat for more; +country code, e.g. +49 …")
    parser.add_argument("--role", metavar="ID|TITLE", help="a role from `offerdesk roles list` (“none” for none)")
    parser.add_argument("--stage", metavar="S", help="screening, interviewing, final_round, offer, hired, …")
    parser.add_argument("--tag", action="append", metavar="T", help="repeat for more" + ("" if adding else
                        " (replaces all)"))  # fmt: skip
    if not adding:
        parser.add_argument("--add-tag", action="append", default=[], metavar="T")
        parser.add_argument("--remove-tag", action="append", default=[], metavar="T")
    parser.add_argument("--location", metavar="X")
    parser.add_argument("--source", metavar="X", help="where the candidate came from, e.g. LinkedIn")
    parser.add_argument("--recruiter", metavar="X")
    parser.add_argument("--notes", metavar="X")
    parser.add_argument("--link", action="append", metavar="URL", help="repeat for more")
    parser.add_argument("--consent-given-on", metavar="DATE", help="YYYY-MM-DD")
    parser.add_argument("--retain-until", metavar="DATE", help="YYYY-MM-DD")
    parser.add_argument("--external-id", metavar="X", help="the candidate's id in another system")


def _candidate_commands(commands: argparse._SubParsersAction[SentenceParser], common: SentenceParser) -> None:
    candidates = commands.add_parser("candidates", parents=[common], help="candidates: list, add, edit, import, …")
    actions = candidates.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    listing = actions.add_parser("list", parents=[common], help="list, search or export candidates")
    listing.add_argument("--search", default="", metavar="Q", help="words to match in name, email, role, location")
    listing.add_argument("--stage", action="append", default=[], metavar="S", help="repeat for more stages")
    listing.add_argument("--tag", action="append", default=[], metavar="T", help="repeat: candidates with every tag")
    listing.add_argument("--recruiter", action="append", default=[], metavar="R")
    scope = listing.add_mutually_exclusive_group()
    scope.add_argument("--archived", action="store_true", help="only archived candidates")
    scope.add_argument("--all", action="store_true", help="archived candidates too")
    listing.add_argument("--format", choices=(*FORMATS, "xlsx"), help="table (default), csv, json; xlsx needs --out")
    listing.add_argument("--out", metavar="FILE", help="write a .csv, .xlsx or .json file instead of printing")
    listing.add_argument("--overwrite", action="store_true", help="replace the --out file if it exists")
    listing.add_argument(
        "--columns", metavar="A,B,…", help="comma-separated, e.g. name,email,phone,tags; a wrong name lists them all"
    )
    listing.add_argument(
        "--sort",
        choices=SORTS,
        default="name",
        metavar="COLUMN",
        help="name (default), email, "
        "stage, role, location, offer_status, readiness, phone, recruiter, source, tags, updated",
    )
    listing.add_argument("--descending", action="store_true")

    add = actions.add_parser("add", parents=[common], help="add a candidate; prints the new id")
    _candidate_fields(add, adding=True)
    edit = actions.add_parser("edit", parents=[common], help="change the fields given, keep the others")
    edit.add_argument("id", type=record_id, metavar="ID")
    _candidate_fields(edit, adding=False)
    show = actions.add_parser("show", parents=[common], help="every field of a candidate and their stage history")
    show.add_argument("id", type=record_id, metavar="ID")
    show.add_argument("--format", choices=("table", "json"), default="table")
    for name, text in (("archive", "hide a candidate from the list, keeping everything"),
                       ("restore", "bring an archived candidate back")):  # fmt: skip
        actions.add_parser(name, parents=[common], help=text).add_argument("id", type=record_id, metavar="ID")
    delete = actions.add_parser("delete", parents=[common], help="delete a candidate (a copy is kept in backups)")
    delete.add_argument("id", type=record_id, metavar="ID")
    delete.add_argument("--with-offers", action="store_true", help="also delete the candidate's offers")
    delete.add_argument("--yes", action="store_true", help="do not ask (needed when not run in a terminal)")

    importing = actions.add_parser("import", parents=[common], help="add candidates from an ATS export or sheet")
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--format", choices=IMPORT_FORMATS, default="auto", help="the system the file came from")
    importing.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                           help="map a column to a field (e.g. \"Mobil=phone\"; FIELD “ignore” skips it)")  # fmt: skip
    importing.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    importing.add_argument("--on-duplicate", choices=("skip", "update", "merge"), default="skip",
                           help="what to do with a row whose email is already known")  # fmt: skip
    importing.add_argument("--skip-invalid", action="store_true", help="import the good rows, report the others")
    importing.add_argument("--report", metavar="FILE", help="where to write the rows left out (CSV)")


def _backup_commands(commands: argparse._SubParsersAction[SentenceParser], common: SentenceParser) -> None:
    backup = commands.add_parser("backup", parents=[common], help="copies of a SQLite database: make, check, restore")
    actions = backup.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    create = actions.add_parser("create", parents=[common], help="back up the database now")
    create.add_argument("--label", default="manual", type=_backup_label, help="a word in the file name")
    create.add_argument(
        "--encrypt", action="store_true", default=None, help="encrypt this backup (with the key in the keychain)"
    )
    encrypt = actions.add_parser("encrypt", parents=[common], help="encrypt every new backup, or stop")
    encrypt.add_argument("state", choices=("on", "off"), help="on: new backups are encrypted; off: they are not")
    actions.add_parser("key", parents=[common], help="show the backup key, to keep it safe or use elsewhere")
    actions.add_parser("list", parents=[common], help="the backups, newest (1) first")
    chosen = "a number from `offerdesk backup list` (1 = newest) or a backup file"
    actions.add_parser("verify", parents=[common], help="check a backup").add_argument("id", metavar="ID", help=chosen)
    restore = actions.add_parser("restore", parents=[common], help="replace the database with a backup")
    restore.add_argument("id", metavar="ID", help=chosen)
    restore.add_argument("--yes", action="store_true", help="do not ask (needed when not run in a terminal)")


def _backup_label(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.]{0,39}", text):
        raise argparse.ArgumentTypeError(f"“{text}” cannot label a backup; use up to 40 letters, digits, _ or .")
    return text


def _letter_commands(commands: argparse._SubParsersAction[SentenceParser], common: SentenceParser) -> None:
    templates = commands.add_parser("templates", parents=[common], help="the letter template library")
    actions = templates.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    listing = actions.add_parser("list", parents=[common], help="templates, their offer types and defaults")
    listing.add_argument("--all", action="store_true", help="include archived templates")
    listing.add_argument("--format", choices=FORMATS, default="table")
    actions.add_parser("fields", parents=[common], help="every field a template may use")
    check = actions.add_parser("check", parents=[common], help="pre-flight check of a .docx template")
    check.add_argument("file", metavar="FILE.docx")
    add = actions.add_parser("add", parents=[common], help="check a template and copy it into the library")
    add.add_argument("file", metavar="FILE.docx")
    add.add_argument("--name", help="name in the library (default: the file name)")
    add.add_argument("--offer-type", choices=[t.value for t in OfferType])
    add.add_argument("--locale", default="", help="letter locale it is meant for, e.g. de_DE (default: any)")
    add.add_argument("--default", action="store_true", help="make it the default for its offer type")
    adopt = actions.add_parser("adopt", parents=[common], help="adopt your own Word letter (mail merge, [brackets] …)")
    adopt.add_argument("file", metavar="FILE.docx")
    adopt.add_argument("--name", help="add it to the library under this name once every placeholder is mapped")
    adopt.add_argument("--map", action="append", default=[], metavar="PLACEHOLDER=FIELD",
                       help="fill a placeholder from an OfferDesk field (`templates fields` lists them)")  # fmt: skip
    adopt.add_argument("--text", action="append", default=[], metavar="PLACEHOLDER=TEXT",
                       help="put a fixed text in place of a placeholder")  # fmt: skip
    adopt.add_argument("--empty", action="append", default=[], metavar="PLACEHOLDER",
                       help="leave a placeholder empty on purpose")  # fmt: skip
    adopt.add_argument("--words", action="append", default=[], metavar="WORDS",
                       help='words the letter uses as a placeholder, as written ("Employee Name")')  # fmt: skip
    adopt.add_argument("--type", dest="offer_type", choices=[t.value for t in OfferType])
    adopt.add_argument("--locale", default="", help="letter locale it is meant for, e.g. de_DE (default: any)")
    rename = actions.add_parser("rename", parents=[common], help="rename a template")
    rename.add_argument("name")
    rename.add_argument("new_name")
    archive = actions.add_parser("archive", parents=[common], help="hide a template from new letters")
    archive.add_argument("name")
    archive.add_argument("--restore", action="store_true", help="bring an archived template back")
    default = actions.add_parser("default", parents=[common], help="make a template the default for an offer type")
    default.add_argument("name")
    default.add_argument("--offer-type", required=True, choices=[t.value for t in OfferType])
    default.add_argument("--locale", default="")

    letters = commands.add_parser("letters", parents=[common], help="offer letters")
    letter_actions = letters.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser,
                                            required=True)  # fmt: skip
    export = letter_actions.add_parser("export", parents=[common], help="fill letters for one offer or many")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--offer", type=record_id, metavar="ID", help="the offer to write the letter for")
    which.add_argument("--status", metavar="STATUS", help="every offer in this status (a batch; needs --out DIR)")
    export.add_argument("--template", metavar="NAME|PATH", help="a library template or a .docx file")
    export.add_argument("--out", metavar="PATH", help="file (one letter) or folder")
    export.add_argument("--overwrite", action="store_true", help="replace the --out file, or same-named letters in it")
    export.add_argument("--pdf", action="store_true", help="also convert to PDF")
    export.add_argument(
        "--workers", type=worker_count, metavar="N", help="processes for a batch (default: one per core)"
    )
    mail = letter_actions.add_parser(
        "email", parents=[common], help="an email draft (.eml) to the candidate with the letter attached"
    )
    mail.add_argument("--offer", type=record_id, metavar="ID", required=True, help="the offer whose letter to send")
    mail.add_argument("--template", metavar="NAME|PATH", help="a library template or a .docx file")
    mail.add_argument("--pdf", action="store_true", help="attach a PDF of the letter as well as the Word letter")
    mail.add_argument("--out", metavar="FILE.eml", required=True, help="the draft; the letter is written beside it")
    mail.add_argument("--overwrite", action="store_true", help="replace the draft and the letter beside it")
    history = letter_actions.add_parser("history", parents=[common], help="letters exported for an offer")
    history.add_argument("--offer", type=record_id, metavar="ID", required=True)


def _settings_commands(commands: argparse._SubParsersAction[SentenceParser], common: SentenceParser) -> None:
    settings = commands.add_parser("settings", parents=[common], help="company and signatory used in letters")
    actions = settings.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    actions.add_parser("list", parents=[common], help="show the settings")
    change = actions.add_parser("set", parents=[common], help="change a setting")
    change.add_argument("key", metavar="KEY", help="e.g. company.name")
    change.add_argument("value", metavar="VALUE")


def _call_commands(commands: argparse._SubParsersAction[SentenceParser], common: SentenceParser) -> None:
    scripts = commands.add_parser("scripts", parents=[common], help="ask scripts")
    script_actions = scripts.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    listing = script_actions.add_parser("list", parents=[common], help="scripts, by offer type")
    listing.add_argument("--offer-type", choices=[t.value for t in OfferType])
    listing.add_argument("--format", choices=FORMATS, default="table")

    objections = commands.add_parser("objections", parents=[common], help="the objection library")
    objection_actions = objections.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser,
                                                  required=True)  # fmt: skip
    search = objection_actions.add_parser("search", parents=[common], help="find objections by code, word or phrase")
    search.add_argument("text", nargs="?", default="")
    search.add_argument("--format", choices=("table", "json"), default="table")
    forget = objection_actions.add_parser("forget", parents=[common], help="forget remembered searches")
    forget.add_argument("query", nargs="?", default="", help="the search to forget (as typed)")
    forget.add_argument("--all", action="store_true", help="forget every remembered search")

    library = commands.add_parser("library", parents=[common], help="share scripts and objections as a file")
    library_actions = library.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser,
                                             required=True)  # fmt: skip
    library_actions.add_parser("export", parents=[common], help="write the whole library to a file").add_argument(
        "file"
    )
    library_actions.add_parser(
        "import", parents=[common], help="read a library file; conflicts keep both"
    ).add_argument("file")

    calls = commands.add_parser("calls", parents=[common], help="offer calls")
    call_actions = calls.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser, required=True)
    log = call_actions.add_parser("log", parents=[common], help="log an offer call")
    log.add_argument("--candidate", type=record_id, required=True, metavar="ID")
    log.add_argument("--outcome", required=True, metavar="yes|need_time|counter|no")
    log.add_argument(
        "--ask-style", metavar="S", help="direct, summary_direct, conditional, assumptive, alternative, timeline"
    )
    log.add_argument("--objection", action="append", default=[], metavar="CODE", help="repeat for each objection")
    log.add_argument("--note", default="")
    log.add_argument("--follow-up", metavar="DATE", help="next follow-up, YYYY-MM-DD")
    log.add_argument("--offer", type=record_id, metavar="ID", help="the offer discussed (default: the latest)")
    call_list = call_actions.add_parser("list", parents=[common], help="logged calls, newest first")
    call_list.add_argument("--candidate", type=record_id, metavar="ID")
    call_list.add_argument("--format", choices=FORMATS, default="table")

    stats = commands.add_parser("stats", parents=[common], help="acceptance, time to accept, declines, reneges")
    stats.add_argument(
        "--by", choices=("period", "role", "recruiter", "offer_type", "ask_style", "objection", "script")
    )
    stats.add_argument("--since", metavar="DATE", help="offers extended on or after (YYYY-MM-DD)")
    stats.add_argument("--until", metavar="DATE", help="offers extended on or before (YYYY-MM-DD)")
    stats.add_argument("--format", choices=FORMATS, default="table")

    cadence = commands.add_parser("cadence", parents=[common], help="the follow-up cadence")
    cadence_actions = cadence.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser,
                                             required=True)  # fmt: skip
    cadence_actions.add_parser("list", parents=[common], help="show the cadence")
    cadence_set = cadence_actions.add_parser("set", parents=[common], help="change one value")
    cadence_set.add_argument("field", metavar="FIELD")
    cadence_set.add_argument("value", metavar="VALUE")

    followups = commands.add_parser("followups", parents=[common], help="due and overdue follow-ups, expiring offers")
    followups.add_argument("--format", choices=("table", "json", "ics"), default="table",
                           help="ics: a calendar feed of open follow-ups, decision deadlines and expiries")  # fmt: skip
    followups.add_argument("--out", metavar="FILE", help="with --format ics: the .ics file to write")
    followups.add_argument("--zone", metavar="ZONE", help="with --format ics: time zone, e.g. Europe/Amsterdam "
                           "(default: this computer's)")  # fmt: skip
    followup_actions = followups.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser)
    followup_add = followup_actions.add_parser("add", parents=[common], help="add a follow-up by hand")
    followup_add.add_argument("--candidate", type=record_id, required=True, metavar="ID")
    followup_add.add_argument("--on", required=True, metavar="DATE", help="the day it is due, YYYY-MM-DD")
    followup_add.add_argument("--note", default="")
    followup_add.add_argument("--kind", default="check_in", help="e.g. check_in, touchpoint (default: check_in)")
    followup_add.add_argument("--offer", type=record_id, metavar="ID", help="the offer it is about")
    followup_move = followup_actions.add_parser("move", parents=[common], help="reschedule an open follow-up")
    followup_move.add_argument("id", type=record_id)
    followup_move.add_argument("date", metavar="DATE", help="the new day, YYYY-MM-DD")

    _coach_commands(commands, common)


def _coach_commands(commands: argparse._SubParsersAction[SentenceParser], common: SentenceParser) -> None:
    coach = commands.add_parser("coach", parents=[common], help="objections you lose on, the ask that wins, drills")
    coach.add_argument("--recruiter", metavar="NAME", help="whose calls (default: Recruiter name in the settings)")
    coach.add_argument("--format", choices=("table", "json"), default="table")
    coach_actions = coach.add_subparsers(dest="action", metavar="ACTION", parser_class=SentenceParser)
    drills = coach_actions.add_parser("drills", parents=[common], help="practice drills; --schedule N adds some")
    drills.add_argument("--schedule", type=int, metavar="N", help="drills on the N weakest objections without one")
    drills.add_argument("--recruiter", metavar="NAME", default=argparse.SUPPRESS)
    drills.add_argument("--format", choices=("table", "json"), default=argparse.SUPPRESS)
