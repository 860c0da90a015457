"""The yes/no dashboard's data: per-offer facts read in bulk, grouped and counted by domain.metrics.

Four set-based queries (offers, status events, calls, objections) feed everything, so 20,000 offers cost a few
hundred milliseconds rather than one round trip per offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from offerdesk.domain.labels import group_label
from offerdesk.domain.metrics import (
    DEFINITIONS,
    Definition,
    MetricValue,
    OfferFacts,
    Reasons,
    compute,
    decline_reasons,
    group,
    local_day,
    renege_reasons,
)
from offerdesk.domain.money import Money
from offerdesk.errors import ValidationError
from offerdesk.storage import offer_facts
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database

OVERALL = "All offers"


@dataclass(frozen=True)
class StatsQuery:
    """since/until are inclusive days of the user's calendar, compared with the local day of each offer's
    extension time; by names a group or is None."""

    since: date | None = None
    until: date | None = None
    by: str | None = None


@dataclass(frozen=True)
class StatsRow:
    """One group's metrics; `offers` counts the extended offers in it (never-extended ones have no rate to join)."""

    group: str
    metrics: dict[str, MetricValue]
    offers: int
    label: str = ""  # the group as the screen names it (`group` keeps the code: COMP_LOW → "Pay too low")

    @property
    def shown(self) -> str:
        return self.label or self.group


@dataclass(frozen=True)
class StatsReport:
    """`decline_reasons` are the declined offers' reasons; `renege_reasons` those of offers accepted and later
    reneged on (never declines); `rescinded` counts every extended offer the company withdrew, also after a yes."""

    query: StatsQuery
    overall: StatsRow
    rows: list[StatsRow]
    decline_reasons: Reasons
    over_time: list[StatsRow]
    by_ask_style: list[StatsRow]
    by_objection: list[StatsRow]
    open_offers: int
    rescinded: int
    definitions: dict[str, Definition]
    renege_reasons: Reasons = field(default_factory=list)


def stats_row(name: str, facts: Sequence[OfferFacts], by: str | None = None) -> StatsRow:
    extended = sum(1 for f in facts if f.extended_at is not None)
    return StatsRow(group=name, metrics=compute(facts), offers=extended, label=group_label(by, name))


def _rows(facts: Sequence[OfferFacts], by: str) -> list[StatsRow]:
    return [stats_row(name, members, by) for name, members in group(facts, by)]


def _in_period(facts: OfferFacts, query: StatsQuery) -> bool:
    if query.since is None and query.until is None:
        return True
    if facts.extended_at is None:
        return False
    day = local_day(facts.extended_at)
    return (query.since is None or day >= query.since) and (query.until is None or day <= query.until)


class StatsService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def facts(self, query: StatsQuery | None = None, offer_ids: Sequence[int] | None = None) -> list[OfferFacts]:
        """Every offer (or those named) as OfferFacts, keeping those extended within query's period."""
        query = query or StatsQuery()
        _check(query)
        ids = sorted(set(offer_ids)) if offer_ids is not None else None
        with self._database.transaction(read_only=True) as session:
            facts = offer_facts.load_facts(session, ids)
        return [f for f in facts if _in_period(f, query)]

    def report(self, query: StatsQuery) -> StatsReport:
        facts = self.facts(query)
        return StatsReport(
            query=query,
            overall=stats_row(OVERALL, facts),
            rows=_rows(facts, query.by) if query.by else [],
            decline_reasons=decline_reasons(facts),
            over_time=_rows(facts, "period"),
            by_ask_style=_rows(facts, "ask_style"),
            by_objection=_rows(facts, "objection"),
            open_offers=sum(1 for f in facts if f.outcome == "open"),
            rescinded=sum(1 for f in facts if f.rescinded),
            definitions=dict(DEFINITIONS),
            renege_reasons=renege_reasons(facts),
        )

    def offers_behind(self, offer_ids: Iterable[int]) -> list[OfferFacts]:
        """The facts of the offers behind a number, in the order of their ids."""
        return self.facts(offer_ids=list(offer_ids))

    def first_year_behind(self, offer_ids: Iterable[int]) -> dict[int, Money | None]:
        """Each offer's first year at target, by the one pay formula (None where a total would leave something out)."""
        with self._database.transaction(read_only=True) as session:
            terms = gateway.current_terms(session, sorted(set(offer_ids)))
        result: dict[int, Money | None] = {}
        for offer_id, offer in terms.items():
            pay = offer.pay()
            result[offer_id] = pay.first_year if not pay.left_out else None
        return result

    def calls_behind(self, offer_ids: Iterable[int]) -> list[tuple[int, int, str, str, str, tuple[str, ...]]]:
        """(call id, offer id, started at ISO, outcome, ask style, objections) of the offers' calls, oldest first."""
        with self._database.transaction(read_only=True) as session:
            return offer_facts.calls_of(session, sorted(set(offer_ids)))


def _check(query: StatsQuery) -> None:
    if query.since and query.until and query.since > query.until:
        raise ValidationError(f"The period starts ({query.since}) after it ends ({query.until}); swap the two dates.")
    if query.by is not None:
        group([], query.by)  # raises ValidationError for an unknown grouping
