"""The written forms of typed placeholders, and the checks that keep ordinary text out.

Real letters use brackets, hashes and braces for other things too: "[sic]", footnote marks "[1]", legal check
boxes "[ ]", whole bracketed sentences, "#1", "C#", code. A name here is short (at most 60 characters and 8 words),
holds a letter, and for brackets reads like a label ("Candidate Name", "DATE", "Insert salary", "name here").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from offerdesk.letters.adopt.model import PlaceholderKind

MAX_CHARS = 60
MAX_WORDS = 8


@dataclass(frozen=True)
class Match:
    kind: PlaceholderKind
    key: str
    start: int
    end: int


# Jinja: any tag, so that nothing inside one is taken for a bracket or brace placeholder.
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_VARIABLE = re.compile(r"^\{\{-?\s*(?:(?:p|r|tr|tc)\s+)?(?P<expr>.*?)\s*-?\}\}$", re.DOTALL)
_PATH = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")
_STATEMENT = re.compile(r"^\{%-?\s*(?:(?:p|r|tr|tc)\s+)?(?P<body>.*?)\s*-?%\}$", re.DOTALL)
_FOR = re.compile(r"^for\s+(?P<names>[\w\s,()]+?)\s+in\s+(?P<target>.+?)(?:\s+if\s+.*|\s+recursive)?$", re.DOTALL)
_SET = re.compile(r"^set\s+(?P<names>[\w\s,]+?)\s*=")
_MACRO = re.compile(r"^macro\s+(?P<name>\w+)\s*\((?P<params>[^)]*)\)")

_GUILLEMETS = re.compile(r"«(?!\s)([^«»\n]{1,60})(?<!\s)»")
_BRACKETS = re.compile(r"\[([^\[\]\n]{1,60})\](?!\()")
_CURLY = re.compile(r"(?<![{$\\])\{(?![{%#])([^{}\n]{1,60})\}(?!\})")
_HASH = re.compile(r"(?<![\w#&])#([^\W\d_](?:[\w .-]{0,57}[\w.-])?)#(?!#)")
_ANGLE = re.compile(r"(?<!<)<<([^<>\n]{1,60})>>(?!>)")
_INSTRUCTION = re.compile(r"\bINSERT((?:[ \t]+[A-Z][A-Z0-9&/'’-]*)+)\b\]?")

_EDITORIAL = {"sic", "sic!", "emphasis added", "emphasis mine", "redacted", "citation needed", "ibid", "omitted"}
_LABEL_WORDS = ("insert ", "enter ", "add ", "type ", "name of ", "date of ")
_BLOCK_WORDS = re.compile(r"^(?:IF|END-?IF|ELSE|ELSEIF|FOR|END-?FOR|EACH|END)\b", re.IGNORECASE)
_NAME_CHARS = re.compile(r"^[\w .,'’&/()$%-]+$")


def _short_name(key: str) -> bool:
    return (
        0 < len(key) <= MAX_CHARS
        and len(key.split()) <= MAX_WORDS
        and any(char.isalpha() for char in key)
        and _NAME_CHARS.match(key) is not None
        and ". " not in key
    )


def _bracket_name(key: str) -> bool:
    if not _short_name(key) or key.lower() in _EDITORIAL or not key[0].isalpha() or len(key) < 2:
        return False
    lowered = key.lower()
    return key[0].isupper() or "_" in key or lowered.startswith(_LABEL_WORDS) or lowered.endswith(" here")


def _curly_name(key: str) -> bool:
    return _short_name(key) and key[0].isalpha() and _BLOCK_WORDS.match(key) is None and ":" not in key


def _guillemet_name(key: str) -> bool:
    words = key.split()
    return _short_name(key) and len(words) <= 4 and "," not in key and all(w[0].isupper() for w in words[1:])


_ANY_GUILLEMETS = re.compile(r"«([^«»]{1,300})»")


def quotes_with_guillemets(text: str) -> bool:
    """True when the text uses « » as quotation marks (« la Société », «Безопасность труда в строительстве»), as
    French, Russian or Swiss German letters do: then a «Word» there is a quotation, not a pasted merge field."""
    return any(
        found.group(1) != found.group(1).strip() or not _guillemet_name(_tidy(found.group(1)))
        for found in _ANY_GUILLEMETS.finditer(text)
    )


def _tidy(text: str) -> str:
    return " ".join(text.split())


def typed(text: str, taken: list[tuple[int, int]], guillemets: bool = True) -> list[Match]:
    """The delimited placeholders in a paragraph's text, leaving out any that overlap a span in `taken`;
    `guillemets` False when the part uses « » as quotation marks."""
    candidates: list[Match] = []
    rules = (
        (PlaceholderKind.GUILLEMETS, _GUILLEMETS, _guillemet_name),
        (PlaceholderKind.BRACKETS, _BRACKETS, _bracket_name),
        (PlaceholderKind.CURLY, _CURLY, _curly_name),
        (PlaceholderKind.HASH, _HASH, _short_name),
        (PlaceholderKind.ANGLE, _ANGLE, _short_name),
    )
    for kind, pattern, accept in rules:
        if kind is PlaceholderKind.GUILLEMETS and not guillemets:
            continue
        for found in pattern.finditer(text):
            key = _tidy(found.group(1))
            if accept(key):
                candidates.append(Match(kind, key, found.start(), found.end()))
    for found in _INSTRUCTION.finditer(text):
        key = _tidy(found.group(1))
        if _short_name(key):
            candidates.append(Match(PlaceholderKind.INSTRUCTION, key, found.start(), found.end()))
    chosen: list[Match] = []
    spans = list(taken)
    for match in sorted(candidates, key=lambda m: (m.start, -m.end)):
        if any(match.start < end and start < match.end for start, end in spans):
            continue
        chosen.append(match)
        spans.append((match.start, match.end))
    return chosen


def variable_path(tag: str) -> str | None:
    """The variable a docxtpl print tag shows ("{{ candidate_name|upper }}" gives "candidate_name"), or None
    when the tag computes something (a call, arithmetic, an index) rather than naming a value."""
    found = _VARIABLE.match(tag)
    if found is None:
        return None
    expression = found.group("expr").split("|")[0].strip()
    return expression if _PATH.match(expression) else None


def statement(tag: str) -> str | None:
    found = _STATEMENT.match(tag)
    return found.group("body") if found else None


def bound_names(body: str) -> set[str]:
    """Names a Jinja statement binds (loop variables, set targets, a macro and its parameters)."""
    for pattern, group in ((_FOR, "names"), (_SET, "names")):
        found = pattern.match(body)
        if found:
            return {name for name in re.split(r"[\s,()]+", found.group(group)) if name}
    macro = _MACRO.match(body)
    if macro:
        params = {part.split("=")[0].strip() for part in macro.group("params").split(",")}
        return {macro.group("name")} | {name for name in params if name}
    return set()


def loop_target(body: str) -> tuple[set[str], str] | None:
    """A for statement's bound names and what it loops over ("items", "docs.order_line")."""
    found = _FOR.match(body)
    if found is None:
        return None
    names = {name for name in re.split(r"[\s,()]+", found.group("names")) if name}
    return names, found.group("target").split("|")[0].strip()
