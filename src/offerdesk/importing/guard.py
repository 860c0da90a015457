"""Caps on what one import may cost: rows, cells, time, and the user's Cancel button."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from offerdesk.importing.problems import ImportCancelled, ImportFileError, quoted

POLL_EVERY = 500  # rows between two looks at the Cancel button and the clock


@dataclass
class ReadGuard:
    """Counts what a reader has produced and stops it, with a sentence, once a cap is passed."""

    file_name: str
    max_rows: int = 1_000_000
    max_cells: int = 20_000_000
    should_stop: Callable[[], bool] | None = None
    max_seconds: float = 300.0
    cells: int = 0
    _started: float = field(default_factory=time.monotonic)

    def count_record(self, record_index: int, width: int) -> None:
        """Called once per record read (blank ones too), so that neither a huge nor a slow file runs unchecked."""
        self.cells += width
        if self.cells > self.max_cells:
            raise ImportFileError(
                f"{quoted(self.file_name)} has more than {self.max_cells:,} cells; "
                "split it into smaller files and import them one by one."
            )
        if record_index % POLL_EVERY == 0:
            self.poll()

    def check_rows(self, rows: int) -> None:
        if rows > self.max_rows:
            raise ImportFileError(
                f"{quoted(self.file_name)} has more than {self.max_rows:,} rows; "
                "split it into smaller files and import them one by one."
            )

    def poll(self) -> None:
        """Raise if the user asked to stop or the reading has taken too long."""
        if self.should_stop is not None and self.should_stop():
            raise ImportCancelled(f"Reading {quoted(self.file_name)} was cancelled; nothing was imported.")
        if time.monotonic() - self._started > self.max_seconds:
            raise ImportFileError(
                f"Reading {quoted(self.file_name)} took longer than {self.max_seconds:g} seconds, "
                "so it was stopped; split the file into smaller ones."
            )
