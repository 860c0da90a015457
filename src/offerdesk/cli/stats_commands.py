"""`offerdesk stats`: the dashboard's numbers on the command line, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import asdict
from datetime import date
from typing import Any

from offerdesk.cli.session import services_for
from offerdesk.domain.labels import reason_label
from offerdesk.domain.metrics import DEFINITIONS, GROUPS
from offerdesk.errors import ValidationError
from offerdesk.services.stats import StatsQuery, StatsReport, StatsRow

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD date or None; anything else is the user's typo, so it is named back to them."""
    if text is None or text == "":
        return None
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{option} “{text}” is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30.") from None


def query_from(args: argparse.Namespace) -> StatsQuery:
    by = getattr(args, "by", None)
    if by is not None and by not in GROUPS:
        raise ValidationError(f"Statistics cannot be grouped by “{by}”; choose one of {', '.join(GROUPS)}.")
    return StatsQuery(
        since=parse_day(getattr(args, "since", None), "--since"),
        until=parse_day(getattr(args, "until", None), "--until"),
        by=by,
    )


def stats(args: argparse.Namespace) -> int:
    query = query_from(args)  # checked before the database is opened, so a typo costs nothing
    with services_for(args) as services:
        report = services.stats.report(query)
    fmt = getattr(args, "format", "table") or "table"
    if fmt == "json":
        print(json.dumps(report_dict(report), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        _csv(report)
    else:
        _table(report)
    return 0


def report_dict(report: StatsReport) -> dict[str, Any]:
    """The report as plain JSON types: dates as ISO strings, tuples as lists."""
    data = asdict(report)
    query = data["query"]
    for name in ("since", "until"):
        query[name] = query[name].isoformat() if query[name] else None
    return data


def _csv(report: StatsReport) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    header = ["group", "offers"]
    for key in DEFINITIONS:
        header += [f"{key}_value", f"{key}_numerator", f"{key}_denominator"]
    writer.writerow(header)
    for row in [report.overall, *report.rows]:
        cells: list[Any] = [row.group, row.offers]
        for key in DEFINITIONS:
            metric = row.metrics[key]
            cells += ["" if metric.value is None else round(metric.value, 4), metric.numerator, metric.denominator]
        writer.writerow(cells)


_ROW_METRICS = ("acceptance_rate", "time_to_accept_days", "renege_rate", "offer_to_start")


def _table(report: StatsReport) -> None:
    overall = report.overall
    print(f"Offers extended: {overall.offers}   open: {report.open_offers}   rescinded: {report.rescinded}")
    width = max(len(d.label) for d in DEFINITIONS.values())
    for metric in overall.metrics.values():
        marker = "  (small sample)" if metric.small_sample and metric.denominator else ""
        print(f"  {metric.label:<{width}}  {metric.display}{marker}")
    for title, reasons in (("Declined", report.decline_reasons), ("Reneged", report.renege_reasons)):
        if reasons:  # a renege is not a decline: each has its own line
            print(f"  {title}: " + ", ".join(f"{reason_label(reason)} {count}" for reason, count, _ids in reasons))
    if not report.rows:
        return
    print()
    _group_lines(report.query.by or "", report.rows)


def _group_lines(by: str, rows: list[StatsRow]) -> None:
    labels = [DEFINITIONS[key].label for key in _ROW_METRICS]
    name_width = max([len(by), *(len(row.shown) for row in rows)])
    cells = [[row.metrics[key].display + ("*" if row.metrics[key].small_sample else "") for key in _ROW_METRICS]
             for row in rows]  # fmt: skip
    widths = [max([len(label), *(len(c[i]) for c in cells)]) for i, label in enumerate(labels)]
    print("  ".join([by.replace("_", " ").capitalize().ljust(name_width), "Offers", *(
        label.ljust(w) for label, w in zip(labels, widths, strict=True))]).rstrip())  # fmt: skip
    for row, line in zip(rows, cells, strict=True):
        parts = [row.shown.ljust(name_width), str(row.offers).rjust(6)]
        parts += [cell.ljust(w) for cell, w in zip(line, widths, strict=True)]
        print("  ".join(parts).rstrip())
    print("* small sample: fewer than 10 offers behind the number.")
