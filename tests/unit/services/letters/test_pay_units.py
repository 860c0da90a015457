"""The letter says the figures of the one pay formula, for every pay unit: read back from the .docx and from
LibreOffice's PDF, and the comparison agrees. The expected texts are written out by hand."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from offerdesk.letters.pdf import find_converter
from offerdesk.letters.text import document_text
from offerdesk.paths import resolve_paths
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.services.setup.bootstrap import Services, open_services
from tests.unit.domain.test_pay import CASES

# case → (the first-year total as the en-US letter prints it, the base as it prints it)
EXPECTED = {
    "EUR month + sign-on": ("€70,000.00", "€5,000.00 per month"),
    "EUR month + bonus + sign-on": ("€76,000.00", "€5,000.00 per month"),
    "EUR year + bonus": ("€99,000.00", "€90,000.00 per year"),
    "EUR week + commission": ("€58,000.00", "€1,000.00 per week"),
    "EUR day at 5 days": ("€104,000.00", "€400.00 per day"),
    "EUR hour at 37.5 h + sign-on": ("€104,375.00", "€52.50 per hour"),
    "JPY year + bonus": ("¥8,800,000", "¥8,000,000 per year"),
    "JPY month + sign-on": ("¥7,000,000", "¥500,000 per month"),
    "BHD month + sign-on": ("BHD15,314.804", "BHD1,234.567 per month"),
    "BHD hour + bonus": ("BHD22,113.000", "BHD10.125 per hour"),
    "EUR month + commission + monthly bonus": ("€73,200.00", "€4,000.00 per month"),
}
ASSUMED = {
    "EUR hour at 37.5 h + sign-on": "Yearly figures assume 37.5 hours a week for 52 weeks a year.",
    "EUR day at 5 days": "Yearly figures assume 5 days a week for 52 weeks a year.",
    "EUR month + sign-on": "Yearly figures are 12 times the monthly amount.",
}
Letter = tuple[str, Path, int, int]  # case, .docx, first-year minor by the comparison, by the formula


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Letter]]:
    folder = tmp_path_factory.mktemp("pay-units")
    services: Services
    services, _ = open_services(resolve_paths(folder / "data"))
    editing = OfferEditing(services.database, services.paths)
    candidate_id = services.candidates.search("Olivia")[0].id
    made = []
    try:
        for case, terms, *_rest, first_year, _ote in CASES:
            offer_id = editing.create(candidate_id, currency=terms.currency, locale="en_US").value
            current = editing.terms(offer_id)
            editing.save(
                offer_id,
                current.with_changes(
                    components=terms.components,
                    hours_per_week=terms.hours_per_week,
                    days_per_week=terms.days_per_week,
                    equity=(),
                ),
            )
            comparison = services.compensation.comparison(candidate_id, years=1)
            assert comparison.offer_id == offer_id and comparison.ours is not None
            target = folder / "out" / f"{re.sub(r'[^a-z0-9]+', '-', case.lower())}.docx"
            docx, _ = services.letters.export(offer_id, "Written offer", target).value
            made.append((case, docx, comparison.ours.years[0].total.minor, first_year))
        yield made
    finally:
        services.close()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def _check(case: str, text: str) -> None:
    total, base = EXPECTED[case]
    assert f"your total compensation for the first year comes to {total}." in text, case
    assert base in text, case
    if case in ASSUMED:
        assert ASSUMED[case] in text, case


def test_every_case_is_checked(letters: list[Letter]) -> None:
    assert {case for case, *_ in letters} == set(EXPECTED)


def test_the_docx_letter_says_the_first_year_total_of_the_pay_formula(letters: list[Letter]) -> None:
    for case, docx, _, _ in letters:
        _check(case, _flat(document_text(docx)))


def test_the_comparison_agrees_with_the_letter(letters: list[Letter]) -> None:
    for case, _, compared, first_year in letters:
        assert compared == first_year, case


def test_the_pdf_letter_says_the_same(letters: list[Letter], tmp_path: Path) -> None:
    converter = find_converter()
    if converter is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are not installed here (CI installs both)")
    pdfs = converter.convert([docx for _, docx, _, _ in letters], tmp_path)
    for (case, _, _, _), pdf in zip(letters, pdfs, strict=True):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        _check(case, _flat(text))
