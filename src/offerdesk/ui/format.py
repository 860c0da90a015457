"""Display formatting for the interface, in the interface's locale (letters use the offer's own locale).

Dates go through QLocale, as the rest of the interface does; money through Babel, which knows each currency's
minor units.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

from offerdesk.domain.money import Money


def ui_locale() -> str:
    name = QLocale.system().name()
    return name if name and name != "C" else "en_US"


def qlocale() -> QLocale:
    """The system locale, or en-US where the system names none (the bare "C" locale)."""
    system = QLocale.system()
    return system if system.name() not in ("", "C") else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def money(minor: int | None, currency: str, locale: str | None = None) -> str:
    if minor is None:
        return ""
    return Money(minor, currency).format(locale or ui_locale())


def day(value: date | None) -> str:
    if value is None:
        return ""
    return qlocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def moment(value: datetime | None) -> str:
    """A stored (naive UTC) timestamp, shown in the user's local time."""
    if value is None:
        return ""
    utc = value.replace(tzinfo=UTC)
    stamp = QDateTime(
        QDate(utc.year, utc.month, utc.day), QTime(utc.hour, utc.minute, utc.second), QTimeZone.utc()
    ).toLocalTime()
    return qlocale().toString(stamp, QLocale.FormatType.ShortFormat)
