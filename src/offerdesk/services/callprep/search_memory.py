"""What the recruiter typed before opening an objection's handler, so the same words find it first next time.

It lives in a small JSON file in this user's own config folder, never in the database: the database may be a
team's server, and a search habit is one recruiter's, not the team's. Forget takes any of it back.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from offerdesk.files import atomic_write

MEMORY_FILENAME = "objection-search-memory.json"
# A recruiter opens a handler a few times per call; a few thousand entries is years of calls and reads in a blink.
MAX_ENTRIES = 5_000
MAX_QUERY_CHARACTERS = 200


def fold_query(text: str) -> str:
    """The form a query is remembered by: lower case, accents off, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(plain.split())[:MAX_QUERY_CHARACTERS]


@dataclass(frozen=True)
class RememberedQuery:
    query: str  # folded
    code: str
    times: int
    last_used: date


class SearchMemory:
    """Remembered (query, objection) pairs; `path=None` keeps them in memory only (tests, a read-only folder)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[tuple[str, str], RememberedQuery] = {}
        self.revision = 0  # grows with every change, so a search index knows when to re-read the entries
        if path is not None:
            self._entries = _read(path)

    def __len__(self) -> int:
        return len(self._entries)

    def codes_for(self, query: str) -> set[str]:
        """The objections opened after exactly these words (folded), read without sorting the whole memory: the
        result list asks on every keystroke."""
        folded = fold_query(query)
        return {code for remembered, code in self._entries if folded and remembered == folded}

    def entries(self) -> list[RememberedQuery]:
        """Most used first."""
        return sorted(self._entries.values(), key=lambda entry: (-entry.times, entry.query, entry.code))

    def remember(self, query: str, code: str, *, on: date | None = None) -> None:
        folded = fold_query(query)
        if not folded or not code:
            return
        key = (folded, code)
        before = self._entries.get(key)
        self._entries[key] = RememberedQuery(folded, code, (before.times if before else 0) + 1, on or date.today())
        if len(self._entries) > MAX_ENTRIES:
            oldest = min(self._entries.values(), key=lambda entry: (entry.last_used, entry.times))
            del self._entries[(oldest.query, oldest.code)]
        self._save()

    def forget(self, query: str, code: str | None = None) -> int:
        """Forget one query (for one objection, or for all); returns how many entries went."""
        folded = fold_query(query)
        gone = [key for key in self._entries if key[0] == folded and (code is None or key[1] == code)]
        for key in gone:
            del self._entries[key]
        if gone:
            self._save()
        return len(gone)

    def forget_all(self) -> int:
        count = len(self._entries)
        self._entries.clear()
        self._save()
        return count

    def _save(self) -> None:
        self.revision += 1
        if self.path is None:
            return
        document = {
            "version": 1,
            "entries": [
                {"query": e.query, "code": e.code, "times": e.times, "last_used": e.last_used.isoformat()}
                for e in self.entries()
            ],
        }
        with atomic_write(self.path, "w", encoding="utf-8") as stream:
            json.dump(document, stream, ensure_ascii=False, indent=1)


def _read(path: Path) -> dict[tuple[str, str], RememberedQuery]:
    """A missing or unreadable file is an empty memory: it only ever ranks, so losing it costs nothing real."""
    try:
        if path.stat().st_size > 2_000_000:
            return {}
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries: dict[tuple[str, str], RememberedQuery] = {}
    raw = document.get("entries") if isinstance(document, dict) else None
    for item in raw if isinstance(raw, list) else []:
        try:
            entry = RememberedQuery(
                fold_query(str(item["query"])), str(item["code"])[:32], max(1, int(item["times"])),
                date.fromisoformat(str(item["last_used"])),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            continue
        if entry.query:
            entries[(entry.query, entry.code)] = entry
    return dict(list(entries.items())[:MAX_ENTRIES])
