"""The call prep sheet: one .docx a recruiter reads before the offer call.

It holds the candidate's pre-close profile, what is still unknown, the objections the profile makes likely (with
their probes, levers and talk tracks) and the chosen ask script filled in with the candidate's and the offer's
values. It is rendered through the letters engine (templates/prep-sheet.docx), so every value is plain text: a
profile field not known yet reads "—", a script value not known yet reads «…?», and nothing is ever left blank.

The sheet is the recruiter's: its profile, offer summary and dates are in the reader's locale (the interface's),
while the script steps and talk tracks, which are read aloud, say values as the candidate's letter does
(see services/callprep/scripts.py).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from offerdesk.domain import labels
from offerdesk.domain.calls import AskStyle
from offerdesk.domain.candidates import CandidateDetail, CounterofferRisk
from offerdesk.domain.clock import today
from offerdesk.domain.offers import OfferDetail, PayUnit
from offerdesk.domain.wording import plural
from offerdesk.errors import NotFoundError
from offerdesk.resources import resource_path, templates_dir
from offerdesk.services.callprep.calls import parse_ask_style
from offerdesk.services.callprep.content_queries import ScriptView
from offerdesk.services.callprep.scripts import FillBudget, fill

if TYPE_CHECKING:
    from offerdesk.services.setup.bootstrap import Services

TEMPLATE_NAME = "prep-sheet.docx"
UNKNOWN = "—"
ASK_STEP = "the_ask"
DEFAULT_LOCALE = "en_US"


def prep_sheet_template() -> Path:
    return templates_dir() / TEMPLATE_NAME


def _file_name(text: str) -> str:
    """Text safe as a file name on Windows, macOS and Linux."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-") or "candidate"


@cache
def _ask_style_titles() -> dict[str, str]:
    """The ask styles' display names, from the shipped call-prep content."""
    try:
        data = json.loads(resource_path("content", "scripts.json").read_text(encoding="utf-8"))
        return {str(style["key"]): str(style["title"]) for style in data.get("ask_styles", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def ask_style_title(style: str) -> str:
    return _ask_style_titles().get(style) or labels.code_label(AskStyle, style)


def _text(value: str) -> str:
    return value.strip() or UNKNOWN


def _day(value: Any, locale: str) -> str:
    return str(format_date(value, format="long", locale=locale))


def profile_values(candidate: CandidateDetail, locale: str) -> dict[str, str]:
    """The pre-close profile as text, one entry per row of the sheet's profile table; "—" where unknown."""
    profile = candidate.profile
    competing = []
    for process in candidate.competing:
        details = [part for part in (process.kind, process.stage, process.pay_text) if part]
        if process.deadline is not None:
            details.append(f"deadline {_day(process.deadline, locale)}")
        competing.append(f"{process.company} ({', '.join(details)})" if details else process.company)
    risk = profile.counteroffer_risk
    return {
        "motivators": _text(profile.motivators),
        "criteria": _text(profile.criteria),
        "decision_makers": _text(profile.decision_makers),
        "decision_deadline": _day(profile.decision_deadline, locale) if profile.decision_deadline else UNKNOWN,
        "notice_period": plural(profile.notice_period_days, "day")
        if profile.notice_period_days is not None
        else UNKNOWN,
        "expected_pay": profile.expected_pay.format(locale) if profile.expected_pay is not None else UNKNOWN,
        "counteroffer_risk": UNKNOWN if risk is CounterofferRisk.UNKNOWN else labels.label(risk),
        "readiness": f"{profile.readiness}/10" if profile.readiness is not None else UNKNOWN,
        "needs": _text(profile.needs),
        "competing": "; ".join(competing) or UNKNOWN,
    }


def offer_summary(offer: OfferDetail | None, locale: str = DEFAULT_LOCALE) -> str:
    """One line: type, version and status, base pay (with its yearly figure), first-year total, expiry."""
    if offer is None:
        return "No offer yet"
    row = offer.row
    pay = offer.terms.pay()
    parts = [f"{row.offer_type.label} v{row.version} ({row.status.label.lower()})"]
    if pay.base_rate is not None and pay.base_unit is not None:
        base = f"base {pay.base_rate.format(locale)} {pay.base_unit.words}"
        if pay.base is not None and pay.base_unit is not PayUnit.YEAR:
            base += f" ({pay.base.format(locale)} a year)"
        parts.append(base)
    if pay.first_year is not None and not pay.left_out:
        parts.append(f"first year at target {pay.first_year.format(locale)}")
    if row.expires_on is not None:
        parts.append(f"open until {_day(row.expires_on, locale)}")
    return ", ".join(parts)


def with_settings(merge: Any, settings: dict[str, str]) -> dict[str, Any]:
    """The script values plus the organisation settings they lack (without an offer, the company name too)."""
    values: dict[str, Any] = {key: dict(group) if isinstance(group, dict) else group for key, group in merge.items()}
    for key, value in settings.items():
        group, _, name = key.partition(".")
        if not (value and name):
            continue
        target = values.setdefault(group, {})
        if isinstance(target, dict):
            target.setdefault(name, value)
    return values


def step_text(step: dict[str, Any], ask_style: str) -> str:
    """A step's text; for a step with one text per ask style, the chosen style's (else direct's, else the first)."""
    variants = step.get("variants")
    if isinstance(variants, dict) and variants:
        chosen = variants.get(ask_style) or variants.get("direct") or next(iter(variants.values()))
        return str(chosen or "")
    return str(step.get("text") or "")


class PrepSheetService:
    """Builds the prep sheet's values and renders them with templates/prep-sheet.docx."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._scripts = services.scripts

    def _latest_offer(self, candidate_id: int) -> OfferDetail | None:
        """The candidate's newest offer (the one the call scripts are filled from)."""
        offer_id = self._services.offers.latest_id(candidate_id)
        return self._services.offers.detail(offer_id) if offer_id is not None else None

    def _script(self, script_key: str | None, offer: OfferDetail | None) -> ScriptView | None:
        content = self._services.content
        if script_key:
            for script in content.scripts():
                if script.key == script_key:
                    return script
            raise NotFoundError(f"There is no call script “{script_key}”.")
        scripts = (content.scripts(offer.row.offer_type) if offer is not None else []) or content.scripts()
        return scripts[0] if scripts else None

    def values(
        self, candidate_id: int, script_key: str | None = None, ask_style: str = "direct", locale: str | None = None
    ) -> dict[str, Any]:
        """Everything templates/prep-sheet.docx uses, as plain text and lists (raises NotFoundError); `locale` is
        the reader's, for everything but what is read aloud."""
        style = parse_ask_style(ask_style).value
        candidate = self._services.candidates.detail(candidate_id)
        offer = self._latest_offer(candidate_id)
        locale = locale or DEFAULT_LOCALE
        settings = self._services.settings.all()
        merge = with_settings(
            self._scripts.values(candidate_id, offer.row.id if offer is not None else None, settings), settings
        )

        library = self._services.content.objections()
        budget = FillBudget()  # one clock for every text of the sheet
        objections = []
        for code, reason in candidate.likely_objections():
            entry = library.get(code)
            objections.append(
                {
                    "code": code,
                    "title": entry.title if entry else labels.reason_label(code),
                    "reason": reason,
                    "probe": list(entry.probe) if entry else [],
                    "levers": list(entry.levers) if entry else [],
                    "avoid": list(entry.avoid) if entry else [],
                    "talk_track": fill(entry.talk_track, merge, budget).plain if entry and entry.talk_track else "",
                }
            )

        script = self._script(script_key, offer)
        steps = []
        if script is not None:
            for number, step in enumerate(script.steps, start=1):
                steps.append(
                    {
                        "number": str(number),
                        "key": str(step.get("key", "")),
                        "title": str(step.get("title", "")),
                        "text": fill(step_text(step, style), merge, budget).plain,
                        "tip": str(step.get("tip") or ""),
                    }
                )

        recruiter = merge.get("recruiter", {}).get("name") or settings.get("recruiter.name") or "OfferDesk"
        row = candidate.row
        return {
            "candidate": {"full_name": row.full_name, "first_name": candidate.first_name},
            "role": row.role_title or "No role",
            "stage": row.stage.label,
            "offer_summary": offer_summary(offer, locale),
            "profile": profile_values(candidate, locale),
            "unknowns": candidate.unknowns(),
            "objections": objections,
            "script": {
                "key": script.key if script is not None else "",
                "title": script.title if script is not None else UNKNOWN,
                "steps": steps,
            },
            "ask_style": ask_style_title(style),
            "prepared_on": _day(today(), locale),
            "recruiter": str(recruiter),
        }

    def default_target(self, full_name: str, folder: Path | None = None) -> Path:
        return (folder or self._services.paths.exports_dir) / f"{_file_name(full_name)} - call prep.docx"

    def export(
        self,
        candidate_id: int,
        out: Path | None = None,
        script_key: str | None = None,
        ask_style: str = "direct",
        locale: str | None = None,
    ) -> Path:
        """Write the prep sheet; `out` is the file (….docx) or a folder, by default the letters folder."""
        from offerdesk.letters.render import PreparedTemplate  # Jinja, lxml, docxtpl: loaded when first needed

        values = self.values(candidate_id, script_key, ask_style, locale)
        if out is not None and out.suffix.lower() == ".docx":
            target = out
        else:
            target = self.default_target(values["candidate"]["full_name"], out)
        return PreparedTemplate(prep_sheet_template()).render_to(values, target)
