"""In the window, a secret is asked for in a password dialog and a missing keychain is said once, in the status bar."""

from __future__ import annotations

import keyring

from offerdesk.services.setup import secrets
from offerdesk.services.setup.backup_keys import BackupKeys
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.keychain_prompts import install_window_keychain
from offerdesk.ui.main_window import MainWindow
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
