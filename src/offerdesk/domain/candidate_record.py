"""A candidate as the recruiter types them: checked and normalised once, here, for the editor, the CLI and imports.

Emails are checked by `email-validator` (syntax only: the app is offline), phone numbers parsed by `phonenumbers`
and kept in E.164, shown in the international format. Names may be in any script.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from offerdesk.domain.candidates import Stage
from offerdesk.domain.text_rules import text_problem
from offerdesk.errors import ValidationError

MAX_NAME = 200
MAX_TAGS = 50
MAX_NOTES = 100_000
MAX_FIELD = 500


@dataclass(frozen=True)
class CandidateDraft:
    """Every field of the candidate editor; the first email and phone are the primary ones."""

    first_name: str = ""
    last_name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    location: str = ""
    role_id: int | None = None
    stage: Stage = Stage.SCREENING
    source: str = ""
    recruiter: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    links: tuple[str, ...] = ()
    consent_given_on: date | None = None
    retain_until: date | None = None
    external_id: str = ""

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stage", Stage(self.stage))


@dataclass(frozen=True)
class StageChange:
    at_iso: str
    actor: str
    from_stage: Stage | None
    to_stage: Stage


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft: the field it is in and a sentence."""

    field: str
    message: str


@dataclass
class _Checker:
    problems: list[Problem] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.problems.append(Problem(name, message))


def split_full_name(full_name: str) -> tuple[str, str]:
    """“Ana María Ramírez” → (“Ana María”, “Ramírez”); a single word is a first name; “Yamada, Taro” keeps its order."""
    text = " ".join(full_name.split())
    if "," in text:
        last, _, first = text.partition(",")
        return first.strip(), last.strip()
    if " " not in text:
        return text, ""
    first, _, last = text.rpartition(" ")
    return first, last


def normalise_email(text: str) -> str:
    """The address as stored: the domain in lower case; raises ValidationError with a sentence when it is not one."""
    try:
        checked = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError(f"“{text.strip()}” is not an email address: {error}") from None
    return str(checked.normalized)


def normalise_phone(text: str, default_region: str | None = None) -> str:
    """E.164 (“+4915112345678”); without a leading + the default region (from the app's locale) is assumed."""
    cleaned = text.strip()
    try:
        number = phonenumbers.parse(cleaned, default_region)
    except phonenumbers.NumberParseException:
        hint = "" if default_region else " (add the country code, e.g. +49)"
        raise ValidationError(f"“{cleaned}” is not a phone number{hint}.") from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(f"“{cleaned}” is not a possible phone number for its country.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(stored: str) -> str:
    """The international format for showing (“+49 151 12345678”); anything unparsable is shown as stored."""
    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, de-duplicated without regard to case, first spelling kept; separators cannot be inside a tag."""
    seen: dict[str, str] = {}
    for tag in tags:
        for part in tag.replace(";", ",").split(","):
            cleaned = " ".join(part.split())
            if cleaned and cleaned.casefold() not in seen:
                seen[cleaned.casefold()] = cleaned
    return tuple(seen.values())


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())


_TEXT_FIELDS = (
    ("first_name", "First name"), ("last_name", "Last name"), ("location", "Location"), ("source", "Source"),
    ("recruiter", "Recruiter"), ("external_id", "External id"),
)  # fmt: skip
_LIST_FIELDS = (("emails", "Email"), ("phones", "Phone"), ("tags", "Tag"), ("links", "Link"))


def _plain_breaks(text: str) -> str:
    """Line breaks of any system count as breaks here; names and places are collapsed to single spaces later."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_texts(draft: CandidateDraft, checker: _Checker) -> None:
    """Control characters and invalid text are refused in every field (domain.text_rules); lengths come later."""
    for name, label in _TEXT_FIELDS:
        problem = text_problem(_plain_breaks(getattr(draft, name)), label, multiline=True)
        if problem:
            checker.add(name, problem)
    for name, label in _LIST_FIELDS:
        for value in getattr(draft, name):
            problem = text_problem(_plain_breaks(value), label, MAX_FIELD * 4, multiline=True)
            if problem:
                checker.add(name, problem)
                break
    problem = text_problem(_plain_breaks(draft.notes), "Notes", multiline=True)
    if problem:
        checker.add("notes", problem)


def check_draft(draft: CandidateDraft, default_region: str | None = None) -> tuple[CandidateDraft, list[Problem]]:
    """The draft as it will be stored, and every problem found (an empty list means it can be saved)."""
    checker = _Checker()
    _check_texts(draft, checker)
    first, last = " ".join(draft.first_name.split()), " ".join(draft.last_name.split())
    if not first and not last:
        checker.add("first_name", "A candidate needs a name.")
    for name, value in (("first_name", first), ("last_name", last)):
        if len(value) > MAX_NAME:
            checker.add(name, f"A name is at most {MAX_NAME} characters.")
    emails = []
    for text in draft.emails:
        if text.strip():
            try:
                emails.append(normalise_email(text))
            except ValidationError as error:
                checker.add("emails", str(error))
    phones = []
    for text in draft.phones:
        if text.strip():
            try:
                phones.append(normalise_phone(text, default_region))
            except ValidationError as error:
                checker.add("phones", str(error))
    links = [" ".join(link.split()) for link in draft.links]
    for link in links:
        if link and " " in link:
            checker.add("links", f"“{link}” is not a link (it has spaces).")
    tags = normalise_tags(draft.tags)
    if len(tags) > MAX_TAGS:
        checker.add("tags", f"A candidate has at most {MAX_TAGS} tags, not {len(tags)}.")
    if len(draft.notes) > MAX_NOTES:
        checker.add("notes", f"Notes are at most {MAX_NOTES:,} characters.")
    if draft.consent_given_on and draft.retain_until and draft.retain_until < draft.consent_given_on:
        checker.add("retain_until", "The retention date is before the consent date.")
    cleaned = replace(
        draft,
        first_name=first,
        last_name=last,
        emails=_unique(emails),
        phones=_unique(phones),
        location=" ".join(draft.location.split()),
        source=draft.source.strip(),
        recruiter=draft.recruiter.strip(),
        tags=tags,
        links=_unique(links),
        external_id=draft.external_id.strip(),
    )
    return cleaned, checker.problems


def valid_draft(draft: CandidateDraft, default_region: str | None = None) -> CandidateDraft:
    """The stored form of a draft, or ValidationError with every problem, one per line."""
    cleaned, problems = check_draft(draft, default_region)
    if problems:
        raise ValidationError(" ".join(problem.message for problem in problems))
    return cleaned


def fold(text: str) -> str:
    """The search form of text: case folded and Latin/Greek/Cyrillic accents dropped (“Ramírez” → “ramirez”).

    Marks on other scripts are kept: the dakuten in “ガ” changes the sound, not the accent.
    """
    if text.isascii():
        return text.lower()  # the common case, and for ASCII lower() is casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    previous_base = ""
    for char in decomposed:
        if unicodedata.combining(char):
            if previous_base and ord(previous_base) < 0x0530:
                continue
        else:
            previous_base = char
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).casefold()


def search_text(
    first_name: str,
    last_name: str,
    emails: Iterable[str],
    location: str,
    tags: Iterable[str],
    notes: str,
    external_id: str = "",
) -> str:
    """What the candidate search looks in, folded; the role title is matched through the role, not copied here."""
    parts = [first_name, last_name, *emails, location, *tags, notes, external_id]
    return fold(" ".join(" ".join(part.split()) for part in parts if part))
