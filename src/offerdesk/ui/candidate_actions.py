"""New, Edit, Archive/Restore, Delete with Undo, and Export of candidates, from the menus and from the list itself.

One controller owns the actions' state (enabled, Archive or Restore) so the menu bar and the list's context menu
always say the same thing; a delete, an archive and a restore go on the window's Undo stack (ui/session_undo.py).
After every write the candidate it concerns is selected again, also when the list reloads later than the write or
the search hides them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from offerdesk.domain.wording import plural
from offerdesk.services.changes import Changes, Outcome
from offerdesk.services.undo import UndoRecord
from offerdesk.ui.session_undo import undo_keys

if TYPE_CHECKING:
    from offerdesk.services.candidates.records import CandidateRecords
    from offerdesk.ui.dialogs.candidate_editor import CandidateEditor
    from offerdesk.ui.main_window import MainWindow

EXPORT_FORMATS = "CSV (*.csv);;Excel workbook (*.xlsx);;JSON (*.json)"
EXPORT_SUFFIXES = (".csv", ".xlsx", ".json")


class CandidateActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.panel = window.candidate_list
        self.actions = window.menu_actions
        self.editor: CandidateEditor | None = None
        self._pending: int | None = None  # a candidate to select once the list has reloaded
        self._widened = False
        self.last_export: Path | None = None
        from offerdesk.ui.candidate_bulk import CandidateBulk

        self.bulk = CandidateBulk(window, self)  # changes to many selected candidates, on the same Undo stack
        from offerdesk.ui.candidate_privacy import CandidatePrivacy

        self.privacy = CandidatePrivacy(window)  # export, anonymise, erase: the candidate's data rights
        self._connect()
        self._update_actions()

    def _connect(self) -> None:
        actions, table, model = self.actions, self.panel.table, self.panel.model
        actions.new_candidate.triggered.connect(self.new)
        actions.edit_candidate.triggered.connect(self.edit)
        actions.archive_candidate.triggered.connect(self.toggle_archive)
        actions.delete_candidate.triggered.connect(self.delete)
        self._window.undo_stack.undone.connect(self._undone)
        actions.export_candidates.triggered.connect(self.export)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        table.doubleClicked.connect(lambda _index: self.edit())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)
        self.panel.candidateSelected.connect(lambda _id: self._update_actions())
        self._window.bus.changed.connect(lambda _changes, _initiator: self._update_actions())
        model.modelReset.connect(self._reloaded)
        model.layoutChanged.connect(self._reloaded)

    @property
    def records(self) -> CandidateRecords:
        return self._window.services.candidate_records

    def _message(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)

    def _selected(self) -> int | None:
        candidate_id = self.panel.selected_id()
        if candidate_id is None:
            self._message("Select a candidate first.")
        return candidate_id

    # -- state of the actions ----------------------------------------------------------------------------------
    def _is_archived(self, candidate_id: int) -> bool:
        """From the row the list already holds; the database only for a candidate the list does not show."""
        row_index = self.panel.model.row_of(candidate_id)
        row = self.panel.model.candidate_at(row_index) if row_index is not None else None
        return row.archived if row is not None else self.records.is_archived(candidate_id)

    def _update_actions(self) -> None:
        candidate_id = self.panel.selected_id()
        for action in (self.actions.edit_candidate, self.actions.archive_candidate, self.actions.delete_candidate):
            action.setEnabled(candidate_id is not None)
        archived = candidate_id is not None and self._is_archived(candidate_id)
        archive = self.actions.archive_candidate
        archive.setText("&Restore Candidate" if archived else "&Archive Candidate")
        archive.setStatusTip("Bring back into the list" if archived else "Hide from the list, keep")

    def context_menu(self) -> QMenu:
        """The list's right-click menu: the same actions as the menu bar, so text and state always agree."""
        menu = QMenu(self.panel.table)
        menu.setObjectName("candidateContextMenu")
        menu.addAction(self.actions.new_candidate)
        menu.addSeparator()
        for action in (self.actions.edit_candidate, self.actions.archive_candidate, self.actions.delete_candidate):
            menu.addAction(action)
        self.privacy.add_to_menu(menu)
        self.bulk.add_to_menu(menu)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.panel.table.indexAt(position)
        row = self.panel.model.candidate_at(index.row()) if index.isValid() else None
        if row is not None:
            self.panel.select_id(row.id)  # right-clicking a row acts on that row
        menu = self.context_menu()
        menu.exec(self.panel.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    # -- selecting after a write -------------------------------------------------------------------------------
    def _list_is_current(self) -> bool:
        """False while the list model is still fetching the ids a write made stale (it loads in the background)."""
        return not self.panel.model.is_loading

    def reveal(self, candidate_id: int) -> None:
        """Select the candidate once the list shows the write; if the search hides them then, clear the search."""
        self._pending, self._widened = candidate_id, False
        self._retry()

    def _reloaded(self) -> None:
        self._update_actions()  # the selected row may be the same candidate with another archive state
        self._retry()

    def _retry(self) -> None:
        candidate_id = self._pending
        if candidate_id is None:
            return
        selected = self.panel.select_id(candidate_id)
        if not self._list_is_current():
            return  # tried on the old rows; again when the fresh ones land
        if selected:
            self._pending = None
        elif not self._widened and self.panel.search.text():
            self._widened = True
            self.panel.search.clear()
            self.panel.apply_search()  # reloads the list; `_reloaded` tries again
        else:
            self._pending = None  # another filter hides them (the archive scope, say): leave the list as it is

    def _write(self, title: str, call: Callable[[], Any]) -> tuple[bool, Any]:
        return self._window.operations.run(title, call, initiator=self)

    # -- the use cases -----------------------------------------------------------------------------------------
    def new(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        candidate_id = self._selected()
        if candidate_id is not None:
            self._open_editor(candidate_id)

    def _open_editor(self, candidate_id: int | None) -> None:
        from offerdesk.ui.dialogs.candidate_editor import CandidateEditor

        if self.editor is not None:
            self.editor.deleteLater()  # the one before, closed (the editor is window-modal)
        window = self._window
        done, editor = window.operations.run(
            "Candidate not opened", lambda: CandidateEditor(window.services, window.operations, candidate_id, window)
        )  # the candidate may have gone since the list was read
        if not done:
            return
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        editor.saved.connect(lambda saved_id: self.reveal(saved_id))
        editor.openRequested.connect(lambda existing_id: self.reveal(existing_id))
        self.editor = editor
        editor.show()
        editor.activateWindow()
        editor.first_name.setFocus()

    def toggle_archive(self) -> None:
        candidate_id = self._selected()
        if candidate_id is None:
            return
        records = self.records
        done, facts = self._write(
            "Candidate not changed", lambda: (records.draft(candidate_id), records.is_archived(candidate_id))
        )
        if not done:
            return
        name, archived = facts[0].full_name, facts[1]
        keys = undo_keys()
        if archived:
            done, _value = self._write("Candidate not restored", lambda: records.restore(candidate_id))
            if done:
                self._message(f"{name} is back in the list. Undo ({keys}) archives them again.")
                again = f"{name} archived again."
                self._push(f"Restore {name}", candidate_id, lambda: records.archive(candidate_id), again)
                self.reveal(candidate_id)
        else:
            done, _value = self._write("Candidate not archived", lambda: records.archive(candidate_id))
            if done:
                self._message(f"{name} archived: kept with their offers, hidden from the list. Undo ({keys}) or "
                              "Restore brings them back.")  # fmt: skip
                back = f"{name} is back in the list."
                self._push(f"Archive {name}", candidate_id, lambda: records.restore(candidate_id), back)
        self._update_actions()

    def _push(self, label: str, candidate_id: int, undo: Callable[[], Changes], sentence: str) -> None:
        """Put a candidate write on the window's Undo stack; undoing it selects the candidate again."""
        record = UndoRecord(label, lambda: Outcome(sentence, undo()), candidate_id=candidate_id)
        self._window.undo_stack.push(record)

    def delete(self) -> None:
        candidate_id = self._selected()
        if candidate_id is None:
            return
        records = self.records
        done, facts = self._write(
            "Candidate not deleted", lambda: (records.draft(candidate_id).full_name, records.offer_count(candidate_id))
        )
        if not done:
            return
        name, offers = facts
        keys = undo_keys()
        what = f"{name} and their {plural(offers, 'offer')}" if offers else name
        question = (
            f"Delete {what}? A copy is kept in the backups folder; "
            f"Undo ({keys}) brings them back until you close the window."
        )
        title = "Delete candidate and offers" if offers else "Delete candidate"
        if not self._window.prompter.confirm(title, question):
            return
        done, deleted = self._write(
            "Candidate not deleted", lambda: records.delete(candidate_id, with_offers=offers > 0)
        )
        if done:
            # Refused once a record made since has taken their place: the record then leaves the stack.
            self._push(f"Delete {name}", candidate_id, lambda: records.undo_delete(deleted), f"{name} is back.")
            self._message(f"{name} deleted. Undo ({keys}) brings them back.")

    def _undone(self, record: UndoRecord) -> None:
        if record.candidate_id is not None:
            self.reveal(record.candidate_id)

    def export(self) -> None:
        """The list as shown (filter, order and visible columns) to CSV, Excel or JSON, off the GUI thread."""
        services, panel = self._window.services, self.panel
        target = self._window.prompter.save_file(
            "Export candidates", services.paths.exports_dir / "candidates.csv", EXPORT_FORMATS, purpose="exports"
        )
        if target is None:
            return
        if target.suffix.lower() not in EXPORT_SUFFIXES:
            target = target.with_suffix(".csv")
        where, columns = panel.current_filter(), panel.visible_column_keys()
        sort, descending = panel.model.order
        done, exporter = self._window.operations.run("Candidates not exported", lambda: services.candidate_export)
        if not done:
            return
        self._message(f"Exporting candidates to {target.name}…")
        self._window.operations.run_in_background(
            "Candidates not exported",
            lambda _signals: exporter.write(where, target, columns=columns, sort=sort, descending=descending),
            lambda count: self._exported(int(count), target),
            owner=self,
            initiator=self,
        )

    def _exported(self, count: int, target: Path) -> None:
        self.last_export = target
        self._message(f"{plural(count, 'candidate')} exported to {target}.")
