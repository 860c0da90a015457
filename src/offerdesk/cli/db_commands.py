"""`offerdesk db copy --from URL --to URL [--replace] [--yes]`: one database's rows into another, checked."""

from __future__ import annotations

import argparse
import sys

from offerdesk.cli.candidate_commands import _confirmed
from offerdesk.errors import ValidationError
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.copy_plan import CopyReport
from offerdesk.services.setup.db_copy import DatabaseCopy


def db_copy(args: argparse.Namespace) -> int:
    """Replacing a database that holds data asks first on a terminal; elsewhere it needs --yes."""
    copier = DatabaseCopy(args.source, args.target, resolve_paths(args.data_dir).backup_dir)
    try:
        plan = copier.survey()
        if plan.target_rows and not args.replace:
            raise ValidationError(plan.refusal())
        if plan.target_rows and not args.yes:
            question = plan.question()
            if sys.stdin is None or not sys.stdin.isatty():
                raise ValidationError(
                    f"Replacing the data in {plan.target} needs a yes: run the command in a terminal, or add --yes."
                )
            if not _confirmed(question):
                print("Nothing was copied.")
                return 1
        report = copier.run(replace=args.replace, progress=_progress)
    finally:
        copier.close()
    _print_report(report)
    return 0


def _progress(table: str, rows: int, done: int, total: int) -> None:
    print(f"Copied {table}: {rows:,} rows ({done}/{total} tables)", file=sys.stderr, flush=True)


def _print_report(report: CopyReport) -> None:
    width = max(len(table.name) for table in report.tables)
    print(f"{'table':<{width}}  {'rows':>9}  checksum")
    for table in report.tables:
        print(f"{table.name:<{width}}  {table.rows:>9,}  {'ok' if table.ok else 'DIFFERS'}")
    if report.backup is not None:
        print(f"The data that was in {report.target} is kept in the backup {report.backup}.")
    elif report.replaced_rows:
        print(f"Replaced {report.replaced_rows:,} rows that were in {report.target}.")
    print(f"Copied {report.rows:,} rows in {len(report.tables)} tables from {report.source} to {report.target}.")
    print(f"checksum {report.checksum} (the same on both)")
