"""The yes/no metrics on a small hand-built history, with every expected number worked out in the comments.

The nine offers (all 2026):
  A1 verbal Sep 2 → verbally accepted Sep 4 (2 days) → letter Sep 5 → signed Sep 6 → started Oct 20
  A2 letter Sep 10 → signed Sep 15 (5 days) → reneged Sep 20 (COMP_LOW)
  A3 verbal Nov 2 → verbally accepted Nov 9 (7 days)
  D1 letter Sep 12 → declined Sep 14 (COMP_LOW)
  D2 verbal Nov 3 → declined Nov 5 (COMPETING_OFFER)
  E1 letter Nov 4 → expired Nov 20
  R1 verbal Sep 20 → rescinded Sep 22
  O1 letter Nov 10 (open)
  N1 draft → approved, never extended
Nothing is extended in October, so the period chart must show an empty 2026-10.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from offerdesk.cli.stats_commands import stats
from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.metrics import DEFINITIONS, compute, group
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.errors import ValidationError
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.stats import StatsQuery, StatsService
from offerdesk.storage.tables import CallLog, CallObjection, Candidate, Offer, OfferStatusEvent, Role, Script

S = OfferStatus

HISTORIES: dict[str, tuple[OfferType, str, list[tuple[str, OfferStatus, str]]]] = {
    "A1": (OfferType.VERBAL, "", [("09-02 09:00", S.VERBAL_EXTENDED, ""), ("09-04 09:00", S.VERBALLY_ACCEPTED, ""),
                                  ("09-05 09:00", S.LETTER_SENT, ""), ("09-06 09:00", S.SIGNED, ""),
                                  ("10-20 09:00", S.STARTED, "")]),
    "A2": (OfferType.WRITTEN, "COMP_LOW", [("09-10 09:00", S.LETTER_SENT, ""), ("09-15 09:00", S.SIGNED, ""),
                                           ("09-20 09:00", S.RENEGED, "COMP_LOW")]),
    "A3": (OfferType.VERBAL, "", [("11-02 09:00", S.VERBAL_EXTENDED, ""), ("11-09 09:00", S.VERBALLY_ACCEPTED, "")]),
    "D1": (OfferType.WRITTEN, "COMP_LOW", [("09-12 09:00", S.LETTER_SENT, ""),
                                           ("09-14 09:00", S.DECLINED, "COMP_LOW")]),
    "D2": (OfferType.VERBAL, "COMPETING_OFFER", [("11-03 09:00", S.VERBAL_EXTENDED, ""),
                                                 ("11-05 09:00", S.DECLINED, "COMPETING_OFFER")]),
    "E1": (OfferType.WRITTEN, "", [("11-04 09:00", S.LETTER_SENT, ""), ("11-20 09:00", S.EXPIRED, "")]),
    "R1": (OfferType.VERBAL, "", [("09-20 09:00", S.VERBAL_EXTENDED, ""), ("09-22 09:00", S.RESCINDED, "")]),
    "O1": (OfferType.WRITTEN, "", [("11-10 14:00", S.LETTER_SENT, "")]),
    "N1": (OfferType.WRITTEN, "", [("09-01 09:00", S.APPROVED, "")]),
}  # fmt: skip
ROLES = {"A1": "Engineer", "A2": "Engineer", "D1": "Engineer", "R1": "Engineer"}  # the rest are "Seller"


def _at(text: str) -> datetime:
    return datetime.strptime(f"2026-{text}", "%Y-%m-%d %H:%M")


@pytest.fixture
def ids(empty_services: Services) -> dict[str, int]:
    """Insert the nine offers with their histories and four calls; return name → offer id."""
    result: dict[str, int] = {}
    with empty_services.database.transaction() as session:
        roles = {title: Role(title=title) for title in ("Engineer", "Seller")}
        session.add_all(roles.values())
        script = session.scalars(select(Script).order_by(Script.id)).first()
        for name, (offer_type, reason, events) in HISTORIES.items():
            candidate = Candidate(first_name="Cand", last_name=name)
            offer = Offer(candidate=candidate, role=roles[ROLES.get(name, "Seller")], offer_type=offer_type,
                          status=events[-1][1], currency="EUR", recruiter="Rita" if name < "D" else "Sam",
                          decision_reason=reason, created_at=_at("09-01 08:00"))  # fmt: skip
            offer.events = [OfferStatusEvent(at=_at("09-01 08:00"), to_status=S.DRAFT)]
            offer.events += [OfferStatusEvent(at=_at(at), to_status=to, reason_code=code) for at, to, code in events]
            session.add(offer)
            session.flush()
            result[name] = offer.id
        calls = [  # (offer, when, ask style, outcome, objections, script revision)
            ("A1", "09-03 10:00", AskStyle.DIRECT, CallOutcome.NEED_TIME, ("COMP_LOW", "START_NOTICE"), None),
            ("A1", "09-04 08:30", AskStyle.SUMMARY_DIRECT, CallOutcome.YES, (), 3),
            ("D1", "09-13 10:00", AskStyle.DIRECT, CallOutcome.NO, ("COMP_LOW",), None),
            ("A3", "11-08 10:00", AskStyle.ASSUMPTIVE, CallOutcome.YES, ("NEED_TIME",), None),
        ]
        for name, when, style, outcome, codes, revision in calls:
            offer = session.get(Offer, result[name])
            assert offer is not None
            session.add(CallLog(candidate_id=offer.candidate_id, offer_id=offer.id, ask_style=style, outcome=outcome,
                                started_at=_at(when), script_id=script.id if revision and script else None,
                                script_revision=revision,
                                objections=[CallObjection(code=c) for c in codes]))  # fmt: skip
    return result


def test_overall_metrics_worked_out_by_hand(empty_services: Services, ids: dict[str, int]) -> None:
    report = StatsService(empty_services.database).report(StatsQuery())
    m = report.overall.metrics
    assert list(m) == list(DEFINITIONS)
    # accepted A1 A2 A3 = 3; decided = accepted 3 + declined D1 D2 + expired E1 = 6 → 3/6 = 50%
    assert (m["acceptance_rate"].numerator, m["acceptance_rate"].denominator) == (3, 6)
    assert m["acceptance_rate"].value == pytest.approx(0.5)
    assert m["acceptance_rate"].display == "50% (3 of 6)"
    assert m["acceptance_rate"].small_sample is True  # 6 < 10
    assert set(m["acceptance_rate"].offer_ids) == {ids[n] for n in ("A1", "A2", "A3", "D1", "D2", "E1")}
    # verbal: A1 A3 D2 R1 extended verbally; decided A1 A3 D2 (R1 rescinded) → accepted A1 A3 = 2/3
    assert (m["verbal_acceptance_rate"].numerator, m["verbal_acceptance_rate"].denominator) == (2, 3)
    # written: A1 A2 D1 E1 O1 reached letter_sent; decided A1 A2 D1 E1 = 4; signed A1 A2 = 2 → 2/4
    assert (m["written_acceptance_rate"].numerator, m["written_acceptance_rate"].denominator) == (2, 4)
    assert m["written_acceptance_rate"].display == "50% (2 of 4)"
    # days to first acceptance: A1 2, A2 5, A3 7 → median 5
    assert m["time_to_accept_days"].value == pytest.approx(5.0)
    assert m["time_to_accept_days"].display == "5.0 days"
    # reneged A2 of accepted 3 → 1/3; started A1 of 3 → 1/3
    assert (m["renege_rate"].numerator, m["renege_rate"].denominator) == (1, 3)
    assert m["renege_rate"].display == "33% (1 of 3)"
    assert (m["offer_to_start"].numerator, m["offer_to_start"].denominator) == (1, 3)
    # declined: D1 COMP_LOW, D2 COMPETING_OFFER; A2 reneged (COMP_LOW) after a yes, which is not a decline
    assert report.decline_reasons == [
        ("COMPETING_OFFER", 1, (ids["D2"],)),
        ("COMP_LOW", 1, (ids["D1"],)),
    ]
    assert m["decline_reasons"].display == "Competing offer 50% (1 of 2)"
    assert report.renege_reasons == [("COMP_LOW", 1, (ids["A2"],))]
    # O1 open, R1 rescinded; 8 offers extended (N1 never was)
    assert (report.open_offers, report.rescinded, report.overall.offers) == (1, 1, 8)
    assert report.rows == []
    assert report.definitions["acceptance_rate"].sentence.startswith("Accepted offers divided by decided")


def test_over_time_shows_the_empty_month(empty_services: Services, ids: dict[str, int]) -> None:
    report = StatsService(empty_services.database).report(StatsQuery(by="period"))
    assert report.rows == report.over_time
    months = [(row.group, row.offers) for row in report.over_time]
    # September: A1 A2 D1 R1; October: nothing; November: A3 D2 E1 O1
    assert months == [("2026-09", 4), ("2026-10", 0), ("2026-11", 4)]
    sept, octo, nov = report.over_time
    # September decided A1 A2 D1 → 2/3; November decided A3 D2 E1 → 1/3
    assert sept.metrics["acceptance_rate"].display == "67% (2 of 3)"
    assert octo.metrics["acceptance_rate"].display == "—"
    assert octo.metrics["acceptance_rate"].value is None
    assert nov.metrics["acceptance_rate"].display == "33% (1 of 3)"


def test_by_ask_style_and_objection_from_calls(empty_services: Services, ids: dict[str, int]) -> None:
    report = StatsService(empty_services.database).report(StatsQuery(by="script"))
    styles = {row.group: row for row in report.by_ask_style}
    # latest call: A1 summary_direct (accepted), D1 direct (declined), A3 assumptive (accepted)
    assert list(styles) == ["assumptive", "direct", "summary_direct", "(none)"]
    assert styles["summary_direct"].metrics["acceptance_rate"].display == "100% (1 of 1)"
    assert styles["direct"].metrics["acceptance_rate"].display == "0% (0 of 1)"
    # no calls: A2 D2 E1 R1 O1 extended (N1 not) → decided A2 D2 E1 → 1/3
    assert styles["(none)"].offers == 5
    assert styles["(none)"].metrics["acceptance_rate"].display == "33% (1 of 3)"
    objections = {row.group: row for row in report.by_objection}
    # COMP_LOW raised on A1 (accepted) and D1 (declined) → 1/2; A1 counts in START_NOTICE too
    assert objections["COMP_LOW"].metrics["acceptance_rate"].display == "50% (1 of 2)"
    assert objections["START_NOTICE"].offers == 1
    assert objections["NEED_TIME"].metrics["acceptance_rate"].display == "100% (1 of 1)"
    scripts = [row.group for row in report.rows]
    assert scripts[-1] == "(none)"
    if len(scripts) == 2:  # shipped scripts are installed: A1's latest scripted call used revision 3
        assert scripts[0].endswith(" r3")


def test_since_until_filter_on_extension_time(empty_services: Services, ids: dict[str, int]) -> None:
    service = StatsService(empty_services.database)
    november = service.report(StatsQuery(since=date(2026, 11, 1)))
    # A3 D2 E1 O1; decided A3 D2 E1 → 1/3
    assert november.overall.offers == 4
    assert november.overall.metrics["acceptance_rate"].display == "33% (1 of 3)"
    assert november.open_offers == 1 and november.rescinded == 0
    september = service.report(StatsQuery(until=date(2026, 9, 30)))
    # A1 A2 D1 R1; A2 reneged of accepted A1 A2 → 1/2
    assert september.overall.offers == 4
    assert september.overall.metrics["renege_rate"].display == "50% (1 of 2)"
    assert september.rescinded == 1
    one_day = service.facts(StatsQuery(since=date(2026, 11, 10), until=date(2026, 11, 10)))
    assert [f.offer_id for f in one_day] == [ids["O1"]]  # until is inclusive of the whole day (14:00)
    with pytest.raises(ValidationError):
        service.report(StatsQuery(since=date(2026, 12, 1), until=date(2026, 11, 1)))


def test_drill_down(empty_services: Services, ids: dict[str, int]) -> None:
    service = StatsService(empty_services.database)
    facts = service.offers_behind([ids["A1"], ids["N1"]])
    a1, n1 = facts
    assert (a1.outcome, a1.verbal, a1.written, a1.started, a1.signed) == ("accepted", True, True, True, True)
    assert a1.objections == ("COMP_LOW", "START_NOTICE") and a1.ask_style == "summary_direct"
    assert a1.candidate_name == "Cand A1" and a1.role == "Engineer" and a1.recruiter == "Rita"
    assert (n1.outcome, n1.extended_at) == ("not_extended", None)
    calls = service.calls_behind([ids["A1"]])
    assert [(c[1], c[2], c[3], c[4], c[5]) for c in calls] == [
        (ids["A1"], "2026-09-03T10:00:00", "need_time", "direct", ("COMP_LOW", "START_NOTICE")),
        (ids["A1"], "2026-09-04T08:30:00", "yes", "summary_direct", ()),
    ]


def test_group_rejects_unknown_field_and_handles_nothing() -> None:
    with pytest.raises(ValidationError, match="grouped by"):
        group([], "colour")
    empty = compute([])
    assert all(metric.display == "—" and metric.denominator == 0 for metric in empty.values())
    assert group([], "period") == []


def _args(paths: AppPaths, db_url: str | None, **options: str | None) -> argparse.Namespace:
    base: dict[str, object] = {"data_dir": str(paths.data_dir), "db_url": db_url, "no_demo": True,
                               "by": None, "since": None, "until": None, "format": "table"}  # fmt: skip
    base.update(options)
    return argparse.Namespace(**base)


def test_cli_json(
    paths: AppPaths, ids: dict[str, int], empty_db_url: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert stats(_args(paths, empty_db_url, by="role", format="json")) == 0
    data = json.loads(capsys.readouterr().out)
    acceptance = data["overall"]["metrics"]["acceptance_rate"]
    assert (acceptance["numerator"], acceptance["denominator"], acceptance["display"]) == (3, 6, "50% (3 of 6)")
    assert sorted(acceptance["offer_ids"]) == sorted(ids[n] for n in ("A1", "A2", "A3", "D1", "D2", "E1"))
    # Engineer: A1 A2 D1 R1 → decided A1 A2 D1 → 2/3; Seller: A3 D2 E1 O1 (N1 not extended) → 1/3
    assert [(r["group"], r["offers"], r["metrics"]["acceptance_rate"]["display"]) for r in data["rows"]] == [
        ("Engineer", 4, "67% (2 of 3)"),
        ("Seller", 4, "33% (1 of 3)"),
    ]
    assert data["query"] == {"since": None, "until": None, "by": "role"}
    assert [m["group"] for m in data["over_time"]] == ["2026-09", "2026-10", "2026-11"]


def test_cli_csv_and_table(
    paths: AppPaths, ids: dict[str, int], empty_db_url: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert stats(_args(paths, empty_db_url, by="recruiter", format="csv", since="2026-09-01")) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # overall first; Rita: A1 A2 A3 (all accepted); Sam: D1 D2 E1 O1 R1 → decided D1 D2 E1, none accepted
    assert [(r["group"], r["offers"]) for r in rows] == [("All offers", "8"), ("Rita", "3"), ("Sam", "5")]
    assert (rows[0]["acceptance_rate_numerator"], rows[0]["acceptance_rate_denominator"]) == ("3", "6")
    assert rows[0]["acceptance_rate_value"] == "0.5"
    assert rows[2]["renege_rate_value"] == ""  # Sam has no accepted offers
    assert stats(_args(paths, empty_db_url, by="recruiter")) == 0
    out = capsys.readouterr().out
    assert "Acceptance rate" in out and "50% (3 of 6)  (small sample)" in out
    assert "Declined: Competing offer 1, Pay too low 1" in out and "Reneged: Pay too low 1" in out  # A2 reneged
    assert "Rita" in out and "Sam" in out


def test_cli_bad_date(paths: AppPaths) -> None:
    with pytest.raises(ValidationError, match="not a date"):
        stats(_args(paths, None, since="2026-13-01"))
    with pytest.raises(ValidationError, match="not a date"):
        stats(_args(paths, None, until="30/11/2026"))
