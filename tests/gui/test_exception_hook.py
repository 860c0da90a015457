"""No exception passes silently: it is logged with its traceback and shown in a dialog."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from offerdesk.errors import DatabaseError
from offerdesk.logs import configure_logging
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.excepthook import ExceptionReporter, install


def _raise(error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        reporter = sys.excepthook
        reporter(*sys.exc_info())  # type: ignore[arg-type]


def test_an_unexpected_error_is_logged_and_shown(tmp_path: Path) -> None:
    log_file = configure_logging(tmp_path / "logs" / "offerdesk.log")
    prompter = RecordingPrompter()
    previous = install(ExceptionReporter(prompter, log_file))
    try:
        _raise(ZeroDivisionError("division by zero in the offer total"))
    finally:
        sys.excepthook = previous
    for handler in logging.getLogger("offerdesk").handlers:
        handler.flush()
    [(kind, title, text)] = prompter.shown
    assert kind == "error" and title == "Unexpected error"
    assert "ZeroDivisionError" in text and str(log_file) in text
    logged = (tmp_path / "logs" / "offerdesk.log").read_text()
    assert "Traceback" in logged and "division by zero in the offer total" in logged


def test_a_user_error_shows_its_sentence_only(tmp_path: Path) -> None:
    prompter = RecordingPrompter()
    reporter = ExceptionReporter(prompter, None)
    reporter(DatabaseError, DatabaseError("The database is locked by another program."), None)
    assert prompter.shown == [("error", "OfferDesk", "The database is locked by another program.")]


def test_an_unexpected_database_failure_does_not_claim_the_work_is_safe(tmp_path: Path) -> None:
    import sqlite3

    prompter = RecordingPrompter()
    reporter = ExceptionReporter(prompter, tmp_path / "offerdesk.log")
    error = sqlite3.DatabaseError("database disk image is malformed")
    reporter(sqlite3.DatabaseError, error, None)
    [(kind, _title, text)] = prompter.shown
    assert kind == "error"
    assert "saved work is safe" not in text
    assert "database disk image is malformed" in text
    assert "OfferDesk checks the database when it starts" in text


def test_damage_found_while_working_is_reported_as_damage() -> None:
    from offerdesk.errors import DatabaseDamaged
    from offerdesk.storage.db import describe_error

    error = describe_error(Exception("database disk image is malformed"), "/data/offerdesk.sqlite")
    assert isinstance(error, DatabaseDamaged)
    assert "/data/offerdesk.sqlite" in str(error) and "damaged" in str(error)
