"""Adopting a recruiter's own letter: its placeholders are mapped, the prepared copy fills like any template, and
the recruiter's file stays as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from offerdesk.errors import ValidationError
from offerdesk.letters.adopt.model import Choice, ChoiceKind
from offerdesk.letters.check import check_template
from offerdesk.letters.text import document_text
from offerdesk.services.setup.bootstrap import Services
from tests.adopt_helpers import make_bracket_letter, make_mergefield_letter, make_own_names_letter, make_plain_letter

OFFER = 7  # Olivia Carter, Account Executive, Mid-Market, starting 44 days after the demo was seeded
OLIVIA_STARTS_AFTER = timedelta(days=44)  # 30 days to sign, then her 14 days of notice

LEFTOVERS = ("«", "»", "[", "]", "{{", "}}", "MERGEFIELD")


def field(name: str) -> Choice:
    return Choice(ChoiceKind.FIELD, name, confirmed=True)


def text(value: str) -> Choice:
    return Choice(ChoiceKind.TEXT, value, confirmed=True)


def exported_text(services: Services, template: str, tmp_path: Path) -> str:
    docx, _pdf = services.letters.export(OFFER, template, out=tmp_path / "out" / "letter.docx").value
    return document_text(docx)


def test_a_mail_merge_letter_gets_a_suggestion_for_each_field(services: Services, tmp_path: Path) -> None:
    draft = services.template_adoption.inspect(make_mergefield_letter(tmp_path / "merge.docx"))
    assert draft.answer == ""
    assert [p.written for p in draft.placeholders] == ["«FirstName»", "«LastName»", "«JobTitle»", "«StartDate»",
                                                       "«Company»"]  # fmt: skip
    assert draft.choices["mergefield:FirstName"].kind is ChoiceKind.FIELD
    assert draft.choices["mergefield:FirstName"].value == "candidate.first_name"
    assert not draft.choices["mergefield:FirstName"].confirmed
    assert draft.suggestions["mergefield:StartDate"][0].field == "offer.start_date"


def test_an_adopted_mail_merge_letter_exports_with_the_offers_values(
    services: Services, tmp_path: Path, seeded_on: date
) -> None:
    source = make_mergefield_letter(tmp_path / "merge.docx")
    before = source.read_bytes()
    given = {"FirstName": field("candidate.first_name"), "«LastName»": field("candidate.last_name"),
             "mergefield:JobTitle": field("role.title"), "StartDate": field("offer.start_date"),
             "Company": field("company.name")}  # fmt: skip
    added = services.template_adoption.adopt(source, "Own offer", given).value
    letter = exported_text(services, "Own offer", tmp_path)
    company = services.letters.values(OFFER)["company"]["name"]
    assert "Dear Olivia Carter," in letter
    assert "position of Account Executive, Mid-Market." in letter
    start = seeded_on + OLIVIA_STARTS_AFTER
    assert f"You start on {start:%B} {start.day}, {start.year} with {company}." in letter
    assert "Kind regards, Olivia" in letter
    assert not [mark for mark in LEFTOVERS if mark in letter]
    assert source.read_bytes() == before
    kept = added.path.with_name(added.path.name.removesuffix(".docx") + ".original.docx")
    assert kept.read_bytes() == before
    assert check_template(added.path).ok


def test_the_mapping_is_saved_beside_the_prepared_copy(services: Services, tmp_path: Path) -> None:
    source = make_bracket_letter(tmp_path / "brackets.docx")
    given = {"Candidate Name": field("candidate.full_name"), "Job Title": field("role.title"),
             "Start Date": field("offer.start_date"), "Reference": text("HR-7"),
             "Notes": Choice(ChoiceKind.EMPTY, confirmed=True)}  # fmt: skip
    added = services.template_adoption.adopt(source, "Brackets", given).value
    sidecar = json.loads(added.path.with_name(added.path.name + ".mapping.json").read_text(encoding="utf-8"))
    assert sidecar["source"] == {
        "file_name": "brackets.docx",
        "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
    }
    assert sidecar["choices"]["brackets:Reference"] == {"kind": "text", "value": "HR-7", "picture": "",
                                                        "confirmed": True}  # fmt: skip
    saved = services.template_adoption.saved_mapping("Brackets")
    assert saved["brackets:Candidate Name"] == field("candidate.full_name")
    assert saved["brackets:Notes"] == Choice(ChoiceKind.EMPTY, confirmed=True)
    letter = exported_text(services, "Brackets", tmp_path)
    assert "Dear Olivia Carter," in letter
    assert "Your reference: HR-7. \n" in letter + "\n"  # the empty [Notes] left nothing behind
    assert not [mark for mark in LEFTOVERS if mark in letter]


def test_mapping_again_replaces_the_prepared_copy_from_the_kept_original(services: Services, tmp_path: Path) -> None:
    source = make_own_names_letter(tmp_path / "own.docx")
    adoption = services.template_adoption
    adoption.adopt(source, "Own names", {"name": field("candidate.first_name"), "job_title": field("role.title")})
    source.unlink()  # the recruiter's file may be gone by then
    adoption.readopt("Own names", {"name": field("candidate.full_name"), "job_title": text("Closer")})
    letter = exported_text(services, "Own names", tmp_path)
    assert "Dear Olivia Carter," in letter and "position of Closer." in letter
    assert adoption.saved_mapping("Own names")["jinja:job_title"] == text("Closer")


def test_a_letter_with_an_unmapped_placeholder_is_refused_by_name(services: Services, tmp_path: Path) -> None:
    source = make_bracket_letter(tmp_path / "brackets.docx")
    given = {"Candidate Name": field("candidate.full_name"), "Job Title": field("role.title"),
             "Start Date": field("offer.start_date")}  # fmt: skip
    draft = services.template_adoption.inspect(source, given)
    unmapped = [p.written for p in draft.unmapped()]
    with pytest.raises(ValidationError, match=r"\[Reference\]") as refused:
        services.template_adoption.adopt(source, "Half", given)
    for written in unmapped:
        assert written in str(refused.value)
    assert [t.name for t in services.templates.list() if t.name == "Half"] == []
    assert not any(path.name.startswith("Half") for path in services.paths.templates_dir.glob("*"))


def test_fixed_text_with_markup_characters_reads_literally(services: Services, tmp_path: Path) -> None:
    source = make_mergefield_letter(tmp_path / "merge.docx")
    given = {"FirstName": field("candidate.first_name"), "LastName": field("candidate.last_name"),
             "JobTitle": text("R&D <Lead> \"quoted\" “curly” {{ x }}"), "StartDate": field("offer.start_date"),
             "Company": text("Smith & Sons")}  # fmt: skip
    services.template_adoption.adopt(source, "Escaped", given)
    letter = exported_text(services, "Escaped", tmp_path)
    assert 'position of R&D <Lead> "quoted" “curly” {{ x }}.' in letter
    assert "with Smith & Sons." in letter


def test_an_offer_value_with_markup_characters_fills_a_merge_field_literally(
    services: Services, tmp_path: Path
) -> None:
    services.settings.set("company.name", 'Smith & Sons <UK> "Ltd"')
    source = make_mergefield_letter(tmp_path / "merge.docx")
    given = {"FirstName": field("candidate.first_name"), "LastName": field("candidate.last_name"),
             "JobTitle": field("role.title"), "StartDate": field("offer.start_date"),
             "Company": field("company.name")}  # fmt: skip
    services.template_adoption.adopt(source, "Markup", given)
    assert 'with Smith & Sons <UK> "Ltd".' in exported_text(services, "Markup", tmp_path)


def test_a_letter_without_placeholders_gets_its_sentence(services: Services, tmp_path: Path) -> None:
    draft = services.template_adoption.inspect(make_plain_letter(tmp_path / "plain.docx"))
    assert "plain.docx has no placeholders OfferDesk recognises" in draft.answer
    assert "«Name», [Name]" in draft.answer and "mark the plain words" in draft.answer
    with pytest.raises(ValidationError, match="no placeholders"):
        services.template_adoption.adopt(tmp_path / "plain.docx", "Plain")


def test_an_offerdesk_template_needs_no_adoption(services: Services, tmp_path: Path) -> None:
    from tests.letter_helpers import make_template

    path = make_template(tmp_path / "ours.docx", "Dear {{ candidate.full_name }},")
    assert (
        "ours.docx is already an OfferDesk template; add it as it is" in services.template_adoption.inspect(path).answer
    )


def test_a_file_that_is_not_a_letter_gets_the_readers_sentence(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("just text")
    assert services.template_adoption.inspect(path).answer.endswith("is not a Word document (.docx).")


def test_a_given_name_that_is_no_placeholder_is_named(services: Services, tmp_path: Path) -> None:
    source = make_own_names_letter(tmp_path / "own.docx")
    with pytest.raises(ValidationError, match="has no placeholder “salary”"):
        services.template_adoption.inspect(source, {"salary": field("offer.base")})


def test_the_preview_fills_the_prepared_copy_with_the_offer(services: Services, tmp_path: Path) -> None:
    adoption = services.template_adoption
    before = services.templates.list()
    draft = adoption.inspect(make_own_names_letter(tmp_path / "own.docx"))
    preview = adoption.preview(draft, {"jinja:name": field("candidate.full_name"), "jinja:job_title": text("X")},
                               OFFER)  # fmt: skip
    try:
        assert "Dear Olivia Carter," in document_text(preview)
    finally:
        shutil.rmtree(preview.parent)
    assert services.templates.list() == before  # nothing was added


def test_the_check_points_a_letter_with_its_own_placeholders_to_adoption(tmp_path: Path) -> None:
    report = check_template(make_bracket_letter(tmp_path / "brackets.docx"))
    messages = [problem.message for problem in report.problems]
    assert any(
        "brackets.docx has 5 placeholders of its own ([Candidate Name], [Job Title], [Start Date], …)" in message
        and "offerdesk templates adopt" in message
        for message in messages
    ), messages
    assert not any("uses no OfferDesk fields" in message for message in messages)


def test_the_check_points_a_letter_with_its_own_names_to_adoption_but_not_a_typo(tmp_path: Path) -> None:
    from tests.letter_helpers import make_template

    own = [problem.message for problem in check_template(make_own_names_letter(tmp_path / "own.docx")).problems]
    assert any("own.docx has 2 placeholders of its own ({{ name }}, {{ job_title }})" in m for m in own), own
    typo = make_template(tmp_path / "typo.docx", "Dear {{ candidate.full_name }}, base {{ offer.bse }}.")
    assert not any(problem.kind == "adoptable" for problem in check_template(typo).problems)


def test_a_name_already_taken_leaves_no_files_behind(services: Services, tmp_path: Path) -> None:
    source = make_own_names_letter(tmp_path / "own.docx")
    given = {"name": field("candidate.full_name"), "job_title": field("role.title")}
    services.template_adoption.adopt(source, "Twice", given)
    kept = sorted(path.name for path in services.paths.templates_dir.iterdir())
    with pytest.raises(ValidationError, match="already exists"):
        services.template_adoption.adopt(source, "Twice", {**given, "job_title": text("Other")})
    assert sorted(path.name for path in services.paths.templates_dir.iterdir()) == kept
    assert [t.name for t in services.templates.list()].count("Twice") == 1


def test_a_file_that_cannot_be_written_leaves_no_row_and_no_files(services: Services, tmp_path: Path) -> None:
    from offerdesk.services.letters.library import template_file_name

    source = make_own_names_letter(tmp_path / "own.docx")
    given = {"name": field("candidate.full_name"), "job_title": field("role.title")}
    adoption = services.template_adoption
    data = adoption.prepared_copy(adoption.inspect(source, given))
    blocked = services.paths.templates_dir / (template_file_name("Blocked", data) + ".mapping.json")
    blocked.mkdir(parents=True)  # the mapping cannot be written where a folder of that name is
    with pytest.raises(OSError):
        adoption.adopt(source, "Blocked", given)
    assert sorted(path.name for path in services.paths.templates_dir.iterdir()) == [blocked.name]
    assert "Blocked" not in [t.name for t in services.templates.list()]
