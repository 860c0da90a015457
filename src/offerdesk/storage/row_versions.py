"""The row version an editor read, checked when it saves: a save over a teammate's newer one is refused.

SQLAlchemy's version_id_col already refuses a write whose row changed between the read and the write of one
transaction; an editor reads in one transaction and saves in a later one, so it names the version it read.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from offerdesk.domain.clock import utc_now
from offerdesk.errors import EditConflict


def check_version(row: Any, expected: int | None, record: str) -> None:
    """Refuse with the conflict sentence naming `record` when `row` was saved since version `expected`."""
    if expected is not None and row.row_version != expected:
        raise EditConflict.about(record)


def touch(row: Any) -> None:
    """Make the save write this row (so its version moves) even when only rows hanging off it changed.

    `updated_at` is set to now and then flagged: flagged alone it would be written with the value it had, keeping
    the record's last-activity time (the retention clock reads it) from moving; set alone, a save within the same
    second as the last one would write nothing."""
    row.updated_at = utc_now()
    flag_modified(row, "updated_at")
