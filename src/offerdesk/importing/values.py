"""Reading the values of imported cells that hold more than plain text: dates, and lists in one cell."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_SLASHED_YMD = re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})")
_TIME = r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<ampm>[AaPp][Mm]))?)?"
_US = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})" + _TIME)  # M/D/YYYY, as US exports write
_DOTTED = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})" + _TIME)  # D.M.YYYY, as German ones do
_EPOCH = re.compile(r"\d{9,10}|\d{12,13}")  # Unix seconds or milliseconds
_PIVOT = 69  # two-digit years below this are 20xx, as C's strptime reads them ("1/1/16" is 2016)


def parse_date(text: str) -> date | None:
    """The calendar date `text` names, or None for an empty cell. Times are dropped; a time with an offset is
    moved to UTC first. Raises ValueError with a sentence for text that is not a date."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        found = _parse(cleaned)
    except (ValueError, OverflowError, OSError):
        found = None
    if found is None:
        shown = cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"
        raise ValueError(f"“{shown}” is not a date (use YYYY-MM-DD).")
    return found


def _parse(text: str) -> date | None:
    if _EPOCH.fullmatch(text):
        seconds = int(text) / 1000 if len(text) >= 12 else int(text)
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    if match := _ISO.fullmatch(text):
        return _iso(match)
    if match := _SLASHED_YMD.fullmatch(text):
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    for pattern in (_US, _DOTTED):
        if match := pattern.fullmatch(text):
            _check_time(match)
            year = int(match["y"])
            if len(match["y"]) == 2:
                year += 2000 if year < _PIVOT else 1900
            return date(year, int(match["m"]), int(match["d"]))
    return None


def _iso(match: re.Match[str]) -> date:
    day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    if match["H"] is None:
        return day
    moment = datetime(day.year, day.month, day.day, int(match["H"]), int(match["M"]), int(match["S"] or 0))
    zone = match["tz"]
    if zone is None:
        return moment.date()
    if zone != "Z":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        moment = moment.replace(tzinfo=timezone(-offset if zone[0] == "-" else offset))
        return moment.astimezone(UTC).date()
    return moment.date()


def _check_time(match: re.Match[str]) -> None:
    """Refuse an impossible time of day, so that "1/2/2024 25:00" is not read as a date."""
    if match["H"] is None:
        return
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    limit = 12 if match["ampm"] else 23
    if hour > limit or minute > 59 or second > 59:
        raise ValueError("not a time of day")


_SEPARATORS = re.compile(r"[,;|\n\r]")


def split_multi(text: str) -> list[str]:
    """The values of a cell that holds several (tags, links, emails): split on comma, semicolon, bar or line
    break, trimmed, empty ones dropped, order kept, exact repeats dropped."""
    seen: set[str] = set()
    values: list[str] = []
    for part in _SEPARATORS.split(text):
        value = part.strip()
        if value and value not in seen:
            seen.add(value)
            values.append(value)
    return values
