"""What a blank ("XX", "$XX.XX") may mean, read from the words around it, since it has no name.

Only a few readings are sure enough to suggest: an amount with a currency sign beside pay words ("hourly wage …
US $XX.XX/hour" is the base pay), a bonus or sign-on amount, and "XX hours per week". A blank without such words
around it ("XX months") gets no suggestion.
"""

from __future__ import annotations

import re

from offerdesk.letters.adopt.model import Placeholder, Suggestion

_MONEY_SIGN = re.compile(r"^[$€£¥]")
_SIGN_ON = re.compile(r"\b(?:sign[- ]?on|signing)\b", re.IGNORECASE)
_BONUS = re.compile(r"\bbonus\b", re.IGNORECASE)
_PAY = re.compile(r"\b(?:salary|wage|pay|rate|compensation|/\s*hour|per (?:hour|year|annum|month)|annual)", re.I)
_HOURS_AFTER = re.compile(r"^\s*(?:hours|hrs)\s*(?:per|a|/|each)\s*week", re.IGNORECASE)


def _around(placeholder: Placeholder) -> tuple[str, str]:
    """The note's text before and after the blank's written form."""
    before, _written, after = placeholder.note.partition(placeholder.written)
    return before, after


def blank_suggestions(placeholder: Placeholder) -> list[Suggestion]:
    before, after = _around(placeholder)
    around = f"{before} {after}"
    if _HOURS_AFTER.match(after) and not _MONEY_SIGN.match(placeholder.written):
        return [Suggestion("offer.hours_per_week", 85.0, "the blank is followed by “hours per week”")]
    if not _MONEY_SIGN.match(placeholder.written):
        return []
    if _SIGN_ON.search(around):
        return [Suggestion("offer.sign_on", 85.0, "an amount beside “sign-on”")]
    if _BONUS.search(around):
        return [Suggestion("offer.bonus", 80.0, "an amount beside “bonus”")]
    if (pay := _PAY.search(around)) is not None:
        return [Suggestion("offer.base", 85.0, f"an amount beside “{pay.group(0).strip()}”")]
    return []
