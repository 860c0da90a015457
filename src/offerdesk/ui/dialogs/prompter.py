"""Message boxes behind a small object the window is given, so tests can answer them without blocking."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget


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

    def save_file(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), file_filter)
        return Path(chosen) if chosen else None

    def open_file(self, title: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self.parent, title, "", file_filter)
        return Path(chosen) if chosen else None

    def choose_folder(self, title: str, start: Path) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self.parent, title, str(start))
        return Path(chosen) if chosen else None

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, accepted = QInputDialog.getText(self.parent, title, label, text=text)
        return value if accepted else None

    def ask_choice(self, title: str, label: str, options: Sequence[str]) -> str | None:
        """One of `options` (the first preselected), or None when the user cancels."""
        value, accepted = QInputDialog.getItem(self.parent, title, label, list(options), 0, False)
        return value if accepted else None


class RecordingPrompter(Prompter):
    """Answers every question with `answer` and remembers what was shown (for tests and scripted runs)."""

    def __init__(self, answer: bool = True) -> None:
        super().__init__(None)
        self.answer = answer
        self.shown: list[tuple[str, str, str]] = []
        self.files: list[Path | None] = []  # answers for save_file / open_file / choose_folder, in order
        self.texts: list[str | None] = []
        self.choices: list[str | None] = []  # answers for ask_choice, in order
        self.options: list[list[str]] = []  # what each ask_choice offered

    def save_file(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        self.shown.append(("save_file", title, str(suggested)))
        return self.files.pop(0) if self.files else None

    def open_file(self, title: str, file_filter: str) -> Path | None:
        self.shown.append(("open_file", title, file_filter))
        return self.files.pop(0) if self.files else None

    def choose_folder(self, title: str, start: Path) -> Path | None:
        self.shown.append(("choose_folder", title, str(start)))
        return self.files.pop(0) if self.files else None

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        self.shown.append(("ask_text", title, label))
        return self.texts.pop(0) if self.texts else None

    def error(self, title: str, text: str, details: str = "") -> None:
        self.shown.append(("error", title, text))

    def info(self, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.answer

    def ask_choice(self, title: str, label: str, options: Sequence[str]) -> str | None:
        """Answers from `choices` in order (None, a cancel, once they run out); `options` keeps what was offered."""
        self.shown.append(("ask_choice", title, label))
        self.options.append(list(options))
        return self.choices.pop(0) if self.choices else None


class ConsolePrompter(RecordingPrompter):
    """For unattended runs (smoke tests): prints what a dialog would show instead of waiting for a click."""

    def error(self, title: str, text: str, details: str = "") -> None:
        super().error(title, text, details)
        print(f"offerdesk: {title}: {text}", file=sys.stderr, flush=True)

    @property
    def saw_error(self) -> bool:
        return any(kind == "error" for kind, _title, _text in self.shown)
