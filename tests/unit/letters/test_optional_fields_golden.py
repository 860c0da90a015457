"""Every bundled template, filled from an offer whose optional terms are all empty, reads as a finished letter:
no label stands alone ("Benefits:" over nothing), no "None", no amount without its figure, no doubled space or
dangling comma where a value was left out. And each optional paragraph does appear once its term is filled."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from offerdesk.domain.offers import ComponentKind, OfferType, PayUnit
from offerdesk.letters.check import check_template
from offerdesk.letters.text import document_text
from offerdesk.paths import resolve_paths
from offerdesk.resources import templates_dir
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.tables import Candidate, Contingency, EquityGrant, Offer, OfferComponent, OfferVersion
from tests.letter_helpers import make_template
from tests.offer_factory import make_bare_offer, make_offer

MANIFEST = json.loads((templates_dir() / "manifest.json").read_text(encoding="utf-8"))["templates"]
TEMPLATE_NAMES = [entry["name"] for entry in MANIFEST]
HEADING_STYLES = ("Letter Heading", "Letter Subject", "Heading", "Title", "Prep Section", "Prep Label")
LIST_STYLES = ("List",)
_SPACE = "[ \xa0\u202f]"
_CURRENCY = "[$€£¥₹]"


# -- what a finished letter never shows --------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    kind: str  # heading, paragraph, list, row, table
    text: str
    cells: tuple[str, ...] = ()
    body: bool = True  # False in the page header and footer, where Word keeps an empty paragraph


def _style(paragraph: Paragraph) -> str:
    return (paragraph.style.name if paragraph.style is not None else "") or ""


def _lines(container: object, body: bool = True) -> Iterator[Line]:
    for item in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            style = _style(item)
            kind = "heading" if style.startswith(HEADING_STYLES) else "list" if style.startswith(LIST_STYLES) else ""
            yield Line(kind or "paragraph", item.text, body=body)
        elif isinstance(item, Table):
            headers = [row for row in item.rows if row._tr.trPr is not None and row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None]  # fmt: skip
            yield Line("table", "", (f"{len(item.rows)} rows", f"{len(headers)} header rows"))
            for row in item.rows:
                cells = tuple(dict.fromkeys(cell.text for cell in row.cells))  # merged cells repeat
                yield Line("row", " | ".join(cells), cells)


def letter_lines(path: Path) -> list[Line]:
    """The letter as a reader meets it: header, body (paragraphs and table rows in order), footer."""
    document = Document(str(path))
    section = document.sections[0]
    return [*_lines(section.header, False), *_lines(document), *_lines(section.footer, False)]


def _sentence_defects(text: str) -> list[str]:
    found = []
    if re.search(r"\bNone\b(?!\s+[a-z])", text):  # the value None, not the word (“None stand out …”)
        found.append("says None")
    if re.search(r"\{[{%]|[}%]\}", text):
        found.append("shows a template tag")
    for match in re.finditer(_CURRENCY, text):
        before, after = text[max(0, match.start() - 2) : match.start()], text[match.end() : match.end() + 2]
        if not re.search(rf"\d{_SPACE}?$", before) and not re.match(rf"{_SPACE}?\d", after):
            near = text[max(0, match.start() - 15) : match.end() + 15]
            found.append(f"has a currency sign without an amount near “{near}”")
    if re.search(r"(?<![\d.,])0[.,]00(?!\d)", text):
        found.append("shows an amount of zero")
    if re.search(rf"[^\s·]{_SPACE}{{2,}}[^\s·]", text):  # “a  ·  b” is spaced on purpose
        found.append("has a doubled space")
    if re.search(rf"{_SPACE}[,.;:)]|\(\s*\)|[,;:]{_SPACE}*[,.;:]|^{_SPACE}*[,.;:]|,{_SPACE}+$|;{_SPACE}*$", text):
        found.append("has dangling punctuation")
    if re.search(rf":{_SPACE}*({_CURRENCY}|None|0[.,]00|—)?{_SPACE}*$", text):
        found.append("is a label with nothing after it")
    return found


def defects(path: Path) -> list[str]:
    """Every place the letter reads unfinished, each as “what: the text”."""
    lines = letter_lines(path)
    found: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if line.kind == "table":
            rows, headers = (int(cell.split()[0]) for cell in line.cells)
            if rows == headers:
                found.append("a table has a heading row and no rows under it")
            continue
        if line.kind == "row":
            label, *values = line.cells
            if label.strip() and values and not any(value.strip() for value in values):
                found.append(f"a table row is a label with nothing beside it: {line.text!r}")
            for cell in line.cells:
                found.extend(f"{problem}: {cell!r}" for problem in _sentence_defects(cell) if "label" not in problem)
            continue
        if not line.text.strip():
            if line.body:
                found.append(f"a blank {line.kind} where a value should be, after “{lines[index - 1].text}”")
            continue
        if line.kind == "heading" and (following is None or following.kind == "heading"):
            found.append(f"a heading stands alone: {line.text!r}")
        problems = _sentence_defects(line.text)
        introduces = following is not None and following.kind in ("list", "table")
        if introduces and line.text.rstrip().endswith(":"):
            problems = [problem for problem in problems if "label" not in problem]
        found.extend(f"{problem}: {line.text!r}" for problem in problems)
    return found


def test_the_check_finds_every_kind_of_unfinished_line(tmp_path: Path) -> None:
    """The detector itself: each line here is a defect a candidate once read, and each is found."""
    bad = (
        "Benefits:",
        "Paid time off: ",
        "Sign-on bonus: $",
        "Bonus: None",
        "Relocation: 0.00",
        "the role in , reporting to .",
        "Position: Engineer, ",
        "a bonus of  per year",
        "support of up to $.",
        "You will be asked to sign the following:",  # … and no list follows
    )
    good = ("All good: $5,000.00.", "Fine: 5.000,00\xa0€")
    letter = make_template(tmp_path / "bad.docx", *bad, *good, "")
    found = defects(letter)
    assert {text for text in (*bad, *good) if any(repr(text) in problem for problem in found)} == set(bad)
    assert found[-1].startswith("a blank paragraph")


# -- offers with every optional term empty ----------------------------------------------------------------------
def _version(offer: Offer) -> OfferVersion:
    return offer.versions[0]


def _component(offer: Offer, kind: ComponentKind, **values: object) -> None:
    version = _version(offer)
    unit = PayUnit.ONCE if kind in (ComponentKind.SIGN_ON, ComponentKind.RELOCATION) else PayUnit.YEAR
    version.components.append(OfferComponent(position=len(version.components), kind=kind, currency=offer.currency,
                                             label=kind.value.replace("_", " ").capitalize(), unit=unit,
                                             **values))  # fmt: skip


def _blank(offer: Offer) -> None:
    """Optional terms present but saying nothing: spaces, zero amounts, amounts never typed, zero counts."""
    version = _version(offer)
    for name in ("title", "level", "department", "reports_to", "location"):
        setattr(version, name, "  ")
    for name in ("benefits_note", "pto_note", "prior_terms", "conversion_terms"):
        setattr(version, name, " \n ")
    version.remote_days, version.probation_months = 0, 0
    version.required_agreements = ["", "  "]
    _component(offer, ComponentKind.BONUS, percent_bp=0)
    _component(offer, ComponentKind.SIGN_ON, amount_minor=0, clawback_months=0)
    _component(offer, ComponentKind.RELOCATION)
    _component(offer, ComponentKind.COMMISSION)
    offer.candidate.last_name, offer.candidate.email, offer.candidate.location = " ", " ", " "


EMPTY: dict[str, Callable[[Offer], None] | None] = {"nothing": None, "blanks": _blank}


@pytest.fixture(scope="module")
def letter_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    opened, _ = open_services(resolve_paths(tmp_path_factory.mktemp("optional") / "data"), seed_demo_data=False)
    yield opened
    opened.close()


def _letter(services: Services, name: str, fill: Callable[[Offer], None] | None, locale: str, folder: Path) -> Path:
    entry = next(item for item in MANIFEST if item["name"] == name)
    currency = "EUR" if locale == "de_DE" else "USD"
    offer_id = make_bare_offer(services, OfferType(entry["offer_type"]), locale, currency, fill)
    docx, _ = services.letters.export(offer_id, name, folder / f"{entry['file']}").value
    return docx


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
@pytest.mark.parametrize("empty", EMPTY)
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_no_label_stands_alone_when_every_optional_term_is_empty(
    letter_services: Services, tmp_path: Path, name: str, empty: str, locale: str
) -> None:
    letter = _letter(letter_services, name, EMPTY[empty], locale, tmp_path)
    assert defects(letter) == [], document_text(letter)


# -- each optional term, filled on its own, shows ---------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    fill: Callable[[Offer], None]
    shows: str  # what the letter says once the term is filled (en_US)
    fields: tuple[str, ...]  # the template fields that print it: a template with none of them leaves it out


def _setting(owner: Callable[[Offer], object], **values: object) -> Callable[[Offer], None]:
    """A fill that sets fields on what `owner` picks from the offer (its version, itself, its candidate)."""

    def fill(offer: Offer) -> None:
        for key, value in values.items():
            setattr(owner(offer), key, value)

    return fill


def _set(**values: object) -> Callable[[Offer], None]:
    return _setting(_version, **values)


def _on_offer(**values: object) -> Callable[[Offer], None]:
    return _setting(lambda offer: offer, **values)


def _on_candidate(**values: object) -> Callable[[Offer], None]:
    return _setting(lambda offer: offer.candidate, **values)


def _add(kind: ComponentKind, **values: object) -> Callable[[Offer], None]:
    return lambda offer: _component(offer, kind, **values)


def _equity(**values: object) -> Callable[[Offer], None]:
    return lambda offer: _version(offer).equity.append(EquityGrant(currency=offer.currency, **values))


def _base_notes(offer: Offer) -> None:
    _version(offer).components[0].notes = "Reviewed every April"


def _check(offer: Offer) -> None:
    offer.contingencies.append(Contingency(kind="background", description="Criminal record check"))


TERMS: dict[str, Term] = {
    "job title": Term(_set(title="Staff Engineer"), "Staff Engineer", ("offer.title",)),
    "level": Term(_set(level="L6"), "L6", ("offer.level",)),
    "department": Term(_set(department="Platform"), "Platform", ("offer.department",)),
    "manager": Term(_set(reports_to="Miriam Okafor"), "Miriam Okafor", ("offer.reports_to",)),
    "place of work": Term(_set(location="Lisbon office"), "Lisbon office", ("offer.location",)),
    "candidate email": Term(_on_candidate(email="zoe@example.com"), "zoe@example.com", ("candidate.email",)),
    "candidate location": Term(_on_candidate(location="Porto"), "Porto", ("candidate.location",)),
    "start date": Term(_set(start_date=date(2027, 2, 1)), "February 1, 2027", ("offer.start_date",)),
    "expiry": Term(_on_offer(expires_on=date(2026, 12, 15)), "December 15, 2026", ("offer.expires_on",)),
    "end date": Term(_set(end_date=date(2027, 7, 31)), "July 31, 2027", ("offer.end_date",)),
    "effective date": Term(_set(effective_date=date(2027, 1, 4)), "January 4, 2027", ("offer.effective_date",)),
    "previous terms": Term(_set(prior_terms="Senior Engineer, L5"), "Senior Engineer, L5", ("offer.prior_terms",)),
    "conversion": Term(
        _set(conversion_terms="Review after 6 months"), "Review after 6 months", ("offer.conversion_terms",)
    ),
    "remote days": Term(_set(remote_days=2), "2 days a week", ("offer.remote_days",)),
    "probation": Term(_set(probation_months=6), "first 6 months", ("offer.probation_months",)),
    "benefits": Term(_set(benefits_note="Health & dental"), "Benefits: Health & dental", ("offer.benefits",)),
    "paid time off": Term(_set(pto_note="28 days"), "Paid time off: 28 days", ("offer.pto",)),
    "agreements": Term(
        _set(required_agreements=["Confidentiality agreement"]), "Confidentiality agreement", ("offer.agreements",)
    ),
    "bonus target": Term(_add(ComponentKind.BONUS, percent_bp=1000), "10% of base salary", ("offer.bonus",)),
    "commission": Term(_add(ComponentKind.COMMISSION, amount_minor=2_000_000), "$20,000.00", ("offer.commission",)),
    "sign-on bonus": Term(_add(ComponentKind.SIGN_ON, amount_minor=500_000), "$5,000.00", ("offer.sign_on",)),
    "sign-on clawback": Term(
        _add(ComponentKind.SIGN_ON, amount_minor=500_000, clawback_months=12),
        "within 12 months",
        ("offer.sign_on_clawback_months",),
    ),
    "relocation": Term(_add(ComponentKind.RELOCATION, amount_minor=800_000), "$8,000.00", ("offer.relocation",)),
    "equity": Term(_equity(kind="rsu", units=1200), "1,200 restricted stock units", ("offer.equity.units",)),
    "equity strike": Term(_equity(kind="option", units=1000, strike_minor=420), "$4.20", ("offer.equity.strike",)),
    "vesting start": Term(
        _equity(kind="rsu", units=10, vesting_start=date(2027, 3, 1)), "March 1, 2027", ("offer.equity.vesting_start",)
    ),
    "equity cliff": Term(_equity(kind="rsu", units=10, cliff_months=9), "9 months", ("offer.equity.cliff_months",)),
    "conditions": Term(_check, "Criminal record check", ("offer.contingencies[].description",)),
    "component notes": Term(_base_notes, "Reviewed every April", ("offer.components[].notes",)),
}


@pytest.mark.parametrize("term", TERMS)
def test_each_optional_paragraph_appears_once_its_term_is_filled(
    letter_services: Services, tmp_path: Path, term: str
) -> None:
    shown_in = []
    for entry in MANIFEST:
        if not set(TERMS[term].fields) & set(check_template(templates_dir() / entry["file"]).fields):
            continue
        letter = _letter(letter_services, entry["name"], TERMS[term].fill, "en_US", tmp_path)
        text = document_text(letter)
        assert TERMS[term].shows in text, f"{entry['name']} leaves out the {term}:\n{text}"
        assert defects(letter) == [], f"{entry['name']} with only the {term}"
        shown_in.append(entry["name"])
    assert shown_in, f"no bundled template prints the {term}"


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_a_letter_with_every_term_filled_reads_finished_too(
    letter_services: Services, tmp_path: Path, name: str
) -> None:
    entry = next(item for item in MANIFEST if item["name"] == name)
    offer_id = make_offer(letter_services, OfferType(entry["offer_type"]), "en_GB", "GBP")
    letter, _ = letter_services.letters.export(offer_id, name, tmp_path / entry["file"]).value
    assert defects(letter) == [], document_text(letter)


# -- the call prep sheet -----------------------------------------------------------------------------------------
def test_the_prep_sheet_of_a_candidate_nobody_knows_anything_about_reads_finished(
    letter_services: Services, tmp_path: Path
) -> None:
    with letter_services.database.transaction() as session:
        candidate = Candidate(first_name="Zoë")
        session.add(candidate)
        session.flush()
        candidate_id = candidate.id
    sheet = letter_services.prep_sheets.export(candidate_id, tmp_path / "prep.docx")
    assert defects(sheet) == [], document_text(sheet)
