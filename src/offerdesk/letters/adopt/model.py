"""What adopting a recruiter's own letter works with: the placeholders found in it and the choice made for each.

A placeholder is identified by its kind and its name as the author wrote it ("mergefield:FirstName",
"brackets:Candidate Name"), so «Name» and [Name] in the same letter can be mapped apart if they mean different
things, and the same placeholder written five times is mapped once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PlaceholderKind(StrEnum):
    MERGEFIELD = "mergefield"  # a Word MERGEFIELD, simple (w:fldSimple) or complex (w:fldChar ... w:instrText)
    GUILLEMETS = "guillemets"  # «FirstName» typed as text (a merge field pasted as plain text)
    BRACKETS = "brackets"  # [Candidate Name]
    CURLY = "curly"  # {Salary} (single braces; {{ }} is Jinja)
    HASH = "hash"  # #FirstName#
    ANGLE = "angle"  # <<FirstName>>
    JINJA = "jinja"  # {{ job_title }}: a docxtpl tag whose name is not an OfferDesk field
    INSTRUCTION = "instruction"  # INSERT JOB TITLE: an instruction typed in capitals where a value belongs
    BLANK = "blank"  # XX, $XX.XX or X,XXX: a blank to fill; each occurrence is its own ("XX#1", "XX#2")
    WORDS = "words"  # plain words the recruiter marked as a placeholder ("Employee Name")


@dataclass(frozen=True)
class Found:
    """One occurrence, as a finder reports it (the package-level list merges occurrences into Placeholders)."""

    kind: PlaceholderKind
    key: str  # the name without delimiters or switches: "FirstName", "Candidate Name", "job_title"
    written: str  # as it reads in the letter: "«FirstName»", "[Candidate Name]", "{{ job_title }}"
    part: str  # the package part, e.g. "word/document.xml", "word/header1.xml", "word/footnotes.xml"
    picture: str = ""  # Word's format picture: \@ "d MMMM yyyy" gives "d MMMM yyyy", \# "#,##0.00" gives that
    note: str = ""  # e.g. "inside an IF field", "cut at 40 characters by Word"

    @property
    def id(self) -> str:
        return placeholder_id(self.kind, self.key)


def placeholder_id(kind: PlaceholderKind, key: str) -> str:
    return f"{kind.value}:{key}"


@dataclass(frozen=True)
class Placeholder:
    kind: PlaceholderKind
    key: str
    written: str  # the first occurrence's text
    parts: tuple[str, ...]  # every part it occurs in, in package order
    occurrences: int
    picture: str = ""  # the first picture any occurrence carries
    note: str = ""

    @property
    def id(self) -> str:
        return placeholder_id(self.kind, self.key)


class ChoiceKind(StrEnum):
    FIELD = "field"  # an OfferDesk field from the catalogue (letters/fields.py)
    TEXT = "text"  # a fixed text the recruiter typed
    EMPTY = "empty"  # left empty on purpose


@dataclass(frozen=True)
class Choice:
    kind: ChoiceKind
    value: str = ""  # the field name (FIELD) or the fixed text (TEXT)
    picture: str = ""  # a date or number picture for a FIELD ("" = the letter's own format)
    confirmed: bool = False  # False: suggested by OfferDesk and not yet looked at by the recruiter


@dataclass(frozen=True)
class Suggestion:
    field: str  # a catalogue field name, e.g. "candidate.first_name"
    score: float  # 0-100: how sure the suggestion is
    reason: str  # e.g. "synonym of first name (German)", "close to role.title"
