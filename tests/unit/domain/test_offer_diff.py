"""The pure diff and validation of offer terms."""

from __future__ import annotations

from datetime import date

import pytest

from offerdesk.domain.offer_diff import (
    FieldChange,
    changed_key_fields,
    check_key_fields,
    diff_terms,
    validate_terms,
)
from offerdesk.domain.offer_terms import (
    DEFAULT_KEY_FIELDS,
    ComponentTerms,
    ContingencyTerms,
    EquityTerms,
    OfferTerms,
)
from offerdesk.domain.offers import ComponentKind, OfferType, PayUnit
from offerdesk.errors import ValidationError


def base(amount: int | None = 9_000_000, currency: str = "EUR") -> ComponentTerms:
    return ComponentTerms(ComponentKind.BASE, "Base salary", amount, currency)


def sign_on(amount: int = 500_000) -> ComponentTerms:
    return ComponentTerms(ComponentKind.SIGN_ON, "Sign-on bonus", amount, "EUR", unit=PayUnit.ONCE, clawback_months=12)


def make_terms(**changes: object) -> OfferTerms:
    terms = OfferTerms(
        offer_type=OfferType.WRITTEN,
        currency="EUR",
        title="Engineer",
        start_date=date(2027, 2, 1),
        components=(base(),),
        equity=(EquityTerms("rsu", 1200, "EUR"),),
    )
    return terms.with_changes(**changes)


def test_identical_terms_have_no_diff() -> None:
    assert diff_terms(make_terms(), make_terms()) == []


def test_base_change_is_one_line_with_formatted_money() -> None:
    changes = diff_terms(make_terms(), make_terms(components=(base(9_500_000),)))
    assert changes == [FieldChange("components.base", "Base salary", "€90,000.00", "€95,000.00")]
    assert str(changes[0]) == "Base salary: €90,000.00 → €95,000.00"


def test_money_follows_the_locale() -> None:
    [change] = diff_terms(make_terms(), make_terms(components=(base(9_500_000),)), locale="de_DE")
    assert change.before == "90.000,00\xa0€"


def test_added_and_removed_components_and_fields_in_label_order() -> None:
    old = make_terms(remote_days=None)
    new = make_terms(title="Senior Engineer", remote_days=2, components=(base(), sign_on()), equity=())
    changes = diff_terms(old, new)
    assert [c.field for c in changes] == ["title", "remote_days", "components.sign_on", "equity.1"]
    title, remote, added, removed = changes
    assert (title.before, title.after) == ("Engineer", "Senior Engineer")
    assert (remote.label, remote.before, remote.after) == ("Remote days per week", "—", "2")
    assert added.before == "—"
    assert added.after.startswith("€5,000.00")
    assert removed.after == "—"
    assert "1,200 RSUs" in removed.before


def test_dates_are_iso_and_contingencies_compared_by_kind() -> None:
    old = make_terms(contingencies=(ContingencyTerms("background", "Criminal record check"),))
    new = make_terms(
        start_date=date(2027, 3, 1),
        contingencies=(ContingencyTerms("background", "Criminal record check", "cleared"),),
    )
    start, check = diff_terms(old, new)
    assert (start.before, start.after) == ("2027-02-01", "2027-03-01")
    assert check.label == "Contingency: background"
    assert check.after == "Criminal record check (cleared)"


def test_unit_only_change_shows_the_details() -> None:
    hourly = ComponentTerms(ComponentKind.BASE, "Base salary", 9_000_000, "EUR", unit=PayUnit.HOUR)
    [change] = diff_terms(make_terms(), make_terms(components=(hourly,)))
    assert "per year" in change.before
    assert "per hour" in change.after


def test_changed_key_fields() -> None:
    old = make_terms(components=(base(), sign_on()))
    assert changed_key_fields(old, old.with_changes(location="Paris"), DEFAULT_KEY_FIELDS) == set()
    new = old.with_changes(components=(base(9_100_000), sign_on(600_000)), title="Lead", level="L6")
    assert changed_key_fields(old, new, DEFAULT_KEY_FIELDS) == {"base", "sign_on", "title", "level"}
    assert changed_key_fields(old, old.with_changes(equity=()), DEFAULT_KEY_FIELDS) == {"equity"}
    assert changed_key_fields(old, old.with_changes(currency="USD"), ("currency",)) == {"currency"}


def test_check_key_fields_refuses_unknown_names() -> None:
    assert check_key_fields(["base", " Title ", "base"]) == ("base", "title")
    with pytest.raises(ValidationError, match="salary"):
        check_key_fields(["salary"])


def test_valid_terms_have_no_problems() -> None:
    assert validate_terms(make_terms()) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"currency": "EURO"}, "currency"),
        ({"components": ()}, "components.base"),
        ({"components": (base(None),)}, "components.base"),
        ({"components": (base(-1),)}, "components.base"),
        ({"remote_days": 8}, "remote_days"),
        ({"remote_days": -1}, "remote_days"),
        ({"probation_months": 25}, "probation_months"),
        ({"end_date": date(2027, 1, 31)}, "end_date"),
        ({"components": (base(), ComponentTerms(ComponentKind.BONUS, "Bonus", 100, "USD"))}, "components.bonus"),
        ({"equity": (EquityTerms("rsu", 0, "EUR"),)}, "equity.1"),
    ],
)
def test_validation_names_the_field(changes: dict[str, object], field: str) -> None:
    problems = validate_terms(make_terms(**changes))
    assert field in [name for name, _sentence in problems]
    assert all(sentence.endswith(".") for _name, sentence in problems)


def test_boundaries_are_allowed() -> None:
    assert validate_terms(make_terms(remote_days=7, probation_months=24, end_date=date(2027, 2, 1))) == []
