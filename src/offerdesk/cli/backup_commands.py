"""Handlers of `offerdesk backup …`: create, list, verify, restore, encrypt on|off, key (SQLite backups only)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from offerdesk.cli.candidate_commands import _confirmed
from offerdesk.cli.session import services_for
from offerdesk.errors import DatabaseError, ValidationError
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_backups

if TYPE_CHECKING:
    from offerdesk.services.setup.backups import BackupService


def backup_create(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        made = services.backups.create(args.label, encrypt=args.encrypt)
    sealed = ", encrypted" if made.encrypted else ""
    print(f"Backed up the database to {made.path} ({made.shown_size}{sealed}).")
    return 0


def backup_encrypt(args: argparse.Namespace) -> int:
    """Turning encryption on makes the key at once, so a keychain that cannot keep it is said now, not later."""
    on = args.state == "on"
    with services_for(args) as services:
        server = services.backups.not_applicable()
        if server is not None:  # no backup file of a server database is written, so none is encrypted
            raise DatabaseError(server)
        if on:
            services.backups.keys.for_writing()
        services.settings.set_backup_encrypted(on)
    if on:
        print(
            "New backups of this database are encrypted with the backup key in this computer's keychain; "
            "`offerdesk backup key` shows the key, to keep it somewhere safe."
        )
    else:
        print("New backups of this database are not encrypted; encrypted ones already made stay encrypted.")
    return 0


def backup_key(args: argparse.Namespace) -> int:
    """The key is printed only when asked for, on the terminal, never into a file or the log."""
    print(_backups(args).keys.shown())
    return 0


def _backups(args: argparse.Namespace) -> BackupService:
    """Listing, checking and restoring never open the database: they are how a damaged one is put right."""
    return open_backups(resolve_paths(args.data_dir), args.db_url)


def backup_list(args: argparse.Namespace) -> int:
    service = _backups(args)
    server = service.not_applicable()
    backups = [] if server else service.list()
    if server:
        print(server)
        return 0
    if not backups:
        print("No backups yet; `offerdesk backup create` makes one.")
        return 0
    print(f"{'#':>3}  {'taken':<16}  {'label':<20}  {'size':>8}  {'encrypted':<9}  file")
    for number, backup in enumerate(backups, start=1):
        sealed = "yes" if backup.encrypted else "no"
        print(
            f"{number:>3}  {backup.shown_time:<16}  {backup.label:<20}  {backup.shown_size:>8}  {sealed:<9}  "
            f"{backup.path.name}"
        )
    return 0


def backup_verify(args: argparse.Namespace) -> int:
    print(_backups(args).verify(args.id))
    return 0


def backup_restore(args: argparse.Namespace) -> int:
    """Asks first on a terminal; elsewhere it needs --yes, because the database as it is gets replaced."""
    service = _backups(args)
    server = service.not_applicable()
    if server is not None:  # a server has no backup files of ours to restore from
        raise DatabaseError(server)
    backup = service.find(args.id)
    name = service.database_name
    question = (
        f"Replace the database {name} with the backup of {backup.shown_time} "
        f"({backup.label})? The current data is backed up first."
    )
    if not args.yes:
        if sys.stdin is None or not sys.stdin.isatty():
            raise ValidationError(
                f"Restoring {backup.path.name} replaces {name} and needs a yes: "
                "run the command in a terminal, or add --yes."
            )
        if not _confirmed(question):
            print("Nothing was restored.")
            return 1
    print(service.restore(str(backup.path)))
    return 0
