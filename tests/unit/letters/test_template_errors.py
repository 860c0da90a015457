"""A template whose own expressions fail (a division by zero, text plus a number, an element a list does not
have) stops with one sentence naming the template, the paragraph and what went wrong, in the export and in the
pre-flight check alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.domain.text_rules import text_problem
from offerdesk.letters.check import check_template
from offerdesk.letters.environment import TemplateRefused, check_value
from offerdesk.letters.render import PreparedTemplate
from tests.letter_helpers import make_template, sample_values

FAILING = [
    ("{{ 1/0 }}", "divided by zero"),
    ("{{ none.x }}", "“x”"),
    ('{{ "a" + 1 }}', "cannot be combined"),
    ("{{ [1][5] }}", "element 5"),
    ("{{ 2 ** 100000 }}", "power 100000"),
    ('{{ "{}".format() }}', "{}"),
]


@pytest.mark.parametrize(("expression", "what"), FAILING)
def test_a_failing_expression_is_one_sentence_naming_template_and_paragraph(
    tmp_path: Path, expression: str, what: str
) -> None:
    path = make_template(tmp_path / "welcome.docx", "Dear {{ candidate.full_name }},", f"Your total: {expression}")
    with pytest.raises(TemplateRefused) as refused:
        PreparedTemplate(path).render_to(sample_values(), tmp_path / "letter.docx")
    sentence = str(refused.value)
    assert "welcome.docx" in sentence and "Your total" in sentence and what in sentence
    assert not (tmp_path / "letter.docx").exists()


@pytest.mark.parametrize(("expression", "what"), FAILING)
def test_the_pre_flight_check_reports_a_failing_expression(tmp_path: Path, expression: str, what: str) -> None:
    path = make_template(tmp_path / "welcome.docx", "Dear {{ candidate.full_name }},", f"Your total: {expression}")
    report = check_template(path)
    assert not report.ok
    assert any("Your total" in problem.message and what in problem.message for problem in report.problems)


def test_a_value_reaching_a_letter_is_refused_with_the_one_text_rule() -> None:
    for value in ["90\x0b000", "a\x00b", "\x1b[31mred", "bad \ud800 half", "x\uffff"]:
        with pytest.raises(TemplateRefused) as refused:
            check_value("offer.base", value)
        assert str(refused.value) == text_problem(value, "offer.base", multiline=True)
    assert check_value("offer.notes", "one\r\ntwo\tthree") == "one\ntwo\tthree"
