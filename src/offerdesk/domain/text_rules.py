"""What text may enter the database: one rule for every door (editor, CLI, offer and library files, settings).

Letters later refuse control characters, so a value that holds one (a NUL, an ANSI escape pasted from a terminal)
or one that is not valid Unicode at all (a lone surrogate from a mis-decoded file name or argument) is refused
where it comes in, with a sentence naming the field, instead of breaking every letter afterwards. Any script,
accents and emoji are fine. Pure: no database, no Qt.
"""

from __future__ import annotations

import unicodedata

from offerdesk.errors import ValidationError

MULTILINE_CONTROLS = frozenset("\n\t")
_NONCHARACTERS = frozenset("\ufffe\uffff")


def text_problem(value: str, field: str, max_length: int | None = None, *, multiline: bool = False) -> str | None:
    """The sentence that refuses `value` for `field`, or None when it may be stored."""
    allowed = MULTILINE_CONTROLS if multiline else frozenset()
    for position, char in enumerate(value, start=1):
        category = unicodedata.category(char)
        if category == "Cs" or char in _NONCHARACTERS:
            return (
                f"{field}: contains a character that is not valid text (U+{ord(char):04X}) at position {position}; "
                "remove it."
            )
        if category == "Cc" and char not in allowed:
            what = "a line break" if char in "\r\n" and not multiline else "a control character"
            return f"{field}: contains {what} (U+{ord(char):04X}) at position {position}; remove it."
    if max_length is not None and len(value) > max_length:
        return f"{field}: is {len(value):,} characters long; the most is {max_length:,}."
    return None


def check_text(value: str, field: str, max_length: int | None = None, *, multiline: bool = False) -> str:
    """`value` unchanged (Windows line ends made plain in multi-line fields), or ValidationError with one sentence.

    Refused: control characters (a tab and a line break only in multi-line fields), NUL, ANSI escapes, lone
    surrogates and non-characters, and values over `max_length` characters.
    """
    text = value.replace("\r\n", "\n") if multiline else value
    problem = text_problem(text, field, max_length, multiline=multiline)
    if problem:
        raise ValidationError(problem)
    return text
