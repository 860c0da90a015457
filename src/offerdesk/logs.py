"""A rotating log file in the user log folder: every unexpected error lands here with its traceback."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Log to `log_file` (1 MB × 3 files); returns None if the folder cannot be written (logging stays on stderr)."""
    root = logging.getLogger("offerdesk")
    root.setLevel(level)
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return log_file
