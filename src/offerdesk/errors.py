"""Errors a user can cause: each carries one sentence that says what went wrong and where.

The CLI prints the sentence and exits non-zero; the GUI shows it in a dialog. Anything that is not an
`OfferDeskError` is a defect and is logged with its traceback.
"""


class OfferDeskError(Exception):
    """A problem the user can fix; `str(error)` is the sentence shown to them."""


class DatabaseError(OfferDeskError):
    """The database cannot be opened, read or written."""


class DatabaseDamaged(DatabaseError):
    """The database file is damaged (or empty); OfferDesk refused to open it and changed nothing."""


class ValidationError(OfferDeskError):
    """Input that cannot be saved as given (an invalid amount, an unknown status, ...)."""


class NotFoundError(OfferDeskError):
    """A record the user named does not exist."""


class TransitionError(OfferDeskError):
    """An offer status change that the offer lifecycle does not allow."""
