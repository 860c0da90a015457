"""Handlers of `offerdesk calls log` and `offerdesk calls list`."""

from __future__ import annotations

import argparse
import json
from datetime import date

from offerdesk.cli.output import emit, words_of
from offerdesk.cli.session import services_for
from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.labels import reason_label
from offerdesk.errors import ValidationError
from offerdesk.services.callprep.calls import call_as_json, parse_ask_style, parse_outcome


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"“{text}” is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01.") from None


def calls_log(args: argparse.Namespace) -> int:
    outcome = parse_outcome(args.outcome)
    style = parse_ask_style(args.ask_style) if args.ask_style else None
    follow_up = _date(args.follow_up)
    with services_for(args) as services:
        result = services.calls.log(
            args.candidate, outcome, style, args.objection, args.note, follow_up=follow_up,
            decision_date=follow_up if outcome.value == "need_time" else None, offer_id=args.offer,
        ).value  # fmt: skip
    status = f"; offer now {result.offer_status.label.lower()}" if result.offer_status else ""
    revised = f"; revised offer {result.revised_offer_id} started as a draft" if result.revised_offer_id else ""
    print(f"Logged call {result.call_id}{status}{revised}.")
    return 0


def calls_list(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        records = [call_as_json(record) for record in services.calls.list(candidate_id=args.candidate)]
    if args.format == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False))
        return 0
    table = args.format == "table"
    for record in records:
        record["objections"] = (", " if table else " ").join(
            reason_label(code) if table else code for code in record["objections"]
        )
    shown = {"ask_style": words_of(AskStyle), "outcome": words_of(CallOutcome)}
    emit(records, ("id", "started_at", "candidate", "ask_style", "outcome", "objections", "follow_up"), args.format,
         shown=shown)  # fmt: skip
    return 0


def cadence_list(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from offerdesk.domain.cadence import CADENCE_FIELDS

    with services_for(args) as services:
        cadence = asdict(services.cadence.get())
    for field, description in CADENCE_FIELDS.items():
        print(f"{field:<30}{cadence[field]!s:<8}{description}")
    return 0


def cadence_set(args: argparse.Namespace) -> int:
    text = args.value.strip().lower()
    value: int | bool
    if text in ("yes", "true", "on"):
        value = True
    elif text in ("no", "false", "off"):
        value = False
    else:
        try:
            value = int(text)
        except ValueError:
            raise ValidationError(f"“{args.value}” is not a number or yes/no.") from None
    with services_for(args) as services:
        services.cadence.set(args.field, value)
    print(f"{args.field} = {value}")
    return 0
