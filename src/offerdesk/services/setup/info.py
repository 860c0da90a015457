"""What `offerdesk info` and the About box report about an installation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from offerdesk import __version__
from offerdesk.paths import AppPaths
from offerdesk.services.setup.secrets import keychain_backend, keychain_backends_known
from offerdesk.storage.db import Database
from offerdesk.storage.schema import current_revision
from offerdesk.storage.tables import (
    CallLog,
    Candidate,
    FollowUp,
    LetterTemplate,
    Objection,
    Offer,
    Role,
    Script,
)


@dataclass(frozen=True)
class InstallationInfo:
    version: str
    data_dir: str
    database: str
    database_url: str
    schema_revision: str
    counts: dict[str, int]
    keychain: str = ""
    keychain_backends: tuple[str, ...] = ()


_COUNTED = {
    "candidates": Candidate,
    "roles": Role,
    "offers": Offer,
    "calls": CallLog,
    "follow_ups": FollowUp,
    "scripts": Script,
    "objections": Objection,
    "templates": LetterTemplate,
}


def installation_info(database: Database, paths: AppPaths, *, with_keychain: bool = False) -> InstallationInfo:
    """The keychain is named only when asked: finding it loads keyring and its backends (a D-Bus call on Linux)."""
    revision = current_revision(database) or "none"
    with database.transaction() as session:
        counts = {
            name: int(session.scalar(select(func.count()).select_from(table)) or 0) for name, table in _COUNTED.items()
        }
    return InstallationInfo(
        version=__version__,
        data_dir=str(paths.data_dir),
        database=database.display_name,
        database_url=database.url if database.is_sqlite else database.display_name,
        schema_revision=revision,
        counts=counts,
        keychain=keychain_backend() if with_keychain else "",
        keychain_backends=tuple(keychain_backends_known()) if with_keychain else (),
    )
