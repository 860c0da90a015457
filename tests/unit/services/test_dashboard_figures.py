"""Every dashboard figure against its definition, over the hand-built offers of tests/dashboard_data.py.

The expected numbers are worked out by hand in the comments from that table (all dates 2027, times UTC).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from offerdesk.domain import metrics
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.stats import StatsQuery, StatsReport, StatsService
from tests.dashboard_data import build_offers


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Run in a chosen time zone (a POSIX TZ string, so no zone database is needed); UTC unless told."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    use("UTC0")
    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def ids(empty_services: Services, zone: Callable[[str], None]) -> dict[str, int]:
    return build_offers(empty_services.database)


@pytest.fixture
def stats(empty_services: Services) -> StatsService:
    return StatsService(empty_services.database)


def figures(report: StatsReport) -> dict[str, str]:
    return {key: metric.display for key, metric in report.overall.metrics.items()}


def test_decline_reasons_count_declines_only_a_renege_is_not_a_decline(
    stats: StatsService, ids: dict[str, int]
) -> None:
    report = stats.report(StatsQuery())
    # declined: D1 COMP_LOW, D2 COMPETING_OFFER; G1 reneged (COUNTEROFFER) after saying yes: not a decline
    assert report.decline_reasons == [("COMPETING_OFFER", 1, (ids["D2"],)), ("COMP_LOW", 1, (ids["D1"],))]
    top = report.overall.metrics["decline_reasons"]
    assert (top.numerator, top.denominator, top.display) == (1, 2, "Competing offer 50% (1 of 2)")
    assert sorted(top.offer_ids) == sorted([ids["D1"], ids["D2"]])
    # the renege's reason is kept apart, where the renege rate's offers are
    assert report.renege_reasons == [("COUNTEROFFER", 1, (ids["G1"],))]


def test_every_tile_over_all_time(stats: StatsService, ids: dict[str, int]) -> None:
    report = stats.report(StatsQuery())
    m = report.overall.metrics
    # accepted (history reaches a yes): A1 A2 A3 G1 (later reneged) R2 (later rescinded) = 5
    # decided = 5 accepted + declined D1 D2 + expired E1 = 8; R1 (rescinded unanswered) and O1 (open) left out
    # 5/8 = 62.5% → 63% (half rounds up)
    assert figures(report)["acceptance_rate"] == "63% (5 of 8)"
    decided = ("A1", "A2", "A3", "G1", "R2", "D1", "D2", "E1")
    assert sorted(m["acceptance_rate"].offer_ids) == sorted(ids[n] for n in decided)
    # verbal: A1 A3 D1 R2 reached verbal extended, all decided; yes A1 A3 R2 → 3/4
    assert figures(report)["verbal_acceptance_rate"] == "75% (3 of 4)"
    # letter sent: A1 A2 G1 D2 R1 E1 O1; decided A1 A2 G1 D2 E1 = 5; signed A1 A2 → 2/5
    assert figures(report)["written_acceptance_rate"] == "40% (2 of 5)"
    # days to the first yes: A1 2, A2 4, A3 8, G1 6, R2 2 → 2 2 4 6 8 → median 4
    assert figures(report)["time_to_accept_days"] == "4.0 days"
    # reneged G1 of 5 accepted; R2's rescind is the company's, not a renege
    assert figures(report)["renege_rate"] == "20% (1 of 5)"
    assert m["renege_rate"].numerator == 1
    # started A1 of 5 accepted
    assert figures(report)["offer_to_start"] == "20% (1 of 5)"
    # open: O1; rescinded: R1 (before an answer) and R2 (after the yes) — both withdrawn by the company
    assert (report.open_offers, report.rescinded, report.overall.offers) == (1, 2, 10)
    assert all(metric.small_sample for metric in m.values())  # every denominator is under 10


def test_definitions_say_where_renege_and_rescind_count() -> None:
    declines = metrics.DEFINITIONS["decline_reasons"].sentence
    assert "declined offer" in declines and "a renege is not a decline" in declines
    assert "rescinded before" in metrics.DEFINITIONS["acceptance_rate"].sentence
    assert "after" in getattr(metrics, "RESCINDED_SENTENCE", "") and getattr(metrics, "OPEN_SENTENCE", "")


def test_over_time_is_by_month_of_extension(stats: StatsService, ids: dict[str, int]) -> None:
    report = stats.report(StatsQuery())
    rows = {row.group: row for row in report.over_time}
    # January: A1 D1 G1 (Jan 31 23:00); February: A2 R1 R2; March: A3 D2 E1 O1
    assert [(row.group, row.offers) for row in report.over_time] == [("2027-01", 3), ("2027-02", 3), ("2027-03", 4)]
    # January decided A1 G1 D1 → yes A1 G1: 2/3; G1's March renege stays in January, where it was extended
    assert rows["2027-01"].metrics["acceptance_rate"].display == "67% (2 of 3)"
    assert rows["2027-01"].metrics["renege_rate"].display == "50% (1 of 2)"
    # February decided A2 R2 → 2/2 (R1 rescinded unanswered is left out)
    assert rows["2027-02"].metrics["acceptance_rate"].display == "100% (2 of 2)"
    # March decided A3 D2 E1 → 1/3
    assert rows["2027-03"].metrics["acceptance_rate"].display == "33% (1 of 3)"


def test_by_ask_style_and_objection(stats: StatsService, ids: dict[str, int]) -> None:
    report = stats.report(StatsQuery())
    styles = {row.group: row.metrics["acceptance_rate"] for row in report.by_ask_style}
    # assumptive A3 yes → 1/1; direct A1 yes, D1 no → 1/2; summary_direct O1 open → no rate
    # (none): A2 G1 D2 R1 R2 E1 → decided A2 G1 D2 R2 E1, yes A2 G1 R2 → 3/5
    assert {name: metric.display for name, metric in styles.items()} == {
        "assumptive": "100% (1 of 1)",
        "direct": "50% (1 of 2)",
        "summary_direct": "—",
        "(none)": "60% (3 of 5)",
    }
    assert styles["summary_direct"].value is None
    assert styles["summary_direct"].small_sample is False  # nothing to be a small sample of
    objections = {row.group: row.metrics["acceptance_rate"].display for row in report.by_objection}
    # COMP_LOW on A1 (yes) and D1 (no); START_NOTICE on A3 (yes); NEED_TIME on O1 (open)
    assert objections == {"COMP_LOW": "50% (1 of 2)", "NEED_TIME": "—", "START_NOTICE": "100% (1 of 1)",
                          "(none)": "60% (3 of 5)"}  # fmt: skip


def test_period_boundaries_are_whole_days_inclusive(stats: StatsService, ids: dict[str, int]) -> None:
    february = stats.report(StatsQuery(since=date(2027, 2, 1), until=date(2027, 2, 28)))
    # A2 (Feb 1 00:30: the first minutes of since count), R1, R2; G1 (Jan 31 23:00) is January's
    assert sorted(f.offer_id for f in stats.facts(february.query)) == sorted([ids["A2"], ids["R1"], ids["R2"]])
    # decided A2 R2 → 2/2; accepted A2 R2, none reneged; G1 accepted on Feb 6 but was extended in January
    assert figures(february)["acceptance_rate"] == "100% (2 of 2)"
    assert figures(february)["renege_rate"] == "0% (0 of 2)"
    assert figures(february)["time_to_accept_days"] == "3.0 days"  # A2 4, R2 2 → median 3
    assert (february.rescinded, february.open_offers, february.decline_reasons) == (2, 0, [])
    january = stats.report(StatsQuery(until=date(2027, 1, 31)))
    # A1 D1 G1 (Jan 31 23:00: the last hour of until counts); G1 reneged in March, counted where it was extended
    assert figures(january)["renege_rate"] == "50% (1 of 2)"
    assert january.renege_reasons == [("COUNTEROFFER", 1, (ids["G1"],))]
    assert january.decline_reasons == [("COMP_LOW", 1, (ids["D1"],))]
    one_day = stats.report(StatsQuery(since=date(2027, 3, 20), until=date(2027, 3, 20)))
    assert (one_day.overall.offers, one_day.open_offers) == (1, 1)  # O1 alone


def test_period_days_are_the_users_calendar_days(
    stats: StatsService, ids: dict[str, int], zone: Callable[[str], None]
) -> None:
    """Times are stored in UTC; a typed day is the user's. In UTC+1, G1 (Jan 31 23:00 UTC) was sent on Feb 1."""
    zone("CET-1")
    february = stats.report(StatsQuery(since=date(2027, 2, 1), until=date(2027, 2, 28)))
    assert sorted(f.offer_id for f in stats.facts(february.query)) == sorted(ids[n] for n in ("A2", "G1", "R1", "R2"))
    months = [(row.group, row.offers) for row in stats.report(StatsQuery()).over_time]
    assert months == [("2027-01", 2), ("2027-02", 4), ("2027-03", 4)]
    zone("EST5")  # UTC-5: A2 (Feb 1 00:30 UTC) was sent on the evening of Jan 31
    january = stats.facts(StatsQuery(since=date(2027, 1, 1), until=date(2027, 1, 31)))
    assert sorted(f.offer_id for f in january) == sorted(ids[n] for n in ("A1", "A2", "D1", "G1"))
