"""Pay bands, package values over years and the competing-offer comparison, with figures worked by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event, select

from offerdesk.domain.compensation import (
    EquityGrantValue,
    band_position,
    percent_of,
    value_over_years,
)
from offerdesk.domain.money import Money
from offerdesk.domain.offer_terms import ComponentTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, OfferType
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.offers.compensation import CompensationService, comparison_sentence
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Candidate, Role


def eur(whole: int) -> Money:
    return Money(whole * 100, "EUR")


BAND = (eur(78_000), eur(90_000), eur(102_000))


@pytest.fixture
def compensation(services: Services) -> CompensationService:
    return CompensationService(services.database)


def _candidate_id(services: Services, first_name: str) -> int:
    with services.database.transaction() as session:
        found = session.scalar(select(Candidate.id).where(Candidate.first_name == first_name))
    assert found is not None
    return found


def _role_id(services: Services, title: str) -> int:
    with services.database.transaction() as session:
        found = session.scalar(select(Role.id).where(Role.title == title))
    assert found is not None
    return found


def _terms(base_minor: int | None, currency: str = "EUR", location: str = "Berlin") -> OfferTerms:
    components = (
        (ComponentTerms(ComponentKind.BASE, "Base salary", base_minor, currency),) if base_minor is not None else ()
    )
    return OfferTerms(OfferType.WRITTEN, currency, location=location, components=components)


# -- band positions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "position", "ratio", "sentence"),
    [
        (95_000, "within", 1.06, "€95,000.00 is within the band (compa-ratio 1.06)."),
        (110_000, "above", 1.22, "€110,000.00 is above the band maximum of €102,000.00 (compa-ratio 1.22)."),
        (70_000, "below", 0.78, "€70,000.00 is below the band minimum of €78,000.00 (compa-ratio 0.78)."),
        (78_000, "within", 0.87, "€78,000.00 is within the band (compa-ratio 0.87)."),
        (102_000, "within", 1.13, "€102,000.00 is within the band (compa-ratio 1.13)."),
    ],
)
def test_band_position_places_the_base_and_says_so(base: int, position: str, ratio: float, sentence: str) -> None:
    result = band_position(eur(base), BAND)
    assert (result.position, result.compa_ratio, result.sentence) == (position, ratio, sentence)
    assert (result.band_min, result.band_mid, result.band_max) == BAND


def test_compa_ratio_rounds_half_up_to_two_places() -> None:
    # 94,950 / 90,000 = 1.055 exactly: half up gives 1.06 (binary floats would round it down to 1.05).
    assert band_position(eur(94_950), BAND).compa_ratio == 1.06
    assert band_position(Money(9_494_999, "EUR"), BAND).compa_ratio == 1.05
    assert band_position(eur(90_000), BAND).compa_ratio == 1.0


def test_band_position_uses_the_locale() -> None:
    assert band_position(eur(95_000), BAND, "de_DE").sentence == "95.000,00\xa0€ is within the band (compa-ratio 1.06)."


def test_a_base_in_another_currency_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValidationError, match="base is in USD but the band is in EUR"):
        band_position(Money(95_000_00, "USD"), BAND)


def test_a_disordered_band_is_refused() -> None:
    with pytest.raises(ValidationError, match="minimum ≤ midpoint ≤ maximum"):
        band_position(eur(95_000), (eur(90_000), eur(80_000), eur(100_000)))


# -- value over years -----------------------------------------------------------------------------------------


def test_value_over_years_with_a_one_year_cliff_worked_by_hand() -> None:
    # 1,200 units at €40 over 48 months, 12-month cliff: 300 units (€12,000) at month 12, then 25 a month.
    grant = EquityGrantValue(units=1_200, value_per_unit_minor=40_00, vesting_months=48, cliff_months=12)
    package = value_over_years("Ours", "EUR", 90_000_00, 9_000_00, grant, 5_000_00, years=4)
    assert package.name == "Ours" and package.currency == "EUR"
    assert [y.year for y in package.years] == [1, 2, 3, 4]
    assert [y.equity for y in package.years] == [eur(12_000)] * 4
    assert [y.sign_on for y in package.years] == [eur(5_000), eur(0), eur(0), eur(0)]
    assert [y.base for y in package.years] == [eur(90_000)] * 4
    assert [y.bonus for y in package.years] == [eur(9_000)] * 4
    assert [y.total for y in package.years] == [eur(116_000), eur(111_000), eur(111_000), eur(111_000)]
    assert [y.cumulative for y in package.years] == [eur(116_000), eur(227_000), eur(338_000), eur(449_000)]
    assert package.total == eur(449_000)


def test_nothing_vests_before_the_cliff_and_the_cliff_catches_up() -> None:
    # 1,000 units over 36 months, 18-month cliff, €10 each. Month 18 catches up 500 units; 27.78 a month after.
    grant = EquityGrantValue(units=1_000, value_per_unit_minor=10_00, vesting_months=36, cliff_months=18)
    assert grant.vested_units(17) == 0
    assert grant.vested_units(18) == 500
    assert grant.vested_units(19) == 527  # 1000·19/36 = 527.7, whole units only
    assert grant.vested_units(36) == grant.vested_units(48) == 1_000
    package = value_over_years("X", "EUR", 0, 0, grant, 0, years=4)
    # Year 1: nothing. Year 2: vested(24) = 666 units. Year 3: the remaining 334. Year 4: fully vested already.
    assert [y.equity for y in package.years] == [eur(0), eur(6_660), eur(3_340), eur(0)]
    assert package.total == eur(10_000)


def test_no_cliff_vests_monthly_from_the_first_month() -> None:
    grant = EquityGrantValue(units=480, value_per_unit_minor=1_00, vesting_months=48, cliff_months=0)
    assert grant.vested_units(1) == 10
    package = value_over_years("X", "USD", 0, 0, grant, 0, years=2)
    assert [y.equity.minor for y in package.years] == [120_00, 120_00]


def test_annual_equity_and_short_horizons() -> None:
    package = value_over_years("Northwind", "EUR", 95_000_00, 0, 8_000_00, 10_000_00, years=1)
    assert [y.total for y in package.years] == [eur(113_000)]
    assert package.total == eur(113_000)


@pytest.mark.parametrize("years", [0, 5])
def test_years_outside_one_to_four_are_refused(years: int) -> None:
    with pytest.raises(ValidationError, match="1 to 4 years"):
        value_over_years("X", "EUR", 1, 0, None, 0, years=years)


def test_a_cliff_longer_than_the_vesting_is_refused() -> None:
    with pytest.raises(ValidationError, match="cliff of 60 months"):
        value_over_years("X", "EUR", 1, 0, EquityGrantValue(10, 1, 48, 60), 0)


def test_percent_of_rounds_half_up() -> None:
    assert percent_of(90_000_00, 1_000) == 9_000_00
    assert percent_of(5, 1_000) == 1  # 0.5 → 1


# -- bands in the service -------------------------------------------------------------------------------------


def test_demo_band_and_position_for_an_offer(services: Services, compensation: CompensationService) -> None:
    role_id = _role_id(services, "Senior Backend Engineer")
    [band] = compensation.bands(role_id)
    assert (band.currency, band.location, band.band) == ("EUR", "Berlin", BAND)
    result = compensation.position(_terms(95_000_00), role_id, locale="en_US")
    assert result is not None and result.sentence == "€95,000.00 is within the band (compa-ratio 1.06)."
    # Another location falls back to any band in the currency; none in USD; no role, no base: nothing to say.
    assert compensation.position(_terms(95_000_00, location="Munich"), role_id) is not None
    assert compensation.position(_terms(95_000_00, "USD"), role_id) is None
    assert compensation.position(_terms(95_000_00), None) is None
    assert compensation.position(_terms(None), role_id) is None


def test_set_band_replaces_by_currency_and_location_and_refreshes_the_cache(
    services: Services, compensation: CompensationService
) -> None:
    role_id = _role_id(services, "Senior Backend Engineer")
    compensation.bands(role_id)  # warm the cache
    assert compensation.set_band(role_id, "eur", " berlin ", 80_000_00, 92_000_00, 104_000_00) == Changes.of(Kind.ROLES)
    compensation.set_band(role_id, "EUR", "Munich", 85_000_00, 97_000_00, 110_000_00)
    bands = {band.location: band for band in compensation.bands(role_id)}
    assert set(bands) == {"berlin", "Munich"}
    assert bands["berlin"].band_mid == eur(92_000)
    munich = compensation.position(_terms(97_000_00, location="Munich"), role_id, locale="en_US")
    assert munich is not None and munich.compa_ratio == 1.0
    berlin = compensation.position(_terms(97_000_00), role_id, locale="en_US")
    assert berlin is not None and berlin.band_mid == eur(92_000)
    # A fresh service reads the same from the database.
    assert len(CompensationService(services.database).bands(role_id)) == 2


def test_position_is_served_from_memory(services: Services, compensation: CompensationService) -> None:
    role_id = _role_id(services, "Senior Backend Engineer")
    compensation.bands(role_id)
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(services.database.engine, "before_cursor_execute", record)
    try:
        for amount in range(90_000_00, 90_010_00, 1_00):
            compensation.position(_terms(amount), role_id)
    finally:
        event.remove(services.database.engine, "before_cursor_execute", record)
    assert statements == []


@pytest.mark.parametrize(
    ("low", "mid", "high", "currency", "message"),
    [
        (90, 80, 100, "EUR", "minimum ≤ midpoint ≤ maximum"),
        (0, 80, 100, "EUR", "more than zero"),
        (70, 80, 100, "EURO", "ISO 4217"),
    ],
)
def test_set_band_validates(
    services: Services, compensation: CompensationService, low: int, mid: int, high: int, currency: str, message: str
) -> None:
    role_id = _role_id(services, "Senior Backend Engineer")
    with pytest.raises(ValidationError, match=message):
        compensation.set_band(role_id, currency, "", low, mid, high)
    with pytest.raises(NotFoundError):
        compensation.set_band(999_999, "EUR", "", 1, 2, 3)


# -- competing offers and the comparison ----------------------------------------------------------------------


@pytest.fixture
def aisha(services: Services) -> Iterator[int]:
    yield _candidate_id(services, "Aisha")


def test_add_and_remove_competing(compensation: CompensationService, aisha: int) -> None:
    [northwind] = compensation.competing(aisha)
    assert (northwind.company, northwind.kind, northwind.has_pay) == ("Northwind GmbH", "offer", False)
    changes = compensation.add_competing(aisha, "offer", "Contoso AG", currency="eur", base_minor=95_000_00)
    assert changes == Changes.of(Kind.CANDIDATES)
    contoso = compensation.competing(aisha)[-1]
    assert contoso.base == eur(95_000) and contoso.currency == "EUR" and contoso.has_pay
    compensation.remove_competing(contoso.id)
    assert [c.company for c in compensation.competing(aisha)] == ["Northwind GmbH"]
    with pytest.raises(NotFoundError):
        compensation.remove_competing(contoso.id)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "rumour", "company": "X"}, "not a kind"),
        ({"kind": "offer", "company": "  "}, "company name"),
        ({"kind": "offer", "company": "X", "base_minor": 1}, "currency"),
        ({"kind": "offer", "company": "X", "currency": "EUR", "base_minor": -1}, "negative"),
    ],
)
def test_add_competing_validates(
    compensation: CompensationService, aisha: int, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        compensation.add_competing(aisha, **kwargs)  # type: ignore[arg-type]


def test_comparison_with_a_competing_offer_that_has_pay(compensation: CompensationService, aisha: int) -> None:
    # Ours (demo): base €90,000 + 10% bonus €9,000 + 1,200 RSUs at €40 / 4 years (1-year cliff) = €111,000 a year.
    # Contoso: €95,000 + €5,000 bonus + €15,000 sign-on = €115,000 in year 1, €100,000 after.
    compensation.add_competing(
        aisha, "offer", "Contoso AG", currency="EUR", base_minor=95_000_00, bonus_minor=5_000_00,
        sign_on_minor=15_000_00,
    )  # fmt: skip
    result = compensation.comparison(aisha, years=4, locale="en_US")
    assert result.currency == "EUR" and result.equity_value_per_unit_minor == 40_00
    assert result.ours is not None
    assert [y.total for y in result.ours.years] == [eur(111_000)] * 4
    [contoso] = result.others
    assert [y.total for y in contoso.package.years] == [eur(115_000), eur(100_000), eur(100_000), eur(100_000)]
    assert contoso.differences == (eur(-4_000), eur(11_000), eur(11_000), eur(11_000))
    assert contoso.total_difference == eur(29_000)
    assert contoso.sentence == (
        "Over 4 years ours is worth €29,000.00 more than Contoso AG, though year 1 is €4,000.00 less: "
        "consider a sign-on."
    )
    assert result.sentences[0] == contoso.sentence
    assert "Northwind GmbH has no pay recorded; add it to compare the packages." in result.sentences


def test_comparison_equity_override_and_years(compensation: CompensationService, aisha: int) -> None:
    compensation.add_competing(aisha, "offer", "Contoso AG", currency="EUR", base_minor=120_000_00)
    result = compensation.comparison(aisha, years=2, equity_value_per_unit_minor=50_00)
    assert result.ours is not None and len(result.ours.years) == 2
    assert result.ours.years[0].equity == eur(15_000)  # 300 units at the assumed €50
    assert result.equity_value_per_unit_minor == 50_00
    [contoso] = result.others
    assert contoso.total_difference == eur(2 * (114_000 - 120_000))
    assert contoso.sentence.startswith("Over 2 years ours is worth €12,000.00 less than Contoso AG")


def test_another_currency_is_listed_not_totalled(services: Services, compensation: CompensationService) -> None:
    david = _candidate_id(services, "David")
    compensation.add_competing(david, "counteroffer", "Current employer", currency="EUR", base_minor=100_000_00)
    result = compensation.comparison(david, years=3)
    [counter] = result.others
    assert counter.comparable is False and counter.differences is None
    assert counter.package.currency == "EUR" and len(counter.package.years) == 3
    assert counter.sentence == ("Current employer pays in EUR, so it is listed but not totalled against ours (USD).")
    assert result.ours is not None and result.ours.currency == "USD"
    # Commission counts as variable at target: $95,000 base + $63,333 commission.
    assert result.ours.years[0].bonus == Money(63_333_00, "USD")


def test_comparison_names_a_counteroffer(services: Services, compensation: CompensationService) -> None:
    david = _candidate_id(services, "David")
    result = compensation.comparison(david)
    assert "The counteroffer from Current employer has no pay recorded; add it to compare the packages." in (
        result.sentences
    )
    compensation.add_competing(david, "counteroffer", "Globex", currency="USD", base_minor=200_000_00)
    assert "less than the counteroffer from Globex" in compensation.comparison(david).others[0].sentence


def test_comparison_rejects_bad_input(compensation: CompensationService, aisha: int) -> None:
    with pytest.raises(ValidationError):
        compensation.comparison(aisha, years=5)
    with pytest.raises(NotFoundError):
        compensation.comparison(999_999)


def test_sentences_for_each_outcome() -> None:
    same = comparison_sentence("X", 4, eur(0), eur(0))
    assert same.startswith("Over 4 years ours and X are worth the same")
    assert comparison_sentence("X", 1, eur(500), eur(500)) == (
        "Over 1 year ours is worth €500.00 more than X: show the total package, not just base."
    )
    assert comparison_sentence("X", 3, eur(-900), eur(100)).startswith(
        "Over 3 years ours is worth €900.00 less than X, though year 1 is €100.00 more"
    )
