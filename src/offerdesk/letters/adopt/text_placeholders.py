"""Placeholders typed as text: «guillemets», [brackets], {curly}, #hash#, <<angle>>, INSERT instructions,
unknown {{ jinja }} names, XX blanks, and the plain words the recruiter marked.

They are found on each paragraph's joined text, since Word splits typed text over runs, and text that belongs to a
Word field (a MERGEFIELD's cached «FirstName») is left to the field finder. Placeholders that are bare words
("Employee Name", "Amount") cannot be told from the letter's own words, so only those the recruiter marks
(`words`) are reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from lxml import etree

from offerdesk.letters.adopt import _blanks, _fill_conditions, word_fields
from offerdesk.letters.adopt._paragraph_text import MC, ParagraphText, in_fallback, paragraphs
from offerdesk.letters.adopt._typed_patterns import (
    JINJA_TAG,
    Match,
    bound_names,
    loop_target,
    quotes_with_guillemets,
    statement,
    typed,
    variable_path,
)
from offerdesk.letters.adopt.model import Found, PlaceholderKind, placeholder_id
from offerdesk.letters.fields import FIELDS


@cache
def offerdesk_roots() -> frozenset[str]:
    """The first segment of every catalogue field (candidate, role, offer, company, ...): a docxtpl tag starting
    with one of these is already an OfferDesk field, not a placeholder to map."""
    return frozenset(field.name.split(".")[0] for field in FIELDS)


def _visible(root: etree._Element) -> list[ParagraphText]:
    """The part's paragraphs as the reader sees them: without Word fields' text or the copies kept for old readers."""
    return list(paragraphs(root, word_fields.field_result_runs(root), with_fallback=False))


def _statements(visible: list[ParagraphText]) -> Iterator[str]:
    for paragraph in visible:
        for tag in JINJA_TAG.finditer(paragraph.text):
            body = statement(tag.group(0))
            if body is not None:
                yield body


@dataclass(frozen=True)
class _PartContext:
    local: set[str]  # names the template binds itself (loop variables, set targets, macros): not values to fill
    guillemets: bool  # False when the part uses « » as quotation marks


def _context(visible: list[ParagraphText]) -> _PartContext:
    names: set[str] = set()
    for body in _statements(visible):
        names |= bound_names(body)
    return _PartContext(names, not any(quotes_with_guillemets(paragraph.text) for paragraph in visible))


def _overlaps(match: Match, spans: list[tuple[int, int]]) -> bool:
    return any(match.start < end and start < match.end for start, end in spans)


def _matches(paragraph: ParagraphText, context: _PartContext, words: Sequence[str] = ()) -> list[Match]:
    """The paragraph's placeholders in text order; blanks keep their written form as key (see _blanks.number)."""
    jinja: list[Match] = []
    taken: list[tuple[int, int]] = []
    for tag in JINJA_TAG.finditer(paragraph.text):
        taken.append((tag.start(), tag.end()))
        path = variable_path(tag.group(0))
        if path is None:
            continue
        first = path.split(".")[0]
        if first not in offerdesk_roots() and first not in context.local:
            jinja.append(Match(PlaceholderKind.JINJA, path, tag.start(), tag.end()))
    chosen = typed(paragraph.text, taken, context.guillemets)
    taken += [(match.start, match.end) for match in chosen]
    blanks = [match for match in _blanks.blanks(paragraph.text) if not _overlaps(match, taken)]
    taken += [(match.start, match.end) for match in blanks]
    marked = _blanks.marked_words(paragraph.text, words, taken) if words else []
    return sorted(jinja + chosen + blanks + marked, key=lambda match: match.start)


def find(root: etree._Element, part: str, words: Sequence[str] = (),
         counts: dict[str, int] | None = None) -> list[Found]:  # fmt: skip
    """Every text placeholder in the part, in document order, including those split over several runs; `words`
    are the plain words marked as placeholders, `counts` numbers blanks on from earlier parts."""
    visible = _visible(root)
    context = _context(visible)
    counts = {} if counts is None else counts
    found: list[Found] = []
    for paragraph in visible:
        items = []
        for m in _blanks.number(_matches(paragraph, context, words), counts):
            written = paragraph.text[m.start : m.end]
            note = _blanks.context(paragraph.text, m.start, m.end) if m.kind is PlaceholderKind.BLANK else ""
            items.append((m.start, Found(m.kind, m.key, written, part, note=note)))
        for name, start, end in _fill_conditions.opening_marks(paragraph.text):
            written = paragraph.text[start:end]
            items.append((start, Found(PlaceholderKind.CURLY, name, written, part, note=_fill_conditions.NOTE)))
        found += [item for _, item in sorted(items, key=lambda pair: pair[0])]
    return found


def _alternative(paragraph: etree._Element) -> etree._Element | None:
    """The mc:AlternateContent a paragraph sits in (a text box Word keeps twice), if any."""
    return next((a for a in paragraph.iterancestors() if a.tag == f"{{{MC}}}AlternateContent"), None)


def rewrite(root: etree._Element, texts: Mapping[str, str], words: Sequence[str] = (),
            counts: dict[str, int] | None = None) -> bool:  # fmt: skip
    """Replace each text placeholder whose id is in `texts` by that text, in the placeholder's first run (so its
    formatting stays); True when anything changed. Blanks are numbered as `find` numbers them: the copy of a text
    box Word keeps for older readers numbers its blanks as the text box itself does."""
    skip = word_fields.field_result_runs(root)
    context = _context(list(paragraphs(root, skip, with_fallback=False)))
    counts = {} if counts is None else counts
    before: dict[etree._Element, dict[str, int]] = {}  # the numbering where each text box's first paragraph began
    copies: dict[etree._Element, dict[str, int]] = {}
    changed = False
    for paragraph in list(paragraphs(root, skip, with_fallback=True)):
        box = _alternative(paragraph.paragraph)
        if box is not None and in_fallback(paragraph.paragraph):
            numbering = copies.setdefault(box, dict(before.get(box, counts)))
        else:
            if box is not None:
                before.setdefault(box, dict(counts))
            numbering = counts
        matches = _blanks.number(_matches(paragraph, context, words), numbering)
        mapped = [match for match in matches if placeholder_id(match.kind, match.key) in texts]
        for match in reversed(mapped):
            paragraph.replace(match.start, match.end, texts[placeholder_id(match.kind, match.key)])
            changed = True
    blocks = paragraphs(root, skip, with_fallback=True)
    return _fill_conditions.rewrite(list(blocks), texts) or changed


def uses_own_loops(root: etree._Element) -> list[str]:
    """What the template loops over that is its own data ("items", "docs.order_line"), in order: such a template
    fills a list OfferDesk does not have, so it is not an offer letter to adopt. Loops over OfferDesk's own lists
    (offer.components) are not listed."""
    ours = set(offerdesk_roots())
    targets: list[str] = []
    for body in _statements(_visible(root)):
        loop = loop_target(body)
        if loop is None:
            continue
        names, target = loop
        if target.split(".")[0].split("(")[0].split("[")[0].strip() in ours:
            ours |= names
        elif target not in targets:
            targets.append(target)
    return targets
