"""Pay bands per role, competing offers per candidate, and the year-by-year comparison of our offer with theirs.

The offer editor asks for the band position on every keystroke, so bands are cached per role in memory; only
`set_band` (or `invalidate`) drops a role's entry. The comparison answers COMP_LOW and COMPETING_OFFER with
numbers: what each package is worth per year, and where ours wins or loses (usually year 1, fixable by a sign-on).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from offerdesk.domain.compensation import (
    MAX_YEARS,
    BandPosition,
    PackageValue,
    band_position,
    check_band,
    value_over_years,
)
from offerdesk.domain.money import Money, check_currency
from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.domain.offers import PayUnit
from offerdesk.domain.text_rules import check_text
from offerdesk.domain.wording import plural
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.services.changes import Changes, Kind
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Candidate, CompetingOffer, PayBand, Role

COMPETING_KINDS: Final = ("process", "offer", "counteroffer")
COMPARED_KINDS: Final = ("offer", "counteroffer")  # a process has no package yet


@dataclass(frozen=True)
class BandView:
    id: int
    role_id: int
    currency: str
    location: str
    unit: PayUnit
    band_min: Money
    band_mid: Money
    band_max: Money

    @property
    def band(self) -> tuple[Money, Money, Money]:
        return (self.band_min, self.band_mid, self.band_max)


@dataclass(frozen=True)
class CompetingView:
    id: int
    candidate_id: int
    kind: str  # process, offer or counteroffer
    company: str
    stage: str
    deadline: date | None
    currency: str
    base: Money | None
    bonus: Money | None
    equity_annual: Money | None
    sign_on: Money | None
    notes: str

    @property
    def has_pay(self) -> bool:
        return any(amount is not None for amount in (self.base, self.bonus, self.equity_annual, self.sign_on))

    @property
    def display_name(self) -> str:
        """How sentences name it: a counteroffer is the current employer's, not another company's offer."""
        return f"the counteroffer from {self.company}" if self.kind == "counteroffer" else self.company


@dataclass(frozen=True)
class PackageComparison:
    """One competing package beside ours; `differences` (ours minus theirs, per year) only in one currency."""

    competing_id: int
    company: str
    kind: str
    package: PackageValue
    comparable: bool
    differences: tuple[Money, ...] | None
    total_difference: Money | None
    sentence: str


@dataclass(frozen=True)
class Comparison:
    candidate_id: int
    years: int
    currency: str  # our offer's currency ("" when there is no offer)
    ours: PackageValue | None
    others: tuple[PackageComparison, ...]
    sentences: tuple[str, ...]  # one line per competing package, then notes on what was left out
    equity_value_per_unit_minor: int | None  # the assumption actually used for our equity
    offer_id: int | None = None


def _money(minor: int | None, currency: str) -> Money | None:
    return None if minor is None else Money(minor, currency)


def _band_view(row: PayBand) -> BandView:
    return BandView(
        id=row.id,
        role_id=row.role_id,
        currency=row.currency,
        location=row.location,
        unit=row.unit,
        band_min=Money(row.min_minor, row.currency),
        band_mid=Money(row.mid_minor, row.currency),
        band_max=Money(row.max_minor, row.currency),
    )


def _competing_view(row: CompetingOffer) -> CompetingView:
    currency = row.currency
    return CompetingView(
        id=row.id,
        candidate_id=row.candidate_id,
        kind=row.kind,
        company=row.company,
        stage=row.stage,
        deadline=row.deadline,
        currency=currency,
        base=_money(row.base_minor, currency),
        bonus=_money(row.bonus_minor, currency),
        equity_annual=_money(row.equity_annual_minor, currency),
        sign_on=_money(row.sign_on_minor, currency),
        notes=row.notes,
    )


def _same_place(left: str, right: str) -> bool:
    return left.strip().casefold() == right.strip().casefold()


def _years_phrase(years: int) -> str:
    return plural(years, "year")


def comparison_sentence(
    name: str, years: int, total_difference: Money, first_year_difference: Money, locale: str = "en_US"
) -> str:
    """One line for the recruiter: who wins over the horizon, and whether year 1 tells a different story."""
    over = f"Over {_years_phrase(years)}"
    total = Money(abs(total_difference.minor), total_difference.currency).format(locale)
    first = Money(abs(first_year_difference.minor), first_year_difference.currency).format(locale)
    if total_difference.minor == 0:
        return f"{over} ours and {name} are worth the same: lead with what matters to the candidate beyond pay."
    if total_difference.minor > 0:
        if years > 1 and first_year_difference.minor < 0:
            return f"{over} ours is worth {total} more than {name}, though year 1 is {first} less: consider a sign-on."
        return f"{over} ours is worth {total} more than {name}: show the total package, not just base."
    if years > 1 and first_year_difference.minor > 0:
        return (
            f"{over} ours is worth {total} less than {name}, though year 1 is {first} more: "
            "check which matters to the candidate, first-year cash or the total."
        )
    return f"{over} ours is worth {total} less than {name}: consider moving within the band or a sign-on."


class CompensationService:
    """Bands, competing offers and comparisons; the band cache lives as long as the service."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._bands: dict[int, tuple[BandView, ...]] = {}
        self._lock = threading.Lock()

    # -- pay bands -------------------------------------------------------------------------------------------

    def bands(self, role_id: int) -> list[BandView]:
        """The role's bands, from memory after the first read (the editor asks on every keystroke)."""
        with self._lock:
            cached = self._bands.get(role_id)
        if cached is None:
            with self._database.transaction() as session:
                rows = session.scalars(select(PayBand).where(PayBand.role_id == role_id).order_by(PayBand.id))
                cached = tuple(_band_view(row) for row in rows)
            with self._lock:
                self._bands[role_id] = cached
        return list(cached)

    def invalidate(self, role_id: int | None = None) -> None:
        """Forget cached bands (all roles when None), e.g. after another window or process changed them."""
        with self._lock:
            if role_id is None:
                self._bands.clear()
            else:
                self._bands.pop(role_id, None)

    def set_band(
        self, role_id: int, currency: str, location: str, min_minor: int, mid_minor: int, max_minor: int
    ) -> Changes:
        """Save the yearly band for one currency and location, replacing the one already there."""
        code = check_currency(currency)
        check_band(Money(min_minor, code), Money(mid_minor, code), Money(max_minor, code))
        place = check_text(location.strip(), "Band location", 200)
        with self._database.transaction() as session:
            role = session.get(Role, role_id, options=[selectinload(Role.pay_bands)])
            if role is None:
                raise NotFoundError(f"There is no role with id {role_id}.")
            existing = [b for b in role.pay_bands if b.currency == code and _same_place(b.location, place)]
            band = existing[0] if existing else PayBand(currency=code, location=place)
            for duplicate in existing[1:]:
                role.pay_bands.remove(duplicate)
            band.location, band.unit = place, PayUnit.YEAR
            band.min_minor, band.mid_minor, band.max_minor = min_minor, mid_minor, max_minor
            if not existing:
                role.pay_bands.append(band)
        self.invalidate(role_id)
        return Changes.of(Kind.ROLES)

    def band_for(
        self, role_id: int, currency: str, location: str = "", unit: PayUnit = PayUnit.YEAR
    ) -> BandView | None:
        """The band in `currency` for `location`; else one for no particular place; else any in that currency."""
        matching = [b for b in self.bands(role_id) if b.currency == currency and b.unit is unit]
        for wanted in (location, ""):
            found = next((b for b in matching if _same_place(b.location, wanted)), None)
            if found is not None:
                return found
        return matching[0] if matching else None

    def position(
        self, offer_terms: OfferTerms, role_id: int | None, location: str = "", locale: str | None = None
    ) -> BandPosition | None:
        """Where the offer's base sits in the role's band; None without a role, a base or a band to compare with.

        `location` defaults to the offer's own; sentences use `locale`, defaulting to the offer's.
        """
        if role_id is None:
            return None
        pay = offer_terms.pay()
        if pay.base is None or pay.base_rate is None:
            return None
        band = self.band_for(role_id, pay.currency, location or offer_terms.location, PayUnit.YEAR)
        if band is None:
            return None
        shown_locale = locale or offer_terms.locale
        shown = None
        if pay.base_unit is not PayUnit.YEAR:
            shown = (
                f"{pay.base_rate.format(shown_locale)} {pay.base_unit.words if pay.base_unit else ''} "
                f"({pay.base.format(shown_locale)} a year)"
            )
        return band_position(pay.base, band.band, shown_locale, shown=shown)

    # -- competing offers ------------------------------------------------------------------------------------

    def competing(self, candidate_id: int) -> list[CompetingView]:
        with self._database.transaction() as session:
            rows = session.scalars(
                select(CompetingOffer).where(CompetingOffer.candidate_id == candidate_id).order_by(CompetingOffer.id)
            )
            return [_competing_view(row) for row in rows]

    def add_competing(
        self,
        candidate_id: int,
        kind: str,
        company: str,
        stage: str = "",
        deadline: date | None = None,
        currency: str = "",
        base_minor: int | None = None,
        bonus_minor: int | None = None,
        equity_annual_minor: int | None = None,
        sign_on_minor: int | None = None,
        notes: str = "",
    ) -> Changes:
        """Record another process, offer or counteroffer; amounts are yearly (sign-on once) in `currency`."""
        if kind not in COMPETING_KINDS:
            raise ValidationError(f"“{kind}” is not a kind of competing process (process, offer or counteroffer).")
        if not company.strip():
            raise ValidationError("A competing offer needs a company name (“Current employer” for a counteroffer).")
        amounts = [a for a in (base_minor, bonus_minor, equity_annual_minor, sign_on_minor) if a is not None]
        if any(amount < 0 for amount in amounts):
            raise ValidationError("Pay amounts cannot be negative.")
        if amounts and not currency.strip():
            raise ValidationError("Give the currency of the competing offer's pay.")
        code = check_currency(currency) if currency.strip() else ""
        with self._database.transaction() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError(f"There is no candidate with id {candidate_id}.")
            session.add(
                CompetingOffer(
                    candidate_id=candidate_id,
                    kind=kind,
                    company=company.strip(),
                    stage=stage.strip(),
                    deadline=deadline,
                    currency=code,
                    base_minor=base_minor,
                    bonus_minor=bonus_minor,
                    equity_annual_minor=equity_annual_minor,
                    sign_on_minor=sign_on_minor,
                    notes=notes.strip(),
                )
            )
        return Changes.of(Kind.CANDIDATES)

    def remove_competing(self, competing_id: int) -> Changes:
        with self._database.transaction() as session:
            row = session.get(CompetingOffer, competing_id)
            if row is None:
                raise NotFoundError(f"There is no competing offer with id {competing_id}.")
            session.delete(row)
        return Changes.of(Kind.CANDIDATES)

    # -- comparison ------------------------------------------------------------------------------------------

    def comparison(
        self,
        candidate_id: int,
        years: int = MAX_YEARS,
        equity_value_per_unit_minor: int | None = None,
        locale: str = "en_US",
    ) -> Comparison:
        """Our latest offer beside each competing offer or counteroffer that has pay, year by year.

        `equity_value_per_unit_minor` (in our offer's currency) overrides the value per unit stored on the grant.
        """
        if not 1 <= years <= MAX_YEARS:
            raise ValidationError(f"Packages are compared over 1 to {MAX_YEARS} years, not {years}.")
        if equity_value_per_unit_minor is not None and equity_value_per_unit_minor < 0:
            raise ValidationError("The value per equity unit cannot be negative.")
        with self._database.transaction() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError(f"There is no candidate with id {candidate_id}.")
            offer_id = gateway.latest_offer_id(session, candidate_id)
            terms = gateway.terms_of(session, offer_id) if offer_id is not None else None
            notes: list[str] = []
            ours: PackageValue | None = None
            currency, used_value = "", None
            if terms is not None:
                currency = terms.currency
                ours, used_value = _our_package(terms, years, equity_value_per_unit_minor, notes)
            competing = [
                _competing_view(row)
                for row in session.scalars(
                    select(CompetingOffer)
                    .where(CompetingOffer.candidate_id == candidate_id)
                    .order_by(CompetingOffer.id)
                )
            ]
        others: list[PackageComparison] = []
        for item in competing:
            if item.kind not in COMPARED_KINDS:
                continue
            if not item.has_pay:
                name = item.display_name
                notes.append(f"{name[:1].upper()}{name[1:]} has no pay recorded; add it to compare the packages.")
                continue
            others.append(_compare(item, ours, currency, years, locale))
        if ours is None:
            notes.insert(0, "There is no offer for this candidate yet, so nothing is totalled against ours.")
        sentences = tuple(other.sentence for other in others if other.sentence) + tuple(notes)
        return Comparison(
            candidate_id=candidate_id,
            years=years,
            currency=currency,
            ours=ours,
            others=tuple(others),
            sentences=sentences,
            equity_value_per_unit_minor=used_value,
            offer_id=offer_id,
        )


def _our_package(
    terms: OfferTerms, years: int, value_override: int | None, notes: list[str]
) -> tuple[PackageValue, int | None]:
    """Our offer year by year, from the one pay formula; what the formula leaves out is said in the notes.

    Relocation and allowances are left out: they reimburse costs rather than pay the candidate.
    """
    pay = terms.pay(value_override)
    notes.extend(pay.left_out)
    return pay.over_years("Our offer", years), pay.equity_value_per_unit_minor


def _compare(
    item: CompetingView, ours: PackageValue | None, currency: str, years: int, locale: str
) -> PackageComparison:
    package = value_over_years(
        item.company,
        item.currency,
        item.base.minor if item.base else 0,
        item.bonus.minor if item.bonus else 0,
        item.equity_annual.minor if item.equity_annual else 0,
        item.sign_on.minor if item.sign_on else 0,
        years,
    )
    if ours is None:
        return PackageComparison(item.id, item.company, item.kind, package, False, None, None, "")
    if item.currency != currency:
        sentence = (
            f"{item.company} pays in {item.currency}, so it is listed but not totalled against ours ({currency})."
        )
        return PackageComparison(item.id, item.company, item.kind, package, False, None, None, sentence)
    differences = tuple(
        Money(mine.total.minor - theirs.total.minor, currency)
        for mine, theirs in zip(ours.years, package.years, strict=True)
    )
    total = Money(ours.total.minor - package.total.minor, currency)
    sentence = comparison_sentence(item.display_name, years, total, differences[0], locale)
    return PackageComparison(item.id, item.company, item.kind, package, True, differences, total, sentence)
