"""File dialogs start where the user keeps such files: the folder last used for that purpose, else Documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.prompter import FolderMemory, RecordingPrompter, documents_folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of our own, so the test reads the same on every machine (Qt follows HOME and XDG)."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    for name in ("XDG_CONFIG_HOME", "XDG_DOCUMENTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_documents_is_the_start_folder_where_it_exists_else_home(qtbot: QtBot, home: Path) -> None:
    assert documents_folder() == home
    (home / "Documents").mkdir()
    assert documents_folder() == home / "Documents"


def test_each_purpose_remembers_its_own_folder_between_runs(qtbot: QtBot, home: Path, tmp_path: Path) -> None:
    (home / "Documents").mkdir()
    letters, imports = tmp_path / "letters", tmp_path / "imports"
    letters.mkdir()
    imports.mkdir()
    settings_file = str(tmp_path / "settings.ini")
    memory = FolderMemory(QSettings(settings_file, QSettings.Format.IniFormat))
    assert memory.folder("letters") == home / "Documents"
    memory.remember("letters", letters)
    memory.remember("imports", imports)
    again = FolderMemory(QSettings(settings_file, QSettings.Format.IniFormat))  # the next run
    assert (again.folder("letters"), again.folder("imports")) == (letters, imports)
    assert again.folder("templates") == home / "Documents"
    letters.rmdir()  # a folder since deleted (or a network drive gone) is not where a dialog can start
    assert again.folder("letters") == home / "Documents"


def test_a_suggested_name_is_put_in_the_start_folder_and_the_choice_is_remembered(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    prompter = RecordingPrompter()
    prompter.files.append(tmp_path / "report")
    chosen = prompter.save_file("Export", Path("/somewhere/else/report.csv"), "CSV file (*.csv)", purpose="exports")
    assert prompter.file_dialogs[-1].start == home / "report.csv"
    assert chosen == tmp_path / "report.csv"  # the filter's extension is added to a bare name
    prompter.open_file("Import", "CSV file (*.csv)", purpose="exports")
    assert prompter.file_dialogs[-1].start == tmp_path
    prompter.choose_folder("Folder", purpose="letters")
    assert prompter.file_dialogs[-1].start == home
