"""Which library text came in with an import, from which file, so a later import can tell it from a hand edit.

Kept in app_meta as one small JSON record: for each item an import wrote, the file's name and the fingerprint of the
text it wrote. While an item still has exactly that text, nobody has edited it here since.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from offerdesk.services.callprep.content import _fingerprint
from offerdesk.storage.tables import AppMeta

IMPORTED_TEXT_KEY = "library_imported_text"


class ImportedText:
    """The record of imported text, read once per import and written back at its end (same transaction)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        row = session.get(AppMeta, IMPORTED_TEXT_KEY)
        try:
            loaded = json.loads(row.value) if row is not None and row.value else {}
        except ValueError:
            loaded = {}  # a damaged record only means no text counts as imported
        self._records: dict[str, dict[str, str]] = loaded if isinstance(loaded, dict) else {}

    def record(self, kind: str, key: str, content: dict[str, Any], file_name: str) -> None:
        self._records[f"{kind}:{key}"] = {"file": file_name, "fingerprint": _fingerprint(content)}

    def unedited_from(self, kind: str, key: str, current: dict[str, Any]) -> str:
        """The file the item's current text came in with, when it still is that text; else ""."""
        entry = self._records.get(f"{kind}:{key}")
        if not isinstance(entry, dict) or entry.get("fingerprint") != _fingerprint(current):
            return ""
        return str(entry.get("file") or "an earlier import")

    def save(self) -> None:
        row = self._session.get(AppMeta, IMPORTED_TEXT_KEY)
        value = json.dumps(self._records, sort_keys=True)
        if row is None:
            self._session.add(AppMeta(key=IMPORTED_TEXT_KEY, value=value))
        else:
            row.value = value
