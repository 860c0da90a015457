"""Email the letter from the offer editor: the draft lands in the letters folder, the mail client is asked to open
it, and the letter history says it was prepared for email; the email text is edited with a preview."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.ui import panels
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import wait_for_panels


def _select(qtbot: QtBot, window: MainWindow, name: str) -> None:
    row = window.candidate_model.row_of(window.services.candidates.search(name)[0].id)
    assert row is not None
    window.candidate_list.table.selectRow(row)
    wait_for_panels(qtbot, window)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The drafts handed to the desktop's mail client (the one call that leaves the app, stubbed here)."""
    handed: list[Path] = []

    def open_in_mail_client(draft: Path) -> bool:
        handed.append(draft)
        return True

    monkeypatch.setattr(panels.letter_box, "open_in_mail_client", open_in_mail_client)
    return handed


def test_email_the_letter_writes_the_draft_opens_it_and_records_it(
    window: MainWindow, qtbot: QtBot, opened: list[Path]
) -> None:
    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    assert box.email_button.isEnabled()
    box.email_button.click()
    qtbot.waitUntil(lambda: box.history.count() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    [draft] = opened
    assert draft.parent == window.services.paths.exports_dir and draft.suffix == ".eml"
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1" and "olivia.carter@" in message["To"]
    [attachment] = message.iter_attachments()
    assert attachment.get_content() == draft.with_suffix(".docx").read_bytes()
    assert "prepared for email to olivia.carter@" in box.history.item(0).text()
    assert "Prepared for email to olivia.carter@" in box.status.text()


def test_a_second_email_does_not_replace_the_first_draft(window: MainWindow, qtbot: QtBot, opened: list[Path]) -> None:
    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    box.email_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    box.email_button.click()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10_000)
    assert opened[0] != opened[1] and all(path.exists() for path in opened)


def test_a_broken_email_text_is_refused_with_the_field_named(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, opened: list[Path]
) -> None:
    window.services.settings.set("email.body", "Hi {{ candidate.nickname }}")
    _select(qtbot, window, "Olivia")
    window.offer_summary.letter_box.email_button.click()
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _, _ in prompter.shown), timeout=10_000)
    [(_, title, text)] = [entry for entry in prompter.shown if entry[0] == "error"]
    assert title == "Email not prepared" and "candidate.nickname" in text
    assert not opened and not list(window.services.paths.exports_dir.glob("*.eml"))


def test_the_email_text_is_previewed_on_the_offer_and_saved(window: MainWindow, qtbot: QtBot) -> None:
    _select(qtbot, window, "Olivia")
    box = window.offer_summary.letter_box
    box.email_text_button.click()
    dialog = box.email_dialog
    assert "Dear Olivia," in dialog.preview.toPlainText() and "$98,000.00" in dialog.preview.toPlainText()
    dialog.body.setPlainText("Hello {{ candidate.first_name }}, see {{ offer.nothing_here }}")
    dialog.show_preview()
    assert "offer.nothing_here" in dialog.preview.toPlainText()
    dialog.body.setPlainText("Hello {{ candidate.first_name }},\n\nyour letter is attached.")
    dialog.subject.setText("Letter for {{ candidate.full_name }}")
    dialog.show_preview()
    assert dialog.preview.toPlainText().startswith("Subject: Letter for Olivia Carter\n\nHello Olivia,")
    dialog.save()
    stored = window.services.settings.email_settings()
    assert stored["email.subject"] == "Letter for {{ candidate.full_name }}"
    assert stored["email.body"].startswith("Hello {{ candidate.first_name }},\n\n")
