"""The dashboard's rows: a group's figures as table cells, the months of the acceptance line, the report as CSV.

Kept apart from the panel so the figures can be read and tested without building the window's widgets.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offerdesk.files import atomic_write
from offerdesk.ui.dialogs.drill_down import offer_type_text
from offerdesk.ui.models.row_table import Column

if TYPE_CHECKING:
    from offerdesk.domain.metrics import MetricValue
    from offerdesk.services.stats import StatsReport, StatsRow

ACCEPTANCE = "acceptance_rate"
TIME_TO_ACCEPT = "time_to_accept_days"
RENEGE = "renege_rate"
DECLINE_REASONS = "decline_reasons"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def group_offer_ids(row: StatsRow) -> tuple[int, ...]:
    """Every offer any of the row's numbers counts: the offers of that group."""
    ids: set[int] = set()
    for metric in row.metrics.values():
        ids.update(metric.offer_ids)
    return tuple(sorted(ids))


def group_label(by: str | None, name: str) -> str:
    """A group's name as the interface says it: offer types by their labels; other codes as they are stored."""
    return offer_type_text(name) if by == "offer_type" else name


def _metric(row: StatsRow, key: str) -> MetricValue | None:
    return row.metrics.get(key)


def _display(row: StatsRow, key: str) -> str:
    metric = _metric(row, key)
    return metric.display if metric is not None else ""


def metric_value(row: StatsRow, key: str) -> float | None:
    metric = _metric(row, key)
    return metric.value if metric is not None else None


def _small(row: StatsRow) -> bool:
    """Flagged when the acceptance rate rests on too few decided offers to mean much."""
    metric = _metric(row, ACCEPTANCE)
    return metric is not None and metric.small_sample


def _sort_number(value: float | None) -> float:
    return -1.0 if value is None else value


def _figure_column(title: str, key: str) -> Column[StatsRow]:
    """One figure of each group, sorted by its value (a group without one sorts last)."""
    return Column(title, lambda r: _display(r, key), lambda r: _sort_number(metric_value(r, key)))


BREAKDOWN_COLUMNS: tuple[Column[StatsRow], ...] = (
    Column("Group", lambda r: r.shown),
    Column("Offers", lambda r: str(r.offers), lambda r: r.offers),
    _figure_column("Acceptance rate", ACCEPTANCE),
    _figure_column("Time to accept", TIME_TO_ACCEPT),
    _figure_column("Renege rate", RENEGE),
    Column("Sample", lambda r: "small sample" if _small(r) else "", lambda r: _small(r)),
)


def month_rows(rows: Sequence[StatsRow]) -> list[tuple[str, StatsRow | None]]:
    """The months in order with the empty ones filled in as None, so the line shows a gap instead of a bridge."""
    matches = [_MONTH.match(row.group) for row in rows]
    if not rows or not all(matches):
        return [(row.group, row) for row in rows]
    by_month = {row.group: row for row in rows}
    first = min(by_month)
    last = max(by_month)
    year, month = int(first[:4]), int(first[5:])
    filled: list[tuple[str, StatsRow | None]] = []
    while True:
        key = f"{year:04d}-{month:02d}"
        filled.append((key, by_month.get(key)))
        if key >= last or len(filled) > 1200:
            return filled
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def write_report_csv(report: StatsReport, target: Path) -> int:
    """One row per group (the overall row first): each metric's display, numerator and denominator.

    Written to a temporary file beside the target and renamed over it, so a reader never sees half a file.
    Returns the number of group rows written.
    """
    keys = [key for key in report.definitions if key != DECLINE_REASONS]
    header = ["group", "offers"]
    for key in keys:
        header += [f"{key} display", f"{key} numerator", f"{key} denominator"]
    rows = [report.overall, *report.rows]
    with atomic_write(target, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        for row in rows:
            line: list[Any] = [row.group, row.offers]
            for key in keys:
                metric = row.metrics.get(key)
                line += ["", "", ""] if metric is None else [metric.display, metric.numerator, metric.denominator]
            writer.writerow(line)
    return len(rows)
