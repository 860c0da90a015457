"""Display formatting for the interface (the interface's locale; letters use the offer's own locale)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from babel.dates import format_date, format_datetime
from PySide6.QtCore import QLocale

from offerdesk.domain.money import Money


def ui_locale() -> str:
    name = QLocale.system().name()
    return name if name and name != "C" else "en_US"


def money(minor: int | None, currency: str, locale: str | None = None) -> str:
    if minor is None:
        return ""
    return Money(minor, currency).format(locale or ui_locale())


def day(value: date | None) -> str:
    return format_date(value, format="medium", locale=ui_locale()) if value else ""


def moment(value: datetime | None) -> str:
    """A stored (naive UTC) timestamp in the user's local time."""
    if value is None:
        return ""
    local = value.replace(tzinfo=UTC).astimezone()
    return format_datetime(local, format="short", tzinfo=local.tzinfo, locale=ui_locale())
