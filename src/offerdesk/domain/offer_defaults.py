"""The currency and letter locale a new offer starts with, and a phrase saying where each came from.

The role's pay band decides the money (the band the recruiter set for the role's place, else one for no place,
else the first); the place of the job decides the notation. Without a band, the role's location decides both;
then the candidate's last offer; then the candidate's location. Only when none of these says anything does the
offer start in US dollars and en_US, and the phrase says that too, so nobody mistakes a default for a choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from offerdesk.domain.candidate_record import fold
from offerdesk.domain.money import check_currency
from offerdesk.domain.places import Place, check_locale, home_territory, locale_of, read_place

DEFAULT_CURRENCY = "USD"
DEFAULT_LOCALE = "en_US"


@dataclass(frozen=True)
class BandPlace:
    """What of a pay band the rule needs: its currency and the place it is for ("" for any place)."""

    currency: str
    location: str = ""


@dataclass(frozen=True)
class LastOffer:
    currency: str
    locale: str


@dataclass(frozen=True)
class OfferDefaults:
    currency: str
    locale: str
    currency_from: str  # "from the Berlin band", "as given"
    locale_from: str

    @property
    def explanation(self) -> str:
        """“EUR and de_DE from the Berlin band”, or each with its own source when they differ."""
        if self.currency_from == self.locale_from:
            return f"{self.currency} and {self.locale} {self.currency_from}"
        return f"{self.currency} {self.currency_from}; {self.locale} {self.locale_from}"


@dataclass(frozen=True)
class _Source:
    place: Place | None
    phrase: str


class _Located(Protocol):
    @property
    def location(self) -> str: ...


B = TypeVar("B", bound=_Located)


def _same_place(left: str, right: str) -> bool:
    """The same text, or the same city before the comma ("Berlin" and "Berlin, Germany")."""
    a, b = fold(" ".join(left.split())), fold(" ".join(right.split()))
    return a == b or (bool(a) and bool(b) and a.partition(",")[0].strip() == b.partition(",")[0].strip())


def _same_country(left: str, right: str) -> bool:
    """A band for a country ("Germany") serves a role in one of its cities ("Munich")."""
    a, b = read_place(left), read_place(right)
    return a is not None and b is not None and a.territory == b.territory


def choose_band(bands: Sequence[B], *places: str) -> B | None:
    """The band for the first of `places` that has one (by name, then by country), else a band for any place,
    else the first band."""
    wanted = [place for place in places if place.strip()]
    for same in (_same_place, _same_country):
        for place in wanted:
            found = next((band for band in bands if band.location.strip() and same(band.location, place)), None)
            if found is not None:
                return found
    return next((band for band in bands if not band.location.strip()), bands[0] if bands else None)


def offer_defaults(
    *,
    on: date,
    bands: Sequence[BandPlace] = (),
    role_location: str = "",
    candidate_location: str = "",
    last_offer: LastOffer | None = None,
    currency: str | None = None,
    locale: str | None = None,
) -> OfferDefaults:
    """What a new offer starts with; a `currency` or `locale` given is kept (checked) and the other follows."""
    given_currency = check_currency(currency) if currency else None
    given_locale = check_locale(locale) if locale else None
    band = choose_band(bands, role_location, candidate_location)
    role = _Source(read_place(role_location), "")
    candidate = _Source(read_place(candidate_location), "")
    if role.place is not None:
        role = _Source(role.place, f"from the location {role.place.described}")
    if candidate.place is not None:
        candidate = _Source(candidate.place, f"from the candidate's location {candidate.place.described}")
    band_source = None
    if band is not None:
        band_place = read_place(band.location)
        phrase = f"from the {' '.join(band.location.split())} band" if band.location.strip() else ""
        band_source = _Source(band_place, phrase or "from the role's band")
    places = [source for source in (band_source, role, candidate) if source is not None and source.place]

    if given_currency is not None:
        code, code_from = given_currency, "as given"
    elif band_source is not None and band is not None:
        code, code_from = check_currency(band.currency), band_source.phrase
    elif role.place is not None and role.place.currency(on):
        code, code_from = str(role.place.currency(on)), role.phrase
    elif last_offer is not None:
        code, code_from = check_currency(last_offer.currency), "as in the candidate's last offer"
        if given_locale is None and last_offer.locale:
            return OfferDefaults(code, check_locale(last_offer.locale), code_from, code_from)
    elif candidate.place is not None and candidate.place.currency(on):
        code, code_from = str(candidate.place.currency(on)), candidate.phrase
    elif given_locale is None:
        unknown = "by default (no pay band or known location)"
        return OfferDefaults(DEFAULT_CURRENCY, DEFAULT_LOCALE, unknown, unknown)
    else:
        code, code_from = DEFAULT_CURRENCY, "by default (no pay band or known location)"

    if given_locale is not None:
        return OfferDefaults(code, given_locale, code_from, "as given")
    chosen, locale_from = _locale_for(code, places, on)
    return OfferDefaults(code, chosen, code_from, locale_from)


def _locale_for(currency: str, places: Sequence[_Source], on: date) -> tuple[str, str]:
    """The notation of the first place that pays in `currency`; else of the currency's own country; else of the
    first place known; else en_US."""
    for source in places:
        if source.place is not None and source.place.currency(on) == currency:
            return source.place.locale, source.phrase
    home = home_territory(currency, on)
    home_locale = locale_of(home) if home else None
    if home_locale:
        return home_locale, f"as usual for {currency}"
    for source in places:
        if source.place is not None:
            return source.place.locale, source.phrase
    return DEFAULT_LOCALE, "by default (no known location)"
