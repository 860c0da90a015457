"""Message boxes behind a small object the window is given, so tests can answer them without blocking."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox, QWidget


class Prompter:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self.parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes


class RecordingPrompter(Prompter):
    """Answers every question with `answer` and remembers what was shown (for tests and scripted runs)."""

    def __init__(self, answer: bool = True) -> None:
        super().__init__(None)
        self.answer = answer
        self.shown: list[tuple[str, str, str]] = []

    def error(self, title: str, text: str, details: str = "") -> None:
        self.shown.append(("error", title, text))

    def info(self, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.answer


class ConsolePrompter(RecordingPrompter):
    """For unattended runs (smoke tests): prints what a dialog would show instead of waiting for a click."""

    def error(self, title: str, text: str, details: str = "") -> None:
        super().error(title, text, details)
        print(f"offerdesk: {title}: {text}", file=sys.stderr, flush=True)

    @property
    def saw_error(self) -> bool:
        return any(kind == "error" for kind, _title, _text in self.shown)
