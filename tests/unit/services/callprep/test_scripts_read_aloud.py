"""What a recruiter reads aloud: a part the offer lacks is never asked about («sign-on bonus?»), its sentence is
left out; and amounts and dates are said as the candidate's letter writes them, in the script's language."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from offerdesk.domain.offers import ComponentKind, OfferType
from offerdesk.services.callprep.content import load_shipped_content
from offerdesk.services.callprep.scripts import fill, spoken_locale
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Offer, PreCloseProfileRow
from tests.offer_factory import make_offer

OPTIONAL = {"bonus": ComponentKind.BONUS, "sign_on": ComponentKind.SIGN_ON, "relocation": ComponentKind.RELOCATION}
BLANK = re.compile(r"\s[.,;:?!]|\s{2,}|,\s*[,.]|\(\s*\)|(?:^|\s)\?|«|»|\ue000|\ue001")
"""What an empty or missing value leaves behind: “of .”, doubled spaces, “, ,”, a lone “?”, «…?» or a marker."""


def _texts() -> list[tuple[str, str]]:
    """(where, text) of everything the shipped content has a recruiter say: each step, each ask, each talk track."""
    content = load_shipped_content()
    found = []
    for script in content.scripts:
        for step in script["steps"]:
            if step.get("text"):
                found.append((f"{script['key']}/{step['key']}", step["text"]))
            for style, text in step.get("variants", {}).items():
                found.append((f"{script['key']}/{step['key']}/{style}", text))
    found += [(f"objection {item['code']}", item["talk_track"]) for item in content.objections if item["talk_track"]]
    return found


TEXTS = _texts()


def _offer_without(services: Services, missing: str | None, locale: str = "en_US", currency: str = "USD") -> int:
    """A complete offer (and a complete profile), less the one part named."""
    offer_id = make_offer(services, OfferType.WRITTEN, locale, currency)
    with services.database.transaction() as session:
        offer = session.get(Offer, offer_id)
        assert offer is not None
        profile = PreCloseProfileRow(
            candidate_id=offer.candidate_id,
            motivators="ownership; growth",
            criteria="scope and a short commute",
            decision_deadline=date(2026, 12, 10),
        )
        session.add(profile)
        for version in offer.versions:
            for grant in version.equity:
                grant.assumed_value_minor = 1000  # valued, so the first-year total is known
            if missing in OPTIONAL:
                version.components = [c for c in version.components if c.kind is not OPTIONAL[missing]]
            elif missing == "equity":
                version.equity = []
        assert missing is None or missing in (*OPTIONAL, "equity")
    return offer_id


def _values(services: Services, offer_id: int) -> Any:
    with services.database.transaction() as session:
        offer = session.get(Offer, offer_id)
        assert offer is not None
        candidate_id = offer.candidate_id
    return services.scripts.values(candidate_id, offer_id, services.settings.all())


def _lead_in(text: str, name: str) -> str:
    """The words of a template's sentence before `{{ offer.<name> }}`, e.g. "There's a sign-on of"."""
    sentence = next(part for part in re.split(r"(?<=[.!?])\s+", text) if f"offer.{name} " in part)
    return re.split(r"\{\{|\{%", sentence.split(f"{{{{ offer.{name} }}}}")[0])[-1].strip() or sentence[:20]


def test_every_shipped_text_reads_complete_for_a_complete_offer(services: Services) -> None:
    values = _values(services, _offer_without(services, None))
    for where, text in TEXTS:
        filled = fill(text, values)
        assert not filled.missing and not filled.left_out, (where, filled.plain)
        assert not BLANK.search(filled.plain), (where, filled.plain)


@pytest.mark.parametrize("missing", [*OPTIONAL, "equity"])
def test_a_part_the_offer_lacks_takes_its_sentence_with_it(services: Services, missing: str) -> None:
    values = _values(services, _offer_without(services, missing))
    mentioned = 0
    for where, text in TEXTS:
        filled = fill(text, values)
        plain = filled.plain
        assert not filled.missing, (where, plain)  # nothing to ask «…?» about
        assert not BLANK.search(plain), (where, plain)
        if f"offer.{missing}" in text:
            mentioned += 1
            assert filled.left_out == (missing,), where
            assert _lead_in(text, missing) not in plain, (where, plain)
            assert plain.strip(), where  # the rest of the step is still there
        else:
            assert not filled.left_out, where
    if missing != "relocation":  # no shipped text talks about relocation money
        assert mentioned, f"no shipped text mentions offer.{missing}"


def test_without_an_offer_nothing_is_absent_everything_is_still_to_find_out(services: Services) -> None:
    candidate_id = services.candidates.search("Grace")[0].id
    values = services.scripts.values(candidate_id, None, services.settings.all())
    values.pop("offer", None)
    specifics = next(text for where, text in TEXTS if where == "verbal-offer/specifics")
    filled = fill(specifics, values)
    assert "sign-on bonus" in filled.missing and not filled.left_out  # before the offer, a prompt to fill it in


def test_a_script_says_amounts_and_dates_as_the_letter_does_in_the_scripts_language(services: Services) -> None:
    values = _values(services, _offer_without(services, None, locale="de_DE", currency="EUR"))
    specifics = next(text for where, text in TEXTS if where == "written-offer/specifics")
    plain = fill(specifics, values).plain
    assert "123.456,78\xa0€" in plain  # the notation of the candidate's letter …
    assert "1 February 2027" in plain and "1. Februar" not in plain  # … in English words
    assert "15 December 2026" in plain and "Dezember" not in plain


@pytest.mark.parametrize(
    ("offer_locale", "spoken"),
    [("de_DE", "en_DE"), ("fr_FR", "en_FR"), ("en_GB", "en_GB"), ("en_US", "en_US"), ("ar_BH", "en"), ("", "en_US")],
)
def test_the_spoken_locale_keeps_the_offers_region_in_the_scripts_language(offer_locale: str, spoken: str) -> None:
    assert spoken_locale(offer_locale) == spoken
