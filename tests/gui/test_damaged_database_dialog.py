"""Starting on a damaged database offers the newest good backup besides Quit; restoring it opens the database."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.wal_file import wal_path
from offerdesk.ui.dialogs.damaged_database import DAMAGED_TITLE, QUIT, open_or_offer_restore
from offerdesk.ui.dialogs.prompter import Prompter, RecordingPrompter
from tests.helpers import digest


def _database_with_a_backup(paths: AppPaths) -> Path:
    services, _ = open_services(paths)
    with services.database.transaction() as session:
        session.execute(text("UPDATE candidates SET first_name = 'Backed-up-' || id"))
    services.backups.create("auto")
    services.close()
    return paths.database_file


def _cut_in_half(database: Path) -> None:
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])


def test_the_dialog_names_the_backup_and_quit_leaves_the_file(paths: AppPaths) -> None:
    database = _database_with_a_backup(paths)
    _cut_in_half(database)
    before = digest(database)
    prompter = RecordingPrompter()
    assert open_or_offer_restore(paths, None, prompter) is None  # no answer: Quit
    ((kind, title, question),) = prompter.shown
    assert (kind, title) == ("ask_action", DAMAGED_TITLE)
    assert "nothing was changed" in question and "The newest good backup is from " in question
    assert "offerdesk backup restore" not in question  # the window offers the restore; it does not teach a command
    restore, quit_ = prompter.options[0]
    assert restore.startswith("Restore the newest good backup (") and quit_ == QUIT
    assert digest(database) == before


def test_restoring_the_backup_opens_the_database_and_keeps_the_damaged_file(paths: AppPaths) -> None:
    database = _database_with_a_backup(paths)
    _cut_in_half(database)
    damaged = database.read_bytes()
    prompter = RecordingPrompter()
    prompter.actions = [None]
    assert open_or_offer_restore(paths, None, prompter) is None
    prompter.actions = [prompter.options[0][0]]
    opened = open_or_offer_restore(paths, None, prompter)
    assert opened is not None
    services, _report = opened
    try:
        with services.database.transaction(read_only=True) as session:
            names = set(session.scalars(text("SELECT first_name FROM candidates")))
        assert names and all(name.startswith("Backed-up-") for name in names)
    finally:
        services.close()
    assert prompter.shown[-1][:2] == ("info", "Backup restored")
    kept = [path for path in paths.backup_dir.iterdir() if "-damaged-" in path.name]
    assert [path.read_bytes() for path in kept] == [damaged]


def test_a_foreign_wal_is_moved_aside_only_when_the_user_restores(paths: AppPaths, tmp_path: Path) -> None:
    database = _database_with_a_backup(paths)
    services, _ = open_services(paths)  # a -wal with changes, copied while this database was open
    with services.database.transaction() as session:
        session.execute(text("UPDATE candidates SET first_name = 'Later-' || id"))
    shutil.copy(wal_path(database), tmp_path / "foreign-wal")
    services.close()
    shutil.copy(tmp_path / "foreign-wal", wal_path(database))
    foreign = wal_path(database).read_bytes()
    prompter = RecordingPrompter()
    assert open_or_offer_restore(paths, None, prompter) is None
    assert wal_path(database).read_bytes() == foreign  # Quit: the -wal stays where it was
    prompter.actions = [prompter.options[0][0]]
    opened = open_or_offer_restore(paths, None, prompter)
    assert opened is not None
    opened[0].close()
    kept = [path for path in paths.backup_dir.iterdir() if "-damaged-" in path.name and path.name.endswith("-wal")]
    assert [path.read_bytes() for path in kept] == [foreign]


def test_without_a_good_backup_the_dialog_says_so(paths: AppPaths) -> None:
    services, _ = open_services(paths)
    services.close()
    _cut_in_half(paths.database_file)
    prompter = RecordingPrompter()
    assert open_or_offer_restore(paths, None, prompter) is None
    ((kind, title, sentence),) = prompter.shown
    assert (kind, title) == ("error", DAMAGED_TITLE)
    assert "There is no good backup to restore" in sentence


def test_the_real_dialog_returns_the_button_clicked(qtbot: QtBot) -> None:
    def click(label: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert [button.text() for button in box.buttons()].count(label) == 1
        next(button for button in box.buttons() if button.text() == label).click()

    label = "Restore the newest good backup (2026-12-02 14:05)"
    QTimer.singleShot(0, lambda: click(label))
    assert Prompter().ask_action(DAMAGED_TITLE, "The database is damaged.", [label], QUIT) == label
    QTimer.singleShot(0, lambda: click(QUIT))
    assert Prompter().ask_action(DAMAGED_TITLE, "The database is damaged.", [label], QUIT) is None
