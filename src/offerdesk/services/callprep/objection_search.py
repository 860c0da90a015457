"""Instant objection search for the call runner: the candidate's own words find the handler, in a millisecond or two.

The library is small (tens of items, a few hundred with a team's own), so it is indexed in memory once and searched
on every keystroke without touching the database. Ranking is weighted overlap (BM25-like idf, weighted by where in
the item a word is found) over stems and word families, with typo tolerance and the recruiter's own past searches.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select

from offerdesk.services.callprep.remembered_ranking import RememberedRanking
from offerdesk.services.callprep.search_memory import SearchMemory
from offerdesk.services.callprep.search_words import (
    CONCEPT_WORDS,
    NOTE_WORDS,
    Unit,
    compound_parts,
    fold,
    raw_words,
    stem,
    units,
)
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Objection

# How much a match counts, by where it is found.
_WEIGHTS = (("code", 4.0), ("title", 4.0), ("keywords", 3.0), ("says", 2.5), ("body", 0.6))
_WORD_FLOORS = (2.5, 0.0)  # where a word's rarity is counted: says and up, else anywhere
_FAMILY_FLOORS = (3.0, 2.5, 0.0)  # a family's: keywords and up, else says, else anywhere
_CONCEPT_SHARE = 0.55  # a word of the same family counts a little over half of the word itself
_KNOWN_BY_FAMILY = 0.9  # an amount, a span or a month: its family is all it means
_TYPO_SHARE = 0.85
_PREFIX_SHARE = 0.8  # the word being typed, matched as the start of a longer word
SUGGEST_FLOOR = 6.0  # below this a note's last sentence is not about any objection in particular


@dataclass(frozen=True)
class ObjectionHit:
    code: str
    title: str
    score: float
    matched: tuple[str, ...] = ()  # the words of the item that the query matched, as the item spells them


@dataclass(frozen=True)
class _Posting:
    entry: int
    weight: float
    shown: str  # the item's own word


def _item_text(item: dict[str, object], name: str) -> str:
    def joined(key: str) -> str:
        value = item.get(key) or []
        return " ".join(map(str, value)) if isinstance(value, list) else str(value)

    if name == "code":
        return str(item["code"]).replace("_", " ")
    if name == "title":
        return str(item["title"])
    if name == "keywords":
        return " ; ".join(map(str, item.get("keywords") or []))  # type: ignore[call-overload]
    if name == "says":
        return " ; ".join(map(str, item.get("says") or []))  # type: ignore[call-overload]
    return " ".join(joined(key) for key in ("probe", "levers", "avoid", "talk_track"))


class ObjectionIndex:
    def __init__(self, items: list[dict[str, object]], memory: SearchMemory | None = None) -> None:
        self._codes = [str(item["code"]) for item in items]
        self._titles = [str(item["title"]) for item in items]
        self._texts: list[tuple[tuple[float, str], ...]] = []  # per entry: (weight, folded text) for phrases
        best: dict[str, dict[int, _Posting]] = {}
        folded_items = [[(weight, fold(_item_text(item, name))) for name, weight in _WEIGHTS] for item in items]
        vocabulary: set[str] = set(CONCEPT_WORDS)
        for texts in folded_items:
            vocabulary.update(word for _weight, text in texts for word in raw_words(text) if word.isalpha())
        known = frozenset(vocabulary)
        for number, texts in enumerate(folded_items):
            for weight, folded in texts:
                words = raw_words(folded)
                halves = [  # a compound's halves count as its words, shown as the compound
                    Unit(word, half.stem, half.concepts)
                    for word in words
                    for half in units(list(compound_parts(word, known) or ()))
                ]
                for unit in units(words) + halves:
                    for token in _tokens(unit):
                        previous = best.setdefault(token, {}).get(number)
                        if previous is None or previous.weight < weight:
                            best[token][number] = _Posting(number, weight, unit.text)
            self._texts.append(tuple(texts))
        count = len(items)
        self._postings = {token: tuple(found.values()) for token, found in best.items()}
        # Rarity counts where a word names the objection (code to says), not the long handler text around it; a
        # family's rarity where it names the objection (code, title, keywords), as families are said everywhere.
        self._idf = {}
        for token, found in best.items():
            floors = _FAMILY_FLOORS if token.startswith("@") else _WORD_FLOORS
            weights = [posting.weight for posting in found.values()]
            frequency = next((len(named) for floor in floors if (named := [w for w in weights if w >= floor])), 1)
            self._idf[token] = math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))
        self._vocabulary = sorted(vocabulary)
        self._fuzzy_vocabulary = [word for word in self._vocabulary if len(word) >= 4]
        self._known = known
        self._typos: dict[str, str | None] = {}
        self._remembered = RememberedRanking(memory)
        self._positions = {code: entry for entry, code in enumerate(self._codes)}

    @property
    def memory(self) -> SearchMemory | None:
        return self._remembered.memory

    @memory.setter
    def memory(self, memory: SearchMemory | None) -> None:
        self._remembered = RememberedRanking(memory)

    def __len__(self) -> int:
        return len(self._codes)

    # -- query side ---------------------------------------------------------------------------------------------

    def _corrected(self, word: str) -> str | None:
        """The index word a mistyped word most likely meant (words of 4+ letters only), cached per word."""
        if word in self._typos:
            return self._typos[word]
        slips = 1 if len(word) <= 6 else 2  # a swapped, missing, extra or wrong letter is one slip
        found = process.extractOne(word, self._fuzzy_vocabulary, scorer=OSA.distance, score_cutoff=slips)
        self._typos[word] = found[0] if found else None
        return self._typos[word]

    def _completions(self, prefix: str) -> list[str]:
        start = bisect_left(self._vocabulary, prefix)
        found = []
        for word in self._vocabulary[start : start + 12]:
            if not word.startswith(prefix):
                break
            if word != prefix:
                found.append(word)
        return found

    def _alternatives(self, unit: Unit, *, typing: bool) -> list[tuple[str, float]]:
        """Index tokens that stand for this query unit, each with the share of a full match it earns."""
        family = _CONCEPT_SHARE if unit.stem.isalpha() else _KNOWN_BY_FAMILY
        choices = [(token, 1.0 if token.startswith("=") else family) for token in _tokens(unit)]
        if unit.stem and unit.text.isalpha() and unit.text not in self._known and len(unit.text) >= 4:
            if typing:
                for word in self._completions(unit.text):
                    choices += [(token, share * _PREFIX_SHARE) for token, share in self._alternatives(
                        _word_unit(word), typing=False)]  # fmt: skip
            corrected = self._corrected(unit.text)
            if corrected is not None:
                choices += [(token, share * _TYPO_SHARE) for token, share in self._alternatives(
                    _word_unit(corrected), typing=False)]  # fmt: skip
        elif typing and unit.stem and len(unit.text) >= 2:
            for word in self._completions(unit.text):
                choices.append(("=" + stem(word), _PREFIX_SHARE))
        return choices

    def search(self, query: str, limit: int = 8) -> list[ObjectionHit]:
        """Ranked: every query word adds what it matches; no word has to match. A "phrase" must appear as written."""
        folded = fold(query).strip()
        if not folded:
            return [ObjectionHit(code, title, 0.0) for code, title in zip(self._codes, self._titles, strict=True)][
                :limit
            ]
        phrases = [phrase.strip() for phrase in re.findall(r'"([^"]+)"', folded) if phrase.strip()]
        words = raw_words(folded.replace('"', " "))
        typing = not query.endswith((" ", '"'))
        scores: dict[int, float] = {}
        matched: dict[int, list[str]] = {}
        found_units = units(words)
        for position, unit in enumerate(found_units):
            best: dict[int, tuple[float, str]] = {}
            last = typing and position == len(found_units) - 1 and unit.text == (words[-1] if words else "")
            for token, share in self._alternatives(unit, typing=last):
                idf = self._idf.get(token, 0.0)
                for posting in self._postings.get(token, ()):
                    value = share * idf * posting.weight
                    if value > best.get(posting.entry, (0.0, ""))[0]:
                        best[posting.entry] = (value, posting.shown)
            for entry, (value, shown) in best.items():
                scores[entry] = scores.get(entry, 0.0) + value
                if shown not in matched.setdefault(entry, []):
                    matched[entry].append(shown)
        code_query = " ".join(folded.replace("_", " ").split())
        for entry, code in enumerate(self._codes):
            if code.lower().replace("_", " ") == code_query:
                scores[entry] = scores.get(entry, 0.0) + 100.0
                matched.setdefault(entry, []).insert(0, code)
        for code, bonus in self._remembered.bonuses(folded).items():
            if (remembered := self._positions.get(code)) is not None:
                scores[remembered] = scores.get(remembered, 0.0) + bonus
                matched.setdefault(remembered, [])
        if phrases:
            for entry in list(scores):
                weights = [
                    max((w for w, text in self._texts[entry] if phrase in text), default=0.0) for phrase in phrases
                ]
                if not all(weights):
                    del scores[entry]
                else:
                    scores[entry] += 2 * sum(weights)
                    matched[entry] = [*phrases, *matched[entry]]
        hits = [
            ObjectionHit(self._codes[entry], self._titles[entry], round(score, 3), tuple(matched.get(entry, ())))
            for entry, score in scores.items()
            if score > 0
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.code))
        return hits[:limit]

    def suggest(self, notes: str) -> ObjectionHit | None:
        """The likely objection in what the recruiter is writing: the last sentence (or two), if one clearly fits."""
        sentences = [part.strip() for part in re.split(r"[.!?;\n]+", notes) if part.strip()]
        for text in (sentences[-1:], sentences[-2:]):
            if not text:
                return None
            said = [word for word in raw_words(fold(" ".join(text))) if word not in NOTE_WORDS]
            hits = self.search(" ".join(said) + " ", limit=2) if said else []
            if hits and hits[0].score >= SUGGEST_FLOOR and (len(hits) == 1 or hits[0].score >= hits[1].score * 1.15):
                return hits[0]
        return None


def _word_unit(word: str) -> Unit:
    found = units([word])
    return found[0] if found else Unit(word, stem(word), frozenset())


def _tokens(unit: Unit) -> list[str]:
    """A unit's index tokens: "=stem" for the word itself, "@family" for each family it belongs to."""
    return ([f"={unit.stem}"] if unit.stem else []) + [f"@{concept}" for concept in sorted(unit.concepts)]


def no_match_advice(query: str, *, mention_codes: bool = True) -> str:
    """What to try when nothing matched: said in one sentence, so an empty list is never a dead end. The window
    leaves the codes out (a recruiter there reads titles, never stored codes); the command line names one."""
    shown = " ".join(query.split())
    words = "the candidate's own words (e.g. 'counteroffer', 'pay', 'start date')"
    if not mention_codes:
        return f"Nothing matches “{shown}”. Try fewer words, or {words}."
    return f"Nothing matches “{shown}”. Try fewer words, {words}, or an objection code such as COMP_LOW."


def load_index(database: Database, memory: SearchMemory | None = None) -> ObjectionIndex:
    with database.transaction() as session:
        rows = session.scalars(select(Objection).where(~Objection.archived).order_by(Objection.id))
        items: list[dict[str, object]] = [
            {"code": row.code, "title": row.title, "keywords": row.keywords, "says": row.says, "probe": row.probe,
             "levers": row.levers, "avoid": row.avoid, "talk_track": row.talk_track}
            for row in rows
        ]  # fmt: skip
    return ObjectionIndex(items, memory)
