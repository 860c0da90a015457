"""The first page of the candidate list as the last session left it, kept in the database beside the write counter.

The start-up paints it before SQLAlchemy, the services and the panels are loaded, and only when the counter says
nothing was written since it was read (storage/data_version.py); otherwise the window waits for the ordinary read.
There is one read path: the page is what the window itself showed, written down, never a second query. Parsing is
stdlib only, because it runs on the start path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offerdesk.storage.data_version import read_data_version
from offerdesk.storage.revision import SCHEMA_HEAD

if TYPE_CHECKING:
    from offerdesk.storage.db import Database

FORMAT = 1  # bumped when the fields change: an older page is then not shown
MAX_ROWS = 120  # more than any screen shows at once
MAX_COLUMNS = 20
MAX_CELL = 300


@dataclass(frozen=True)
class FirstPage:
    """What the list showed: the columns (title, width), the rows' texts, the selected row and the count lines."""

    columns: tuple[tuple[str, int], ...]
    rows: tuple[tuple[str, ...], ...]
    selected: int | None
    count_text: str
    status_text: str
    sidebar_width: int = 0  # the views sidebar beside the rows; 0 when it was hidden

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "columns": [list(column) for column in self.columns],
                "rows": [list(row) for row in self.rows],
                "selected": self.selected,
                "count_text": self.count_text,
                "status_text": self.status_text,
                "sidebar_width": self.sidebar_width,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a text")
    return value[:MAX_CELL]


def parse_first_page(text: str) -> FirstPage | None:
    """The page, or None when it is not one this release wrote (any other shape is simply not used)."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        columns = tuple((_text(title), int(width)) for title, width in data["columns"][:MAX_COLUMNS])
        rows = tuple(tuple(_text(cell) for cell in row[: len(columns)]) for row in data["rows"][:MAX_ROWS])
        selected = data["selected"]
        if selected is not None and not (isinstance(selected, int) and 0 <= selected < len(rows)):
            return None
        sidebar = max(0, min(int(data.get("sidebar_width", 0)), 1000))
        return FirstPage(columns, rows, selected, _text(data["count_text"]), _text(data["status_text"]), sidebar)
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def kept_first_page(database: Path) -> FirstPage | None:
    """The page the last session kept for `database`, when nothing was written to the file since; else None."""
    found = read_data_version(database)
    if found is None or found.current_page is None:
        return None
    return parse_first_page(found.current_page) if found.revision == SCHEMA_HEAD else None


class FirstPageKeeper:
    """Reads the counter before the window reads its rows, and keeps the page written at that counter."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def version(self) -> int | None:
        """The counter now (None on a server: no page is kept there)."""
        from offerdesk.storage.data_version import current_version

        with self._database.transaction(read_only=True) as session:
            return current_version(session.connection())

    def keep(self, version: int, page: FirstPage) -> None:
        """Keep `page`, read after the counter stood at `version`; a write in between makes it unused next time."""
        from offerdesk.storage.data_version import keep_first_page

        with self._database.transaction() as session:
            keep_first_page(session.connection(), version, page.to_json())
