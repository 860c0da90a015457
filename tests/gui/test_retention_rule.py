"""Letter settings hold only what letters sign with; the retention rule and the backup interval have windows of
their own, calling the same services as `offerdesk privacy purge` and `offerdesk settings set`."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.letter_settings import LetterSettingsDialog
from offerdesk.ui.main_window import MainWindow


def test_letter_settings_show_only_what_letters_sign_with(window: MainWindow, qtbot: QtBot) -> None:
    dialog = LetterSettingsDialog(window.services, window.bus, window)
    qtbot.addWidget(dialog)
    assert "company.name" in dialog.editors and "signatory.name" in dialog.editors
    assert "phone.region" in dialog.editors
    assert [key for key in dialog.editors if key.startswith(("privacy.", "backup."))] == []
