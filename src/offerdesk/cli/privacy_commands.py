"""`offerdesk privacy …`: a candidate's data exported, erased or anonymised, and the retention rule applied.

Erasing and anonymising cannot be undone from the app, so without --yes each command lists what it would do and
exits 1; with --yes it backs the database up first and says where.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offerdesk.domain.wording import plural

if TYPE_CHECKING:
    from offerdesk.services.privacy.service import Plan, PrivacyService, Report
    from offerdesk.services.setup.bootstrap import Services

Handler = Callable[[argparse.Namespace], int]


def add_privacy_commands(
    commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser, record_id: Callable[[str], int]
) -> None:
    """The `privacy` command; `record_id` is the parser's range-checked id type, its parsers are `common`'s kind."""
    privacy = commands.add_parser("privacy", parents=[common], help="a candidate's data: export, erase, anonymise")
    actions = privacy.add_subparsers(dest="action", metavar="ACTION", parser_class=type(common), required=True)
    export = actions.add_parser("export", parents=[common], help="everything stored about a candidate, as a zip")
    export.add_argument("--candidate", type=record_id, required=True, metavar="ID")
    export.add_argument("--out", metavar="FILE", help="the zip to write (default: candidate-ID-personal-data.zip)")
    export.add_argument("--overwrite", action="store_true", help="replace the --out file if it exists")
    helps = {
        "erase": "remove a candidate and their letters for good (backs up first)",
        "anonymise": "replace what identifies a candidate, keep the figures (backs up first)",
    }
    for name, text in helps.items():
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("--candidate", type=record_id, required=True, metavar="ID")
        action.add_argument("--yes", action="store_true", help="do it (without it, lists what it would do)")
        if name == "erase":
            action.add_argument(
                "--purge-backups", action="store_true", help="also delete the backups that still hold the candidate"
            )
    purge = actions.add_parser("purge", parents=[common], help="apply the retention rule (anonymise who is due)")
    purge.add_argument("--dry-run", action="store_true", help="only list who is due, why, and their last activity")
    purge.add_argument("--yes", action="store_true", help="anonymise them (without it, lists them)")


def privacy_handlers() -> dict[tuple[str, str | None], Handler]:
    return {
        ("privacy", "export"): privacy_export,
        ("privacy", "erase"): privacy_erase,
        ("privacy", "anonymise"): privacy_anonymise,
        ("privacy", "purge"): privacy_purge,
    }


def _service(services: Services) -> PrivacyService:
    from offerdesk.services.privacy.service import privacy_service

    return privacy_service(services)


def _open(args: argparse.Namespace) -> Any:
    from offerdesk.cli.session import services_for

    return services_for(args)


def privacy_export(args: argparse.Namespace) -> int:
    from offerdesk.cli.targets import checked_file

    out = Path(args.out).expanduser() if args.out else Path(f"candidate-{args.candidate}-personal-data.zip")
    with _open(args) as services:
        privacy = _service(services)
        plan = privacy.plan(args.candidate)
        target = privacy.export(args.candidate, checked_file(out.absolute(), args.overwrite))
    print(f"Wrote everything stored about {plan.name} ({plan.summary()}) to {target}.")
    return 0


def _first(services: Services) -> str:
    """What happens before the change: a backup of a SQLite file; a server is backed up by its administrator."""
    return "A backup of the database is taken first. " if services.backups.not_applicable() is None else ""


def _refuse(doing: str, command: str, plan: Plan, first: str, extra: str = "") -> int:
    print(f"{doing} {plan.name} (candidate {plan.candidate_id}) changes {plan.records()}.")
    print(f"{first}{extra}Nothing was changed: add --yes to {command}.")
    return 1


def _told(report: Report, done: str) -> None:
    if report.backup is not None:
        print(f"Backed up the database first to {report.backup.path}.")
    print(f"{done} {report.name} (candidate {report.candidate_id}): {report.plan.records()}.")
    for problem in report.problems:
        print(f"offerdesk: {problem}", file=sys.stderr)
    if not report.log_emptied:
        print(
            "offerdesk: another OfferDesk window is reading the database, so its log still holds the old data; "
            "closing every OfferDesk window empties it.",
            file=sys.stderr,
        )


def _held(report: Report) -> str:
    lines = "\n".join(f"  {copy.path} ({copy.kind})" for copy in report.held)
    verb = "holds" if len(report.held) == 1 else "hold"
    return f"{plural(len(report.held), 'copy')} outside the database still {verb} {report.name}:\n{lines}"


def privacy_erase(args: argparse.Namespace) -> int:
    with _open(args) as services:
        privacy = _service(services)
        plan = privacy.plan(args.candidate)
        if not args.yes:
            extra = "With --purge-backups, the backups holding them are deleted too. "
            return _refuse("Erasing", "erase", plan, _first(services), extra)
        report = privacy.erase(args.candidate).value
        _told(report, "Erased")
        if not report.held:
            return 0
        if not args.purge_backups:
            print(_held(report))
            print("Delete those files to finish the erasure (--purge-backups deletes them along with it).")
            return 0
        removed, problems = privacy.purge_copies(report.held)
    print(f"Deleted {plural(len(removed), 'copy')} that still held {report.name}:")
    for path in removed:
        print(f"  {path}")
    for problem in problems:
        print(f"offerdesk: {problem}", file=sys.stderr)
    return 1 if problems else 0


def privacy_anonymise(args: argparse.Namespace) -> int:
    with _open(args) as services:
        privacy = _service(services)
        plan = privacy.plan(args.candidate)
        if not args.yes:
            return _refuse("Anonymising", "anonymise", plan, _first(services))
        report = privacy.anonymise(args.candidate).value
    _told(report, "Anonymised")
    if report.held:
        print(_held(report))
    return 0


def privacy_purge(args: argparse.Namespace) -> int:
    with _open(args) as services:
        privacy = _service(services)
        due = privacy.retention_preview()
        if not due:
            print("No candidate is due for anonymising under the retention rule.")
            return 0
        if args.dry_run or not args.yes:
            print(f"{plural(len(due), 'candidate')} due for anonymising:")
            print(f"{'id':>6}  {'last activity':<16}  {'name':<30}  why")
            for item in due:
                shown = item.last_activity.strftime("%Y-%m-%d %H:%M")
                print(f"{item.candidate_id:>6}  {shown:<16}  {item.name[:30]:<30}  {item.why}")
            if args.dry_run:
                return 0
            first = " (a backup of the database is taken first)" if _first(services) else ""
            print(f"Nothing was changed: add --yes to anonymise them{first}.")
            return 1
        reports = privacy.apply_retention().value
    for report in reports:
        print(f"Anonymised {report.name} (candidate {report.candidate_id}).")
    return 0
