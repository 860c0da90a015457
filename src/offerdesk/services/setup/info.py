"""What `offerdesk info` and the About box report about an installation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from offerdesk import __version__
from offerdesk.paths import AppPaths
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


def installation_info(database: Database, paths: AppPaths) -> InstallationInfo:
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
    )
