"""Suggesting a field for a recruiter's own placeholder, and the text the prepared copy puts in its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.letters.adopt import find_placeholders, rewrite_package
from offerdesk.letters.adopt.field_synonyms import SYNONYMS
from offerdesk.letters.adopt.key_words import NOT_OFFER_DATA
from offerdesk.letters.adopt.mapping import THRESHOLD, expression, normalise, suggest, suggested_choice
from offerdesk.letters.adopt.model import Choice, ChoiceKind, Placeholder, PlaceholderKind
from offerdesk.letters.check import check_template
from offerdesk.letters.docx_file import read_package
from offerdesk.letters.fields import FIELD_NAMES
from offerdesk.letters.render import PreparedTemplate
from offerdesk.letters.word_pictures import format_word_date, format_word_number, word_picture_kind
from tests.letter_helpers import letter_text, make_template


def placeholder(key: str, kind: PlaceholderKind = PlaceholderKind.MERGEFIELD, picture: str = "") -> Placeholder:
    return Placeholder(kind, key, key, ("word/document.xml",), 1, picture)


def chosen(key: str, picture: str = "") -> str | None:
    choice = suggested_choice(placeholder(key, picture=picture))
    return choice.value if choice is not None else None


# -- the synonym table -----------------------------------------------------------------------------------------
def test_every_synonym_names_a_real_catalogue_field() -> None:
    assert {entry.field for entry in SYNONYMS} <= FIELD_NAMES


def test_no_phrase_means_two_fields_or_is_also_not_offer_data() -> None:
    seen: dict[str, str] = {}
    for entry in SYNONYMS:
        for phrases in entry.words.values():
            for phrase in phrases:
                assert seen.setdefault(phrase, entry.field) == entry.field, phrase
                assert phrase == normalise(phrase), phrase  # written as a key is read
    assert not set(seen) & set(NOT_OFFER_DATA)


# -- reading keys ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("FirstName", "first name"),
        ("JobTitle", "job title"),
        ("HTMLTitle", "html title"),
        ("first_name", "first name"),
        ("start-date", "start date"),
        ("Date1", "date"),
        ("Insert Address", "address"),
        ("enter name here", "name"),
        ("Prénom", "prenom"),
        ("Straße", "strasse"),
        ("p summarize(leader)", "leader"),
        ("today()", "today"),
    ],
)
def test_keys_are_read_as_plain_words(key: str, words: str) -> None:
    assert normalise(key) == words


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("FirstName", "candidate.first_name"),
        ("LastName", "candidate.last_name"),
        ("Surname", "candidate.last_name"),
        ("JobTitle", "offer.title"),
        ("employee.name", "candidate.full_name"),
        ("candidate.first_name", "candidate.first_name"),
        ("Candidate Name", "candidate.full_name"),
        ("Agent_Email", "candidate.email"),
        ("Date1", "letter.date"),
        ("Todays_Date", "letter.date"),
        ("Date_of_Joining", "offer.start_date"),
        ("annual_salary", "offer.base_per_year"),
        ("CTC", "offer.base_per_year"),
        ("hourly rate", "offer.base"),
        ("Sign-On Bonus", "offer.sign_on"),
        ("stock options", "offer.equity.units"),
        ("Hiring Manager", "role.hiring_manager"),
        ("Reports To", "offer.reports_to"),
        ("work_location", "offer.location"),
        ("Company Name", "company.name"),
        ("respond_by", "offer.expires_on"),
        ("probation period", "offer.probation_months"),
        ("employment_type", "offer.employment_type"),
        ("Insert Address", "candidate.location"),
        ("SITE LOCATION", "offer.location"),
        ("Commencement_Dat", "offer.start_date"),
        # Word cut these names at 40 characters, in the middle of the last word
        ("Please_enter_the_candidates_annual_salar", "offer.base_per_year"),
        ("Employment_start_date_of_the_new_employe", "offer.start_date"),
    ],
)
def test_english_keys_and_their_spellings(key: str, field: str) -> None:
    assert chosen(key) == field


@pytest.mark.parametrize(
    ("key", "field", "language"),
    [
        ("Vorname", "candidate.first_name", "German"),
        ("Nachname", "candidate.last_name", "German"),
        ("Gehalt", "offer.base", "German"),
        ("Eintrittsdatum", "offer.start_date", "German"),
        ("Stelle", "offer.title", "German"),
        ("Vorgesetzter", "offer.reports_to", "German"),
        ("Prénom", "candidate.first_name", "French"),
        ("nom", "candidate.last_name", "French"),
        ("Salaire", "offer.base", "French"),
        ("date de début", "offer.start_date", "French"),
        ("poste", "offer.title", "French"),
        ("nombre", "candidate.first_name", "Spanish"),
        ("apellido", "candidate.last_name", "Spanish"),
        ("salario", "offer.base", "Spanish"),
        ("fecha_de_inicio", "offer.start_date", "Spanish"),
        ("puesto", "offer.title", "Spanish"),
        ("cargo", "offer.title", "Spanish"),
        ("voornaam", "candidate.first_name", "Dutch"),
        ("achternaam", "candidate.last_name", "Dutch"),
        ("salaris", "offer.base", "Dutch"),
        ("begindatum", "offer.start_date", "Dutch"),
        ("functie", "offer.title", "Dutch"),
        ("adres", "candidate.location", "Dutch"),
        ("woonplaats", "candidate.location", "Dutch"),
    ],
)
def test_other_languages_say_which_language_they_are(key: str, field: str, language: str) -> None:
    top = suggest(placeholder(key))[0]
    assert (top.field, top.score) == (field, 100.0)
    assert top.reason.startswith(language)


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("Frist Name", "candidate.first_name"),
        ("Salery", "offer.base"),
        ("Gehallt", "offer.base"),
        ("Job Titel", "offer.title"),
        ("Strat Date", "offer.start_date"),
    ],
)
def test_typos_are_still_suggested_and_say_what_they_are_close_to(key: str, field: str) -> None:
    top = suggest(placeholder(key))[0]
    assert top.field == field and top.score >= THRESHOLD
    assert top.reason.startswith("close to")


@pytest.mark.parametrize(
    "key",
    [
        "Gender",
        "Geschlecht",
        "InvoiceNumber",
        "Invoice_No",
        "Total",
        "SubTotal",
        "Qty",
        "UPrice",
        "BillingName",
        "Anrede",
        "Salutation",
        "Mr/Ms",
        "Aanhef",
        "Phone",
        "Telefon",
        "ZipCode",
        "Customer Name",
        "Order Date",
        "Provincie",
    ],
)
def test_keys_that_are_not_offer_data_get_no_suggestion(key: str) -> None:
    assert suggest(placeholder(key)) == []
    assert suggested_choice(placeholder(key)) is None


@pytest.mark.parametrize("key", ["Process", "domain", "summ", "company_work_inn", "END-IF", "frobnicate", "class_name"])
def test_keys_nothing_resembles_stay_unmapped(key: str) -> None:
    assert suggested_choice(placeholder(key)) is None
    assert all(item.score < THRESHOLD for item in suggest(placeholder(key)))


def test_suggestions_are_ranked_and_limited() -> None:
    found = suggest(placeholder("Start Date"), limit=3)
    assert len(found) == 3 and found[0].field == "offer.start_date"
    assert [item.score for item in found] == sorted((item.score for item in found), reverse=True)
    assert len({item.field for item in found}) == 3


def test_the_suggested_choice_is_unconfirmed_and_keeps_a_picture_that_fits() -> None:
    dated = suggested_choice(placeholder("StartDate", picture="d MMMM yyyy"))
    assert dated == Choice(ChoiceKind.FIELD, "offer.start_date", picture="d MMMM yyyy", confirmed=False)
    named = suggested_choice(placeholder("FirstName", picture="d MMMM yyyy"))
    assert named is not None and named.picture == ""  # a date picture on a name means nothing


# -- the prepared copy's text ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("choice", "text"),
    [
        (Choice(ChoiceKind.FIELD, "candidate.first_name"), "{{ candidate.first_name }}"),
        (
            Choice(ChoiceKind.FIELD, "offer.start_date", picture="d MMMM yyyy"),
            "{{ offer.start_date_iso | word_date('d MMMM yyyy') }}",
        ),
        (
            Choice(ChoiceKind.FIELD, "letter.date", picture="dd.MM.yyyy"),
            "{{ letter.date_iso | word_date('dd.MM.yyyy') }}",
        ),
        (
            Choice(ChoiceKind.FIELD, "offer.base", picture="#,##0.00"),
            "{{ offer.base_amount | word_number('#,##0.00') }}",
        ),
        (
            Choice(ChoiceKind.FIELD, "offer.sign_on_clawback_months", picture="0"),
            "{{ offer.sign_on_clawback_months | word_number('0') }}",
        ),
        (
            Choice(ChoiceKind.FIELD, "offer.base_per_year", picture="#,##0"),
            "{{ offer.base_per_year_minor | word_number('#,##0', currency=offer.currency) }}",
        ),
        # a picture that cannot be read, or one of the wrong kind: the field's own formatted value
        (Choice(ChoiceKind.FIELD, "offer.start_date", picture="h:mm am/pm"), "{{ offer.start_date }}"),
        (Choice(ChoiceKind.FIELD, "offer.start_date", picture="#,##0"), "{{ offer.start_date }}"),
        (Choice(ChoiceKind.FIELD, "offer.end_date", picture="d MMMM yyyy"), "{{ offer.end_date }}"),
        (Choice(ChoiceKind.EMPTY), ""),
        (Choice(ChoiceKind.TEXT, ""), ""),
        (Choice(ChoiceKind.TEXT, "Berlin"), "{{ 'Berlin' }}"),
    ],
)
def test_expression_texts(choice: Choice, text: str) -> None:
    assert expression(choice) == text


def test_an_unknown_field_is_refused_in_a_sentence() -> None:
    with pytest.raises(ValueError, match="not an OfferDesk field"):
        expression(Choice(ChoiceKind.FIELD, "candidate.__class__"))


def _prepared_copy(tmp_path: Path, texts: dict[str, str]) -> Path:
    original = make_template(tmp_path / "own.docx", "Note: [Note] / Start: [Start] / Pay: [Pay]")
    package = read_package(original)
    ids = {item.key: item.id for item in find_placeholders(package)}
    prepared = tmp_path / "prepared.docx"
    prepared.write_bytes(rewrite_package(package, {ids[key]: text for key, text in texts.items()}))
    return prepared


@pytest.mark.parametrize(
    "fixed",
    ['Tom & Jerry\'s "Ltd" <b>', "back\\slash {{ x }} {% if %} [Note]", "Überstunden – 1½ € ’quoted’ “too”", "a\nb"],
)
def test_a_fixed_text_renders_exactly_as_typed(tmp_path: Path, fixed: str) -> None:
    prepared = _prepared_copy(
        tmp_path,
        {"Note": expression(Choice(ChoiceKind.TEXT, fixed)), "Start": "", "Pay": expression(Choice(ChoiceKind.EMPTY))},
    )
    text = letter_text(PreparedTemplate(prepared).render_to({}, tmp_path / "letter.docx"))
    expected = fixed.replace("\n", "") if "\n" in fixed else fixed
    assert text.replace("\n", "").strip() == f"Note: {expected} / Start:  / Pay:".replace("\n", "")


def test_a_prepared_copy_with_pictures_and_fixed_text_passes_the_template_check(tmp_path: Path) -> None:
    start = Choice(ChoiceKind.FIELD, "offer.start_date", picture="d MMMM yyyy")
    pay = Choice(ChoiceKind.FIELD, "offer.base_per_year", picture="#,##0")
    note = Choice(ChoiceKind.TEXT, "R&D ‘core’ team")
    texts = {"Note": expression(note), "Start": expression(start), "Pay": expression(pay)}
    report = check_template(_prepared_copy(tmp_path, texts))
    assert report.problems == ()
    assert {"offer.start_date_iso", "offer.base_per_year_minor", "offer.currency"} <= set(report.fields)


def test_pictures_render_in_the_letters_locale(tmp_path: Path) -> None:
    start = Choice(ChoiceKind.FIELD, "offer.start_date", picture="d. MMMM yyyy")
    pay = Choice(ChoiceKind.FIELD, "offer.base", picture="#,##0.00 €")
    prepared = _prepared_copy(tmp_path, {"Note": "", "Start": expression(start), "Pay": expression(pay)})
    values = {
        "letter": {"locale": "de_DE"},
        "offer": {"start_date_iso": "2027-02-01", "start_date": "1. Februar 2027", "base_amount": "90000.00"},
    }
    text = letter_text(PreparedTemplate(prepared).render_to(values, tmp_path / "letter.docx"))
    assert "Start: 1. Februar 2027 / Pay: 90.000,00 €" in text


# -- the filters -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("picture", "locale", "text"),
    [
        ("d MMMM yyyy", "en_GB", "1 February 2027"),
        ("dd.MM.yyyy", "de_DE", "01.02.2027"),
        ("d. MMMM yyyy", "de_DE", "1. Februar 2027"),
        ("dddd d MMMM yyyy", "fr_FR", "lundi 1 février 2027"),
        ("ddd, MMM d, yy", "en_US", "Mon, Feb 1, 27"),
        ("d 'de' MMMM 'de' yyyy", "es_ES", "1 de febrero de 2027"),
        ("M/d/yyyy", "en_US", "2/1/2027"),
        ("h:mm", "en_GB", "2027-02-01"),  # a time picture is not read: the date as it is, never an error
    ],
)
def test_word_date(picture: str, locale: str, text: str) -> None:
    assert format_word_date("2027-02-01", picture, locale) == text


def test_word_date_with_a_value_that_is_no_date_gives_it_back() -> None:
    assert format_word_date("next Monday", "d MMMM yyyy") == "next Monday"


@pytest.mark.parametrize(
    ("value", "picture", "locale", "currency", "text"),
    [
        ("90000.00", "#,##0.00", "en_GB", None, "90,000.00"),
        ("90000.00", "#,##0.00", "de_DE", None, "90.000,00"),
        ("90000.5", "#,##0", "en_US", None, "90,000"),
        ("90000", "$#,##0.00", "en_US", None, "$90,000.00"),
        ("7.5", "0%", "en_GB", None, "8%"),  # Word prints the number and a sign; it does not multiply
        ("6000000", "#,##0.00", "en_GB", "EUR", "60,000.00"),
        ("6000000", "#,##0", "ja_JP", "JPY", "6,000,000"),
        ("37.5", "0.0", "fr_FR", None, "37,5"),
        ("90000", "x##;(#)", "en_GB", None, "90000"),  # not read: the value as it is
        ("n/a", "#,##0", "en_GB", None, "n/a"),
    ],
)
def test_word_number(value: str, picture: str, locale: str, currency: str | None, text: str) -> None:
    assert format_word_number(value, picture, locale, currency) == text


@pytest.mark.parametrize(
    ("picture", "kind"),
    [
        ("d MMMM yyyy", "date"),
        ("dd/MM/yy", "date"),
        ("#,##0.00", "number"),
        ("$#,##0", "number"),
        ("0", "number"),
        ("", ""),
        ("h:mm am/pm", ""),
        ("#,##0;(#,##0)", ""),
        ("'open", ""),
    ],
)
def test_word_picture_kind(picture: str, kind: str) -> None:
    assert word_picture_kind(picture) == kind
