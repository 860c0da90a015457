"""The command handlers: each opens the services, calls one use case and prints the result."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from offerdesk.cli.output import emit, interface_locale, words_of
from offerdesk.cli.session import services_for
from offerdesk.domain.money import Money
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.domain.wording import plural
from offerdesk.services.offers.status import parse_status
from offerdesk.services.setup.data_location import location_warning
from offerdesk.services.setup.info import installation_info


def info(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        details = installation_info(services.database, services.paths, with_keychain=True)
    if args.format == "json":
        print(json.dumps(asdict(details), indent=2))
        return 0
    print(f"OfferDesk {details.version}")
    print(f"Data folder:      {details.data_dir}")
    warning = location_warning(services.paths.data_dir)
    if warning:
        print(f"Warning:          {warning}")
    print(f"Database:         {details.database}")
    print(f"Schema revision:  {details.schema_revision}")
    print(f"Keychain:         {details.keychain}")
    for name, count in details.counts.items():
        print(f"{name.replace('_', ' ').capitalize() + ':':<18}{count}")
    return 0


OFFER_COLUMNS = ("id", "candidate", "role", "type", "status", "version", "base", "expires_on")


def offers_list(args: argparse.Namespace) -> int:
    status = parse_status(args.status) if args.status else None
    with services_for(args) as services:
        rows = services.offers.list(status=status)
    table = args.format == "table"
    records = [
        {
            "id": r.id,
            "candidate": r.candidate_name,
            "candidate_id": r.candidate_id,
            "role": r.role_title,
            "type": r.offer_type.value,
            "status": r.status.value,
            "version": r.version,
            "base": Money(r.base_minor, r.currency).format(interface_locale() if table else r.locale)
            if r.base_minor is not None
            else None,
            "base_minor": r.base_minor,
            "currency": r.currency,
            "expires_on": r.expires_on.isoformat() if r.expires_on else None,
        }
        for r in rows
    ]
    emit(records, OFFER_COLUMNS, args.format, shown={"type": words_of(OfferType), "status": words_of(OfferStatus)})
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
            print(f"Demo data rebuilt: {plural(services.candidates.count(), 'candidate')} in total.")
        else:
            report = services.demo.clear_with_report().value
            print(f"{report.sentence()} {services.candidates.count()} of your own candidates remain.")
    return 0
