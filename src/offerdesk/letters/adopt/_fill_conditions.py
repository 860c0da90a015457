"""Conditional blocks of the {field} fill syntax: "{IF bonus_terms}Bonus Terms ... {END-IF}".

The block shows only when its field has a value, so it is the same placeholder as "{bonus_terms}": the prepared copy
turns it into a docxtpl condition on whatever the recruiter chose for that field ("{% if offer.bonus %}"), keeps the
block without markers for a fixed text, and leaves it out ("{% if false %}") for a field left empty on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from offerdesk.letters.adopt._paragraph_text import ParagraphText
from offerdesk.letters.adopt.model import PlaceholderKind, placeholder_id

NOTE = "shows a part of the letter only when it has a value"
_MARK = re.compile(r"\{IF\s+(?P<name>[A-Za-z_]\w*)\s*\}|\{END-?IF\}")
_PRINT = re.compile(r"^\{\{-?\s*(?:(?:p|r)\s+)?(?P<expr>[^{}%]+?)\s*-?\}\}$")
_ENDIF = "{% endif %}"


def opening_marks(text: str) -> Iterable[tuple[str, int, int]]:
    """Each "{IF name}" in the text: its name, start and end."""
    for found in _MARK.finditer(text):
        if found.group("name"):
            yield found.group("name"), found.start(), found.end()


def _opening(value: str) -> tuple[str, str]:
    """What "{IF x}" and its "{END-IF}" become, given the text chosen for x."""
    if value == "":
        return "{% if false %}", _ENDIF
    tag = _PRINT.match(value.strip())
    if tag is not None:
        return "{% if " + tag.group("expr") + " %}", _ENDIF
    return "", ""


def rewrite(paragraphs: Iterable[ParagraphText], texts: Mapping[str, str]) -> bool:
    """Turn each block whose field is in `texts` into a docxtpl condition; blocks of unmapped fields stay."""
    open_blocks: list[str | None] = []  # what each open block's END-IF becomes (None: left as written)
    changed = False
    for paragraph in paragraphs:
        edits: list[tuple[int, int, str]] = []
        for found in _MARK.finditer(paragraph.text):
            name = found.group("name")
            if name:
                value = texts.get(placeholder_id(PlaceholderKind.CURLY, name))
                if value is None:
                    open_blocks.append(None)
                    continue
                opening, closing = _opening(value)
                open_blocks.append(closing)
                edits.append((found.start(), found.end(), opening))
            elif open_blocks:
                closing_text = open_blocks.pop()
                if closing_text is not None:
                    edits.append((found.start(), found.end(), closing_text))
        for start, end, new in reversed(edits):
            paragraph.replace(start, end, new)
            changed = True
    return changed
