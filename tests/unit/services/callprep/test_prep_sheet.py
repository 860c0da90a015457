"""The call prep sheet: profile, unknowns, likely objections and the filled script, rendered as a .docx."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from offerdesk.domain.offers import OfferType
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.letters.check import check_template
from offerdesk.letters.text import document_text
from offerdesk.resources import templates_dir
from offerdesk.services.callprep.prep_sheet import PrepSheetService
from offerdesk.services.setup.bootstrap import Services

PROFILE_LABELS = (
    "Motivators",
    "Criteria",
    "Decision makers",
    "Decision deadline",
    "Notice period",
    "Expected pay",
    "Counteroffer risk",
    "Readiness",
    "Needs",
    "Competing",
)


def _candidate_id(services: Services, full_name: str) -> int:
    [row] = [row for row in services.candidates.search(full_name) if row.full_name == full_name]
    return row.id


def _literal_parts(template_text: str) -> list[str]:
    """The plain words of a script text between its tags, longest first."""
    parts = (part.strip(" ,.?") for part in re.split(r"\{\{.*?\}\}|\{%.*?%\}", template_text))
    return sorted((part for part in parts if len(part) > 10), key=len, reverse=True)


def _ask_variants(services: Services, offer_type: OfferType) -> dict[str, str]:
    script = services.content.scripts(offer_type)[0]
    [ask] = [step for step in script.steps if step["key"] == "the_ask"]
    return dict(ask["variants"])


def _no_tags_left(text: str) -> None:
    assert "{{" not in text and "}}" not in text
    assert "{%" not in text and "%}" not in text


def test_aisha_sheet_has_profile_objections_and_the_chosen_ask(services: Services, tmp_path: Path) -> None:
    aisha = _candidate_id(services, "Aisha Rahman")
    target = PrepSheetService(services).export(aisha, out=tmp_path / "aisha.docx", ask_style="summary_direct")

    assert target == tmp_path / "aisha.docx"
    text = document_text(target)
    _no_tags_left(text)
    assert "Call prep: Aisha Rahman" in text
    assert "Motivators\tWants ownership of a platform; current team is stalled" in text
    assert "Counteroffer risk\tHigh" in text
    assert "Notice period\t90 days" in text
    assert "Northwind GmbH" in text
    assert "Nothing: the profile is complete." in text  # her profile has every answer
    # likely objections, with the library's handlers
    assert "COMPETING_OFFER" in text
    competing = services.content.objections()["COMPETING_OFFER"]
    assert f"{competing.title} (COMPETING_OFFER)" in text
    assert competing.probe[0] in text
    assert competing.levers[0] in text
    assert competing.avoid[0] in text
    assert "Why: Other processes running: Northwind GmbH." in text
    # the script for her written offer, with the summary-and-direct ask filled in
    script = services.content.scripts(OfferType.WRITTEN)[0]
    assert f"The script: {script.title}" in text
    assert "Ask style: Summary and direct." in text
    variants = _ask_variants(services, OfferType.WRITTEN)
    assert _literal_parts(variants["summary_direct"])[0] in text
    assert _literal_parts(variants["direct"])[0] not in text
    assert "Scope, team, pay" in text.split(f"The script: {script.title}")[1]  # {{ candidate.criteria }} filled
    assert "Prepared " in text and " by Sam Rivera" in text


def test_default_target_is_the_letters_folder_with_a_safe_name(services: Services) -> None:
    aisha = _candidate_id(services, "Aisha Rahman")
    target = PrepSheetService(services).export(aisha)
    assert target == services.paths.exports_dir / "Aisha Rahman - call prep.docx"
    assert target.is_file()
    assert [path.name for path in target.parent.iterdir()] == [target.name]  # no partial file left behind


def test_ask_style_and_script_can_be_chosen(services: Services, tmp_path: Path) -> None:
    aisha = _candidate_id(services, "Aisha Rahman")
    service = PrepSheetService(services)
    contract = services.content.scripts(OfferType.CONTRACT)[0]

    values = service.values(aisha, script_key=contract.key, ask_style="timeline")

    assert values["script"]["title"] == contract.title
    assert values["ask_style"] == "Timeline"
    [ask] = [step for step in values["script"]["steps"] if step["key"] == "the_ask"]
    assert _literal_parts(_ask_variants(services, OfferType.CONTRACT)["timeline"])[0] in ask["text"]
    with pytest.raises(NotFoundError):
        service.values(aisha, script_key="no-such-script")
    with pytest.raises(ValidationError):
        service.values(aisha, ask_style="shouting")


def test_empty_profile_shows_dashes_and_lists_the_unknowns(services: Services, tmp_path: Path) -> None:
    jonas = _candidate_id(services, "Jonas Weber")
    target = PrepSheetService(services).export(jonas, out=tmp_path)

    assert target == tmp_path / "Jonas Weber - call prep.docx"
    text = document_text(target)
    _no_tags_left(text)
    assert "Call prep: Jonas Weber" in text
    for label in PROFILE_LABELS:
        assert f"{label}\t—" in text.splitlines()
    unknowns = services.candidates.detail(jonas).unknowns()
    assert unknowns
    for item in unknowns:
        assert item in text
    assert "Nothing: the profile is complete." not in text
    assert "None stand out from the profile." in text


def test_candidate_without_an_offer_gets_placeholders_in_the_script(services: Services, tmp_path: Path) -> None:
    without = [row.id for row in services.candidates.search() if not services.offers.list(candidate_id=row.id)]
    assert without, "the demo data has candidates with no offer"
    service = PrepSheetService(services)

    values = service.values(without[0])
    text = document_text(service.export(without[0], out=tmp_path / "no-offer.docx"))

    _no_tags_left(text)
    assert values["offer_summary"] == "No offer yet"
    assert values["script"]["title"] == services.content.scripts(OfferType.VERBAL)[0].title  # the first script
    assert re.search(r"«[^»]+\?»", text)  # unknown values are visible placeholders, never blanks
    assert "«base salary?»" in text
    assert "Brightpath Software" in text  # the company name comes from the settings even without an offer


def test_unknown_candidate_is_not_found(services: Services, tmp_path: Path) -> None:
    service = PrepSheetService(services)
    with pytest.raises(NotFoundError):
        service.values(999_999)
    with pytest.raises(NotFoundError):
        service.export(999_999, out=tmp_path / "nobody.docx")
    assert not (tmp_path / "nobody.docx").exists()


def test_prep_sheet_template_passes_the_check() -> None:
    report = check_template(templates_dir() / "prep-sheet.docx")
    # its names are the prep sheet's values, not the letter catalogue's: only the findings of names unknown to the
    # catalogue are expected (each unknown name, and the advice to adopt a letter with names of its own)
    assert [problem for problem in report.problems if problem.kind not in ("unknown_field", "adoptable")] == []
    assert {"candidate.full_name", "unknowns", "objections", "script.steps", "prepared_on", "recruiter"} <= set(
        report.fields
    )


def test_the_sheet_is_in_the_readers_notation_and_its_script_in_the_candidates(
    services: Services, seeded_on: date
) -> None:
    """Aisha's offer is de-DE: the recruiter reads €90,000.00 and "December 12, 2026" (its expiry, ten days after the
    demo's day) in the offer summary, while the script's lines say 90.000,00 € and "1 April 2027" (her start) as her
    letter does, in English words."""
    values = PrepSheetService(services).values(_candidate_id(services, "Aisha Rahman"), locale="en_US")
    expires = seeded_on + timedelta(days=10)
    assert "€90,000.00" in values["offer_summary"]
    assert f"{expires:%B} {expires.day}, {expires.year}" in values["offer_summary"]
    spoken = " ".join(step["text"] for step in values["script"]["steps"])
    starts = seeded_on + timedelta(days=120)  # 30 days to sign, then her 90 days of notice
    assert "90.000,00\xa0€" in spoken and f"{starts.day} {starts:%B} {starts.year}" in spoken
    assert not re.search(r"Dezember|\d\. April", str(values))
