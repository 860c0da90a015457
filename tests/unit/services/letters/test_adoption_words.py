"""Adopting a letter whose placeholders are plain words and XX blanks: the recruiter marks the words, maps each
blank, and the marked words are kept with the mapping for editing it later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from offerdesk.errors import ValidationError
from offerdesk.letters.adopt.model import Choice, ChoiceKind
from offerdesk.letters.text import document_text
from offerdesk.services.setup.bootstrap import Services
from tests.adopt_helpers import make_words_letter

OFFER = 7  # Olivia Carter, Account Executive, Mid-Market
WORDS = ["Employee Name", "Name", "Date", "Job Title"]


def field(name: str) -> Choice:
    return Choice(ChoiceKind.FIELD, name, confirmed=True)


def text(value: str) -> Choice:
    return Choice(ChoiceKind.TEXT, value, confirmed=True)


GIVEN = {"words:Employee Name": field("candidate.full_name"), "words:Name": field("candidate.first_name"),
         "words:Date": field("letter.date"), "words:Job Title": field("role.title"), "blank:XX#1": text("six"),
         "blank:$XX.XX#1": text("$30.00")}  # fmt: skip


def _letter(services: Services, template: str, tmp_path: Path) -> str:
    docx, _pdf = services.letters.export(OFFER, template, out=tmp_path / "out" / "letter.docx").value
    return document_text(docx)


def test_inspect_with_marked_words_lists_them_with_the_blanks(services: Services, tmp_path: Path) -> None:
    source = make_words_letter(tmp_path / "words.docx")
    plain = services.template_adoption.inspect(source)
    assert [p.id for p in plain.placeholders] == ["blank:XX#1", "blank:$XX.XX#1"]  # the signature line is not one
    assert plain.placeholders[0].note == "…you the role of Job Title for a period of XX months."
    draft = services.template_adoption.inspect(source, words=WORDS)
    assert [p.id for p in draft.placeholders][:4] == ["words:Date", "words:Employee Name", "words:Name",
                                                       "words:Job Title"]  # fmt: skip
    assert draft.words == tuple(WORDS)
    assert draft.choices["words:Employee Name"].value == "candidate.full_name"
    assert draft.choices["blank:$XX.XX#1"].value == "offer.base"  # "hourly wage … $XX.XX/hour"
    assert "blank:XX#1" not in draft.choices  # "XX months": nothing sure to suggest


def test_words_the_letter_does_not_have_are_named(services: Services, tmp_path: Path) -> None:
    source = make_words_letter(tmp_path / "words.docx")
    with pytest.raises(ValidationError, match="“Salary” and “job title”"):
        services.template_adoption.inspect(source, words=["Name", "Salary", "job title"])


def test_an_adopted_words_letter_exports_the_offers_values_and_keeps_its_words(
    services: Services, tmp_path: Path
) -> None:
    source = make_words_letter(tmp_path / "words.docx")
    added = services.template_adoption.adopt(source, "Words", GIVEN, words=WORDS).value
    letter = _letter(services, "Words", tmp_path)
    assert "Olivia Carter" in letter and "Dear Olivia:" in letter
    assert "the role of Account Executive, Mid-Market for a period of six months." in letter
    assert "US $30.00/hour" in letter
    assert "XX" not in letter and "Dear Name" not in letter
    assert "Signed: ____________" in letter  # the candidate signs on the line, as the letter was written
    sidecar = json.loads(added.path.with_name(added.path.name + ".mapping.json").read_text(encoding="utf-8"))
    assert sidecar["words"] == WORDS
    assert services.template_adoption.saved_words("Words") == tuple(WORDS)


def test_mapping_again_finds_the_marked_words_again(services: Services, tmp_path: Path) -> None:
    source = make_words_letter(tmp_path / "words.docx")
    adoption = services.template_adoption
    adoption.adopt(source, "Words", GIVEN, words=WORDS)
    source.unlink()
    adoption.readopt("Words", GIVEN | {"words:Name": text("friend"), "blank:XX#1": text("twelve")})
    letter = _letter(services, "Words", tmp_path)
    assert "Dear friend:" in letter and "period of twelve months." in letter
    assert adoption.saved_words("Words") == tuple(WORDS)
    assert adoption.saved_mapping("Words")["words:Name"] == text("friend")


def test_a_plain_letter_is_told_it_can_mark_words(services: Services, tmp_path: Path) -> None:
    from tests.adopt_helpers import make_plain_letter

    draft = services.template_adoption.inspect(make_plain_letter(tmp_path / "plain.docx"))
    assert "mark the plain words" in draft.answer and "--words" in draft.answer


def test_an_offerdesk_template_with_a_signature_line_needs_no_adoption(services: Services, tmp_path: Path) -> None:
    from offerdesk.letters.check import check_template
    from tests.letter_helpers import make_template

    path = make_template(tmp_path / "ours.docx", "Dear {{ candidate.full_name }},", "Signed: ______________")
    assert "ours.docx is already an OfferDesk template" in services.template_adoption.inspect(path).answer
    assert check_template(path).ok
    blanks_only = make_template(tmp_path / "blanks.docx", "Dear Sir, you earn $XX,XXX.")
    assert services.template_adoption.inspect(blanks_only).answer == ""
