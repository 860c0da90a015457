"""A status line that belongs to the record it describes: "Saved …" about one offer never shows under another.

The view says which record it shows (`show_record`); a text is always about a record, and it goes as soon as
another record is shown. A background job that finishes after the user moved on reports about the record it
started for, and that text is dropped rather than shown under the wrong candidate.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QLabel

_SHOWN = object()  # "the record on screen", the default subject of a text


class RecordStatus:
    def __init__(self, label: QLabel) -> None:
        self.label = label
        self._shown: Hashable = None
        self._about: Hashable = None

    @property
    def shown(self) -> Hashable:
        """The record on screen now (what a text without `about` is about)."""
        return self._shown

    def show_record(self, record: Hashable) -> None:
        """The view now shows `record`: a text about any other record goes."""
        self._shown = record
        if self._about != record:
            self.clear()

    def say(self, text: str, about: Hashable = _SHOWN) -> None:
        """Show `text` about `about` (by default the record on screen); dropped if that record is no longer shown."""
        record = self._shown if about is _SHOWN else about
        if record != self._shown:
            return
        self._about = record if text else None
        self.label.setText(text)

    def clear(self) -> None:
        self._about = None
        self.label.setText("")
