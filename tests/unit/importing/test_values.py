"""Dates in the shapes ATS exports write them, and cells that hold several values."""

from __future__ import annotations

from datetime import date

import pytest

from offerdesk.importing.values import parse_date, split_multi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", date(2024, 3, 1)),
        (" 2024-03-01 ", date(2024, 3, 1)),
        ("2024-03-01T09:30:00", date(2024, 3, 1)),  # as the reader writes an Excel date-time
        ("2024-03-01T09:30:00Z", date(2024, 3, 1)),
        ("2024-03-01T09:30:00.123+02:00", date(2024, 3, 1)),
        ("2024-03-01T01:30:00+02:00", date(2024, 2, 29)),  # moved to UTC before the date is taken
        ("2024-03-01T23:30:00-05:00", date(2024, 3, 2)),
        ("2024-03-01T23:30:00-0500", date(2024, 3, 2)),
        ("2024-03-01 09:30:00.123", date(2024, 3, 1)),
        ("2024-03-01 09:30", date(2024, 3, 1)),
        ("2024/03/01", date(2024, 3, 1)),
        ("3/1/2024", date(2024, 3, 1)),  # M/D/YYYY
        ("12/31/2020", date(2020, 12, 31)),
        ("3/1/2024 0:00", date(2024, 3, 1)),
        ("3/1/2024 14:05", date(2024, 3, 1)),
        ("3/1/2024 14:05:59", date(2024, 3, 1)),
        ("3/1/2024 2:05 PM", date(2024, 3, 1)),
        ("1/1/16 0:00", date(2016, 1, 1)),  # Bullhorn's two-digit years
        ("1/1/80 0:00", date(1980, 1, 1)),
        ("30.09.2015", date(2015, 9, 30)),  # D.M.YYYY
        ("1.2.2024 08:00", date(2024, 2, 1)),
        ("1709285400", date(2024, 3, 1)),  # Unix seconds
        ("1709285400000", date(2024, 3, 1)),  # Unix milliseconds
        ("", None),
        ("   ", None),
    ],
)
def test_dates_in_the_shapes_exports_write(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["31/31/2020", "2024-02-30", "13/1/2024", "32.1.2024", "tomorrow", "2024-03-01T25:00", "3/1/2024 24:00", "12345"],
)
def test_text_that_is_not_a_date_raises_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a date \(use YYYY-MM-DD\)\.$") as raised:
        parse_date(text)
    assert str(raised.value).startswith(f"“{text}”")


def test_the_sentence_for_the_example_in_the_docs() -> None:
    with pytest.raises(ValueError) as raised:
        parse_date("31/31/2020")
    assert str(raised.value) == "“31/31/2020” is not a date (use YYYY-MM-DD)."


def test_a_long_garbage_value_is_cut_in_the_sentence() -> None:
    with pytest.raises(ValueError) as raised:
        parse_date("x" * 200)
    assert len(str(raised.value)) < 80


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("python, sql;  excel|word\ngo", ["python", "sql", "excel", "word", "go"]),
        ("a,,b, ,c", ["a", "b", "c"]),
        ("b, a, b, A", ["b", "a", "A"]),  # order kept, only exact repeats dropped
        ("one", ["one"]),
        ("", []),
        (" ; | \n", []),
        ("ann@x.org; bo@y.org", ["ann@x.org", "bo@y.org"]),
        ("line one\r\nline two", ["line one", "line two"]),
    ],
)
def test_split_multi(text: str, expected: list[str]) -> None:
    assert split_multi(text) == expected
