"""What the candidate list keeps between keystrokes, so that typing a search stays fast at 100,000 rows.

The list's order without its search is kept, so a keystroke costs one index lookup per term (FTS5 trigram:
`matching_ids`) and an intersection with that order, not a sort. Two cases the index cannot serve quickly are
answered from text kept here, with the same test the database applies (the folded term occurs in the folded
text, or in the role title), so the answers are the same:
- a term of one or two characters, which FTS5's trigram index cannot look up (SQLite would scan the table): the
  searchable text of the whole list is kept, within a memory budget, and scanned in memory instead;
- a term that matches a large part of the list ("a", or the shared "@example.com"): its first page is found in
  the text of the first rows in order at once, and the database's complete answer follows.
No Qt here: it runs on a worker thread.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from offerdesk.domain.candidate_filter import CandidateFilter
from offerdesk.domain.candidate_record import fold
from offerdesk.domain.candidates import CandidateSort
from offerdesk.services.candidates.listing import CandidateService

_Texts = tuple[list[int], list[str], list[int | None]]
OrderKey = tuple[CandidateFilter, CandidateSort, bool, int]  # filter without search, sort, descending, version
PREVIEW_WINDOW = 4000  # first rows in order whose text is kept: ~0.5 MB at 100,000 candidates
TEXT_BUDGET = 16_000_000  # bytes the searchable texts kept for short terms may take (~11 MB at 100,000 candidates
# with names, emails, places and tags); a larger list scans in SQL
SHORT = 3  # terms shorter than this are not in the trigram index


class ListOrder:
    """Read and written by the one running fetch only; a write anywhere bumps the version in the key."""

    def __init__(self) -> None:
        self._key: OrderKey | None = None
        self._ids: list[int] = []
        self._window_key: OrderKey | None = None
        self._window: list[tuple[int, str, int | None]] = []
        self._roles: dict[int, str] = {}
        self._texts_key: OrderKey | None = None
        self._texts: _Texts | None = None  # None: over the budget
        self._position_key: OrderKey | None = None
        self._position = Places([])

    def keep(self, key: OrderKey, ids: list[int]) -> None:
        self._key, self._ids = key, ids

    def ids(self, service: CandidateService, key: OrderKey) -> list[int]:
        if key != self._key:
            where, sort, descending, _version = key
            self.keep(key, service.ids(where, sort, descending))
        return self._ids

    def first_page(self, service: CandidateService, key: OrderKey, query: str, size: int) -> list[int] | None:
        """The first `size` matches in list order, when the kept rows hold that many; else None (ask the index)."""
        terms = fold(query).split()
        if not terms:
            return None
        window = self._window_for(service, key)
        by_role = [{i for i, title in self._roles.items() if term in title} for term in terms]
        found = []
        for candidate_id, text, role_id in window:
            if all(term in text or role_id in roles for term, roles in zip(terms, by_role, strict=True)):
                found.append(candidate_id)
                if len(found) == size:
                    return found
        return None

    def matching(self, service: CandidateService, key: OrderKey, query: str) -> list[int]:
        """The ids of the list (in its order) that every term matches."""
        terms = fold(query).split()
        ordered = self.ids(service, key)
        if not terms:
            return list(ordered)
        short = [term for term in terms if len(term) < SHORT]
        texts = self._all_texts(service, key) if short else None
        if texts is None:
            return self._in_order(ordered, service.matching_ids(query))
        ids, values, roles = texts
        long_terms = [term for term in terms if len(term) >= SHORT]
        places: list[int] | None = None
        if long_terms:
            indexed = service.matching_ids(" ".join(long_terms)) or set()
            places = [place for place, candidate_id in enumerate(ids) if candidate_id in indexed]
        for term in short:  # one tight pass per term: a scan of 100,000 short texts takes a few milliseconds
            in_role = {i for i, title in self._roles.items() if term in title}
            if places is None and not in_role:
                places = [place for place, text in enumerate(values) if term in text]
            elif places is None:
                places = [place for place, text in enumerate(values) if term in text or roles[place] in in_role]
            else:
                places = [place for place in places if term in values[place] or roles[place] in in_role]
        return [ids[place] for place in places or ()]

    def _window_for(self, service: CandidateService, key: OrderKey) -> list[tuple[int, str, int | None]]:
        if key != self._window_key:
            texts = self._all_texts(service, key)
            if texts is not None:
                ids, values, roles = (part[:PREVIEW_WINDOW] for part in texts)
                self._window = list(zip(ids, values, roles, strict=True))  # type: ignore[arg-type]
            else:
                self._window = service.search_window(self.ids(service, key)[:PREVIEW_WINDOW])
                self._roles = service.folded_role_titles()
            self._window_key = key
        return self._window

    def _positions(self) -> Places:
        if self._position_key != self._key:
            self._position = Places(self._ids)
            self._position_key = self._key
        return self._position

    def _in_order(self, ordered: list[int], matches: set[int] | None) -> list[int]:
        """Matches in list order: sorted by their place when they are few, else by one pass over the order."""
        if matches is None or len(matches) * 8 > len(ordered):
            return search_within(ordered, matches)
        return self._positions().in_order(matches)

    def _all_texts(self, service: CandidateService, key: OrderKey) -> _Texts | None:
        """Ids, texts and roles in list order, as three lists (a scan over a list of strings is the fastest)."""
        if key != self._texts_key:
            every = service.all_search_texts(TEXT_BUDGET)
            ordered = self.ids(service, key)
            self._texts = None if every is None else self._positions().arrange(ordered, *every)
            self._roles = service.folded_role_titles()
            self._texts_key = key
        return self._texts

    def warm(self, service: CandidateService, key: OrderKey) -> None:
        """Read what a first search needs before anyone types (run on a worker once the window is up)."""
        self.ids(service, key)
        self._window_for(service, key)
        self._positions()


class Places:
    """Each candidate's place in the list, to sort a few matches by: an array indexed by id, 4 bytes a candidate (a
    dict of 100,000 ids and places takes 8 MB); a dict only when the ids are too sparse for an array."""

    def __init__(self, ids: list[int]) -> None:
        top = max(ids, default=0)
        self._by_id: array[int] | dict[int, int]
        if top <= 4 * len(ids) + 1024:
            self._by_id = array("i", bytes(4 * (top + 1)))  # 0: not in the list, else the place + 1
        else:
            self._by_id = {}
        for place, candidate_id in enumerate(ids, start=1):
            self._by_id[candidate_id] = place

    def arrange(self, ordered: list[int], ids: Iterable[int], texts: list[str], roles: list[int | None]) -> _Texts:
        """The texts and roles read in id order, put in the list's order (`ordered`, the ids these places are of);
        a candidate gone since the list was read is left out, one added since is not in the list yet."""
        by_id, shown = self._by_id, len(ordered)
        kept_texts: list[str | None] = [None] * shown
        kept_roles: list[int | None] = [None] * shown
        if isinstance(by_id, dict):
            places = (by_id.get(candidate_id, 0) for candidate_id in ids)
        else:
            top = len(by_id)
            places = (by_id[candidate_id] if candidate_id < top else 0 for candidate_id in ids)
        for place, text, role in zip(places, texts, roles, strict=True):
            if place:
                kept_texts[place - 1], kept_roles[place - 1] = text, role
        if None not in kept_texts:
            return ordered, kept_texts, kept_roles  # type: ignore[return-value]  # every place has its text
        found = [place for place, text in enumerate(kept_texts) if text is not None]
        return [ordered[p] for p in found], [kept_texts[p] or "" for p in found], [kept_roles[p] for p in found]

    def in_order(self, matches: Iterable[int]) -> list[int]:
        """The matches the list shows, in its order."""
        by_id = self._by_id
        if isinstance(by_id, dict):
            shown = [i for i in matches if i in by_id]
        else:
            shown = [i for i in matches if 0 <= i < len(by_id) and by_id[i]]
        return sorted(shown, key=by_id.__getitem__)


def search_within(order: list[int], matches: set[int] | None) -> list[int]:
    return list(order) if matches is None else [i for i in order if i in matches]
