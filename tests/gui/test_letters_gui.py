"""Letters from the window: export from the offer editor, preview off the GUI thread, the template library and
the bulk export with progress."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.letters.pdf import find_converter
from offerdesk.letters.text import document_text
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import record_threads, wait_for_panels
from tests.letter_helpers import make_template


def _select(qtbot: QtBot, window: MainWindow, name: str) -> None:
    row = window.candidate_model.row_of(window.services.candidates.search(name)[0].id)
    assert row is not None
    window.candidate_list.table.selectRow(row)
    wait_for_panels(qtbot, window)


def test_export_from_the_offer_editor_writes_and_records_the_letter(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    assert box.template_choice.currentText() == "Written offer"
    prompter.files.append(tmp_path / "olivia-offer.docx")
    box.export_button.click()
    qtbot.waitUntil(lambda: box.history.count() == 1, timeout=10_000)
    text = document_text(tmp_path / "olivia-offer.docx")
    assert "Olivia Carter" in text and "$98,000.00" in text
    assert "Written offer" in box.history.item(0).text()


def test_the_letter_is_planned_in_the_background_and_a_second_click_opens_no_second_dialog(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The offer's values name the file the dialog suggests: they are read off the GUI thread, and a click again
    before the dialog has opened does not ask twice."""
    _select(qtbot, window, "Olivia")
    planned_on: list[int] = []
    record_threads(monkeypatch, window.services.letters, "plan", planned_on)
    box = window.offer_summary.letter_box
    prompter.files.append(tmp_path / "olivia.docx")
    box.export_button.click()
    box.export_button.click()
    qtbot.waitUntil(lambda: box.history.count() == 1, timeout=10_000)
    assert len(prompter.file_dialogs) == 1 and (tmp_path / "olivia.docx").exists()
    assert planned_on and threading.get_ident() not in planned_on


def test_a_letter_that_cannot_be_filled_says_why(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    window.services.settings.set("company.name", "")
    _select(qtbot, window, "Olivia")
    prompter.files.append(tmp_path / "x.docx")
    window.offer_summary.letter_box.export_button.click()
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _, _ in prompter.shown), timeout=10_000)
    [(_, title, text)] = [entry for entry in prompter.shown if entry[0] == "error"]
    assert title == "Letter not written" and "company.name" in text and "not set" in text
    assert not (tmp_path / "x.docx").exists()


def test_preview_shows_the_filled_letter(window: MainWindow, qtbot: QtBot) -> None:
    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    box.preview_button.click()
    qtbot.waitUntil(lambda: getattr(box, "preview_dialog", None) is not None, timeout=60_000)
    dialog = box.preview_dialog
    if find_converter() is None:
        from PySide6.QtWidgets import QTextBrowser

        assert "Olivia Carter" in dialog.findChild(QTextBrowser, "previewText").toPlainText()
    else:
        assert dialog.pdf_document is not None and dialog.pdf_document.pageCount() >= 1
    dialog.close()


def test_template_library_adds_checks_and_sets_defaults(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    window.menu_actions.templates.trigger()
    dialog = window.template_dialog
    good = make_template(tmp_path / "short-offer.docx", "Dear {{ candidate.first_name }}, base {{ offer.base }}.")
    prompter.files.append(good)
    dialog.add_button.click()
    assert "short-offer" in [t.name for t in dialog.model.rows()]
    assert "no problems found" in dialog.report.toPlainText()
    good.unlink()  # the library keeps its own copy
    assert any(t.path.exists() for t in window.services.templates.list() if t.name == "short-offer")
    broken = make_template(tmp_path / "broken.docx", "Dear {{ candidate.frist_name }}")
    prompter.files.append(broken)
    dialog.add_button.click()
    assert "broken" not in [t.name for t in dialog.model.rows()]
    assert "candidate.first_name" in dialog.report.toPlainText()  # the did-you-mean
    dialog.select_name("short-offer")
    dialog.make_default()
    defaults = [t.name for t in window.services.templates.list() if t.is_default and t.offer_type is not None]
    assert "short-offer" in defaults
    dialog.close()


def test_bulk_export_reports_progress_and_result(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    window.menu_actions.batch_export.trigger()
    dialog = window.batch_dialog
    prompter.files.append(tmp_path / "bulk")
    dialog.choose_folder()
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("letter_sent"))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "written to" in dialog.message.text(), timeout=60_000)
    assert dialog.progress.value() == dialog.progress.maximum()
    assert len(list((tmp_path / "bulk").glob("*.docx"))) == 1
    assert dialog.message.text().startswith("1 letter written to")  # one letter, not “1 letters”
    dialog.close()


def test_bulk_export_asks_before_replacing_letters_already_in_the_folder(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "bulk"
    [first] = window.services.letters.export_batch(OfferStatus.LETTER_SENT, folder).value.written
    first.write_bytes(b"edited by hand")
    window.menu_actions.batch_export.trigger()
    dialog = window.batch_dialog
    prompter.files.append(folder)
    dialog.choose_folder()
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("letter_sent"))
    prompter.answer = False
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=60_000)  # the offers are read off the GUI thread
    [(_kind, _title, asked)] = [shown for shown in prompter.shown if shown[0] == "confirm"]
    assert "1 letter" in asked and str(folder) in asked and "replaced" in asked
    assert first.read_bytes() == b"edited by hand" and dialog.message.text() == ""
    prompter.answer = True
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "written to" in dialog.message.text(), timeout=60_000)
    assert first.read_bytes() != b"edited by hand"
    dialog.close()


def test_letter_settings_dialog_saves_what_letters_sign_with(window: MainWindow) -> None:
    window.menu_actions.letter_settings.trigger()
    dialog = window.settings_dialog
    dialog.editors["signatory.title"].setText("Chief People Officer")
    dialog.save()
    assert window.services.settings.all()["signatory.title"] == "Chief People Officer"


def test_exporting_the_second_offers_letter_keeps_the_second_offer_shown(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    candidate_id = window.services.candidates.search("Olivia")[0].id
    editing = OfferEditing(window.services.database, window.services.paths)
    window.bus.publish(editing.create(candidate_id, OfferType.WRITTEN, "USD", "en_US").changes)
    _select(qtbot, window, "Olivia")
    panel = window.offer_summary
    assert panel.offers_model.rowCount() == 2
    panel.offers_view.selectRow(1)
    wait_for_panels(qtbot, window)
    second = panel.offers_model.rows()[1].id
    assert panel.current_offer_id() == second
    prompter.files.append(tmp_path / "second.docx")
    panel.letter_box.export_button.click()
    qtbot.waitUntil(lambda: panel.letter_box.history.count() == 1, timeout=10_000)
    assert (tmp_path / "second.docx").exists()
    assert panel.current_offer_id() == second
    assert [row.id for row in panel.offers_model.rows()].index(second) == panel.offers_view.currentIndex().row()


def test_the_pdf_export_dialog_offers_a_pdf_and_suggests_a_pdf_name(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    _select(qtbot, window, "Olivia")
    window.offer_summary.letter_box.pdf_button.click()  # the recorder cancels: nothing is written
    qtbot.waitUntil(lambda: len(prompter.file_dialogs) == 1)  # once the offer's plan is read, in the background
    shown = prompter.file_dialogs[-1]
    assert shown.file_filter == "PDF document (*.pdf)"
    assert shown.start.suffix == ".pdf" and shown.start.name.startswith("Olivia Carter")
    window.offer_summary.letter_box.export_button.click()
    qtbot.waitUntil(lambda: len(prompter.file_dialogs) == 2)
    assert prompter.file_dialogs[-1].file_filter == "Word document (*.docx)"
    assert prompter.file_dialogs[-1].start.suffix == ".docx"


def test_the_letter_dialog_starts_in_documents_then_in_the_folder_last_chosen(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    from offerdesk.ui.dialogs.prompter import documents_folder

    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    chosen = tmp_path / "sent letters"
    chosen.mkdir()
    prompter.files.append(chosen / "olivia.docx")
    box.export_button.click()
    qtbot.waitUntil(lambda: box.history.count() == 1, timeout=10_000)
    assert prompter.file_dialogs[-1].start.parent == documents_folder()
    box.pdf_button.click()
    qtbot.waitUntil(lambda: len(prompter.file_dialogs) == 2)
    assert prompter.file_dialogs[-1].start.parent == chosen
    assert prompter.file_dialogs[-1].purpose == "letters"


def test_a_saved_line_belongs_to_its_offer_and_goes_when_another_candidate_is_shown(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    prompter.files.append(tmp_path / "olivia.docx")
    box.export_button.click()
    qtbot.waitUntil(lambda: "Saved" in box.status.text(), timeout=10_000)
    assert "olivia.docx" in box.status.text()
    _select(qtbot, window, "Aisha")
    assert "Saved" not in box.status.text()
    _select(qtbot, window, "Olivia")
    assert "Saved" not in box.status.text()  # the list of letters sent says it; the line was about that moment


def test_a_letter_finished_after_moving_on_is_not_reported_under_the_next_candidate(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    prompter.files.append(tmp_path / "olivia.docx")
    with qtbot.waitSignal(window.bus.changed, timeout=10_000):
        box.export_button.click()
        _select(qtbot, window, "Aisha")  # before the letter is written
        assert box.status.text() == ""
    assert (tmp_path / "olivia.docx").exists()
    assert "olivia" not in box.status.text() and "Writing" not in box.status.text()
