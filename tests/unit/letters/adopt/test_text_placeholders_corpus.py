"""Real letters written by others: the offer letters' typed placeholders are found, and all go in the rewrite.

The corpus lives outside the repository (its files have their own licences); these tests skip on a machine
without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from offerdesk.letters.adopt import find_placeholders, rewrite_package, text_parts
from offerdesk.letters.adopt.model import PlaceholderKind
from offerdesk.letters.docx_file import read_package

CORPUS = Path("/work/shared/corpus/real-world")
FOLDERS = ("other_placeholders", "docxtpl")
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real-world corpus is not on this machine ({CORPUS})"
)
OFFER_LETTERS = (
    "kinross_offer_letter_hourly_espp.docx",
    "kinross_offer_letter_intern.docx",
    "kinross_offer_letter_internal_promotion.docx",
    "modelearth_volunteer_offer_letter_hash.docx",
    "openagreements_employment_offer_letter_california.fill.docx",
    "abhishekraut01_offer_letter_template.docx",
    "lohith1804_offerletter1.docx",
    "surbhibh_work_assignment_offer.docx",
)
TYPED = set(PlaceholderKind) - {PlaceholderKind.MERGEFIELD}
W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _files() -> list[Path]:
    return sorted(path for folder in FOLDERS for path in (CORPUS / folder).glob("*.docx")) if CORPUS.is_dir() else []


def _paragraph_texts(path: Path) -> list[str]:
    package = read_package(path)
    texts = []
    for name in text_parts(package):
        root = etree.fromstring(package.data[name])
        texts += ["".join(t.text or "" for t in p.iter(W_T)) for p in root.iter(W_P)]
    return texts


@needs_corpus
def test_every_file_reads_and_its_typed_placeholders_are_listed() -> None:
    for path in _files():
        typed = [p for p in find_placeholders(read_package(path)) if p.kind in TYPED]
        print(f"{path.parent.name}/{path.name}: {sum(p.occurrences for p in typed)} found", [p.id for p in typed])
        if path.name == "ravikiranrpa_uipath_internship_offer_bareword.docx":
            assert typed == []  # bare words cannot be told from the letter's own words


@needs_corpus
@pytest.mark.parametrize("name", OFFER_LETTERS)
def test_offer_letter_placeholders_are_found_and_all_rewritten(name: str, tmp_path: Path) -> None:
    path = next((p for p in _files() if p.name == name), None)
    if path is None:
        pytest.skip(f"{name} is not in the corpus")
    typed = [p for p in find_placeholders(read_package(path)) if p.kind in TYPED]
    assert typed, f"no typed placeholder found in {name}"
    texts = {p.id: "{{ candidate.full_name }}" for p in typed}
    prepared = tmp_path / "prepared.docx"
    prepared.write_bytes(rewrite_package(read_package(path), texts))
    written = {p.written for p in typed} | {"{END-IF}"}
    leftovers = [(form, text) for text in _paragraph_texts(prepared) for form in written if form in text]
    assert leftovers == []
    assert [p.id for p in find_placeholders(read_package(prepared)) if p.id in texts] == []
