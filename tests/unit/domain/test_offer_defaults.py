"""A new offer's currency and locale come from the role's band or the job's place, and say where they came from."""

from __future__ import annotations

from datetime import date

import pytest

from offerdesk.domain.offer_defaults import BandPlace, LastOffer, offer_defaults
from offerdesk.domain.places import check_locale, read_place
from offerdesk.errors import ValidationError

ON = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "territory", "locale"),
    [
        ("Berlin", "DE", "de_DE"),
        ("Berlin, Germany", "DE", "de_DE"),
        ("Munich, Deutschland", "DE", "de_DE"),
        ("London", "GB", "en_GB"),
        ("Remote (UK)", "GB", "en_GB"),
        ("London, Canada", "CA", "en_CA"),  # the country named wins over the city of the same name
        ("Paris", "FR", "fr_FR"),
        ("Amsterdam", "NL", "nl_NL"),
        ("Madrid", "ES", "es_ES"),
        ("New York, NY", "US", "en_US"),
        ("Austin, TX", "US", "en_US"),
        ("San Francisco, CA", "US", "en_US"),
        ("Toronto", "CA", "en_CA"),
        ("Montréal", "CA", "fr_CA"),
        ("Zürich", "CH", "de_CH"),
        ("Geneva", "CH", "fr_CH"),
        ("Bengaluru, India", "IN", "en_IN"),  # English is official there: letters in en_IN, not hi_IN
        ("Tokyo, JP", "JP", "ja_JP"),
        ("Lisbon, PRT", "PT", "pt_PT"),
    ],
)
def test_a_location_is_read_to_its_country_and_locale(text: str, territory: str, locale: str) -> None:
    place = read_place(text)
    assert place is not None and (place.territory, place.locale) == (territory, locale)


@pytest.mark.parametrize("text", ["", "Remote", "Dover, DE", "Springfield"])
def test_a_location_that_does_not_say_its_country_is_not_guessed(text: str) -> None:
    assert read_place(text) is None  # "DE" after a town is Delaware as much as Germany


def test_the_band_decides_the_money_and_its_place_the_notation() -> None:
    chosen = offer_defaults(on=ON, bands=[BandPlace("EUR", "Berlin")], role_location="Berlin")
    assert (chosen.currency, chosen.locale) == ("EUR", "de_DE")
    assert chosen.explanation == "EUR and de_DE from the Berlin band"


def test_the_band_for_the_roles_place_is_chosen_among_several() -> None:
    bands = [BandPlace("GBP", "London"), BandPlace("EUR", "Berlin"), BandPlace("USD", "")]
    chosen = offer_defaults(on=ON, bands=bands, role_location="Berlin, Germany")
    assert (chosen.currency, chosen.locale, chosen.currency_from) == ("EUR", "de_DE", "from the Berlin band")
    by_country = offer_defaults(
        on=ON, bands=[BandPlace("GBP", "UK"), BandPlace("EUR", "Germany")], role_location="Munich"
    )
    assert (by_country.currency, by_country.currency_from) == ("EUR", "from the Germany band")
    anywhere = offer_defaults(on=ON, bands=bands, role_location="Oslo")
    assert (anywhere.currency, anywhere.currency_from) == ("USD", "from the role's band")


def test_a_band_for_any_place_takes_the_notation_of_the_roles_location() -> None:
    chosen = offer_defaults(on=ON, bands=[BandPlace("EUR", "")], role_location="Paris")
    assert (chosen.currency, chosen.locale) == ("EUR", "fr_FR")
    assert chosen.explanation == "EUR from the role's band; fr_FR from the location Paris, France"


def test_without_a_band_the_roles_location_decides_both() -> None:
    chosen = offer_defaults(on=ON, role_location="Berlin", candidate_location="Warsaw")
    assert (chosen.currency, chosen.locale) == ("EUR", "de_DE")
    assert chosen.explanation == "EUR and de_DE from the location Berlin, Germany"


def test_then_the_last_offer_then_the_candidates_location() -> None:
    last = offer_defaults(on=ON, last_offer=LastOffer("CHF", "fr_CH"), candidate_location="Berlin")
    assert (last.currency, last.locale) == ("CHF", "fr_CH")
    assert last.explanation == "CHF and fr_CH as in the candidate's last offer"
    own = offer_defaults(on=ON, candidate_location="Toronto")
    assert own.explanation == "CAD and en_CA from the candidate's location Toronto, Canada"


def test_nothing_known_says_it_is_a_default() -> None:
    chosen = offer_defaults(on=ON, role_location="Remote")
    assert (chosen.currency, chosen.locale) == ("USD", "en_US")
    assert "by default" in chosen.explanation


def test_a_given_currency_is_kept_and_the_locale_follows_it() -> None:
    chosen = offer_defaults(on=ON, bands=[BandPlace("EUR", "Berlin")], role_location="Berlin", currency="gbp")
    assert (chosen.currency, chosen.locale) == ("GBP", "en_GB")
    kept = offer_defaults(on=ON, role_location="Berlin", locale="en-IE")
    assert (kept.currency, kept.locale, kept.locale_from) == ("EUR", "en_IE", "as given")


def test_a_bad_currency_or_locale_is_named() -> None:
    with pytest.raises(ValidationError, match="EURO"):
        offer_defaults(on=ON, currency="EURO")
    with pytest.raises(ValidationError, match="xx_YY"):
        check_locale("xx_YY")
