"""In the window, a secret is asked for in a password dialog and a missing keychain is said once, in the status bar."""

from __future__ import annotations

import keyring
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from offerdesk.services.setup import secrets
from offerdesk.services.setup.backup_keys import BackupKeys
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.dialogs.restore_backup import RestoreBackupDialog
from offerdesk.ui.keychain_prompts import install_window_keychain
from offerdesk.ui.main_window import MainWindow
from tests.conftest import MemoryKeyring
from tests.keyrings import LockedKeyring

KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # 32 bytes, as `offerdesk backup key` shows one


def test_a_locked_keychain_is_said_once_and_the_backup_key_is_asked_for(
    window: MainWindow, prompter: RecordingPrompter
) -> None:
    keyring.set_keyring(LockedKeyring())
    notice = install_window_keychain(prompter)
    prompter.texts = [KEY]
    key = BackupKeys().for_writing()  # found out before the window shows anything: held back
    assert key == bytes(range(32))
    assert ("ask_secret", "Backup key", "Type the backup key (44 characters) to encrypt this backup with") in (
        prompter.shown
    )
    assert BackupKeys().for_writing() == key  # typed once in this run, not asked again
    assert [kind for kind, _title, _text in prompter.shown].count("ask_secret") == 1
    notice.attach(window)
    shown = window.statusBar().currentMessage()
    assert shown.startswith("The system keychain is not available") and KEY not in shown
    secrets.keychain().get("database x")
    assert len(notice.pending) == 0 and window.statusBar().currentMessage() == shown


def test_file_encrypt_backups_turns_encryption_on_and_a_restore_needs_the_right_key(
    window: MainWindow, prompter: RecordingPrompter, memory_keyring: MemoryKeyring, qtbot: QtBot
) -> None:
    install_window_keychain(prompter)
    action = window.menu_actions.encrypt_backups
    assert action.isCheckable() and not action.isChecked()
    action.trigger()
    assert window.services.settings.backup_encrypted() and ("OfferDesk", "backup-key") in memory_keyring.entries
    assert "encrypted" in window.statusBar().currentMessage()
    taken = window.services.backups.create()
    assert taken.encrypted
    memory_keyring.entries.clear()  # as on a computer without this key; the user cancels the key question
    dialog = RestoreBackupDialog(window.services.backups, window.operations, prompter, window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    kinds = [kind for kind, _title, _text in prompter.shown]
    assert kinds[-3:] == ["confirm", "ask_secret", "error"]
    assert "is encrypted with a key that is not in this computer's keychain" in prompter.shown[-1][2]


def test_a_keychain_that_cannot_keep_the_key_leaves_encryption_off(
    window: MainWindow, prompter: RecordingPrompter
) -> None:
    keyring.set_keyring(LockedKeyring())
    action = window.menu_actions.encrypt_backups
    action.trigger()
    assert not action.isChecked() and not window.services.settings.backup_encrypted()
    kind, title, text = prompter.shown[-1]
    assert kind == "error" and title == "Backup encryption not changed" and "OFFERDESK_BACKUP_KEY" in text
