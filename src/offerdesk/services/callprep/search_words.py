"""How objection search reads words: folding, stop words, stems, word families, amounts and dates.

A candidate says "my boss wants me to stay", the library says "employer" and "retention": the same idea in other
words. Each word becomes its stem plus the families ("concepts") it belongs to, so both sides meet on the concept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

from offerdesk.services.callprep.search_families import FAMILIES

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9$%][a-z0-9$%,.]*[a-z0-9%]|[a-z0-9]")


# Words that carry no objection on their own. Negations stay out of this list: "not enough" is not "enough".
def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOP_WORDS = _listed(
    """a an the i me my mine we us our ours you your yours he him his she her it its they them their this that these
    those there here is are was were be been being am do does did doing have has had having to of in on at for with
    and or but so if then than as by from into onto up out about just really very quite bit kind sort like well
    um uh er hmm ok okay yeah yes oh hi hey thanks thank please would will shall could should can might must
    im ive id ill youre theyre theyve thats whats what which who whom how when where why all any some such own
    also too still even much many get got go going gonna wanna know mean thing things s t m re ve d ll"""
)
# What every call note says whatever the objection: "Discussed the offer, will call back Thursday" names none.
NOTE_WORDS = _listed(
    """offer offers offered call called calling calls back spoke speak said says say asked ask told tell mentioned
    discussed discuss went well great good chat chatted candidate letter sent send email emailed voicemail today
    tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday next follow followup followed he she
    his hers him her interview interviewed interviews feedback"""
)
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "cant", "cannot", "dont", "doesnt", "didnt", "isnt",
                       "wont", "wouldnt", "couldnt", "arent", "wasnt", "havent", "hasnt", "shouldnt"})  # fmt: skip

# Word families (search_families.py), each word with its phrase split out.
CONCEPTS: dict[str, tuple[str, ...]] = {
    name: tuple(word.strip() for word in words.split(",") if word.strip()) for name, words in FAMILIES.items()
}
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "autumn",
    "christmas",
    "easter",
)  # fmt: skip ("may" is too often the verb)
NUMBER_WORDS = _listed("one two three four five six seven eight nine ten eleven twelve few couple several")
_AMOUNT = re.compile(r"^\$\d[\d,.]*[km]?$|^\d[\d,.]*[km]$|^\d+(\.\d+)?%$|^\d{1,3}(,\d{3})+$|^\d{4,}$")
PLAN_NAMES = frozenset({"401k", "403b", "457b"})  # retirement plans, not amounts
_SPAN = ("week", "weeks", "month", "months", "wk", "wks", "mo", "mos")


def fold(text: str) -> str:
    """Lower case, accents and curly quotes gone, contractions spelled out ("can't" -> "can not")."""
    plain = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'")).encode("ascii", "ignore")
    folded = plain.decode().lower()
    folded = re.sub(r"\bcan'?t\b", "can not", folded)
    folded = re.sub(r"\bwon't\b", "will not", folded)
    folded = re.sub(r"(\w)n't\b", r"\1 not", folded)
    return re.sub(r"'(s|m|re|ve|d|ll)\b", "", folded)


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def _concept_index() -> tuple[dict[str, frozenset[str]], dict[tuple[str, ...], frozenset[str]]]:
    singles: dict[str, set[str]] = {}
    phrases: dict[tuple[str, ...], set[str]] = {}
    for concept, words in CONCEPTS.items():
        for entry in words:
            parts = tuple(stem(part) for part in fold(entry).split())
            if len(parts) == 1:
                singles.setdefault(parts[0], set()).add(concept)
            else:
                phrases.setdefault(parts, set()).add(concept)
    return ({key: frozenset(value) for key, value in singles.items()},
            {key: frozenset(value) for key, value in phrases.items()})  # fmt: skip


CONCEPT_OF_STEM, CONCEPT_OF_PHRASE = _concept_index()
LONGEST_PHRASE = max(len(key) for key in CONCEPT_OF_PHRASE)
CONCEPT_WORDS = frozenset(part for words in CONCEPTS.values() for entry in words for part in fold(entry).split())


@dataclass(frozen=True)
class Unit:
    """One thing the text says: a word (with its stem) or a phrase/amount/date known only by its concepts."""

    text: str  # as written (folded)
    stem: str  # "" for a phrase, an amount or a date
    concepts: frozenset[str]


def compound_parts(word: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """ "counteroffer" -> ("counter", "offer") when both halves are words the library uses on their own."""
    if len(word) < 8 or not word.isalpha():
        return None
    for cut in range(6, len(word) - 3):
        if word[:cut] in vocabulary and word[cut:] in vocabulary:
            return word[:cut], word[cut:]
    return None


def raw_words(folded: str) -> list[str]:
    words = []
    for word in _WORD.findall(folded):
        word = word.strip(",.")
        if word in NEGATIONS:
            word = "not"
        words.append(word)
    return words


def units(words: list[str]) -> list[Unit]:
    """Words to units: stop words dropped, phrases of the families found, amounts, spans and months recognised."""
    result: list[Unit] = []
    stems = [stem(word) for word in words]
    after_span = False
    for position, word in enumerate(words):
        if after_span:  # "weeks" of "two weeks" was taken with its number
            after_span = False
            continue
        for size in range(LONGEST_PHRASE, 1, -1):
            key = tuple(stems[position : position + size])
            if len(key) == size and key in CONCEPT_OF_PHRASE:
                result.append(Unit(" ".join(words[position : position + size]), "", CONCEPT_OF_PHRASE[key]))
        if word in PLAN_NAMES:
            result.append(Unit(word, word, frozenset({"benefits"})))
            continue
        following = words[position + 1] if position + 1 < len(words) else ""
        if (word.isdigit() or word in NUMBER_WORDS) and following in _SPAN:
            result.append(Unit(f"{word} {following}", "", frozenset({"when"})))
            after_span = True
            continue
        if _AMOUNT.match(word):
            result.append(Unit(word, "", frozenset({"amount"})))
            continue
        if word in MONTHS:
            result.append(Unit(word, "", frozenset({"when"})))
            continue
        if word in STOP_WORDS or word.isdigit():
            continue
        result.append(Unit(word, stems[position], CONCEPT_OF_STEM.get(stems[position], frozenset())))
    return result
