"""Conditional blocks of the {field} fill syntax: "{IF bonus_terms}Bonus Terms ... {END-IF}".

The block shows only when its field has a value, so it is the same placeholder as "{bonus_terms}": the prepared copy
turns it into a docxtpl condition on whatever the recruiter chose for that field ("{% if offer.bonus %}"; a paragraph
or table-row condition when the mark stands alone in its paragraph or the block spans cells of a table row), keeps
the block without marks for a fixed text, and leaves it out ("{% if false %}") for a field left empty on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lxml import etree

from offerdesk.letters.adopt._paragraph_text import ParagraphText, W
from offerdesk.letters.adopt.model import PlaceholderKind, placeholder_id

NOTE = "shows a part of the letter only when it has a value"
_MARK = re.compile(r"\{IF\s+(?P<name>[A-Za-z_]\w*)\s*\}|\{END-?IF\}")
_PRINT = re.compile(r"^\{\{-?\s*(?:(?:p|r)\s+)?(?P<expr>[^{}%]+?)\s*-?\}\}$")
_TC = f"{{{W}}}tc"
_TR = f"{{{W}}}tr"


def opening_marks(text: str) -> Iterable[tuple[str, int, int]]:
    """Each "{IF name}" in the text: its name, start and end."""
    for found in _MARK.finditer(text):
        if found.group("name"):
            yield found.group("name"), found.start(), found.end()


def _condition(value: str) -> str | None:
    """The docxtpl condition for a block, given the text chosen for its field; None for a fixed text (the block
    always shows, so its marks simply go)."""
    if value == "":
        return "false"
    tag = _PRINT.match(value.strip())
    return tag.group("expr") if tag is not None else None


@dataclass
class _Mark:
    paragraph: ParagraphText
    start: int
    end: int
    name: str  # "" for an END-IF

    def alone(self) -> bool:
        return self.paragraph.text.strip() == self.paragraph.text[self.start : self.end]


def _marks(paragraphs: Iterable[ParagraphText]) -> list[tuple[_Mark, _Mark]]:
    """Each {IF}'s mark with its {END-IF}, nested blocks included; marks without a partner are left alone."""
    pairs: list[tuple[_Mark, _Mark]] = []
    open_marks: list[_Mark] = []
    for paragraph in paragraphs:
        for found in _MARK.finditer(paragraph.text):
            mark = _Mark(paragraph, found.start(), found.end(), found.group("name") or "")
            if mark.name:
                open_marks.append(mark)
            elif open_marks:
                pairs.append((open_marks.pop(), mark))
    return pairs


def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    return next((a for a in element.iterancestors() if a.tag == tag), None)


def _rows_apart(opening: _Mark, closing: _Mark) -> tuple[etree._Element, etree._Element] | None:
    """The table rows of a block that starts in one table cell and ends in another, as the fill syntax does to make
    a whole row of the cover table depend on one field; None when the block is not split over cells."""
    cells = (_ancestor(opening.paragraph.paragraph, _TC), _ancestor(closing.paragraph.paragraph, _TC))
    if cells[0] is None or cells[1] is None or cells[0] is cells[1]:
        return None
    rows = (_ancestor(cells[0], _TR), _ancestor(cells[1], _TR))
    if rows[0] is None or rows[1] is None or rows[0].getparent() is not rows[1].getparent():
        return None
    return rows[0], rows[1]


def _tag_row(tag: str) -> etree._Element:
    row = etree.Element(_TR)
    run = etree.SubElement(etree.SubElement(etree.SubElement(row, _TC), f"{{{W}}}p"), f"{{{W}}}r")
    etree.SubElement(run, f"{{{W}}}t").text = tag
    return row


def rewrite(paragraphs: Iterable[ParagraphText], texts: Mapping[str, str]) -> bool:
    """Turn each block whose field is in `texts` into a docxtpl condition; blocks of unmapped fields stay."""
    edits: dict[int, tuple[ParagraphText, list[tuple[int, int, str]]]] = {}
    rows: list[tuple[etree._Element, etree._Element, str]] = []

    def edit(mark: _Mark, new: str) -> None:
        edits.setdefault(id(mark.paragraph), (mark.paragraph, []))[1].append((mark.start, mark.end, new))

    for opening, closing in _marks(paragraphs):
        value = texts.get(placeholder_id(PlaceholderKind.CURLY, opening.name))
        if value is None:
            continue
        condition = _condition(value)
        apart = _rows_apart(opening, closing) if condition else None
        if condition is None:
            edit(opening, "")
            edit(closing, "")
        elif apart is not None:
            edit(opening, "")
            edit(closing, "")
            rows.append((apart[0], apart[1], condition))
        else:
            edit(opening, ("{%p if " if opening.alone() else "{% if ") + condition + " %}")
            edit(closing, "{%p endif %}" if closing.alone() else "{% endif %}")
    for paragraph, changes in edits.values():
        for start, end, new in sorted(changes, reverse=True):
            paragraph.replace(start, end, new)
    for first, last, condition in rows:
        first.addprevious(_tag_row("{%tr if " + condition + " %}"))
        last.addnext(_tag_row("{%tr endif %}"))
    return bool(edits)
