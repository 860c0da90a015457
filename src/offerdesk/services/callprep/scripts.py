"""Ask scripts filled with the candidate's and the offer's values, through the same sandbox as letters.

Unlike a letter, a script is read aloud by the recruiter: a value that is not known yet shows as a visible
placeholder such as «start date?», never as a blank and never as an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

from jinja2 import Undefined
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from offerdesk.domain.clock import today
from offerdesk.letters.context import letter_context
from offerdesk.letters.environment import LetterEnvironment, TemplateRefused, checked_context, guarded
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Candidate

PLACEHOLDER_CLASS = "missing"
# Scripts render with the letters' guard, on a shorter clock: call prep fills them while the recruiter waits.
SCRIPT_SECONDS = 2.0
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


_ENVIRONMENT = LetterEnvironment(autoescape=True, undefined=PlaceholderUndefined)


@dataclass(frozen=True)
class FilledText:
    html: str  # escaped text with placeholders as <span class="missing">
    missing: tuple[str, ...]

    @property
    def plain(self) -> str:
        """For documents (the prep sheet): placeholders kept as «…?», tags removed, entities restored."""
        import re
        from html import unescape

        return unescape(re.sub(r"<[^>]+>", "", self.html))


def fill(text: str, values: dict[str, Any]) -> FilledText:
    """Render one script text; unknown values become placeholders, listed in `missing`."""
    import re

    try:
        html = guarded(lambda: _ENVIRONMENT.from_string(text).render(values), SCRIPT_SECONDS)
    except Exception as error:  # a broken user-edited script shows as text, with the problem named
        return FilledText(f"{escape(text)} <i>(this text has a broken tag: {escape(str(error))})</i>", ())
    missing = tuple(dict.fromkeys(re.findall(rf'<span class="{PLACEHOLDER_CLASS}">«([^»]*)\?»</span>', html)))
    return FilledText(html, missing)


def script_values(session: Session, candidate_id: int, offer_id: int | None, settings: dict[str, str]) -> Any:
    """The merge values for a call: the letter values of the offer (when there is one) plus the profile."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        return checked_context({})
    if offer_id is None:
        offer_id = gateway.latest_offer_id(session, candidate_id)
    values: dict[str, Any] = {}
    if offer_id is not None:
        values = letter_context(gateway.load_record(session, offer_id), settings, today())
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
        with self._database.transaction() as session:
            return script_values(session, candidate_id, offer_id, settings)
