"""Counts read right: one of a thing is singular, none and many are plural, irregular nouns included."""

from __future__ import annotations

import pytest

from offerdesk.domain.wording import noun, plural

NOUNS = [
    ("letter", "letters"),
    ("candidate", "candidates"),
    ("offer", "offers"),
    ("row", "rows"),
    ("day", "days"),
    ("follow-up", "follow-ups"),
    ("month", "months"),
    ("year", "years"),
    ("column", "columns"),
    ("duplicate", "duplicates"),
    ("document", "documents"),
    ("item", "items"),
    ("hour", "hours"),
    ("call", "calls"),
    ("copy", "copies"),
    ("match", "matches"),
    ("box", "boxes"),
    ("person", "people"),
    ("offer letter", "offer letters"),
]


@pytest.mark.parametrize(("singular", "many"), NOUNS)
@pytest.mark.parametrize("count", [0, 1, 2])
def test_zero_one_and_two_of_every_noun_the_program_counts(count: int, singular: str, many: str) -> None:
    expected = singular if count == 1 else many
    assert plural(count, singular) == f"{count} {expected}"
    assert noun(count, singular) == expected


@pytest.mark.parametrize(("count", "sentence"), [(0, "0 rows are invalid"), (1, "1 row is invalid"),
                                                 (2, "2 rows are invalid")])  # fmt: skip
def test_a_verb_agrees_with_its_count(count: int, sentence: str) -> None:
    assert f"{plural(count, 'row')} {noun(count, 'is')} invalid" == sentence


def test_large_counts_are_grouped_and_an_odd_plural_can_be_given() -> None:
    assert plural(1200, "row") == "1,200 rows"
    assert plural(1, "script or objection", "scripts and objections") == "1 script or objection"
    assert plural(3, "script or objection", "scripts and objections") == "3 scripts and objections"
