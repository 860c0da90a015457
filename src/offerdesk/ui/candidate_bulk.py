"""Changes to several selected candidates at once: set the stage, add or remove a tag, archive, export the letters
of their current offers.

Each asks first, naming how many candidates it touches, runs as one transaction of the candidate service off the
GUI thread (100,000 candidates take seconds), and goes on the window's Undo stack as one step. The ids come from
the list model's id list, never from loading the rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from offerdesk.domain.bulk import BulkAction, candidates
from offerdesk.domain.candidates import Stage
from offerdesk.errors import OfferDeskError
from offerdesk.services.changes import Outcome
from offerdesk.services.undo import UndoRecord
from offerdesk.ui.session_undo import undo_keys

if TYPE_CHECKING:
    from offerdesk.services.candidates.records import BulkChange, CandidateRecords
    from offerdesk.ui.candidate_actions import CandidateActions
    from offerdesk.ui.dialogs.batch_export import BatchExportDialog
    from offerdesk.ui.main_window import MainWindow


class CandidateBulk(QObject):
    def __init__(self, window: MainWindow, owner: CandidateActions) -> None:
        super().__init__(window)
        self._window, self._owner = window, owner
        self.panel = window.candidate_list
        self.busy = False
        self.export_dialog: BatchExportDialog | None = None
        self.stage_menu = QMenu("Set &Stage", window)
        self.stage_menu.setObjectName("bulkStageMenu")
        self.stage_actions: dict[Stage, QAction] = {}
        for stage in Stage:
            action = self.stage_menu.addAction(stage.label)
            action.setObjectName(f"bulkStage_{stage.value}")
            action.triggered.connect(lambda _checked=False, chosen=stage: self.set_stage(chosen))
            self.stage_actions[stage] = action
        self.add_tag_action = self._action("Add &Tag…", "bulkAddTag", self.add_tag)
        self.remove_tag_action = self._action("Re&move Tag…", "bulkRemoveTag", self.remove_tag)
        self.export_action = self._action("Export &Letters…", "bulkExportLetters", self.export_letters)
        self.archive_action = self._action("&Archive", "bulkArchive", self.archive)
        self.panel.bulk_bar.set_actions(
            [self.stage_menu, self.add_tag_action, self.remove_tag_action, self.export_action, self.archive_action]
        )
        self.panel.selectionCounted.connect(lambda _count: self._update())
        self._update()

    def _action(self, text: str, name: str, slot: Any) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _actions(self) -> list[QAction]:
        return [self.add_tag_action, self.remove_tag_action, self.export_action, self.archive_action]

    def _update(self) -> None:
        usable = len(self.panel.selected_ids()) > 1 and not self.busy
        self.stage_menu.setEnabled(usable)
        for action in self._actions():
            action.setEnabled(usable)

    def add_to_menu(self, menu: QMenu) -> None:
        """The list's context menu offers them while several candidates are selected."""
        count = len(self.panel.selected_ids())
        if count < 2:
            return
        menu.addSeparator()
        section = menu.addSection(f"{candidates(count)} selected")
        section.setObjectName("bulkSection")
        menu.addMenu(self.stage_menu)
        for action in self._actions():
            menu.addAction(action)

    # -- the use cases ---------------------------------------------------------------------------------------------
    def _message(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 10000)

    def _undo_keys(self) -> str:
        return undo_keys()

    def _selection(self) -> list[int]:
        ids = self.panel.selected_ids()
        if len(ids) < 2 or self.busy:
            return []
        return ids

    def set_stage(self, stage: Stage) -> None:
        self._ask_and_run(BulkAction.set_stage(stage), "Set stage")

    def archive(self) -> None:
        self._ask_and_run(BulkAction.archive(), "Archive candidates")

    def add_tag(self) -> None:
        ids = self._selection()
        if ids:
            tag = self._window.prompter.ask_text("Add a tag", f"Tag to add to {candidates(len(ids))}:")
            self._run_with_tag(ids, tag, BulkAction.add_tag)

    def remove_tag(self) -> None:
        ids = self._selection()
        if ids:
            tag = self._window.prompter.ask_text("Remove a tag", f"Tag to remove from {candidates(len(ids))}:")
            self._run_with_tag(ids, tag, BulkAction.remove_tag)

    def _run_with_tag(self, ids: list[int], tag: str | None, make: Any) -> None:
        """The text dialog named the count and was the question: what it answers is done."""
        if tag is None or not tag.strip():
            return
        try:
            action = make(tag)
        except OfferDeskError as error:
            self._window.prompter.error("Tag not changed", str(error))
            return
        self._run(ids, action)

    def _ask_and_run(self, action: BulkAction, title: str) -> None:
        ids = self._selection()
        if not ids:
            return
        question = f"{action.question(len(ids))} Undo ({self._undo_keys()}) puts it back."
        if self._window.prompter.confirm(title, question):
            self._run(ids, action)

    def _run(self, ids: list[int], action: BulkAction) -> None:
        records = self._window.services.candidate_records
        self._set_busy(True)
        self._message(f"{action.title()}: {candidates(len(ids))}…")
        self._window.operations.run_in_background(
            "Candidates not changed",
            lambda _signals: records.bulk(ids, action),
            self._done,
            owner=self,
            initiator=self,
            on_error=lambda sentence: self._failed("Candidates not changed", sentence),
        )

    def _done(self, change: BulkChange) -> None:
        self._set_busy(False)
        if change.changed:
            records = self._window.services.candidate_records
            label = f"{change.action.title()} ({candidates(change.changed)})"
            take_back = UndoRecord(label, lambda: self._take_back(records, change), in_background=True)  # may be long
            self._window.undo_stack.push(take_back)
            self._message(f"{change.report()} Undo ({self._undo_keys()}) puts it back.")
        else:
            self._message(change.report())

    @staticmethod
    def _take_back(records: CandidateRecords, change: BulkChange) -> Outcome[str]:
        """Put back one bulk change; candidates someone changed since are left as they are, and the sentence says so."""
        restored = records.undo_bulk(change)
        left = change.changed - restored.value
        verb = "was" if left == 1 else "were"
        note = f" {candidates(left)} changed since {verb} left as they are." if left else ""
        sentence = f"Undone: {change.action.title()} for {candidates(restored.value)}.{note}"
        return Outcome(sentence, restored.changes)

    def _failed(self, title: str, sentence: str) -> None:
        self._set_busy(False)
        self._window.prompter.error(title, sentence)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update()

    def export_letters(self) -> None:
        """The letters of the selected candidates' current offers, through the bulk letter export."""
        from offerdesk.ui.dialogs.batch_export import BatchExportDialog

        ids = self._selection()
        if not ids:
            return
        records, window = self._window.services.candidate_records, self._window
        done, latest = window.operations.run("Letters not exported", lambda: records.latest_offers(ids))
        if not done:
            return
        if not latest:
            window.prompter.info("Export letters", f"None of the {candidates(len(ids))} selected has an offer yet.")
            return
        without = len(ids) - len(latest)
        scope = f"The current offers of {candidates(len(latest))}"
        scope += f" ({candidates(without)} without an offer left out)." if without else "."
        offer_ids = [latest[i] for i in ids if i in latest]
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        self.export_dialog = BatchExportDialog(
            window.services, window.bus, window.prompter, window, offer_ids=offer_ids, scope=scope
        )
        self.export_dialog.show()
