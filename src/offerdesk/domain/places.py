"""Where a job is, read from the location a recruiter types, and the money and notation used there.

CLDR (through babel) knows each territory's currency and its likely language. The location text is read for a
country name or code ("Germany", "Deutschland", "DE", "DEU", "UK") and, failing that, for a common city ("Berlin",
"San Francisco"). A two-letter code that is also a US state ("Wilmington, DE", "Atlanta, GA") is too ambiguous to
read, and a place that cannot be read is None: the caller falls back and says so, it never guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale, localedata
from babel.core import UnknownLocaleError, get_global
from babel.numbers import get_territory_currencies

from offerdesk.domain.candidate_record import fold
from offerdesk.errors import ValidationError

# Common cities, folded; a value with "_" is the locale used there when it is not the country's likely one.
_CITIES: dict[str, str] = {
    "berlin": "DE", "munich": "DE", "munchen": "DE", "hamburg": "DE", "frankfurt": "DE", "frankfurt am main": "DE",
    "cologne": "DE", "koln": "DE", "stuttgart": "DE", "dusseldorf": "DE", "leipzig": "DE",
    "london": "GB", "manchester": "GB", "edinburgh": "GB", "glasgow": "GB", "birmingham": "GB", "bristol": "GB",
    "cambridge": "GB", "oxford": "GB", "belfast": "GB",
    "paris": "FR", "lyon": "FR", "marseille": "FR", "toulouse": "FR", "nantes": "FR", "lille": "FR",
    "amsterdam": "NL", "rotterdam": "NL", "utrecht": "NL", "the hague": "NL", "eindhoven": "NL",
    "madrid": "ES", "barcelona": "ES", "valencia": "ES", "seville": "ES", "malaga": "ES",
    "lisbon": "PT", "porto": "PT", "rome": "IT", "milan": "IT", "milano": "IT", "turin": "IT",
    "dublin": "IE", "cork": "IE", "brussels": "fr_BE", "bruxelles": "fr_BE", "antwerp": "BE", "ghent": "BE",
    "vienna": "AT", "wien": "AT", "zurich": "CH", "basel": "CH", "bern": "CH", "geneva": "fr_CH",
    "geneve": "fr_CH", "lausanne": "fr_CH", "lugano": "it_CH", "luxembourg": "fr_LU",
    "copenhagen": "DK", "stockholm": "SE", "gothenburg": "SE", "oslo": "NO", "helsinki": "FI",
    "warsaw": "PL", "krakow": "PL", "wroclaw": "PL", "prague": "CZ", "budapest": "HU", "bucharest": "RO",
    "athens": "GR", "istanbul": "TR", "tallinn": "EE", "riga": "LV", "vilnius": "LT", "tel aviv": "IL",
    "new york": "US", "new york city": "US", "nyc": "US", "brooklyn": "US", "san francisco": "US",
    "bay area": "US", "los angeles": "US", "seattle": "US", "boston": "US", "chicago": "US", "austin": "US",
    "denver": "US", "atlanta": "US", "miami": "US", "washington, d.c.": "US", "washington dc": "US",
    "san jose": "US", "palo alto": "US", "mountain view": "US", "san diego": "US", "portland": "US",
    "philadelphia": "US", "dallas": "US", "houston": "US", "pittsburgh": "US", "minneapolis": "US",
    "toronto": "CA", "vancouver": "CA", "ottawa": "CA", "calgary": "CA", "waterloo": "CA", "montreal": "fr_CA",
    "quebec": "fr_CA", "mexico city": "MX", "sao paulo": "BR", "rio de janeiro": "BR", "buenos aires": "AR",
    "bogota": "CO", "santiago": "CL", "lima": "PE",
    "sydney": "AU", "melbourne": "AU", "brisbane": "AU", "perth": "AU", "auckland": "NZ", "wellington": "NZ",
    "singapore": "SG", "hong kong": "HK", "tokyo": "JP", "osaka": "JP", "seoul": "KR", "shanghai": "CN",
    "beijing": "CN", "shenzhen": "CN", "taipei": "TW", "bangalore": "IN", "bengaluru": "IN", "mumbai": "IN",
    "delhi": "IN", "new delhi": "IN", "hyderabad": "IN", "pune": "IN", "chennai": "IN", "dubai": "AE",
    "abu dhabi": "AE", "riyadh": "SA", "cairo": "EG", "lagos": "NG", "nairobi": "KE", "cape town": "ZA",
    "johannesburg": "ZA",
}  # fmt: skip
# Names CLDR's English list does not use but people write.
_COUNTRY_WORDS: dict[str, str] = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "us": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u.k.": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "holland": "NL", "the netherlands": "NL", "czech republic": "CZ",
    "turkey": "TR", "korea": "KR", "republic of korea": "KR", "uae": "AE", "emirates": "AE",
}  # fmt: skip
_US_STATES = frozenset(
    ("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
     "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
     "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC")
)  # fmt: skip
_QUALIFIERS = ("remote", "hybrid", "greater", "metro", "near", "central", "downtown", "in", "based in")
_SEPARATORS = re.compile(r"[,;/|()\[\]·•–—]| - ")


@dataclass(frozen=True)
class Place:
    """A location read to its country: the territory code and the locale letters there are written in."""

    text: str  # as the recruiter typed it
    territory: str  # ISO 3166 alpha-2, "DE"
    locale: str  # "de_DE"
    names_country: bool = False  # the text names the country itself ("Berlin, DE"), not only a city

    @property
    def country(self) -> str:
        return country_name(self.territory)

    @property
    def described(self) -> str:
        """“Berlin, Germany”: the text, with the country added when the text does not name it already."""
        text = " ".join(self.text.split())
        return text if self.names_country or fold(self.country) in fold(text) else f"{text}, {self.country}"

    def currency(self, on: date) -> str | None:
        return currency_of(self.territory, on)


def country_name(territory: str) -> str:
    return str(Locale("en").territories.get(territory, territory))


def currency_of(territory: str, on: date) -> str | None:
    """The legal tender there on that day (CLDR), e.g. EUR for DE."""
    currencies = get_territory_currencies(territory, on, tender=True)
    return str(currencies[0]) if currencies else None


def home_territory(currency: str, on: date) -> str | None:
    """The country a national currency is named after (ISO 4217: USD → US, GBP → GB); None for EUR and the like."""
    territory = currency[:2].upper()
    return territory if currency_of(territory, on) == currency.upper() else None


def locale_of(territory: str) -> str | None:
    """The locale for letters there: English where English is an official language (en_IN, en_SG, en_CA), else
    the territory's likely language (de_DE, fr_FR, ja_JP)."""
    languages = get_global("territory_languages").get(territory, {})
    english = languages.get("en", {}).get("official_status") == "official"
    if english and localedata.exists(f"en_{territory}"):
        return f"en_{territory}"
    try:
        likely = Locale.parse(f"und_{territory}")
    except (UnknownLocaleError, ValueError):
        return None
    return str(likely) if likely.territory == territory else None


def check_locale(text: str) -> str:
    """The locale in the form stored ("de-DE" → "de_DE"), or a ValidationError naming the text."""
    cleaned = text.strip().replace("-", "_")
    try:
        return str(Locale.parse(cleaned))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValidationError(f"“{text.strip()}” is not a locale such as en_US, de_DE or fr_CA.") from None


def read_place(location: str) -> Place | None:
    """The country of a location text, or None when the text does not say it plainly."""
    text = " ".join(location.split())
    if not text:
        return None
    parts = [part for part in (_bare(piece) for piece in [text, *_SEPARATORS.split(text)]) if part]
    for part in reversed(parts):  # a country named at the end wins ("London, Canada")
        found = _country(part)
        if found is not None:
            return _place(text, found, names_country=True)
    for part in parts:
        found = _CITIES.get(part)
        if found is not None:
            return _place(text, found)
    for part in reversed(parts):
        found = _native_names().get(part)
        if found is not None:
            return _place(text, found, names_country=True)
    return None


def _place(text: str, found: str, *, names_country: bool = False) -> Place | None:
    """`found` is a territory ("DE") or a locale there ("fr_CH")."""
    territory = found.rpartition("_")[2]
    locale = found if "_" in found else locale_of(territory)
    return Place(text, territory, locale, names_country) if locale else None


def _bare(piece: str) -> str:
    """Folded, without words that qualify a place rather than name it ("Remote", "Greater")."""
    words = fold(piece).strip(" .").split()
    while words and words[0] in _QUALIFIERS:
        words = words[1:]
    return " ".join(words)


def _country(part: str) -> str | None:
    if part in _COUNTRY_WORDS:
        return _COUNTRY_WORDS[part]
    english = _english_names()
    if part in english:
        return english[part]
    code = part.upper()
    if len(code) == 2 and code.isalpha():
        if code in _US_STATES:
            return None if code in english.values() else "US"  # "Austin, TX" is clear; "Dover, DE" is not
        return code if code in english.values() else None
    if len(code) == 3 and code.isalpha():
        return _alpha3().get(code)
    return None


@cache
def _english_names() -> dict[str, str]:
    """Folded English country names → code, for the two-letter territories CLDR lists."""
    return {fold(str(name)): code for code, name in Locale("en").territories.items() if _is_country(code)}


@cache
def _alpha3() -> dict[str, str]:
    aliases = get_global("territory_aliases")
    return {
        code: targets[0]
        for code, targets in aliases.items()
        if len(code) == 3 and code.isalpha() and len(targets) == 1 and _is_country(targets[0])
    }


@cache
def _native_names() -> dict[str, str]:
    """Country names in the country's own language ("Deutschland", "España"); read only when nothing else matched
    (loading every locale takes about half a second)."""
    names: dict[str, str] = {}
    for code in _english_names().values():
        locale = locale_of(code)
        if locale is None:
            continue
        name = Locale.parse(locale).territories.get(code)
        if name:
            names.setdefault(fold(str(name)), code)
    return names


def _is_country(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO", "XA", "XB")
