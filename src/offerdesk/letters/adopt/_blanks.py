"""Blanks left to fill in a letter's text: X's standing for digits ("XX months", "$XX,XXX.XX"), and the plain
words a recruiter marks as a placeholder.

Runs of underscores are not blanks for OfferDesk: in an offer letter they are the candidate's to fill in by hand
("dated this ____ day of _______", the signature line), so they stay as written.

A blank has no name, and the same "XX" may mean two things in one letter, so each occurrence is a placeholder of
its own ("XX#1", "XX#2", counted in document order over the whole letter) with the sentence around it as its
note. Marked words are found whole and case-sensitive, the longer first ("Employee Name" before "Name").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from offerdesk.letters.adopt._typed_patterns import Match
from offerdesk.letters.adopt.model import PlaceholderKind

# 2+ X's as digits, optionally grouped by , . or / ("XX", "XX.XX", "X,XXX", a date "XX/XX/20XX"), with a currency
# sign before it; not part of a word ("XXL", "Xavier"), and a number with one X ("202X") is a year, not a blank.
_X_BLANK = re.compile(r"(?:[$€£¥](?=X)|(?<![\w$€£¥]))\d*X+(?:[.,/]\d*X+)*(?!\w)")
CONTEXT_BEFORE, CONTEXT_AFTER = 45, 25
_SPACE = re.compile(r"[ \u00a0\t]+")


def _enough_xs(written: str) -> bool:
    return written.count("X") >= 2


def blanks(text: str) -> list[Match]:
    """The blanks in a paragraph's text; the key is the written form, numbered later (see `number`)."""
    found = [Match(PlaceholderKind.BLANK, m.group(0), m.start(), m.end()) for m in _X_BLANK.finditer(text)]
    found = [match for match in found if _enough_xs(match.key)]
    return sorted(found, key=lambda match: match.start)


def context(text: str, start: int, end: int) -> str:
    """The sentence around a blank, about 70 characters, cut at words: "…period of your employment is XX months." """
    begin = max(0, start - CONTEXT_BEFORE)
    finish = min(len(text), end + CONTEXT_AFTER)
    if begin > 0 and " " in text[begin:start]:
        begin = text.index(" ", begin) + 1
    if finish < len(text) and " " in text[end:finish]:
        finish = text.rindex(" ", end, finish)
    shown = " ".join(text[begin:finish].split())
    return ("…" if begin > 0 else "") + shown + ("…" if finish < len(text) else "")


def number(matches: list[Match], counts: dict[str, int]) -> list[Match]:
    """The matches with each blank keyed by its written form and occurrence number ("XX#2"); `counts` carries the
    numbering on from part to part and paragraph to paragraph."""
    numbered = []
    for match in matches:
        if match.kind is PlaceholderKind.BLANK:
            counts[match.key] = counts.get(match.key, 0) + 1
            match = Match(match.kind, f"{match.key}#{counts[match.key]}", match.start, match.end)
        numbered.append(match)
    return numbered


def tidy_words(words: Sequence[str]) -> tuple[str, ...]:
    """The marked words once each, spaces tidied, longer first (so "Employee Name" is found before "Name")."""
    tidy = dict.fromkeys(" ".join(word.split()) for word in words if word.strip())
    return tuple(sorted(tidy, key=len, reverse=True))


def _word_pattern(word: str) -> re.Pattern[str]:
    body = r"[ \u00a0\t]+".join(re.escape(part) for part in _SPACE.split(word))
    return re.compile(rf"(?<!\w){body}(?!\w)")


def marked_words(text: str, words: Sequence[str], taken: list[tuple[int, int]]) -> list[Match]:
    """Each whole-word, case-sensitive occurrence of the marked words outside the spans in `taken` (placeholders
    already found, and longer marked words found first)."""
    spans = list(taken)
    found: list[Match] = []
    for word in tidy_words(words):
        for match in _word_pattern(word).finditer(text):
            if any(match.start() < end and start < match.end() for start, end in spans):
                continue
            found.append(Match(PlaceholderKind.WORDS, word, match.start(), match.end()))
            spans.append((match.start(), match.end()))
    return found
