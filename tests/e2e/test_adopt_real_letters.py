"""Real letters written by others, adopted as they are: each prepared copy exports a letter (and its PDF) for a
demo offer with no placeholder left in it, and the candidate's name where a name placeholder was.

The letters are read from the shared corpus folder (never copied into the project); the tests skip without it.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from offerdesk.errors import OfferDeskError
from offerdesk.letters.adopt.model import Choice, ChoiceKind, PlaceholderKind
from offerdesk.letters.environment import TemplateRefused
from offerdesk.letters.text import document_text
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services

CORPUS = Path("/work/shared/corpus/real-world")
DEMO_OFFERS = (7, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11)  # the demo data's offers, Olivia Carter's first
# test_empty_field.docx is left out: its one field has no code at all, so it has nothing to adopt.
MAILMERGE_TESTS = ("one_simple_field", "spaces", "footer", "footnote_header_footer", "winword2010",
                   "macword2011", "multiple_elements", "keep_fields", "issue8", "input_duplicate_id",
                   "nested_if_inside", "nested_if_outside")  # fmt: skip
LETTERS = [
    "other_placeholders/kinross_offer_letter_hourly_espp.docx",
    "other_placeholders/kinross_offer_letter_intern.docx",
    "other_placeholders/kinross_offer_letter_internal_promotion.docx",
    "other_placeholders/modelearth_volunteer_offer_letter_hash.docx",
    "other_placeholders/openagreements_employment_offer_letter_california.fill.docx",
    "docxtpl/abhishekraut01_offer_letter_template.docx",
    "docxtpl/lohith1804_offerletter1.docx",
    "docxtpl/surbhibh_work_assignment_offer.docx",
    "mergefield/daniel2483_carta_generica_RS.docx",
    "mergefield/daniel2483_carta_generica_NI_recetas.docx",
    "mergefield/py100_greetings_template.docx",
    "mergefield/py100_fax_cover_template.docx",
    *(f"corpora/docx-mailmerge2-tests/test_{name}.docx" for name in MAILMERGE_TESTS),
]
LEFTOVERS = ("«", "»", "[[", "{{", "MERGEFIELD")
INTERN = "other_placeholders/kinross_offer_letter_intern.docx"
# Plain words the recruiter marks as placeholders, and what must be gone from the letter made from it then.
MARKED = {INTERN: ["Employee Name", "Address or Email", "Name", "Date", "Job Title"]}
GONE = {INTERN: ("XX", "Dear Name", "INSERT", "Employee Name", "Job Title")}
NAME_FIELDS = ("candidate.full_name", "candidate.first_name")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the real-world letter corpus is not on this machine")


@dataclass
class Adopted:
    letter: Path | None = None
    offer: int = 0
    refused: str = ""
    name_field: str = ""  # the name field a placeholder was mapped to, if any
    pdf_text: str = ""


@dataclass
class Run:
    services: Services
    adopted: dict[str, Adopted] = field(default_factory=dict)


def _adopt(services: Services, relative: str, out: Path) -> Adopted:
    source = CORPUS / relative
    adoption = services.template_adoption
    words = MARKED.get(relative, [])
    draft = adoption.inspect(source, words=words)
    if draft.answer:
        return Adopted(refused=draft.answer)
    choices = dict(draft.choices)
    for number, placeholder in enumerate(draft.placeholders, 1):
        in_notes = any(part.endswith(("footnotes.xml", "endnotes.xml")) for part in placeholder.parts)
        if placeholder.id not in choices or in_notes:  # a footnote is not filled from the offer: text only
            value = f"blank {number}" if placeholder.kind is PlaceholderKind.BLANK else f"X-{placeholder.key}"
            choices[placeholder.id] = Choice(ChoiceKind.TEXT, value, confirmed=True)
    if not any(choice.kind is ChoiceKind.FIELD for choice in choices.values()):
        # A letter whose every placeholder is fixed text would be the same for every candidate (the check refuses
        # it): the recruiter maps at least one, as here the first placeholder in the body.
        first = next(p for p in draft.placeholders if not any(part.endswith("notes.xml") for part in p.parts))
        choices[first.id] = Choice(ChoiceKind.FIELD, "candidate.full_name", confirmed=True)
    name = re.sub(r"\W+", " ", source.stem).strip()
    target = out / f"{source.stem}.docx"
    try:
        adoption.adopt(source, name, choices, words=words)
        for _attempt in range(len(choices)):
            try:
                letter, offer = _export(services, name, target)
                break
            except TemplateRefused as refused:
                # No demo offer has this optional term (hours per week, a bonus …): the recruiter would give it
                # a fixed text instead, as here.
                missing = re.search(r"uses (\S+), which this offer does not have", str(refused))
                if missing is None:
                    raise
                choices = {key: Choice(ChoiceKind.TEXT, f"X-{missing[1]}", confirmed=True)
                           if choice.value == missing[1] else choice for key, choice in choices.items()}  # fmt: skip
                adoption.readopt(name, choices)
    except OfferDeskError as error:  # the sentence a recruiter would read; a defect of ours fails the test itself
        return Adopted(refused=f"{type(error).__name__}: {error}")
    used = {choice.value for choice in choices.values() if choice.kind is ChoiceKind.FIELD}
    return Adopted(letter, offer, name_field=next((name for name in NAME_FIELDS if name in used), ""))


def _export(services: Services, template: str, target: Path) -> tuple[Path, int]:
    """The letter for the first demo offer that has every term the letter uses."""
    refused: TemplateRefused | None = None
    for offer in DEMO_OFFERS:
        try:
            return services.letters.export(offer, template, out=target).value[0], offer
        except TemplateRefused as error:
            refused = error
    assert refused is not None
    raise refused


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root = tmp_path_factory.mktemp("adopt")
    services, _report = open_services(resolve_paths(root / "data"))
    result = Run(services)
    for relative in LETTERS:
        if (CORPUS / relative).is_file():
            result.adopted[relative] = _adopt(services, relative, root / "letters")
    yield result
    done = sum(1 for adopted in result.adopted.values() if adopted.letter is not None)
    print(f"\nadopted and exported {done} of {len(result.adopted)} real letters ({done / len(result.adopted):.0%})")
    services.close()


def _docx_words(letter: Path) -> str:
    """The letter's text and every text part's XML (a field code left behind is in the XML, not in the text)."""
    with zipfile.ZipFile(letter) as archive:
        xml = " ".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name)
        )
    return document_text(letter) + "\n" + xml


@pytest.mark.parametrize("relative", LETTERS)
def test_a_real_letter_is_adopted_and_exported(run: Run, relative: str) -> None:
    if relative not in run.adopted:
        pytest.skip(f"{relative} is not in the corpus")
    adopted = run.adopted[relative]
    assert adopted.letter is not None, adopted.refused
    words = _docx_words(adopted.letter)
    assert [mark for mark in LEFTOVERS if mark in words] == []
    name = run.services.letters.values(adopted.offer)["candidate"]
    if adopted.name_field:
        assert name[adopted.name_field.split(".")[1]] in document_text(adopted.letter) or name["first_name"] in words
    if relative in GONE:  # a letter of plain-word placeholders and XX blanks, with the words marked
        text = document_text(adopted.letter)
        assert [mark for mark in GONE[relative] if mark in text] == []
        assert name["full_name"] in text


@pytest.mark.slow
def test_the_real_letters_pdfs_hold_no_placeholder(run: Run, tmp_path: Path) -> None:
    from offerdesk.letters.pdf import find_converter

    converter = find_converter()
    letters = [adopted.letter for adopted in run.adopted.values() if adopted.letter is not None]
    if converter is None or not letters:
        pytest.skip("no PDF converter installed, or no letter was exported")
    pdfs = converter.convert(letters, tmp_path)
    for letter, pdf in zip(letters, pdfs, strict=True):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert [mark for mark in LEFTOVERS if mark in text] == [], letter.name
        relative, adopted = next((key, a) for key, a in run.adopted.items() if a.letter == letter)
        assert [mark for mark in GONE.get(relative, ()) if mark in text] == [], letter.name
        if adopted.name_field:
            first = run.services.letters.values(adopted.offer)["candidate"]["first_name"]
            assert first in text, letter.name
