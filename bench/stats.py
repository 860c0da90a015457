"""Dashboard statistics: StatsService.report(by="role") over 20,000 offers with full status histories and a few
thousand calls, against the naive way (every offer through the ORM, its events lazy-loaded one offer at a time).

Both run on the same 100,000-candidate database in the same process; ours is the median of a few warm runs.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from offerdesk.domain.calls import AskStyle, CallOutcome, ObjectionCode
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.services.stats import StatsQuery, StatsService
from offerdesk.storage.tables import CallLog, CallObjection, Candidate, Offer, OfferStatusEvent, Role, Script

CANDIDATES = 100_000
OFFERS = 20_000
CALL_EVERY = 5  # one offer in five has calls: 4,000 offers, 2 calls each
RUNS = 5

S = OfferStatus
# Lifecycle paths after draft → approved; each step is (status, hours after the previous step).
PATHS: list[list[OfferStatus]] = [
    [S.VERBAL_EXTENDED, S.VERBALLY_ACCEPTED, S.LETTER_SENT, S.SIGNED, S.STARTED],
    [S.LETTER_SENT, S.SIGNED, S.STARTED],
    [S.LETTER_SENT, S.DECLINED],
    [S.VERBAL_EXTENDED, S.DECLINED],
    [S.LETTER_SENT, S.EXPIRED],
    [S.VERBAL_EXTENDED, S.RESCINDED],
    [S.LETTER_SENT, S.SIGNED, S.RENEGED],
    [S.LETTER_SENT],
    [S.VERBAL_EXTENDED, S.VERBALLY_ACCEPTED, S.LETTER_SENT, S.SIGNED],
    [],
    [S.LETTER_SENT, S.VERBALLY_ACCEPTED, S.SIGNED, S.STARTED],
]
CODES = [code.value for code in ObjectionCode]
STYLES = list(AskStyle)
OUTCOMES = list(CallOutcome)


def build_database(folder: Path) -> Services:
    services, _ = open_services(resolve_paths(folder), seed_demo_data=False)
    start = datetime(2025, 1, 1, 9, 0)
    with services.database.transaction() as session:
        session.add_all([Role(title=f"Role {n:02d}") for n in range(12)])
        session.flush()
        role_ids = list(session.scalars(select(Role.id)))
        script_ids = list(session.scalars(select(Script.id))) or [None]
        session.execute(
            insert(Candidate),
            [{"first_name": f"First{i}", "last_name": f"Last{i}", "email": f"person{i}@example.com",
              "role_id": role_ids[i % len(role_ids)]} for i in range(CANDIDATES)],
        )  # fmt: skip
        offers: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for i in range(OFFERS):
            path = PATHS[i % len(PATHS)]
            at = start + timedelta(days=(i * 7) % 700, hours=i % 9)
            steps = [S.DRAFT, S.APPROVED, *path]
            previous: OfferStatus | None = None
            extended_at = None
            for n, status in enumerate(steps):
                at += timedelta(hours=6 + (i * 13 + n * 29) % 150)
                reason = CODES[(i // 3) % len(CODES)] if status in (S.DECLINED, S.RENEGED) else ""
                events.append({"offer_id": i + 1, "at": at, "from_status": previous, "to_status": status,
                               "reason_code": reason})  # fmt: skip
                if extended_at is None and status in (S.VERBAL_EXTENDED, S.LETTER_SENT):
                    extended_at = at
                previous = status
            offers.append(
                {"candidate_id": 1 + i * (CANDIDATES // OFFERS), "role_id": role_ids[(i // 7) % len(role_ids)],
                 "offer_type": OfferType.VERBAL if path[:1] == [S.VERBAL_EXTENDED] else OfferType.WRITTEN,
                 "status": steps[-1], "currency": "EUR", "recruiter": f"Recruiter {i % 6}",
                 "extended_at": extended_at, "status_changed_at": at,
                 "decision_reason": events[-1]["reason_code"], "created_at": start}
            )  # fmt: skip
        session.execute(insert(Offer), offers)
        session.execute(insert(OfferStatusEvent), events)
        calls: list[dict[str, Any]] = []
        objections: list[dict[str, Any]] = []
        for i in range(0, OFFERS, CALL_EVERY):
            for k in range(2):
                call_id = len(calls) + 1
                calls.append(
                    {"id": call_id, "candidate_id": 1 + i * (CANDIDATES // OFFERS), "offer_id": i + 1,
                     "ask_style": STYLES[(i + k) % len(STYLES)], "outcome": OUTCOMES[(i + k) % len(OUTCOMES)],
                     "started_at": start + timedelta(days=(i * 7) % 700, hours=30 + k * 24),
                     "script_id": script_ids[i % len(script_ids)], "script_revision": 1 if script_ids[0] else None}
                )  # fmt: skip
                for j in range(1 + (i + k) % 2):
                    objections.append({"call_id": call_id, "code": CODES[(i + k * 3 + j * 5) % len(CODES)]})
        session.execute(insert(CallLog), calls)
        session.execute(insert(CallObjection), objections)
    return services


def naive_acceptance_rate(services: Services) -> float:
    """The obvious ORM code: load every offer, walk its events (one lazy load per offer), count in Python."""
    session = services.database.session()
    try:
        accepted = decided = 0
        for offer in session.scalars(select(Offer)):
            reached = {event.to_status for event in offer.events}
            if not reached & {S.VERBAL_EXTENDED, S.LETTER_SENT}:
                continue
            if reached & {S.VERBALLY_ACCEPTED, S.SIGNED, S.STARTED}:
                accepted += 1
                decided += 1
            elif reached & {S.DECLINED, S.EXPIRED}:
                decided += 1
        return accepted / decided if decided else 0.0
    finally:
        session.close()


def _ms(action: Any) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def bench_stats() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        services = build_database(Path(folder) / "data")
        try:
            service = StatsService(services.database)
            query = StatsQuery(by="role")
            report = service.report(query)  # warm-up, and a check that both sides agree
            expected = report.overall.metrics["acceptance_rate"].value
            assert expected is not None and abs(naive_acceptance_rate(services) - expected) < 1e-9
            ours = statistics.median(_ms(lambda: service.report(query)) for _ in range(RUNS))
            baseline = _ms(lambda: naive_acceptance_rate(services))
        finally:
            services.close()
    return ours, baseline


def bench_coach() -> tuple[float, float]:
    """The Coach's report (objections lost on, ask styles, drills, before/after practice) over the same database,
    against the dashboard's report: the Coach is computed where it is shown, the dashboard off the GUI thread."""
    with tempfile.TemporaryDirectory() as folder:
        services = build_database(Path(folder) / "data")
        try:
            coach = services.coach
            dashboard = StatsService(services.database)
            query = StatsQuery(by="role")
            coach.report()  # warm-up
            dashboard.report(query)
            ours = statistics.median(_ms(coach.report) for _ in range(RUNS))
            baseline = statistics.median(_ms(lambda: dashboard.report(query)) for _ in range(RUNS))
        finally:
            services.close()
    return ours, baseline
