"""Showing a folder in the desktop's file manager, and saying so when there is none to show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from offerdesk.ui.dialogs.prompter import Prompter


def open_folder(folder: Path, what: str, prompter: Prompter) -> bool:
    """Open `folder` (created if missing) in the file manager. When nothing opens it (no file manager, a remote
    session), the user hears which folder it was and may copy its path to open it another way."""
    title = f"{what[:1].upper()}{what[1:]} not opened"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        prompter.error(title, f"The {what} {folder} cannot be created: {error.strerror or error}.")
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    if prompter.confirm(
        title,
        f"No file manager opened the {what}:\n{folder}\n\n"
        "Copy the path to the clipboard, to paste it into a file manager or a terminal?",
    ):
        QGuiApplication.clipboard().setText(str(folder))
    return False
