"""Every dialog can be left the way people expect: a visible Close or Cancel button, and Escape."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

import offerdesk.ui.dialogs as dialogs_package
from offerdesk.ui.main_window import MainWindow
from tests.adopt_helpers import make_mergefield_letter
from tests.letter_helpers import make_template

Factory = Callable[[MainWindow, Path], QDialog]


def _candidate(window: MainWindow, name: str = "Olivia") -> int:
    return window.services.candidates.search(name)[0].id


def _offer(window: MainWindow) -> int:
    offer_id = window.services.offers.latest_id(_candidate(window))
    assert offer_id is not None
    return offer_id


def _draft(window: MainWindow, folder: Path) -> object:
    """What adopting a small mail-merge letter found, for the mapping screen."""
    return window.services.template_adoption.inspect(make_mergefield_letter(folder / "merge.docx"))


def _conflict_dialog(window: MainWindow) -> QDialog:
    """The conflict dialog over a real refused save: the offer changed after it was read."""
    from offerdesk.domain.offer_conflict import OfferConflict
    from offerdesk.ui.dialogs.edit_conflict import EditConflictDialog

    editing = window.services.offer_editing
    offer_id = _offer(window)
    opened, version = editing.current(offer_id)
    editing.save(offer_id, opened.with_changes(title="Staff Engineer"), "TITLE_LEVEL", expected_version=version)
    try:
        editing.save(offer_id, opened.with_changes(level="L5"), "TITLE_LEVEL", expected_version=version)
    except OfferConflict as conflict:
        return EditConflictDialog(opened, opened.with_changes(level="L5"), conflict, window)
    raise AssertionError("the second save was not refused")


def _factories() -> dict[str, Factory]:
    from offerdesk.services.setup.info import installation_info
    from offerdesk.ui.dialogs.about import AboutDialog
    from offerdesk.ui.dialogs.adopt_template import AdoptTemplateDialog
    from offerdesk.ui.dialogs.batch_export import BatchExportDialog
    from offerdesk.ui.dialogs.candidate_editor import CandidateEditor
    from offerdesk.ui.dialogs.comparison import ComparisonDialog, CompetingOfferDialog
    from offerdesk.ui.dialogs.connect_team import ConnectTeamDialog
    from offerdesk.ui.dialogs.drill_down import DrillDownDialog
    from offerdesk.ui.dialogs.email_template import EmailTemplateDialog
    from offerdesk.ui.dialogs.follow_up_dialog import FollowUpDialog
    from offerdesk.ui.dialogs.import_wizard import ImportWizard
    from offerdesk.ui.dialogs.letter_preview import LetterPreviewDialog
    from offerdesk.ui.dialogs.letter_settings import LetterSettingsDialog
    from offerdesk.ui.dialogs.library_editor import LibraryEditorDialog
    from offerdesk.ui.dialogs.new_offer import NewOfferDialog
    from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
    from offerdesk.ui.dialogs.pay_bands import PayBandsDialog
    from offerdesk.ui.dialogs.practice import PracticeDialog
    from offerdesk.ui.dialogs.profile_editor import ProfileEditorDialog
    from offerdesk.ui.dialogs.restore_backup import RestoreBackupDialog
    from offerdesk.ui.dialogs.shortcuts import ShortcutsDialog
    from offerdesk.ui.dialogs.template_library import TemplateLibraryDialog

    return {
        "AboutDialog": lambda w, _: AboutDialog(
            installation_info(w.services.database, w.services.paths), w.prompter, w
        ),
        "AdoptTemplateDialog": lambda w, folder: AdoptTemplateDialog(w.services, w.bus, w.prompter, _draft(w, folder)),
        "BatchExportDialog": lambda w, _: BatchExportDialog(w.services, w.bus, w.prompter, w),
        "CandidateEditor": lambda w, _: CandidateEditor(w.services, w.operations, _candidate(w), w),
        "ComparisonDialog": lambda w, _: ComparisonDialog(w.services.compensation, _candidate(w), w),
        "ConnectTeamDialog": lambda w, _: ConnectTeamDialog(lambda _url: False, w),
        "CompetingOfferDialog": lambda w, _: CompetingOfferDialog(w.services.compensation, _candidate(w), "USD", w),
        "DrillDownDialog": lambda w, _: DrillDownDialog(w.services.stats, "Offers", [_offer(w)], w),
        "EditConflictDialog": lambda w, _: _conflict_dialog(w),
        "EmailTemplateDialog": lambda w, _: EmailTemplateDialog(w.services, w.bus, _offer(w), w),
        "FollowUpDialog": lambda w, _: FollowUpDialog(w, choices=w.services.followups.candidate_choices()),
        "ImportWizard": lambda w, _: ImportWizard(w.services, w.operations, w.prompter, None, w),
        "LetterPreviewDialog": lambda w, folder: LetterPreviewDialog(
            make_template(folder / "letter.docx", "Dear Olivia,"), None, w
        ),
        "LetterSettingsDialog": lambda w, _: LetterSettingsDialog(w.services, w.bus, w),
        "LibraryEditorDialog": lambda w, _: LibraryEditorDialog(w.services.library, w, prompter=w.prompter),
        "NewOfferDialog": lambda w, _: NewOfferDialog(w.services, w.operations, _candidate(w), w),
        "OfferEditorDialog": lambda w, _: OfferEditorDialog(w.services, w.bus, w.prompter, _offer(w), w),
        "PayBandsDialog": lambda w, _: PayBandsDialog(w.services, w.bus, w),
        "PracticeDialog": lambda w, _: PracticeDialog(w.services.practice, w.services.content, w),
        "ProfileEditorDialog": lambda w, _: ProfileEditorDialog(w.services, w.bus, _candidate(w), w),
        "RestoreBackupDialog": lambda w, _: RestoreBackupDialog(w.services.backups, w.operations, w.prompter, w),
        "ShortcutsDialog": lambda w, _: ShortcutsDialog(w.menu_actions, w),
        "TemplateLibraryDialog": lambda w, _: TemplateLibraryDialog(w.services, w.bus, w.prompter, w),
    }


def _dialog_classes() -> set[str]:
    """Every QDialog defined in offerdesk.ui.dialogs, so a new one cannot slip past this test."""
    found = set()
    for module_info in pkgutil.iter_modules(dialogs_package.__path__):
        module = importlib.import_module(f"{dialogs_package.__name__}.{module_info.name}")
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == module.__name__:
                found.add(name)
    return found


def test_every_dialog_is_checked() -> None:
    assert set(_factories()) == _dialog_classes()


def _close_button(dialog: QDialog) -> QAbstractButton:
    """The visible, enabled button that leaves the dialog: the Close/Cancel of its button box."""
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            role = box.buttonRole(button)
            if role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.DestructiveRole) and (
                button.isVisible() and button.isEnabled()
            ):
                return button
    names = [button.text() for button in dialog.findChildren(QAbstractButton) if button.isVisible()]
    raise AssertionError(f"{type(dialog).__name__} has no visible Close or Cancel button; it has {names}")


@pytest.mark.parametrize("name", sorted(_factories()))
def test_a_dialog_closes_with_its_button_and_with_escape(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, name: str
) -> None:
    dialog = _factories()[name](window, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    button = _close_button(dialog)
    assert button.text().replace("&", "") in ("Close", "Cancel")
    button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    dialog.show()
    qtbot.waitExposed(dialog)
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


@pytest.mark.parametrize("name", sorted(_factories()))
def test_tab_moves_on_from_every_table_and_list_of_a_dialog(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, name: str
) -> None:
    """A keyboard user is never stuck in a table: Tab leaves it for the next control (arrows move inside it)."""
    dialog = _factories()[name](window, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    trapping = [f"{type(view).__name__} {view.objectName()}" for view in dialog.findChildren(QAbstractItemView)
                if view.tabKeyNavigation()]  # fmt: skip
    dialog.reject()
    assert trapping == []
