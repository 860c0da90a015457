"""Every bundled template, in every supported letter locale: the exported letter shows the offer's values exactly,
in the .docx and, where LibreOffice is installed (always in CI), in the PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from offerdesk.domain.offers import OfferType
from offerdesk.letters.check import check_template
from offerdesk.letters.pdf import find_converter
from offerdesk.letters.text import document_text
from offerdesk.resources import templates_dir
from offerdesk.services.setup.bootstrap import Services
from tests.offer_factory import CANDIDATE, COMPANY, make_offer

# What a candidate must read, per locale: written out by hand, not computed by the code under test.
EXPECTED = {
    "en_US": {"currency": "USD", "offer.base": "$123,456.78", "offer.sign_on": "$5,000.00",
              "offer.relocation": "$8,000.00", "offer.start_date": "February 1, 2027",
              "offer.expires_on": "December 15, 2026", "offer.end_date": "July 31, 2027",
              "offer.effective_date": "January 4, 2027", "offer.bonus": "10% of base salary"},
    "en_GB": {"currency": "GBP", "offer.base": "£123,456.78", "offer.sign_on": "£5,000.00",
              "offer.relocation": "£8,000.00", "offer.start_date": "1 February 2027",
              "offer.expires_on": "15 December 2026", "offer.end_date": "31 July 2027",
              "offer.effective_date": "4 January 2027", "offer.bonus": "10% of base salary"},
    "de_DE": {"currency": "EUR", "offer.base": "123.456,78\xa0€", "offer.sign_on": "5.000,00\xa0€",
              "offer.relocation": "8.000,00\xa0€", "offer.start_date": "1. Februar 2027",
              "offer.expires_on": "15. Dezember 2026", "offer.end_date": "31. Juli 2027",
              "offer.effective_date": "4. Januar 2027", "offer.bonus": "10% of base salary"},
    "fr_FR": {"currency": "EUR", "offer.base": "123\u202f456,78\xa0€", "offer.sign_on": "5\u202f000,00\xa0€",
              "offer.relocation": "8\u202f000,00\xa0€", "offer.start_date": "1 février 2027",
              "offer.expires_on": "15 décembre 2026", "offer.end_date": "31 juillet 2027",
              "offer.effective_date": "4 janvier 2027", "offer.bonus": "10% of base salary"},
}  # fmt: skip
COMMON = {"candidate.full_name": f"{CANDIDATE[0]} {CANDIDATE[1]}", "candidate.first_name": CANDIDATE[0],
          "company.name": COMPANY, "offer.title": "Staff Engineer", "signatory.name": "Dana Whitfield",
          "offer.reports_to": "Miriam Okafor"}  # fmt: skip
MANIFEST = json.loads((templates_dir() / "manifest.json").read_text(encoding="utf-8"))["templates"]


def _expected_for(template: Path, locale: str) -> dict[str, str]:
    used = set(check_template(template).fields)
    expected = {**COMMON, **EXPECTED[locale]}
    chosen = {field: value for field, value in expected.items() if field in used}
    if "offer.components[].amount" in used:
        chosen["components: base"] = EXPECTED[locale]["offer.base"]
    assert chosen, f"{template.name} uses none of the checked values"
    return chosen


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, Path, dict[str, str]]]:
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services

    folder = tmp_path_factory.mktemp("golden")
    services: Services
    services, _ = open_services(resolve_paths(folder / "data"), seed_demo_data=False)
    made = []
    try:
        for entry in MANIFEST:
            offer_type = OfferType(entry["offer_type"])
            for locale, expected in EXPECTED.items():
                offer_id = make_offer(services, offer_type, locale, expected["currency"])
                target = folder / "out" / f"{entry['file'].removesuffix('.docx')}-{locale}.docx"
                docx, _ = services.letters.export(offer_id, entry["name"], target).value
                made.append((entry["name"], locale, docx, _expected_for(templates_dir() / entry["file"], locale)))
    finally:
        services.close()
    return made


def test_every_template_and_locale_is_covered(letters: list[tuple[str, str, Path, dict[str, str]]]) -> None:
    assert {(name, locale) for name, locale, _, _ in letters} == {
        (entry["name"], locale) for entry in MANIFEST for locale in EXPECTED
    }


def test_docx_letters_show_every_value_exactly(letters: list[tuple[str, str, Path, dict[str, str]]]) -> None:
    for name, locale, docx, expected in letters:
        text = document_text(docx)
        missing = {field: value for field, value in expected.items() if value not in text}
        assert not missing, f"{name} ({locale}) lacks {missing}"
        assert "{{" not in text and "{%" not in text


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def test_pdf_letters_show_every_value_exactly(
    letters: list[tuple[str, str, Path, dict[str, str]]], tmp_path: Path
) -> None:
    converter = find_converter()
    if converter is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are not installed here (CI installs both)")
    pdfs = converter.convert([docx for _, _, docx, _ in letters], tmp_path)
    for (name, locale, _, expected), pdf in zip(letters, pdfs, strict=True):
        text = _flat(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                    check=True).stdout)  # fmt: skip
        missing = {field: value for field, value in expected.items() if _flat(value) not in text}
        assert not missing, f"{name} ({locale}) PDF lacks {missing}"


def test_bundled_templates_read_the_same_as_docxtpl_renders_them(tmp_path: Path) -> None:
    from docxtpl import DocxTemplate

    from offerdesk.letters.environment import checked_context, make_environment
    from offerdesk.letters.render import PreparedTemplate
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services

    services, _ = open_services(resolve_paths(tmp_path / "data"), seed_demo_data=False)
    try:
        for entry in MANIFEST:
            offer_id = make_offer(services, OfferType(entry["offer_type"]), "fr_FR", "EUR")
            values = services.letters.values(offer_id)
            template = templates_dir() / entry["file"]
            ours = PreparedTemplate(template).render_to(values, tmp_path / f"ours-{entry['file']}")
            reference = DocxTemplate(template)
            reference.render(checked_context(values), jinja_env=make_environment())
            reference.save(tmp_path / f"docxtpl-{entry['file']}")
            assert document_text(ours) == document_text(tmp_path / f"docxtpl-{entry['file']}"), entry["name"]
    finally:
        services.close()
