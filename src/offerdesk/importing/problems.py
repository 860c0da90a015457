"""The errors an import file can cause, and the wording that names the file, row and column in each sentence."""

from __future__ import annotations

import re

from offerdesk.errors import OfferDeskError, ValidationError
from offerdesk.files import size_words


class ImportFileError(ValidationError):
    """A file that cannot be read as a table of candidates; `str(error)` is one sentence that says where and why."""


class ImportCancelled(OfferDeskError):
    """The user stopped the reading of a file; nothing was imported."""


_WHITESPACE = re.compile(r"\s+")


def quoted(text: str, limit: int = 60) -> str:
    """`text` in curly quotes, on one line and cut to `limit` characters, for use inside a sentence."""
    flat = _WHITESPACE.sub(" ", text).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"“{flat}”"


def at_place(file_name: str, row: int, column: str | None = None) -> str:
    """The opening words of a sentence about one place: 'Row 7, column “Email” of “x.csv”'."""
    if column is None:
        return f"Row {row} of {quoted(file_name)}"
    return f"Row {row}, column {column} of {quoted(file_name)}"


def column_words(header: str | None, index: int) -> str:
    """How a sentence names a column: by its header when it has one, else by its position (1-based)."""
    if header:
        return quoted(header, 40)
    return str(index + 1)


def megabytes(size: int) -> str:
    """A byte count the way a user reads it: '61.2 MB', '4.3 GB', '12.0 KB', '300 bytes'."""
    return size_words(size)
