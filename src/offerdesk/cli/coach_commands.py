"""`offerdesk coach` and `offerdesk coach drills`: which objections you lose on, which ask wins for which offer,
drills on the weakest, and whether practice moved real outcomes; plain sentences, or JSON with every number."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from offerdesk.cli.session import services_for
from offerdesk.domain.clock import today
from offerdesk.services.coach import CoachReport, DrillView, Rate


def _plain(value: Any) -> Any:
    """Dataclass dicts as JSON types: days and times as ISO strings, tuples as lists."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def report_record(report: CoachReport) -> dict[str, Any]:
    record: dict[str, Any] = _plain(asdict(report))
    return record


def _cell(rate: Rate) -> str:
    return (rate.display if rate.decided else "—") + ("*" if rate.small_sample else "")


def _drill_line(drill: DrillView) -> str:
    state = f"done {drill.done_at:%Y-%m-%d}" if drill.done_at else f"due {drill.due_on.isoformat()}"
    return f"  #{drill.id} {drill.label} ({drill.code}), {state}: {drill.reason}"


def _print_report(report: CoachReport) -> None:
    print(report.whose)
    print()
    print("Objections you lose on, weakest first:")
    if not report.losses:
        print("  No objections are logged on calls about offers yet.")
    for loss in report.losses:
        print(f"  {loss.sentence}")
    print()
    print("Ask style by offer type (yours; team):")
    if not report.ask_styles:
        print("  No calls with an ask style are logged yet.")
    for row in report.ask_styles:
        print(f"  {row.offer_type_label}, {row.ask_style_label}: {_cell(row.yours)}; team {_cell(row.team)}")
    print()
    open_drills = [drill for drill in report.drills if drill.is_open]
    print(f"Open drills: {len(open_drills)}" + ("" if open_drills else " (offerdesk coach drills --schedule 3)"))
    for drill in open_drills:
        print(_drill_line(drill))
    print()
    print("Practice and real outcomes:")
    if not report.practice:
        print("  Nothing practised yet.")
    for effect in report.practice:
        print(f"  {effect.sentence}")
    print()
    print(f"{report.definition} * marks a small sample.")


def coach(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        report = services.coach.report(getattr(args, "recruiter", None), today())
    if getattr(args, "format", "table") == "json":
        print(json.dumps(report_record(report), indent=2, ensure_ascii=False))
    else:
        _print_report(report)
    return 0


def coach_drills(args: argparse.Namespace) -> int:
    recruiter = getattr(args, "recruiter", None)
    count = getattr(args, "schedule", None)
    with services_for(args) as services:
        added = services.coach.schedule_drills(recruiter, count, today()) if count is not None else []
        report = services.coach.report(recruiter, today())
    if getattr(args, "format", "table") == "json":
        record = {"whose": report.whose, "scheduled": [asdict(d) for d in added],
                  "drills": [asdict(d) for d in report.drills]}  # fmt: skip
        print(json.dumps(_plain(record), indent=2, ensure_ascii=False))
        return 0
    if count is not None:
        print(f"Scheduled {len(added)} drill{'' if len(added) == 1 else 's'}." if added else
              "No drill scheduled: every objection you lose on already has an open drill.")  # fmt: skip
    print(report.whose)
    if not report.drills:
        print("No drills yet; offerdesk coach drills --schedule 3 adds drills on your three weakest objections.")
    for drill in report.drills:
        print(_drill_line(drill))
    return 0
