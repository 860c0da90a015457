"""Adopting a recruiter's own letter as it is: find its placeholders, and write OfferDesk's prepared copy of it.

Finding runs over the parts that carry letter text (body with its tables and text boxes, headers, footers,
footnotes, endnotes). The prepared copy puts, in place of each placeholder, the text chosen for it (a docxtpl tag
such as "{{ candidate.first_name }}", a fixed text, or nothing), in the placeholder's own run so Word's formatting
stays; the recruiter's original file is never changed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence

from lxml import etree

from offerdesk.letters.adopt import text_placeholders, word_fields
from offerdesk.letters.adopt.model import Found, Placeholder, PlaceholderKind
from offerdesk.letters.docx_file import WordPackage

_TEXT_PART_SUFFIXES = (
    "wordprocessingml.document.main+xml",
    "wordprocessingml.header+xml",
    "wordprocessingml.footer+xml",
    "wordprocessingml.footnotes+xml",
    "wordprocessingml.endnotes+xml",
    "wordprocessingml.template.main+xml",
)


def text_parts(package: WordPackage) -> list[str]:
    """The parts that carry letter text, in package order."""
    return [
        name
        for name in package.data
        if any(package.content_types.get(name, "").endswith(suffix) for suffix in _TEXT_PART_SUFFIXES)
    ]


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
    return etree.fromstring(data, parser)


def find_occurrences(package: WordPackage, words: Sequence[str] = ()) -> list[Found]:
    found: list[Found] = []
    counts: dict[str, int] = {}  # blanks are numbered over the whole letter
    for name in text_parts(package):
        root = _parse(package.data[name])
        found += word_fields.find(root, name)
        found += text_placeholders.find(root, name, words, counts)
    return found


def find_placeholders(package: WordPackage, words: Sequence[str] = ()) -> list[Placeholder]:
    """Each placeholder once, in the order it first appears, with where and how often it occurs; `words` are
    plain words the recruiter marked as placeholders ("Employee Name", "Date")."""
    merged: dict[str, list[Found]] = {}
    for item in find_occurrences(package, words):
        merged.setdefault(item.id, []).append(item)
    placeholders = []
    for items in merged.values():
        first = items[0]
        parts = tuple(dict.fromkeys(item.part for item in items))
        picture = next((item.picture for item in items if item.picture), "")
        note = next((item.note for item in items if item.note), "")
        placeholders.append(Placeholder(first.kind, first.key, first.written, parts, len(items), picture, note))
    return placeholders


def marked_in(texts: Mapping[str, str]) -> list[str]:
    """The marked words among placeholder ids ("words:Employee Name" gives "Employee Name")."""
    prefix = PlaceholderKind.WORDS.value + ":"
    return [key.removeprefix(prefix) for key in texts if key.startswith(prefix)]


def rewrite_package(package: WordPackage, texts: Mapping[str, str], words: Sequence[str] | None = None) -> bytes:
    """The .docx with each placeholder whose id is in `texts` replaced by that text; others are left as written.
    `words` are the marked words (by default those `texts` names)."""
    marked = marked_in(texts) if words is None else list(words)
    replaced: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for name in text_parts(package):
        root = _parse(package.data[name])
        changed = word_fields.rewrite(root, texts)
        changed = text_placeholders.rewrite(root, texts, marked, counts) or changed
        if changed:
            replaced[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in package.members:
            archive.writestr(info, replaced.get(info.filename, package.data.get(info.filename, b"")))
    return buffer.getvalue()
