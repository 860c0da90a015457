"""Instant objection search for the call runner: by code, by word or by phrase, in a few microseconds.

The library is small (tens of items, a few hundred with a team's own), so it is indexed in memory once and
searched on every keystroke without touching the database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from offerdesk.services.callprep.search_memory import SearchMemory, fold_query
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Objection

_WORD = re.compile(r"[a-z0-9]+")
# How much a match counts, by where it is found.
_WEIGHTS = (("code", 8.0), ("title", 4.0), ("keywords", 3.0), ("says", 2.0), ("body", 1.0))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@dataclass(frozen=True)
class ObjectionHit:
    code: str
    title: str
    score: float
    matched: tuple[str, ...] = ()  # the words of the item that the query matched, as the item spells them


@dataclass(frozen=True)
class _Entry:
    code: str
    title: str
    fields: tuple[tuple[float, frozenset[str], str], ...]  # weight, words, folded text (for phrases)


class ObjectionIndex:
    def __init__(self, items: list[dict[str, object]], memory: SearchMemory | None = None) -> None:
        self.memory = memory
        entries = []
        for item in items:
            parts = {
                "code": str(item["code"]).replace("_", " "),
                "title": str(item["title"]),
                "keywords": " ".join(map(str, item.get("keywords", []) or [])),  # type: ignore[call-overload]
                "says": " ".join(map(str, item.get("says", []) or [])),  # type: ignore[call-overload]
                "body": " ".join(
                    " ".join(map(str, item.get(name, []) or []))  # type: ignore[call-overload]
                    for name in ("probe", "levers", "avoid")
                )
                + " "
                + str(item.get("talk_track", "")),
            }
            fields = tuple(
                (weight, frozenset(_WORD.findall(_fold(parts[name]))), _fold(parts[name])) for name, weight in _WEIGHTS
            )
            entries.append(_Entry(str(item["code"]), str(item["title"]), fields))
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 8) -> list[ObjectionHit]:
        """Every query word must start a word somewhere in the item; a phrase in quotes must appear as written."""
        folded = _fold(query).strip()
        if not folded:
            return [ObjectionHit(entry.code, entry.title, 0.0) for entry in self._entries][:limit]
        phrases = re.findall(r'"([^"]+)"', folded)
        words = _WORD.findall(re.sub(r'"[^"]*"', " ", folded))
        hits = []
        for entry in self._entries:
            score = 0.0
            for word in words:
                best = 0.0
                for weight, vocabulary, _text in entry.fields:
                    if word in vocabulary:
                        best = max(best, weight * 1.5)
                    elif best < weight and any(candidate.startswith(word) for candidate in vocabulary):
                        best = weight
                if best == 0.0:
                    break
                score += best
            else:
                for phrase in phrases:
                    weights = [weight for weight, _vocabulary, text in entry.fields if phrase in text]
                    if not weights:
                        break
                    score += max(weights) * 2
                else:
                    if entry.code.lower() == folded.replace(" ", "_"):
                        score += 100.0
                    score += self._remembered(folded, entry.code)
                    hits.append(ObjectionHit(entry.code, entry.title, score))
        hits.sort(key=lambda hit: (-hit.score, hit.code))
        return hits[:limit]

    def _remembered(self, folded: str, code: str) -> float:
        if self.memory is None:
            return 0.0
        query = fold_query(folded)
        return sum(10.0 * entry.times for entry in self.memory.entries() if entry.query == query and entry.code == code)

    def suggest(self, notes: str) -> ObjectionHit | None:
        """The likely objection in what the recruiter is writing: the last sentence typed, if anything fits it."""
        sentences = [part for part in re.split(r"[.!?\n]+", notes) if part.strip()]
        if not sentences:
            return None
        hits = self.search(sentences[-1], limit=1)
        return hits[0] if hits else None


def load_index(database: Database, memory: SearchMemory | None = None) -> ObjectionIndex:
    with database.transaction() as session:
        rows = session.scalars(select(Objection).where(~Objection.archived).order_by(Objection.id))
        items: list[dict[str, object]] = [
            {"code": row.code, "title": row.title, "keywords": row.keywords, "says": row.says, "probe": row.probe,
             "levers": row.levers, "avoid": row.avoid, "talk_track": row.talk_track}
            for row in rows
        ]  # fmt: skip
    return ObjectionIndex(items, memory)
