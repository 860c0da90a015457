"""Adopting a recruiter's own mail-merge letter from the template library: the mapping screen, its live preview,
and the adopted template writing a real offer's letter through the normal export."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from pytestqt.qtbot import QtBot

from offerdesk.letters.adopt.model import ChoiceKind
from offerdesk.letters.text import document_text
from offerdesk.ui.dialogs.adopt_template import FIXED_TEXT, LEAVE_EMPTY, AdoptTemplateDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.models.mapping_table import MappingModel, picture_kind, still_to_map
from tests.letter_helpers import make_template

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _field(name: str, switches: str = "") -> str:
    """A complex MERGEFIELD as Word writes it: begin, instruction, separate, «Name» shown, end."""
    instruction = f" MERGEFIELD {name} {switches}".rstrip() + " "
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>«{name}»</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _text(value: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{value}</w:t></w:r>'


def mail_merge_letter(path: Path, *paragraphs: list[str]) -> Path:
    """A Word mail merge: each paragraph a list of plain text and "@Name" / "@Name|switches" merge fields."""
    body = ""
    for pieces in paragraphs:
        runs = ""
        for piece in pieces:
            if piece.startswith("@"):
                name, _, switches = piece[1:].partition("|")
                runs += _field(name, switches.replace('"', "&quot;"))
            else:
                runs += _text(piece)
        body += f"<w:p>{runs}</w:p>"
    Document().save(str(path))
    with zipfile.ZipFile(path) as original:
        members = [(info, original.read(info)) for info in original.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for info, data in members:
            if info.filename == "word/document.xml":
                xml = data.decode()
                xml = re.sub(r"<w:body>.*?(<w:sectPr)", lambda m: f"<w:body>{body}{m.group(1)}", xml, flags=re.S)
                data = xml.encode()
            copy.writestr(info, data)
    return path


def offer_letter(tmp_path: Path) -> Path:
    return mail_merge_letter(
        tmp_path / "Acme offer.docx",
        ["Dear ", "@FirstName", " ", "@LastName", ","],
        ["We are pleased to offer you the position of ", "@JobTitle", "."],
        ["Your annual salary will be ", "@Salary", "."],
        ["Your office dog will be ", "@OfficeDog", ". ", "@Gender"],
    )


def _open_adoption(window: MainWindow, prompter: RecordingPrompter, source: Path) -> AdoptTemplateDialog:
    window.menu_actions.templates.trigger()
    prompter.files.append(source)
    window.template_dialog.adopt_button.click()
    dialog = window.template_dialog.adopt_dialog
    assert isinstance(dialog, AdoptTemplateDialog)
    return dialog


def _pick(dialog: AdoptTemplateDialog, written: str, data: object) -> None:
    combo = dialog.choice_combos[dialog.row_of(written)]
    index = 0 if data is None else combo.findData(data)  # row 0: "— choose —", nothing chosen
    assert index >= 0, f"{data} is not offered for {written}"
    combo.setCurrentIndex(index)


def test_a_mail_merge_letter_is_mapped_adopted_and_writes_an_offers_letter(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _open_adoption(window, prompter, offer_letter(tmp_path))
    written = [placeholder.written for placeholder in dialog.model.placeholders()]
    assert written == ["«FirstName»", "«LastName»", "«JobTitle»", "«Salary»", "«OfficeDog»", "«Gender»"]
    first = dialog.model.choice(dialog.row_of("«FirstName»"))
    assert first is not None and first.value == "candidate.first_name" and not first.confirmed
    assert dialog.model.state(dialog.row_of("«FirstName»")) == "suggested"
    assert dialog.choice_combos[0].currentText().startswith("Candidate's first name")

    _pick(dialog, "«LastName»", ("field", "candidate.last_name"))
    _pick(dialog, "«JobTitle»", ("field", "offer.title"))
    _pick(dialog, "«Salary»", ("field", "offer.base"))
    prompter.texts.append("Biscuit")
    _pick(dialog, "«OfficeDog»", FIXED_TEXT)
    _pick(dialog, "«Gender»", ("field", "candidate.email"))  # changed once more below
    _pick(dialog, "«Gender»", LEAVE_EMPTY)
    assert dialog.model.choice(dialog.row_of("«OfficeDog»")).kind is ChoiceKind.TEXT  # type: ignore[union-attr]
    assert dialog.model.state(dialog.row_of("«Salary»")) == "confirmed"
    dialog.confirm_button.click()
    assert all(dialog.model.state(row) == "confirmed" for row in range(dialog.model.rowCount()))
    assert dialog.adopt_button.isEnabled() and dialog.left.text() == ""

    qtbot.waitUntil(lambda: dialog.preview_shown in ("image", "text"), timeout=60_000)
    if dialog.preview_shown == "text":
        assert "Biscuit" in dialog.preview_text.toPlainText()

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
    assert "Dear Olivia Carter," in text and "$98,000.00" in text and "Biscuit" in text
    assert "«" not in text and "»" not in text and "MERGEFIELD" not in text


def test_an_unmapped_placeholder_keeps_adopt_disabled_and_says_which(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    dialog = _open_adoption(window, prompter, offer_letter(tmp_path))
    for written, field in (("«FirstName»", "candidate.first_name"), ("«LastName»", "candidate.last_name"),
                           ("«JobTitle»", "offer.title"), ("«Salary»", "offer.base")):  # fmt: skip
        _pick(dialog, written, ("field", field))
    _pick(dialog, "«OfficeDog»", None)
    _pick(dialog, "«Gender»", None)
    assert not dialog.adopt_button.isEnabled()
    assert dialog.left.text() == "2 placeholders still need a field: «OfficeDog», «Gender»."
    assert dialog.model.state(dialog.row_of("«Gender»")) == "unmapped"
    prompter.texts.append(None)  # "Fixed text…" cancelled: the row stays unmapped
    _pick(dialog, "«Gender»", FIXED_TEXT)
    assert dialog.model.state(dialog.row_of("«Gender»")) == "unmapped"
    _pick(dialog, "«OfficeDog»", LEAVE_EMPTY)
    assert dialog.left.text() == "1 placeholder still needs a field: «Gender»."
    dialog.close()


def test_a_file_without_placeholders_shows_the_answer_and_only_close(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    plain = make_template(tmp_path / "plain.docx", "Dear candidate, welcome aboard.")
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
    from offerdesk.letters.adopt.model import Choice
    from offerdesk.letters.docx_file import read_package

    placeholders = find_placeholders(read_package(offer_letter(tmp_path)))
    model = MappingModel()
    model.set_draft(placeholders, {placeholders[0].id: Choice(ChoiceKind.FIELD, "candidate.first_name")})
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.counts() == "6 placeholders: 1 suggested, 5 unmapped"
    assert still_to_map(placeholders[-2:]) == "2 placeholders still need a field: «OfficeDog», «Gender»"
    assert picture_kind("offer.start_date") == "date" and picture_kind("offer.base") == "amount"
    assert picture_kind("offer.start_date_iso") == "" and picture_kind("candidate.first_name") == ""
