"""Which OfferDesk field a recruiter's own placeholder means, and the docxtpl text the prepared copy puts for it.

A key is first read the way people write it ("FirstName", "job_title", "employee.name", "Insert Address",
"Date1", a name Word cut at 40 characters), then looked up in the synonym table (field_synonyms.py, five
languages), and only then compared loosely (rapidfuzz) with the synonyms and the catalogue for what the table
misses. Keys that hold nothing an offer has (a greeting, a gender, an invoice total) get no suggestion at all,
so a suggestion is never a guess the recruiter has to notice and undo.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz, process

from offerdesk.letters.adopt._blank_context import blank_suggestions
from offerdesk.letters.adopt.field_synonyms import LANGUAGES, SYNONYMS
from offerdesk.letters.adopt.key_words import (
    FILLER_WORDS,
    NOT_OFFER_DATA,
    NOT_OFFER_WORDS,
    PERSON_WORDS,
    WRAPPER_END,
    WRAPPER_START,
)
from offerdesk.letters.adopt.model import Choice, ChoiceKind, Placeholder, PlaceholderKind, Suggestion
from offerdesk.letters.fields import FIELD_NAMES, FIELDS
from offerdesk.letters.word_pictures import word_picture_kind

THRESHOLD = 78.0  # a suggestion this sure is preselected (still unconfirmed); below it the placeholder starts unmapped
WORD_NAME_LIMIT = 40  # Word cuts merge field names at 40 characters
FUZZY_WEIGHT = 0.95  # a loose match is never as sure as a synonym
DESCRIPTION_WEIGHT = 0.7  # a likeness to a catalogue description only ranks, it never preselects


@dataclass(frozen=True)
class _Meaning:
    field: str
    reason: str


def _synonym_reason(language: str, meaning: str) -> str:
    return f"a usual name for {meaning}" if language == "en" else f"{LANGUAGES[language]} for {meaning}"


def _field_words(name: str) -> str:
    return name.replace(".", " ").replace("_", " ")


def _table() -> dict[str, _Meaning]:
    table: dict[str, _Meaning] = {}
    for entry in SYNONYMS:
        for language, phrases in entry.words.items():
            for phrase in phrases:
                table.setdefault(phrase, _Meaning(entry.field, _synonym_reason(language, entry.meaning)))
    for field in FIELDS:  # a key already written like a catalogue name: "candidate_first_name", "role.title"
        table[_field_words(field.name)] = _Meaning(field.name, f"the OfferDesk field {field.name}")
    return table


_TABLE = _table()
_FUZZY_CHOICES = [phrase for phrase in _TABLE if len(phrase) >= 4]
_DESCRIPTIONS = {field.name: field.description.lower() for field in FIELDS}
_ORDER = {field.name: index for index, field in enumerate(FIELDS)}

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])")
_DOCXTPL_PREFIX = re.compile(r"^(?:p|r|tr|tc)\s+(?=[A-Za-z_])")
_CALL = re.compile(r"^[A-Za-z_][\w.]*\((.*)\)$")


def _plain(text: str) -> str:
    """Lower case ASCII words: accents dropped, ß as ss, camelCase and digits split off, punctuation as spaces."""
    text = text.replace("ß", "ss").replace("ẞ", "SS")
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = _CAMEL.sub(" ", text)
    words = [word for word in re.split(r"[^A-Za-z0-9]+", text.lower()) if word and not word.isdigit()]
    return " ".join(words)


def _unwrap(words: str) -> str:
    """Without "Insert …", "enter …", "… here": the instruction around the name of what goes there."""
    changed = True
    while changed and words and words not in _TABLE:  # "type of employment" is a name, not an instruction
        changed = False
        for start in WRAPPER_START:
            if words.startswith(start + " ") and len(words) > len(start) + 1:
                words, changed = words[len(start) + 1 :], True
        for end in WRAPPER_END:
            if words.endswith(" " + end):
                words, changed = words[: -len(end) - 1], True
    return words


def _expression_name(key: str) -> str:
    """A docxtpl tag's name: without {%p %}-style prefixes, filters and call brackets ("today()" is "today")."""
    name = _DOCXTPL_PREFIX.sub("", key.strip()).split("|", 1)[0].strip()
    while (call := _CALL.match(name)) is not None:
        inner = call.group(1).strip()
        name = inner if inner else name[: name.index("(")]
    return name


def normalise(key: str) -> str:
    """The key as plain words: "FirstName" and "first_name" both read "first name"."""
    return _unwrap(_plain(_expression_name(key)))


def _variants(key: str) -> list[tuple[str, float, str]]:
    """Readings of a key, best first, with the score they cost and how they were read."""
    name = _expression_name(key)
    segments = [segment for segment in name.split(".") if segment.strip()]
    readings: list[tuple[str, float, str]] = [(_unwrap(_plain(name)), 0.0, "")]
    if len(segments) > 2:
        readings.append((_unwrap(_plain(" ".join(segments[-2:]))), 4.0, "its last part"))
    if len(segments) > 1:
        readings.append((_unwrap(_plain(segments[-1])), 8.0, "its last part"))
    out: list[tuple[str, float, str]] = []
    for words, cost, how in readings:
        out.append((words, cost, how))
        tokens = words.split()
        while len(tokens) > 1 and tokens[0] in PERSON_WORDS:
            tokens = tokens[1:]
            out.append((" ".join(tokens), cost + 3.0, how or "the word for whose value it is left aside"))
    unique: dict[str, tuple[str, float, str]] = {}
    for item in out:
        if item[0]:
            unique.setdefault(item[0], item)
    return list(unique.values())


def _looks_cut(placeholder: Placeholder) -> bool:
    return len(placeholder.key) >= WORD_NAME_LIMIT - 1 or "40" in placeholder.note


class _Best:
    def __init__(self) -> None:
        self.by_field: dict[str, Suggestion] = {}

    def add(self, field: str, score: float, reason: str) -> None:
        score = max(0.0, min(100.0, round(score, 1)))
        current = self.by_field.get(field)
        if current is None or score > current.score:
            self.by_field[field] = Suggestion(field, score, reason)

    def ranked(self, limit: int) -> list[Suggestion]:
        items = sorted(self.by_field.values(), key=lambda item: (-item.score, _ORDER.get(item.field, 999)))
        return items[:limit]


def _places(tokens: list[str], phrase: list[str], cut: bool) -> set[int]:
    """The word positions of `tokens` that `phrase` covers wherever it occurs (a cut last word may end it)."""
    size, covered = len(phrase), set[int]()
    for start in range(len(tokens) - size + 1):
        window = tokens[start : start + size]
        last = start + size == len(tokens)
        clipped = cut and last and len(window[-1]) >= 3 and phrase[-1].startswith(window[-1])
        if window == phrase or (clipped and window[:-1] == phrase[:-1]):
            covered.update(range(start, start + size))
    return covered


def _contained(best: _Best, tokens: list[str], cost: float, how: str, cut: bool) -> None:
    """Fields whose phrases cover part of a longer key ("site location"), by the share of its words they cover."""
    covered: dict[str, set[int]] = {}
    longest: dict[str, tuple[str, str]] = {}
    for phrase, meaning in _TABLE.items():
        parts = phrase.split()
        if len(parts) >= len(tokens) or not (places := _places(tokens, parts, cut)):
            continue
        covered.setdefault(meaning.field, set()).update(places)
        if len(phrase) > len(longest.get(meaning.field, ("", ""))[0]):
            longest[meaning.field] = (phrase, meaning.reason)
    meaningful = {index for index, token in enumerate(tokens) if token not in FILLER_WORDS} or set(range(len(tokens)))
    for field, places in covered.items():
        phrase, reason = longest[field]
        score = 65.0 + 25.0 * len(places & meaningful) / len(meaningful) - cost
        best.add(field, score, _with_how(f"says “{phrase}”: {reason}", how))


def _with_how(reason: str, how: str) -> str:
    return f"{reason} ({how})" if how else reason


def not_offer_data(placeholder: Placeholder) -> str:
    """Why a placeholder holds nothing an offer has ("a gender: not part of an offer"), or "" when it may."""
    for words, _cost, _how in _variants(placeholder.key):
        if words in _TABLE:
            return ""
        if words in NOT_OFFER_DATA:
            return NOT_OFFER_DATA[words]
    tokens = set(normalise(placeholder.key).split())
    if blocked := sorted(tokens & NOT_OFFER_WORDS):
        return f"“{blocked[0]}” is not offer data"
    return ""


def suggest(placeholder: Placeholder, limit: int = 5) -> list[Suggestion]:
    """The catalogue fields this placeholder may mean, surest first; none for keys that hold no offer data."""
    if placeholder.kind is PlaceholderKind.BLANK:
        return blank_suggestions(placeholder)[:limit]
    if not_offer_data(placeholder):
        return []
    best = _Best()
    cut = _looks_cut(placeholder)
    for words, cost, how in _variants(placeholder.key):
        if (meaning := _TABLE.get(words)) is not None:
            best.add(meaning.field, 100.0 - cost, _with_how(meaning.reason, how))
        _contained(best, words.split(), cost, how, cut)
        if cut and len(words) >= 4:
            for phrase, phrase_meaning in _TABLE.items():
                if phrase.startswith(words) and phrase != words:
                    best.add(phrase_meaning.field, 90.0 - cost, f"cut by Word from “{phrase}”: {phrase_meaning.reason}")
        if len(words) < 4:
            continue
        for phrase, score, _index in process.extract(words, _FUZZY_CHOICES, scorer=fuzz.token_sort_ratio, limit=10):
            if phrase[0] != words[0]:
                continue  # a typo keeps the first letter; "class name" is not "last name"
            meaning = _TABLE[phrase]
            target = meaning.field if meaning.reason.startswith("the OfferDesk field") else f"“{phrase}”"
            best.add(meaning.field, score * FUZZY_WEIGHT - cost, _with_how(f"close to {target}", how))
        described = process.extract(words, _DESCRIPTIONS, scorer=fuzz.WRatio, limit=3)
        for _description, score, field in described:
            best.add(str(field), score * DESCRIPTION_WEIGHT - cost, f"like {field}: “{_DESCRIPTIONS[str(field)]}”")
    return best.ranked(limit)


def suggested_choice(placeholder: Placeholder) -> Choice | None:
    """The top suggestion as an unconfirmed field choice when it is sure enough; None leaves it unmapped."""
    suggestions = suggest(placeholder, limit=1)
    if not suggestions or suggestions[0].score < THRESHOLD:
        return None
    field = suggestions[0].field
    picture = placeholder.picture if _picture_fits(field, placeholder.picture) else ""
    return Choice(ChoiceKind.FIELD, field, picture=picture, confirmed=False)


# -- the prepared copy's text ----------------------------------------------------------------------------------
_FIELD_PATH = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*$")
_LITERAL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?()-_/@+=*$#")
_EXAMPLES = {field.name: field.example for field in FIELDS}


def jinja_literal(text: str) -> str:
    """A Jinja string literal that renders `text` exactly.

    Everything but plain letters, digits and simple punctuation is written as an escape (\\x26 for &, \\u2019 for ’),
    so nothing in it is touched on the way: Word XML escaping, docxtpl's curly-quote clean-up inside tags, and the
    autoescape that then writes & < > once as XML text.
    """
    pieces = []
    for char in text:
        code = ord(char)
        if char in _LITERAL_SAFE:
            pieces.append(char)
        elif code <= 0xFF:
            pieces.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            pieces.append(f"\\u{code:04x}")
        else:
            pieces.append(f"\\U{code:08x}")
    return "'" + "".join(pieces) + "'"


def _date_twin(field: str) -> str | None:
    if field.endswith("_iso"):
        return field
    twin = f"{field}_iso"
    return twin if twin in FIELD_NAMES else None


def _plain_number(field: str) -> bool:
    try:
        return Decimal(_EXAMPLES.get(field, "x")).is_finite()
    except InvalidOperation:
        return False


def _number_twin(field: str) -> tuple[str, bool] | None:
    """The raw twin a number picture formats, and whether it is in minor units (cents)."""
    if field.endswith("_amount") or (not field.endswith("_minor") and _plain_number(field)):
        return field, False
    if f"{field}_amount" in FIELD_NAMES:
        return f"{field}_amount", False
    if field.endswith("_minor"):
        return field, True
    if f"{field}_minor" in FIELD_NAMES:
        return f"{field}_minor", True
    return None


def _picture_fits(field: str, picture: str) -> bool:
    kind = word_picture_kind(picture)
    if kind == "date":
        return _date_twin(field) is not None
    if kind == "number":
        return _number_twin(field) is not None
    return False


def expression(choice: Choice) -> str:
    """What the prepared copy puts in place of the placeholder: a docxtpl tag, a fixed text's tag, or nothing."""
    if choice.kind is ChoiceKind.EMPTY or (choice.kind is ChoiceKind.TEXT and not choice.value):
        return ""
    if choice.kind is ChoiceKind.TEXT:
        return "{{ " + jinja_literal(choice.value) + " }}"
    field = choice.value
    if not _FIELD_PATH.match(field) or field not in FIELD_NAMES:
        raise ValueError(f"“{field}” is not an OfferDesk field; choose one from the field list.")
    kind = word_picture_kind(choice.picture)
    if kind == "date" and (twin := _date_twin(field)) is not None:
        return "{{ " + f"{twin} | word_date({jinja_literal(choice.picture.strip())})" + " }}"
    if kind == "number" and (number := _number_twin(field)) is not None:
        name, minor = number
        currency = ", currency=offer.currency" if minor else ""
        return "{{ " + f"{name} | word_number({jinja_literal(choice.picture.strip())}{currency})" + " }}"
    return "{{ " + field + " }}"


__all__ = [
    "THRESHOLD",
    "expression",
    "jinja_literal",
    "normalise",
    "not_offer_data",
    "suggest",
    "suggested_choice",
]
