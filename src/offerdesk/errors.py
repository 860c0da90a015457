"""Errors a user can cause: each carries one sentence that says what went wrong and where.

The CLI prints the sentence and exits non-zero; the GUI shows it in a dialog. Anything that is not an
`OfferDeskError` is a defect and is logged with its traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


class OfferDeskError(Exception):
    """A problem the user can fix; `str(error)` is the sentence shown to them."""


class DatabaseError(OfferDeskError):
    """The database cannot be opened, read or written."""


class DatabaseDamaged(DatabaseError):
    """The database file is damaged (or empty); OfferDesk refused to open it and changed nothing.

    `finding` is what was found without the command-line advice, for a window that offers the restore itself."""

    def __init__(self, message: str, finding: str | None = None) -> None:
        super().__init__(message)
        self.finding = finding or message


class ServerUnreachable(DatabaseError):
    """The team's database server could not be reached (down, unreachable, or the connection dropped)."""

    def __init__(self, message: str, server: str = "") -> None:
        super().__init__(message)
        self.server = server


class ValidationError(OfferDeskError):
    """Input that cannot be saved as given (an invalid amount, an unknown status, ...)."""


class NotFoundError(OfferDeskError):
    """A record the user named does not exist."""


class TransitionError(OfferDeskError):
    """An offer status change that the offer lifecycle does not allow."""


class DiskFull(OfferDeskError):
    """The disk a file (a letter, an export, a backup, the database) goes to has no room left; nothing was written."""

    @classmethod
    def writing(cls, what: str, folder: Path, *, elsewhere: bool = True) -> DiskFull:
        other = " or choose another folder" if elsewhere else ""
        return cls(
            f"The disk is full: {what} could not be written to {folder}, and nothing was saved there; "
            f"free some space on that disk{other}, then try again."
        )


def is_disk_full(error: BaseException) -> bool:
    """An OSError that says the disk (or the user's quota on it) has no room left."""
    return isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS


class EditConflict(OfferDeskError):
    """A save refused because a teammate saved the same record after this one was read; nothing was written.

    `record` names what it is about ("this offer", "candidate 12"), so a window can offer to reload it."""

    EXIT_CODE = 3  # the CLI's exit status for a refused stale save (1 is any other mistake, 2 a usage one)

    def __init__(self, message: str, record: str = "") -> None:
        super().__init__(message)
        self.record = record

    @classmethod
    def about(cls, record: str) -> EditConflict:
        return cls(
            f"Someone else saved {record} after you opened it; nothing of yours was saved yet. Reload to see "
            "their version, then make your change again.",
            record,
        )


class NotPermitted(DatabaseError):
    """The team role of the login does not allow this change; the server refused it and nothing was saved."""
