"""What the recruiter's past searches add to a ranking: a remembered query is one more phrasing of the objection
it opened, so the same words lift it strongly and similar words (half or more of them shared) a share.

The lookup is rebuilt only when the memory changes (its revision), never per keystroke.
"""

from __future__ import annotations

import math

from offerdesk.services.callprep.search_memory import SearchMemory, fold_query
from offerdesk.services.callprep.search_words import fold, raw_words, units

EXACT = 40.0  # a remembered query outranks what the words alone say
SIMILAR = 25.0
SIMILAR_FROM = 0.5  # the share of words two queries have in common before one counts for the other


def content_stems(query: str) -> frozenset[str]:
    """The words that matter in a query, as stems: "They matched my salary!" and "they matched salary" agree."""
    return frozenset(unit.stem or unit.text for unit in units(raw_words(fold(query))))


class RememberedRanking:
    def __init__(self, memory: SearchMemory | None) -> None:
        self.memory = memory
        self._revision = -1
        self._exact: dict[frozenset[str], list[tuple[str, int]]] = {}
        self._by_stem: dict[str, list[tuple[frozenset[str], str, int]]] = {}

    def _refresh(self, memory: SearchMemory) -> None:
        if memory.revision == self._revision:
            return
        self._revision = memory.revision
        self._exact, self._by_stem = {}, {}
        for remembered in memory.entries():
            stems = content_stems(remembered.query)
            self._exact.setdefault(stems, []).append((remembered.code, remembered.times))
            for token in stems:
                self._by_stem.setdefault(token, []).append((stems, remembered.code, remembered.times))

    def bonuses(self, query: str) -> dict[str, float]:
        """Objection code -> what past searches add for this query (nothing without a memory)."""
        if self.memory is None:
            return {}
        self._refresh(self.memory)
        bonus: dict[str, float] = {}
        stems = content_stems(fold_query(query))
        for code, times in self._exact.get(stems, ()) if stems else ():
            bonus[code] = bonus.get(code, 0.0) + EXACT * (1 + math.log2(times))
        seen: set[tuple[frozenset[str], str]] = set()
        for token in stems:
            for other, code, times in self._by_stem.get(token, ()):
                if (other, code) in seen or other == stems:
                    continue
                seen.add((other, code))
                similarity = len(stems & other) / len(stems | other)
                if similarity >= SIMILAR_FROM:
                    bonus[code] = bonus.get(code, 0.0) + SIMILAR * similarity * (1 + math.log2(times))
        return bonus
