"""Adopting a recruiter's own mail-merge letter from the template library: the mapping screen, its live preview,
and the adopted template writing a real offer's letter through the normal export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from offerdesk.letters.adopt.model import Choice, ChoiceKind, Placeholder, PlaceholderKind
from offerdesk.letters.text import document_text
from offerdesk.ui.dialogs.adopt_template import FIXED_TEXT, LEAVE_EMPTY, AdoptTemplateDialog, field_data
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.models.mapping_table import MappingModel, picture_kind, still_to_map, where
from tests.adopt_helpers import make_mergefield_letter, make_plain_letter
from tests.gui.adoption_steps import open_adoption as _open_adoption
from tests.gui.panel_loads import wait_for_panels


def offer_letter(tmp_path: Path) -> Path:
    """Dear «FirstName» «LastName», … «JobTitle» … «StartDate» … «Company»: Word merge fields, complex and simple."""
    return make_mergefield_letter(tmp_path / "Acme offer.docx")


def _pick(dialog: AdoptTemplateDialog, written: str, data: object) -> None:
    combo = dialog.choice_combos[dialog.row_of(written)]
    index = 0 if data is None else combo.findData(data)  # row 0: "— choose —", nothing chosen
    assert index >= 0, f"{data} is not offered for {written}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what a click on the item adds, even when it was already shown


def test_a_mail_merge_letter_is_mapped_adopted_and_writes_an_offers_letter(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path, seeded_on: date
) -> None:
    dialog = _open_adoption(window, prompter, offer_letter(tmp_path))
    written = [placeholder.written for placeholder in dialog.model.placeholders()]
    assert sorted(written) == ["«Company»", "«FirstName»", "«JobTitle»", "«LastName»", "«StartDate»"]
    first = dialog.model.choice(dialog.row_of("«FirstName»"))
    assert first is not None and first.value == "candidate.first_name" and not first.confirmed
    assert dialog.model.state(dialog.row_of("«FirstName»")) == "suggested"
    assert dialog.choice_combos[dialog.row_of("«FirstName»")].currentText().startswith("Candidate's first name")
    assert (
        "2 times" in dialog.model.index(dialog.row_of("«FirstName»"), 1).data()
    )  # «FirstName» opens and signs the letter

    _pick(dialog, "«LastName»", field_data("candidate.email"))
    _pick(dialog, "«LastName»", field_data("candidate.last_name"))
    _pick(dialog, "«JobTitle»", field_data("offer.title"))
    prompter.texts.append("Acme Robotics")
    _pick(dialog, "«Company»", FIXED_TEXT)
    assert dialog.model.choice(dialog.row_of("«Company»")) == Choice(ChoiceKind.TEXT, "Acme Robotics", confirmed=True)
    assert dialog.model.state(dialog.row_of("«JobTitle»")) == "confirmed"
    dialog.confirm_button.click()
    assert all(dialog.model.state(row) == "confirmed" for row in range(dialog.model.rowCount()))
    start = dialog.row_of("«StartDate»")
    assert dialog.model.choice(start).value == "offer.start_date"  # type: ignore[union-attr]
    pictures = dialog.format_combos[start]
    assert pictures.isEnabled() and pictures.findText("d MMMM yyyy") >= 0
    pictures.setCurrentText("d MMMM yyyy")
    assert dialog.model.choice(start).picture == "d MMMM yyyy"  # type: ignore[union-attr]
    assert not dialog.format_combos[dialog.row_of("«FirstName»")].isEnabled()  # a name has no format
    assert dialog.adopt_button.isEnabled() and dialog.left.text() == ""

    qtbot.waitUntil(lambda: dialog.preview.shown in ("image", "text"), timeout=60_000)
    if dialog.preview.shown == "text":  # no PDF converter on this computer
        assert "Acme Robotics" in dialog.preview.text.toPlainText()
    else:
        assert not dialog.preview.image.pixmap().isNull()

    dialog.name_edit.setText("Acme offer")
    dialog.adopt_button.click()
    library = window.template_dialog
    assert "Acme offer" in [template.name for template in library.model.rows()]
    assert "Added “Acme offer”" in library.status.text()
    assert not dialog.isVisible()

    offer_id = window.services.offers.latest_id(window.services.candidates.search("Olivia")[0].id)
    assert offer_id is not None
    target = tmp_path / "letters" / "olivia.docx"
    target.parent.mkdir()
    window.services.letters.export(offer_id, "Acme offer", target)
    text = document_text(target)
    assert "Dear Olivia Carter," in text and "Account Executive" in text and "Acme Robotics" in text
    starts = seeded_on + timedelta(days=44)  # Olivia's start: 30 days to sign and her 14 days of notice
    assert f"You start on {starts.day} {starts:%B} {starts.year}" in text
    assert "«" not in text and "»" not in text and "MERGEFIELD" not in text


def test_an_unmapped_placeholder_keeps_adopt_disabled_and_says_which(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path, qtbot: QtBot
) -> None:
    olivia = window.services.candidates.search("Olivia")[0].id
    row = window.candidate_model.row_of(olivia)
    assert row is not None
    window.candidate_list.table.selectRow(row)
    wait_for_panels(qtbot, window)  # her offer is shown
    dialog = _open_adoption(window, prompter, offer_letter(tmp_path))
    assert dialog.preview.offer_choice.currentData() == window.services.offers.latest_id(olivia)  # the one shown
    _pick(dialog, "«StartDate»", None)
    _pick(dialog, "«Company»", None)
    assert not dialog.adopt_button.isEnabled()
    assert dialog.left.text() == "2 placeholders still need a field: «StartDate», «Company»."
    assert dialog.model.state(dialog.row_of("«Company»")) == "unmapped"
    prompter.texts.append(None)  # "Fixed text…" cancelled: the row stays unmapped
    _pick(dialog, "«Company»", FIXED_TEXT)
    assert dialog.model.state(dialog.row_of("«Company»")) == "unmapped"
    _pick(dialog, "«StartDate»", LEAVE_EMPTY)
    assert dialog.left.text() == "1 placeholder still needs a field: «Company»."
    for written, field in (("«FirstName»", "candidate.first_name"), ("«LastName»", "candidate.last_name"),
                           ("«JobTitle»", "offer.title"), ("«Company»", "company.name")):  # fmt: skip
        _pick(dialog, written, field_data(field))
    assert dialog.adopt_button.isEnabled() and dialog.left.text() == ""
    dialog.close()


def test_a_file_without_placeholders_shows_the_answer_and_only_close(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    plain = make_plain_letter(tmp_path / "plain.docx")
    dialog = _open_adoption(window, prompter, plain)
    assert dialog.draft.answer and dialog.answer.text() == dialog.draft.answer
    assert not dialog.adopt_button.isVisible()
    dialog.close()


def test_adding_a_mail_merge_letter_offers_to_adopt_it(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    window.menu_actions.templates.trigger()
    prompter.files.append(offer_letter(tmp_path))
    prompter.actions.append("Adopt it instead")
    window.template_dialog.add_button.click()
    asked = [text for kind, _title, text in prompter.shown if kind == "ask_action"]
    assert asked and "Adopt it instead?" in asked[0]
    assert isinstance(window.template_dialog.adopt_dialog, AdoptTemplateDialog)
    window.template_dialog.adopt_dialog.close()


def test_the_mapping_model_passes_the_model_tester(qtmodeltester: object, tmp_path: Path) -> None:
    from offerdesk.letters.adopt import find_placeholders
    from offerdesk.letters.docx_file import read_package

    placeholders = find_placeholders(read_package(offer_letter(tmp_path)))
    model = MappingModel()
    model.set_draft(placeholders, {placeholders[0].id: Choice(ChoiceKind.FIELD, "candidate.first_name")})
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.counts() == "5 placeholders: 1 suggested, 4 unmapped"
    left = [
        Placeholder(PlaceholderKind.MERGEFIELD, "Gender", "«Gender»", ("word/document.xml",), 1),
        Placeholder(PlaceholderKind.BRACKETS, "Bonus", "[Bonus]", ("word/header1.xml",), 2, note="in a table"),
    ]
    assert still_to_map(left) == "2 placeholders still need a field: «Gender», [Bonus]"
    assert where(left[1]) == "header · 2 times · in a table"
    assert picture_kind("offer.start_date") == "date" and picture_kind("offer.base") == "amount"
    assert picture_kind("offer.start_date_iso") == "" and picture_kind("candidate.first_name") == ""


def test_an_adopted_templates_mapping_is_edited_and_the_letter_follows(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    adoption = window.services.template_adoption
    source = offer_letter(tmp_path)
    choices = dict(adoption.inspect(source).choices) | {
        "mergefield:Company": Choice(ChoiceKind.TEXT, "Acme Robotics", confirmed=True)
    }
    adoption.adopt(source, "Acme offer", choices)
    window.menu_actions.templates.trigger()
    library = window.template_dialog
    library.select_name("Written offer")
    assert not library.mapping_button.isEnabled()  # added as it was: nothing to map
    library.select_name("Acme offer")
    assert library.mapping_button.isEnabled()
    library.mapping_button.click()
    dialog = library.adopt_dialog
    assert dialog.windowTitle() == "Edit mapping — Acme offer" and dialog.adopt_button.text() == "Save mapping"
    assert dialog.model.choice(dialog.row_of("«Company»")) == choices["mergefield:Company"]
    prompter.texts.append("Acme Robotics GmbH")
    _pick(dialog, "«Company»", FIXED_TEXT)
    dialog.adopt_button.click()
    assert "Mapping of “Acme offer” saved" in library.status.text()
    offer_id = window.services.offers.latest_id(window.services.candidates.search("Olivia")[0].id)
    assert offer_id is not None
    docx, _pdf = window.services.letters.export(offer_id, "Acme offer", tmp_path / "out" / "letter.docx").value
    assert "Acme Robotics GmbH" in document_text(docx)
