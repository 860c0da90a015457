"""Message boxes behind a small object the window is given, so tests can answer them without blocking.

File dialogs start where the user keeps that kind of file: the folder last used for the same purpose ("letters",
"imports", "templates", "exports", …, remembered between runs), else their Documents folder; never the folder
the program happened to be started from.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

if TYPE_CHECKING:
    from offerdesk.ui.dialogs.edit_conflict import EditConflictDialog, Resolution


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder where there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


class FolderMemory:
    """The last folder used for each purpose; kept in `settings` (between runs) or, without them, for this run."""

    GROUP = "fileDialogs"

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings
        self._folders: dict[str, str] = {}

    def folder(self, purpose: str) -> Path:
        """Where a dialog for `purpose` starts: the last folder used if it still exists, else Documents."""
        stored = self._folders.get(purpose)
        if stored is None and self._settings is not None:
            value = self._settings.value(f"{self.GROUP}/{purpose}", "")
            stored = value if isinstance(value, str) else ""
        return Path(stored) if stored and Path(stored).is_dir() else documents_folder()

    def remember(self, purpose: str, folder: Path) -> None:
        self._folders[purpose] = str(folder)
        if self._settings is not None:
            self._settings.setValue(f"{self.GROUP}/{purpose}", str(folder))
            self._settings.sync()


@dataclass(frozen=True)
class FileDialogShown:
    """A file dialog as it opened: its kind, title, where it started (folder, or folder and suggested name)."""

    kind: str  # save_file, open_file or choose_folder
    title: str
    start: Path
    file_filter: str
    purpose: str


def with_filter_suffix(path: Path, file_filter: str) -> Path:
    """`path` with the filter's extension added when the name typed has none of the filter's extensions."""
    suffixes = [suffix.lower() for suffix in re.findall(r"\*(\.[\w.]+)", file_filter)]
    if not suffixes or any(path.name.lower().endswith(suffix) for suffix in suffixes):
        return path
    return path.with_name(path.name + suffixes[0])


class Prompter:
    def __init__(self, parent: QWidget | None = None, folders: FolderMemory | None = None) -> None:
        self.parent = parent
        self._folder_memory = folders

    @property
    def folders(self) -> FolderMemory:
        """The remembered folders; the application's QSettings, opened when a file dialog first needs them."""
        if self._folder_memory is None:
            self._folder_memory = FolderMemory(QSettings())
        return self._folder_memory

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

    def save_file(self, title: str, suggested: Path | str, file_filter: str, purpose: str = "files") -> Path | None:
        """Ask where to save; `suggested` gives the file name (its folder is the remembered one, not the caller's)."""
        start = self.folders.folder(purpose) / Path(suggested).name
        chosen, selected = QFileDialog.getSaveFileName(self.parent, title, str(start), file_filter)
        return self._chosen(purpose, Path(chosen), selected or file_filter) if chosen else None

    def open_file(self, title: str, file_filter: str, purpose: str = "files") -> Path | None:
        start = self.folders.folder(purpose)
        chosen, _ = QFileDialog.getOpenFileName(self.parent, title, str(start), file_filter)
        return self._chosen(purpose, Path(chosen)) if chosen else None

    def choose_folder(self, title: str, purpose: str = "files") -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self.parent, title, str(self.folders.folder(purpose)))
        return self._chosen(purpose, Path(chosen), folder=True) if chosen else None

    def _chosen(self, purpose: str, path: Path, save_filter: str = "", folder: bool = False) -> Path:
        """The path the user chose, remembered as where the next dialog for `purpose` starts."""
        path = with_filter_suffix(path, save_filter) if save_filter else path
        self.folders.remember(purpose, path if folder else path.parent)
        return path

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, accepted = QInputDialog.getText(self.parent, title, label, text=text)
        return value if accepted else None

    def ask_secret(self, title: str, label: str) -> str | None:
        """A password or key, typed without being shown; None when the user cancels."""
        value, accepted = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Password)
        return value if accepted and value else None

    def ask_choice(self, title: str, label: str, options: Sequence[str]) -> str | None:
        """One of `options` (the first preselected), or None when the user cancels."""
        value, accepted = QInputDialog.getItem(self.parent, title, label, list(options), 0, False)
        return value if accepted else None

    def ask_action(self, title: str, text: str, actions: Sequence[str], cancel: str) -> str | None:
        """A warning with one button per action (the first the default) and `cancel`; None when cancel is chosen."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        buttons = {box.addButton(action, QMessageBox.ButtonRole.AcceptRole): action for action in actions}
        box.setEscapeButton(box.addButton(cancel, QMessageBox.ButtonRole.RejectRole))
        if buttons:
            box.setDefaultButton(next(iter(buttons)))
        box.exec()
        clicked = box.clickedButton()
        return next((action for button, action in buttons.items() if button is clicked), None)

    def settle_conflict(self, dialog: EditConflictDialog) -> Resolution | None:
        """Show a teammate's save beside the user's and wait for Keep mine, Take theirs or Merge (None: cancel)."""
        dialog.exec()
        return dialog.resolution


class RecordingPrompter(Prompter):
    """Answers every question with `answer` and remembers what was shown (for tests and scripted runs)."""

    def __init__(self, answer: bool = True) -> None:
        super().__init__(None, FolderMemory())  # remembers for this run only: never the user's own settings
        self.answer = answer
        self.shown: list[tuple[str, str, str]] = []
        self.file_dialogs: list[FileDialogShown] = []  # each file dialog as it would have opened
        self.files: list[Path | None] = []  # answers for save_file / open_file / choose_folder, in order
        self.texts: list[str | None] = []
        self.choices: list[str | None] = []  # answers for ask_choice, in order
        self.options: list[list[str]] = []  # what each ask_choice offered
        self.actions: list[str | None] = []  # answers for ask_action, in order (None: the cancel button)
        self.conflicts: list[str | None] = []  # buttons clicked in conflict dialogs: "Keep mine", "Take theirs", …
        self.conflict_dialogs: list[EditConflictDialog] = []  # each conflict dialog as it was shown

    def _file_answer(self, shown: FileDialogShown, save_filter: str = "") -> Path | None:
        self.file_dialogs.append(shown)
        answer = self.files.pop(0) if self.files else None
        return self._chosen(shown.purpose, answer, save_filter, shown.kind == "choose_folder") if answer else None

    def save_file(self, title: str, suggested: Path | str, file_filter: str, purpose: str = "files") -> Path | None:
        start = self.folders.folder(purpose) / Path(suggested).name
        self.shown.append(("save_file", title, str(start)))
        return self._file_answer(FileDialogShown("save_file", title, start, file_filter, purpose), file_filter)

    def open_file(self, title: str, file_filter: str, purpose: str = "files") -> Path | None:
        self.shown.append(("open_file", title, file_filter))
        start = self.folders.folder(purpose)
        return self._file_answer(FileDialogShown("open_file", title, start, file_filter, purpose))

    def choose_folder(self, title: str, purpose: str = "files") -> Path | None:
        start = self.folders.folder(purpose)
        self.shown.append(("choose_folder", title, str(start)))
        return self._file_answer(FileDialogShown("choose_folder", title, start, "", purpose))

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        self.shown.append(("ask_text", title, label))
        return self.texts.pop(0) if self.texts else None

    def ask_secret(self, title: str, label: str) -> str | None:
        """Answers from `texts` in order, like ask_text; what is typed is never kept in `shown`."""
        self.shown.append(("ask_secret", title, label))
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

    def ask_action(self, title: str, text: str, actions: Sequence[str], cancel: str) -> str | None:
        self.shown.append(("ask_action", title, text))
        self.options.append([*actions, cancel])
        return self.actions.pop(0) if self.actions else None

    def settle_conflict(self, dialog: EditConflictDialog) -> Resolution | None:
        """Clicks the next button of `conflicts` in the real dialog (left unshown); none left: Cancel."""
        self.shown.append(("conflict", dialog.windowTitle(), dialog.summary.text()))
        self.conflict_dialogs.append(dialog)
        answer = self.conflicts.pop(0) if self.conflicts else None
        if answer is not None:
            dialog.choose(answer)
        return dialog.resolution


class ConsolePrompter(RecordingPrompter):
    """For unattended runs (smoke tests): prints what a dialog would show instead of waiting for a click."""

    def error(self, title: str, text: str, details: str = "") -> None:
        super().error(title, text, details)
        print(f"offerdesk: {title}: {text}", file=sys.stderr, flush=True)

    def ask_action(self, title: str, text: str, actions: Sequence[str], cancel: str) -> str | None:
        print(f"offerdesk: {title}: {text} [{' | '.join([*actions, cancel])}]", file=sys.stderr, flush=True)
        return super().ask_action(title, text, actions, cancel)

    @property
    def saw_error(self) -> bool:
        return any(kind == "error" for kind, _title, _text in self.shown)
