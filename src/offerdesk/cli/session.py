"""Opening the services for one command: the same container the window uses, closed when the command ends."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services


@contextmanager
def services_for(args: argparse.Namespace, *, upgrade_server: bool = False) -> Iterator[Services]:
    paths = resolve_paths(args.data_dir)
    services, report = open_services(paths, args.db_url, seed_demo_data=not args.no_demo, upgrade_server=upgrade_server)
    if report.upgraded_from:
        backup = f"; backup: {report.backup}" if report.backup is not None else ""  # none of a server database
        print(f"Upgraded the database schema from {report.upgraded_from}{backup}", file=sys.stderr)
    try:
        yield services
    finally:
        services.close()
