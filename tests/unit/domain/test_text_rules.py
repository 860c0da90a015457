"""The one rule for text coming into the database: control characters, invalid Unicode and over-long values."""

from __future__ import annotations

import pytest

from offerdesk.domain.text_rules import check_text
from offerdesk.errors import ValidationError


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("\x1b[31mRed", "control character (U+001B) at position 1"),
        ("Ana\x00", "control character (U+0000) at position 4"),
        ("A\x07B", "control character (U+0007) at position 2"),
        ("A\x85B", "control character (U+0085) at position 2"),
        ("Zoë\udcff", "not valid text (U+DCFF) at position 4"),
        ("\ud800", "not valid text (U+D800) at position 1"),
        ("line\nbreak", "line break (U+000A) at position 5"),
        ("tab\there", "control character (U+0009) at position 4"),
    ],
)
def test_refused_with_a_sentence_naming_field_and_place(value: str, named: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_text(value, "Company address", 200)
    message = str(refused.value)
    assert message.startswith("Company address: contains ")
    assert named in message
    assert "\n" not in message


def test_too_long_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"Name: is 201 characters long; the most is 200\."):
        check_text("a" * 201, "Name", 200)


@pytest.mark.parametrize("value", ["山田 太郎", "Zoë", "Ana María Ramírez", "👩🏽‍💻 Dev", "Müller-Lüdenscheidt", ""])
def test_ordinary_text_in_any_script_is_accepted(value: str) -> None:
    assert check_text(value, "Name", 200) == value


def test_multiline_fields_keep_line_breaks_and_tabs() -> None:
    assert check_text("one\r\ntwo\tthree", "Note", 100, multiline=True) == "one\ntwo\tthree"
    with pytest.raises(ValidationError, match="U\\+001B"):
        check_text("one\n\x1b[0m", "Note", 100, multiline=True)
