"""Recognising column headers: which ATS wrote a file, and which candidate field each column probably holds.

Headers are compared in a normal form that ignores case, accents, spaces and punctuation, because the same
column arrives as "E-mail Address", "email_address" or " EMAIL ADDRESS " depending on who exported it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

from offerdesk.importing.ats_profiles import PROFILES, AtsProfile
from offerdesk.importing.fields import ImportField
from offerdesk.importing.synonyms import GENERIC_SYNONYMS

ATS_FORMATS = (
    "greenhouse",
    "lever",
    "workable",
    "personio",
    "smartrecruiters",
    "bullhorn",
    "recruitee",
    "odoo",
    "opencats",
    "frappe",
    "generic",
)
_MIN_SIGNATURE_HITS = 2
_LONGEST_HEADER = 120  # longer cells are data, never a column name


def normalise_header(text: str) -> str:
    """`text` casefolded, without accents, spaces or punctuation; "#" reads as "number" ("Phone #")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("#", " number "))
    return "".join(character for character in decomposed if character.isalnum())


def _split(names: str) -> list[str]:
    return [name.strip() for name in names.split("|") if name.strip()]


def _generic_lookup() -> dict[str, ImportField]:
    lookup: dict[str, ImportField] = {}
    for target, names in GENERIC_SYNONYMS.items():
        for name in names:
            lookup.setdefault(normalise_header(name), target)
    return lookup


def _profile_lookup(profile: AtsProfile) -> dict[str, ImportField | None]:
    lookup: dict[str, ImportField | None] = {}
    for target, names in profile.columns.items():
        for name in _split(names):
            lookup.setdefault(normalise_header(name), target)
    return lookup


_GENERIC = _generic_lookup()
_BY_FORMAT = {profile.name: _profile_lookup(profile) for profile in PROFILES}
_SIGNATURES = {profile.name: {normalise_header(name) for name in _split(profile.signature)} for profile in PROFILES}
_EXACT = {profile.name: set(_split(profile.exact)) for profile in PROFILES}
_KNOWN = set(_GENERIC).union(*(set(lookup) for lookup in _BY_FORMAT.values()))


def is_known_header(text: str) -> bool:
    """Whether `text` is a column name some export uses: how a header row is told from data rows."""
    return len(text) <= _LONGEST_HEADER and normalise_header(text) in _KNOWN


def detect_format(headers: Sequence[str]) -> str:
    """The ATS whose distinctive column names the headers share most (at least two), else "generic"."""
    normalised = [normalise_header(header) for header in headers]
    stripped = [header.strip() for header in headers]
    best, best_hits = "generic", _MIN_SIGNATURE_HITS - 1
    for profile in PROFILES:
        signature, exact = _SIGNATURES[profile.name], _EXACT[profile.name]
        hits = sum(1 for key, raw in zip(normalised, stripped, strict=True) if key in signature or raw in exact)
        if hits > best_hits:
            best, best_hits = profile.name, hits
    return best


def guess_mapping(headers: Sequence[str], format: str = "auto") -> tuple[ImportField | None, ...]:
    """The probable field of each column (None when nothing fits): the format's own names first, then the
    general synonyms. Several columns may get the same field (email and email2, city and country)."""
    chosen = detect_format(headers) if format == "auto" else format
    if chosen not in ATS_FORMATS:
        raise ValueError(f"“{chosen}” is not an import format; use one of {', '.join(ATS_FORMATS)} or auto.")
    own = _BY_FORMAT.get(chosen, {})
    guesses: list[ImportField | None] = []
    for header in headers:
        key = normalise_header(header)
        guesses.append(own[key] if key in own else _GENERIC.get(key))
    return tuple(guesses)


def header_key(headers: Sequence[str]) -> str:
    """A stable name for a set of headers (sha256 hex of the normalised, tab-joined list), to save a mapping."""
    return hashlib.sha256("\t".join(normalise_header(header) for header in headers).encode("utf-8")).hexdigest()
