"""The command handlers: each opens the services, calls one use case and prints the result."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from offerdesk.cli.output import emit
from offerdesk.domain.money import Money
from offerdesk.paths import resolve_paths
from offerdesk.services.offers.status import parse_status
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.services.setup.info import installation_info


@contextmanager
def services_for(args: argparse.Namespace, *, upgrade_server: bool = False) -> Iterator[Services]:
    paths = resolve_paths(args.data_dir)
    services, report = open_services(paths, args.db_url, seed_demo_data=not args.no_demo, upgrade_server=upgrade_server)
    if report.upgraded_from:
        print(
            f"Upgraded the database schema from {report.upgraded_from}; backup: {report.backup}",
            file=sys.stderr,
        )
    try:
        yield services
    finally:
        services.close()


def info(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        details = installation_info(services.database, services.paths)
    if args.format == "json":
        print(json.dumps(asdict(details), indent=2))
        return 0
    print(f"OfferDesk {details.version}")
    print(f"Data folder:      {details.data_dir}")
    print(f"Database:         {details.database}")
    print(f"Schema revision:  {details.schema_revision}")
    for name, count in details.counts.items():
        print(f"{name.replace('_', ' ').capitalize() + ':':<18}{count}")
    return 0


CANDIDATE_COLUMNS = ("id", "name", "email", "stage", "role", "location", "offer_status", "readiness")


def candidates_list(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        rows = services.candidates.search(args.search)
    records = [
        {
            "id": r.id,
            "name": r.full_name,
            "email": r.email,
            "stage": r.stage.value,
            "role": r.role_title,
            "location": r.location,
            "offer_status": r.offer_status.value if r.offer_status else None,
            "readiness": r.readiness,
        }
        for r in rows
    ]
    emit(records, CANDIDATE_COLUMNS, args.format)
    return 0


OFFER_COLUMNS = ("id", "candidate", "role", "type", "status", "version", "base", "expires_on")


def offers_list(args: argparse.Namespace) -> int:
    status = parse_status(args.status) if args.status else None
    with services_for(args) as services:
        rows = services.offers.list(status=status)
    records = [
        {
            "id": r.id,
            "candidate": r.candidate_name,
            "candidate_id": r.candidate_id,
            "role": r.role_title,
            "type": r.offer_type.value,
            "status": r.status.value,
            "version": r.version,
            "base": Money(r.base_minor, r.currency).format(r.locale) if r.base_minor is not None else None,
            "base_minor": r.base_minor,
            "currency": r.currency,
            "expires_on": r.expires_on.isoformat() if r.expires_on else None,
        }
        for r in rows
    ]
    emit(records, OFFER_COLUMNS, args.format)
    return 0


def db_upgrade(args: argparse.Namespace) -> int:
    with services_for(args, upgrade_server=True) as services:
        details = installation_info(services.database, services.paths)
    print(f"The database {details.database} is at schema {details.schema_revision} (current).")
    return 0


def demo(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        if args.reset:
            services.demo.reset()
            print(f"Demo data rebuilt: {services.candidates.count()} candidates in total.")
        else:
            services.demo.clear()
            print(f"Demo data removed: {services.candidates.count()} of your own candidates remain.")
    return 0


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("info", None): info,
    ("candidates", "list"): candidates_list,
    ("offers", "list"): offers_list,
    ("db", "upgrade"): db_upgrade,
    ("demo", None): demo,
}


def _letter_handlers() -> dict[tuple[str, str | None], Callable[[argparse.Namespace], int]]:
    from offerdesk.cli import letter_commands as lc

    return {
        ("templates", "list"): lc.templates_list,
        ("templates", "fields"): lc.templates_fields,
        ("templates", "check"): lc.templates_check,
        ("templates", "add"): lc.templates_add,
        ("templates", "rename"): lc.templates_rename,
        ("templates", "archive"): lc.templates_archive,
        ("templates", "default"): lc.templates_default,
        ("letters", "export"): lc.letters_export,
        ("letters", "history"): lc.letters_history,
        ("settings", "list"): lc.settings_list,
        ("settings", "set"): lc.settings_set,
        **_call_handlers(),
    }


def _call_handlers() -> dict[tuple[str, str | None], Callable[[argparse.Namespace], int]]:
    from offerdesk.cli import (
        call_commands,
        followup_commands,
        library_commands,
        offer_commands,
        offer_json_commands,
        stats_commands,
    )

    return {
        ("scripts", "list"): library_commands.scripts_list,
        ("objections", "search"): library_commands.objections_search,
        ("library", "export"): library_commands.library_export,
        ("library", "import"): library_commands.library_import,
        ("calls", "log"): call_commands.calls_log,
        ("calls", "list"): call_commands.calls_list,
        ("followups", None): followup_commands.followups,
        ("offers", "show"): offer_json_commands.offers_show,
        ("offers", "import"): offer_json_commands.offers_import,
        ("offers", "diff"): offer_commands.offers_diff,
        ("offers", "set-status"): offer_commands.offers_set_status,
        ("offers", "key-fields"): offer_commands.offers_key_fields,
        ("roles", "list"): offer_commands.roles_list,
        ("stats", None): stats_commands.stats,
        ("roles", "set-band"): offer_commands.roles_set_band,
        ("cadence", "list"): call_commands.cadence_list,
        ("cadence", "set"): call_commands.cadence_set,
    }


def handler_for(command: str, action: str | None) -> Callable[[argparse.Namespace], int]:
    return {**HANDLERS, **_letter_handlers()}[(command, action)]
