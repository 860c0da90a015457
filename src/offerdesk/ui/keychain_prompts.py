"""The window's side of the keychain: secrets are asked for in a password dialog, and a missing keychain is said
once in the status bar (held back until the window exists when it is found out while the database opens)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QMainWindow

from offerdesk.services.setup.secrets import Keychain, use_keychain
from offerdesk.ui.dialogs.prompter import Prompter

NOTICE_MS = 30000


class KeychainNotice:
    def __init__(self) -> None:
        self.pending: list[str] = []
        self._window: QMainWindow | None = None

    def __call__(self, sentence: str) -> None:
        if self._window is None:
            self.pending.append(sentence)
        else:
            self._window.statusBar().showMessage(sentence, NOTICE_MS)

    def attach(self, window: QMainWindow) -> None:
        self._window = window
        for sentence in self.pending:
            window.statusBar().showMessage(sentence, NOTICE_MS)
        self.pending.clear()


def install_window_keychain(prompter: Prompter) -> KeychainNotice:
    """The process's keychain now asks through `prompter` (on the window's thread only; a worker is never asked)."""

    def ask(title: str, label: str) -> str | None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return None
        return prompter.ask_secret(title, label)

    notice = KeychainNotice()
    use_keychain(Keychain(ask=ask, notify=notice))
    return notice
