"""One place that reads the clock, so tests and the demo seed can reason about time."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    """Naive UTC: what every timestamp column stores."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def today() -> date:
    return datetime.now().date()
