"""Counted nouns as a person writes them: "1 letter", "0 letters", "2 follow-ups", "1 row is", "3 rows are".

Every sentence that puts a count before a noun goes through `plural` (or `noun` for the word alone), so nothing
on screen or in the command line says "1 letters written". English only, like the rest of the interface.
"""

from __future__ import annotations

import re
from typing import Final

IRREGULAR: Final[dict[str, str]] = {
    "person": "people",
    "child": "children",
    "is": "are",
    "was": "were",
    "has": "have",
    "it": "them",
    "this": "these",
    "that": "those",
}
_ES_ENDING = re.compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def plural_of(singular: str) -> str:
    """The plural of one noun (the last word of a phrase: "offer letter" → "offer letters")."""
    head, space, last = singular.rpartition(" ")
    if last in IRREGULAR:
        many = IRREGULAR[last]
    elif _CONSONANT_Y.search(last):
        many = last[:-1] + "ies"
    elif _ES_ENDING.search(last):
        many = last + "es"
    else:
        many = last + "s"
    return f"{head}{space}{many}"


def noun(count: int, singular: str, many: str | None = None) -> str:
    """The noun alone, in the number `count` asks for: noun(1, "row") → "row", noun(3, "row") → "rows"."""
    return singular if count == 1 else (many or plural_of(singular))


def plural(count: int, singular: str, many: str | None = None) -> str:
    """The count and its noun: plural(1, "letter") → "1 letter", plural(1200, "row") → "1,200 rows"."""
    return f"{count:,} {noun(count, singular, many)}"
