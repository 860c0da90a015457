"""No exception passes silently: each one is logged with its traceback and shown to the user in a dialog.

PySide6 prints an exception raised inside a slot and carries on; this hook makes it visible instead.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from offerdesk.errors import OfferDeskError
from offerdesk.ui.dialogs.prompter import Prompter

log = logging.getLogger("offerdesk.ui")

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def _what_it_means(error: BaseException) -> str:
    """Only an error away from the database leaves the saved work as it was; a database failure may not.

    Every database driver names its base error DatabaseError (PEP 249), as SQLAlchemy does, so the class names tell
    without the window importing a database layer.
    """
    if any(kind.__name__ == "DatabaseError" for kind in type(error).__mro__):
        return (
            "The database reported a failure, so this change may not have been saved; close OfferDesk and open it "
            "again: OfferDesk checks the database when it starts and changes nothing if it finds damage."
        )
    return "Your saved work is safe."


class ExceptionReporter:
    def __init__(self, prompter: Prompter, log_file: Path | None) -> None:
        self.prompter = prompter
        self.log_file = log_file
        self._showing = False

    def __call__(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if isinstance(error, OfferDeskError):
            log.warning("refused: %s", error.__class__.__name__)  # its sentence may name a person
            self._show("OfferDesk", str(error), "")
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unexpected error\n%s", details)
        where = f"\n\nThe details were written to {self.log_file}." if self.log_file else ""
        self._show(
            "Unexpected error",
            f"Something went wrong: {error.__class__.__name__}: {error}. {_what_it_means(error)}{where}",
            details,
        )

    def _show(self, title: str, text: str, details: str) -> None:
        if self._showing:  # an error while the dialog is up must not stack dialogs
            return
        self._showing = True
        try:
            self.prompter.error(title, text, details)
        finally:
            self._showing = False


def install(reporter: ExceptionReporter) -> Hook:
    """Route uncaught exceptions (main thread and worker threads) to `reporter`; returns the previous hook."""
    previous = sys.excepthook
    sys.excepthook = reporter
    threading.excepthook = lambda exc: reporter(exc.exc_type, exc.exc_value or exc.exc_type(), exc.exc_traceback)
    return previous
