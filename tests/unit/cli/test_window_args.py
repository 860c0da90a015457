"""A window start read without the full parser gives exactly what the full parser gives, or leaves it to it."""

from __future__ import annotations

import pytest

from offerdesk.cli.parser import parse
from offerdesk.cli.window_args import window_arguments

WINDOW_STARTS = [
    [],
    ["--no-demo"],
    ["--debug", "--no-demo"],
    ["--data-dir", "/tmp/desk"],
    ["--data-dir=/tmp/desk", "--db-url", "postgresql+psycopg://ana@db.example.com/offers"],
    ["--db-url=sqlite:///other.sqlite", "--debug"],
]


@pytest.mark.parametrize("argv", WINDOW_STARTS, ids=" ".join)
def test_a_window_start_reads_as_the_full_parser_reads_it(argv: list[str]) -> None:
    assert window_arguments(argv) == parse(argv)


@pytest.mark.parametrize(
    "argv",
    [["info"], ["--data-dir"], ["--data-dir", "--no-demo"], ["--data-dir="], ["--version"], ["--help"],
     ["--no-demo", "offers", "list"], ["--data-dir", "bad\udcff"], ["-x"]],
    ids=" ".join,
)  # fmt: skip
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert window_arguments(argv) is None
