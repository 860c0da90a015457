"""A rotating log file in the user log folder: every unexpected error lands here with its traceback.

The log is private to the user (0600 file, 0700 folder on POSIX) and holds ids, never the people in the
database: a filter on every OfferDesk handler hides passwords in database URLs and email addresses.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_LEVEL_ENV = "OFFERDESK_LOG_LEVEL"  # "debug" for more detail when a problem is looked into; "info" otherwise
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_URL_PASSWORD = re.compile(r"(?P<head>(?<![\w+.-])[a-zA-Z][\w+.-]*://[^\s:/@]*:)(?P<password>[^\s@/]+)(?=@)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # from the start of a word: linear in its length


def redact(text: str) -> str:
    """`text` with URL passwords as *** and email addresses as <email>."""
    return _EMAIL.sub("<email>", _URL_PASSWORD.sub(r"\g<head>***", text))


class RedactingFilter(logging.Filter):
    """Rewrites each record's final text (message, arguments and traceback) through `redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateRotatingFileHandler(RotatingFileHandler):
    """Each log file, the first and every rotated one, is created readable by its owner only."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        Path(self.baseFilename).chmod(0o600)  # a file made by an older version was world-readable
        stream = os.fdopen(descriptor, self.mode, encoding=self.encoding, errors=self.errors)
        assert isinstance(stream, io.TextIOWrapper)
        return stream

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """A log that cannot be written (a full disk) loses the line; it never prints a traceback to the user."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def chosen_level() -> int:
    """The level OFFERDESK_LOG_LEVEL names (debug, info, warning, error), info when it names none of them."""
    return _LEVELS.get(os.environ.get(LOG_LEVEL_ENV, "").strip().lower(), logging.INFO)


def configure_logging(log_file: Path, level: int | None = None) -> Path | None:
    """Log to `log_file` (1 MB × 3 files, rotated); None if the folder cannot be written (logging stays on stderr).

    The level is `level`, or the one OFFERDESK_LOG_LEVEL names.
    """
    root = logging.getLogger("offerdesk")
    root.setLevel(level if level is not None else chosen_level())
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    try:
        log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            log_file.parent.chmod(0o700)
        handler = PrivateRotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    return log_file
