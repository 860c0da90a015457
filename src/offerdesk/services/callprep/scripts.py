"""Ask scripts filled with the candidate's and the offer's values, through the same sandbox as letters.

Unlike a letter, a script is read aloud by the recruiter. Three rules follow:

- A value that is not known yet (a decision date, the start date, the top motivator, the whole offer before
  there is one) shows as a visible placeholder such as «start date?»: prep work, never a blank, never an error.
- A part of the offer that the offer does not have (no sign-on, no bonus, no equity …) is not unknown, it is
  absent: every sentence that mentions it is left out, so nobody reads "a sign-on bonus of «sign-on bonus?»"
  to a candidate who is not getting one.
- What is read aloud (each step's text, the ask, an objection's talk track) says amounts and dates as the
  candidate's letter does, in the script's language: a de-DE offer in an English script reads "89.000,00 €" and
  "1 April 2027" (en-DE), never "1. April 2027". Everything the recruiter reads to themselves (titles, tips,
  probes, the profile, the offer summary) is in the interface's notation like the rest of the screen.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Final, NoReturn

from babel import Locale, UnknownLocaleError
from jinja2 import Template, TemplateError, Undefined
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from offerdesk import window_turn
from offerdesk.domain.clock import today
from offerdesk.letters.context import DEFAULT_LOCALE, letter_context
from offerdesk.letters.environment import (
    TEMPLATE_CODE_ERRORS,
    LetterEnvironment,
    RenderTimeout,
    TemplateLimit,
    TemplateRefused,
    checked_context,
    guarded,
)
from offerdesk.letters.limits import capped_concat
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Candidate

PLACEHOLDER_CLASS = "missing"
SCRIPT_LANGUAGE: Final = "en"  # the language the shipped scripts are written in
OPTIONAL_OFFER_VALUES: Final = (
    "bonus", "commission", "sign_on", "relocation", "equity", "total_first_year", "ote", "bonus_per_year",
    "commission_per_year", "sign_on_clawback_months",
)  # fmt: skip
"""Parts of an offer it may simply not have: with an offer, their sentences drop out instead of asking «…?»."""
_ABSENT_OPEN, _ABSENT_CLOSE = "\ue000", "\ue001"  # private-use characters: never in a script's own text
_ABSENT = re.compile(f"{_ABSENT_OPEN}([^{_ABSENT_CLOSE}]*){_ABSENT_CLOSE}")
_SENTENCE_END = re.compile(r"[.!?…](?:&#34;|&#39;|[”’)»])?(\s+)")
# Scripts render with the letters' guard, on a shorter clock: call prep fills them while the recruiter waits. One
# clock (a FillBudget) covers all the texts of one view, so a script of many runaway steps still costs 2 seconds.
SCRIPT_SECONDS = 2.0
_RUNAWAY_MEMORY = 1_000  # texts remembered as running out of time, so showing one again costs nothing
_LABELS = {
    "start_date": "expected start date",
    "sign_on": "sign-on bonus",
    "base": "base salary",
    "bonus": "bonus target",
    "decision_date": "decision date",
    "expires_on": "offer expiry date",
    "total_first_year": "first-year total",
    "top_motivator": "top motivator",
    "first_name": "first name",
    "manager": "hiring manager",
    "team": "team",
}


def spoken_locale(offer_locale: str, language: str = SCRIPT_LANGUAGE) -> str:
    """The locale a script's values are said in: the offer's region (the notation of the candidate's letter) in
    the script's language. de_DE → en_DE ("89.000,00 €", "1 April 2027"); en_GB stays; a region the language has
    no locale for falls back to the language alone."""
    try:
        parsed = Locale.parse(offer_locale or DEFAULT_LOCALE)
    except (ValueError, TypeError, UnknownLocaleError):
        return language
    if parsed.language == language:
        return str(parsed)
    if parsed.territory:
        try:
            return str(Locale.parse(f"{language}_{parsed.territory}"))
        except (ValueError, UnknownLocaleError):
            pass
    return language


class Absent:
    """A part the offer does not have. Falsy (so `{% if offer.sign_on %}` works) and, when printed, a marker that
    `fill` finds to leave the whole sentence out."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return f"{_ABSENT_OPEN}{self.name}{_ABSENT_CLOSE}"

    def __html__(self) -> str:
        return str(self)

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __getattr__(self, name: str) -> Absent:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, _name: Any) -> Absent:
        return self


def _sentences(html: str) -> Iterator[tuple[str, str]]:
    """(sentence, the whitespace after it) in order; a sentence keeps its closing punctuation."""
    start = 0
    for end in _SENTENCE_END.finditer(html):
        yield html[start : end.start(1)], end.group(1)
        start = end.end()
    yield html[start:], ""


def drop_absent(html: str) -> tuple[str, tuple[str, ...]]:
    """The text without the sentences that mention an absent part, and the parts that were left out."""
    if _ABSENT_OPEN not in html:
        return html, ()
    kept, left_out = [], []
    for sentence, space in _sentences(html):
        names = _ABSENT.findall(sentence)
        if names:
            left_out += names
        else:
            kept.append(sentence + space)
    return "".join(kept).rstrip(), tuple(dict.fromkeys(left_out))


class PlaceholderUndefined(Undefined):
    """Renders as «field?»; still refuses attribute tricks the way the letter sandbox does."""

    __slots__ = ()

    def _label(self) -> str:
        name = self._undefined_name or "value"
        return _LABELS.get(name, name.replace("_", " "))

    def __str__(self) -> str:
        hint = self._undefined_hint or ""
        if "unsafe" in hint:
            raise TemplateRefused(f"The script tries to reach inside the program ({hint}); it was refused.")
        return str(Markup('<span class="{}">«{}?»</span>').format(PLACEHOLDER_CLASS, self._label()))

    def __html__(self) -> str:
        return self.__str__()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return PlaceholderUndefined(name=name)

    def __getitem__(self, name: Any) -> Any:
        return PlaceholderUndefined(name=str(name))

    def __call__(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TemplateRefused("The script calls something that is not there; it was refused.")


# What a user-edited script can raise: a broken tag, a refusal, or an error of its own expressions.
SCRIPT_ERRORS = (TemplateError, TemplateRefused, RecursionError, MemoryError, *TEMPLATE_CODE_ERRORS)
# A filled script text is read aloud: a long one is a page. Its output is capped far below a letter's, so a loop
# that prints is stopped by its size long before its clock, and never holds more than a little memory.
MAX_SCRIPT_TEXT = 100_000


class ScriptEnvironment(LetterEnvironment):
    """The letters' sandbox and limits, with the whole output of one text capped at MAX_SCRIPT_TEXT."""

    concat = staticmethod(functools.partial(capped_concat, output_limit=MAX_SCRIPT_TEXT, output_name="script text"))


_ENVIRONMENT = ScriptEnvironment(autoescape=True, undefined=PlaceholderUndefined)
_COMPILED_TEXTS: Final = 512  # a library's scripts and objections many times over


@functools.lru_cache(maxsize=_COMPILED_TEXTS)
def _compiled(text: str) -> Template:
    """A script text compiled once (a compile costs several times a render, and every candidate shown fills the
    same texts again); a compiled template renders in any thread, each render with a context of its own."""
    return _ENVIRONMENT.from_string(text)


@dataclass(frozen=True)
class FilledText:
    html: str  # escaped text with placeholders as <span class="missing">
    missing: tuple[str, ...]
    left_out: tuple[str, ...] = ()  # the absent parts of the offer whose sentences were left out

    @property
    def plain(self) -> str:
        """For documents (the prep sheet): placeholders kept as «…?», tags removed, entities restored."""
        from html import unescape

        return unescape(re.sub(r"<[^>]+>", "", self.html))


@dataclass
class FillBudget:
    """The time all the texts of one view (a script's steps, its talk tracks, a prep sheet) may take together."""

    seconds: float = SCRIPT_SECONDS
    _deadline: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        self._deadline = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self._deadline - time.monotonic()


_runaway: dict[str, None] = {}  # digests of texts that ran out of time, oldest first


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _not_filled(text: str, problem: str) -> FilledText:
    return FilledText(f"{escape(text)} <i>({escape(problem)})</i>", ())


def fill_problem(text: str, values: Any, seconds: float = SCRIPT_SECONDS) -> tuple[str, Exception | None]:
    """The rendered text, or "" and what stopped it: a runaway loop, a limit, a broken tag, a refused trick."""
    if _digest(text) in _runaway:
        return "", RenderTimeout(f"it did not finish within {SCRIPT_SECONDS:g} seconds when it was last filled in")
    try:
        return guarded(lambda: _compiled(text).render(values), max(seconds, 0.01)), None
    except RenderTimeout:
        _runaway[_digest(text)] = None
        while len(_runaway) > _RUNAWAY_MEMORY:
            del _runaway[next(iter(_runaway))]
        return "", RenderTimeout(f"it did not finish within {round(seconds, 1):g} seconds and was stopped")
    except SCRIPT_ERRORS as error:  # a broken user-edited script shows as text, with the problem named
        return "", error


def fill(text: str, values: Any, budget: FillBudget | None = None) -> FilledText:
    """Render one script text; unknown values become placeholders, listed in `missing`; sentences about a part
    the offer does not have are left out, listed in `left_out`. A text that ran out of time once is shown as it
    is at once; with a `budget`, texts after it is spent are too (so one view never waits more than its budget)."""
    window_turn.give_way()  # a view fills a dozen texts on a worker: the window goes first when it is behind
    if _digest(text) in _runaway:
        return _not_filled(text, "not filled in: this text runs too long; check its loops")
    seconds = SCRIPT_SECONDS if budget is None else min(SCRIPT_SECONDS, budget.remaining())
    if seconds <= 0:
        return _not_filled(text, "not filled in: the texts before it took all the time there was")
    rendered, problem = fill_problem(text, values, seconds)
    if isinstance(problem, RenderTimeout):
        return _not_filled(text, f"not filled in: {problem}")
    if isinstance(problem, TemplateLimit):
        return _not_filled(text, f"not filled in: {problem}")
    if problem is not None:
        return _not_filled(text, f"this text has a broken tag: {problem}")
    html, left_out = drop_absent(rendered)
    missing = tuple(dict.fromkeys(re.findall(rf'<span class="{PLACEHOLDER_CLASS}">«([^»]*)\?»</span>', html)))
    return FilledText(html, missing, left_out)


def script_values(session: Session, candidate_id: int, offer_id: int | None, settings: dict[str, str]) -> Any:
    """The merge values for a call: the letter values of the offer (when there is one) plus the profile."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        return checked_context({})
    if offer_id is None:
        offer_id = gateway.latest_offer_id(session, candidate_id)
    values: dict[str, Any] = {}
    if offer_id is not None:
        record = gateway.load_record(session, offer_id)
        spoken = record.terms.with_changes(locale=spoken_locale(record.terms.locale))
        values = letter_context(replace(record, terms=spoken), settings, today())
    profile = candidate.profile
    values.setdefault("candidate", {}).update(
        {"first_name": candidate.first_name, "full_name": f"{candidate.first_name} {candidate.last_name}".strip()}
    )
    if profile is not None:
        if profile.motivators:
            values["candidate"]["top_motivator"] = profile.motivators.split(";")[0].strip()
        if profile.criteria:
            values["candidate"]["criteria"] = profile.criteria
        if profile.decision_deadline is not None and "letter" in values:
            from babel.dates import format_date

            values["offer"]["decision_date"] = format_date(
                profile.decision_deadline, format="long", locale=values["letter"]["locale"]
            )
    role = candidate.role
    if role is not None:
        values.setdefault("role", {}).update(
            {"title": role.title, "team": role.department, "manager": role.hiring_manager}
        )
    if "offer" in values:
        equity = values["offer"].pop("equity", None)
        if equity:  # a script says it in one breath
            values["offer"]["equity"] = (
                f"{equity['units']} {equity['kind']} vesting over {equity['vesting_years']} years"
            )
        for name in OPTIONAL_OFFER_VALUES:  # the offer is known: what it lacks is absent, not unknown
            values["offer"].setdefault(name, Absent(name))
    for key, value in settings.items():  # the company and recruiter are known even before there is an offer
        group, name = key.split(".", 1)
        if value:
            values.setdefault(group, {}).setdefault(name, value)
    recruiter = settings.get("recruiter.name", "")
    if recruiter:
        values.setdefault("recruiter", {}).setdefault("first_name", recruiter.split(" ")[0])
    values = {key: value for key, value in values.items() if value}
    return checked_context(values)


class ScriptService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def values(self, candidate_id: int, offer_id: int | None, settings: dict[str, str]) -> Any:
        with self._database.transaction(read_only=True) as session:  # reads only: waits for no writer
            return script_values(session, candidate_id, offer_id, settings)
