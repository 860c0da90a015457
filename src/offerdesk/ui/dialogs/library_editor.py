"""The call-prep library editor: recruiters adapt the shipped objections and scripts to their own words, mark
favourites, go back to the shipped text, find items as they type, delete their own (with undo) and share the whole
library as one file.

Every write goes through `LibraryService`; the dialog re-emits what changed on `changed` so the main window can
refresh the call-prep panel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.offers import OfferType
from offerdesk.domain.wording import plural
from offerdesk.errors import EditConflict, OfferDeskError
from offerdesk.services.callprep.library import ItemKind, LibraryService
from offerdesk.services.changes import Changes
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.dialogs.script_step_editor import StepEditor, plain_editor
from offerdesk.ui.operations import KEEP_EDITING, RELOAD
from offerdesk.ui.window_geometry import FittedDialog

T = TypeVar("T")
LIBRARY_FILTER = "OfferDesk library (*.json)"
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # the lower-case text a search matches an item against
OBJECTION_LINE_FIELDS = (
    ("says", "Candidate says"),
    ("probe", "Probe"),
    ("levers", "Levers"),
    ("avoid", "Avoid"),
    ("keywords", "Keywords"),
)


def item_label(item: dict[str, Any]) -> str:
    """★ for favourites; "edited" for changed shipped items, "added" for the user's own (never shipped) ones."""
    star = "★ " if item["favourite"] else ""
    if not item["shipped"]:
        note = "  (added)"
    elif item["user_modified"]:
        note = "  (edited)"
    else:
        note = ""
    return f"{star}{item['title']}{note}"


def search_text(item: dict[str, Any]) -> str:
    """What a search looks in: title, code or key, and what a candidate says (objections) or the step titles."""
    words = [item["title"], item.get("code") or item.get("key", "")]
    words += [*item.get("says", []), *item.get("keywords", [])]
    words += [str(step.get("title", "")) for step in item.get("steps", [])]
    return " ".join(words).casefold()


def _lines(editor: QPlainTextEdit) -> list[str]:
    """One item per line; blank lines are spacing, not items."""
    return [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]


class LibraryEditorDialog(FittedDialog):
    changed = Signal(object)  # the Changes of every write, for the main window to publish

    def __init__(
        self, library: LibraryService, parent: QWidget | None = None, prompter: Prompter | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryEditor")
        self.setWindowTitle("Call-prep library")
        self.resize(1100, 720)
        self._library = library
        self._prompter = prompter or Prompter(self)
        self._objection: dict[str, Any] | None = None
        self._script: dict[str, Any] | None = None
        self.step_editors: list[StepEditor] = []

        self._deleted: tuple[ItemKind, str, str] | None = None  # what Undo delete brings back: kind, key, title

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search titles, codes and what candidates say…")
        self.search.setClearButtonEnabled(True)
        self.tabs = QTabWidget(self)
        self.objection_list = QListWidget(self)
        self.objection_list.setObjectName("objectionList")
        self.script_list = QListWidget(self)
        self.script_list.setObjectName("scriptList")
        self.objection_state = QLabel(self)
        self.objection_state.setObjectName("objectionState")
        self.objection_title = QLineEdit(self)
        self.objection_title.setObjectName("objectionTitle")
        self.objection_lines = {
            field: plain_editor(self, f"objection_{field}") for field, _label in OBJECTION_LINE_FIELDS
        }
        self.talk_track = plain_editor(self, "talkTrack", 120)
        self.script_state = QLabel(self)
        self.script_state.setObjectName("scriptState")
        self.script_title = QLineEdit(self)
        self.script_title.setObjectName("scriptTitle")
        self.offer_type = QComboBox(self)
        self.offer_type.setObjectName("scriptOfferType")
        for kind in OfferType:
            self.offer_type.addItem(kind.label, kind.value)
        self.steps_box = QWidget(self)
        self.steps_layout = QVBoxLayout(self.steps_box)

        self.save_button = QPushButton("Save", self)
        self.add_button = QPushButton("Add…", self)
        self.favourite_button = QPushButton("★ Favourite", self)
        self.favourite_button.setCheckable(True)
        self.reset_button = QPushButton("Reset to shipped", self)
        self.delete_button = QPushButton("Delete…", self)
        self.delete_button.setObjectName("deleteItem")
        self.undo_delete_button = QPushButton("Undo delete", self)
        self.undo_delete_button.setObjectName("undoDelete")
        self.undo_delete_button.setVisible(False)
        self.export_button = QPushButton("Export library…", self)
        self.import_button = QPushButton("Import library…", self)
        self.report = QLabel(self)
        self.report.setObjectName("importReport")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_layout()
        self.objection_list.currentRowChanged.connect(lambda _row: self._show_objection())
        self.script_list.currentRowChanged.connect(lambda _row: self._show_script())
        self.tabs.currentChanged.connect(lambda _index: self._update_buttons())
        self.save_button.clicked.connect(self.save)
        self.add_button.clicked.connect(self.add_item)
        self.favourite_button.clicked.connect(self.toggle_favourite)
        self.reset_button.clicked.connect(self.reset_item)
        self.delete_button.clicked.connect(self.delete_item)
        self.undo_delete_button.clicked.connect(self.undo_delete)
        self.search.textChanged.connect(lambda _text: self._apply_search())
        self.export_button.clicked.connect(self.export_library)
        self.import_button.clicked.connect(self.import_library)
        self.reload()

    # --- layout ------------------------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        objection_form_widget = QWidget(self)
        form = QFormLayout(objection_form_widget)
        form.addRow(self.objection_state)
        form.addRow("Title", self.objection_title)
        for field, label in OBJECTION_LINE_FIELDS:
            form.addRow(f"{label}\n(one per line)", self.objection_lines[field])
        form.addRow("Talk track", self.talk_track)
        self.tabs.addTab(self._split(self.objection_list, objection_form_widget), "Objections")

        script_widget = QWidget(self)
        script_column = QVBoxLayout(script_widget)
        header = QFormLayout()
        header.addRow(self.script_state)
        header.addRow("Title", self.script_title)
        header.addRow("Offer type", self.offer_type)
        script_column.addLayout(header)
        self.steps_layout.addStretch(1)
        steps_scroll = QScrollArea(script_widget)
        steps_scroll.setWidgetResizable(True)
        steps_scroll.setWidget(self.steps_box)
        script_column.addWidget(steps_scroll, 1)
        self.tabs.addTab(self._split(self.script_list, script_widget, scroll=False), "Scripts")  # steps scroll

        buttons = QHBoxLayout()
        for button in (self.save_button, self.add_button, self.favourite_button, self.reset_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        report_row = QHBoxLayout()
        report_row.addWidget(self.report, 1)
        report_row.addWidget(self.undo_delete_button)
        layout.addLayout(report_row)
        close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_buttons.rejected.connect(self.reject)
        layout.addWidget(close_buttons)

    def _split(self, items: QListWidget, editor: QWidget, *, scroll: bool = True) -> QSplitter:
        splitter = QSplitter(self)
        splitter.addWidget(items)
        if scroll:
            area = QScrollArea(self)
            area.setWidgetResizable(True)
            area.setWidget(editor)
            splitter.addWidget(area)
        else:
            splitter.addWidget(editor)
        splitter.setSizes([320, 780])
        return splitter

    # --- reading -----------------------------------------------------------------------------------------------

    @property
    def current_kind(self) -> ItemKind:
        return "objection" if self.tabs.currentIndex() == 0 else "script"

    def current_key(self) -> str | None:
        items = self.objection_list if self.current_kind == "objection" else self.script_list
        item = items.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def reload(self) -> None:
        """Refill both lists, keeping the selection where it was."""
        self._fill(self.objection_list, self._library.objections(), "code")
        self._fill(self.script_list, self._library.scripts(), "key")
        self._show_objection()
        self._show_script()
        self._apply_search()

    def _fill(self, items: QListWidget, rows: list[dict[str, Any]], id_field: str) -> None:
        current = items.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        items.blockSignals(True)
        items.clear()
        for row in rows:
            item = QListWidgetItem(item_label(row), items)
            item.setData(Qt.ItemDataRole.UserRole, row[id_field])
            item.setToolTip(str(row[id_field]))
            item.setData(SEARCH_ROLE, search_text(row))
        keys = [row[id_field] for row in rows]
        items.setCurrentRow(keys.index(keep) if keep in keys else (0 if keys else -1))
        items.blockSignals(False)

    def select(self, kind: ItemKind, key: str) -> None:
        """Show one item (used after Add…, Undo delete and by tests); a search that hides it is cleared."""
        self.tabs.setCurrentIndex(0 if kind == "objection" else 1)
        items = self.objection_list if kind == "objection" else self.script_list
        for row in range(items.count()):
            if items.item(row).data(Qt.ItemDataRole.UserRole) == key:
                if items.item(row).isHidden():
                    self.search.clear()
                items.setCurrentRow(row)
                return

    def _apply_search(self) -> None:
        """Hide the items that do not hold every word typed; the editor then shows the first item left."""
        words = self.search.text().casefold().split()
        for items in (self.objection_list, self.script_list):
            for row in range(items.count()):
                item = items.item(row)
                item.setHidden(not all(word in str(item.data(SEARCH_ROLE)) for word in words))
            current = items.currentItem()
            if current is None or current.isHidden():
                visible = [row for row in range(items.count()) if not items.item(row).isHidden()]
                items.setCurrentRow(visible[0] if visible else -1)

    def _show_objection(self) -> None:
        item = self.objection_list.currentItem()
        self._objection = None
        if item is not None:
            self._objection = self._library.objection(str(item.data(Qt.ItemDataRole.UserRole)))
        data = self._objection or {}
        self.objection_state.setText(self._state_text(data) if data else "")
        self.objection_title.setText(str(data.get("title", "")))
        for field, editor in self.objection_lines.items():
            editor.setPlainText("\n".join(data.get(field, [])))
        self.talk_track.setPlainText(str(data.get("talk_track", "")))
        self._update_buttons()

    def _show_script(self) -> None:
        item = self.script_list.currentItem()
        self._script = None
        if item is not None:
            self._script = self._library.script(str(item.data(Qt.ItemDataRole.UserRole)))
        data = self._script or {}
        self.script_state.setText(self._state_text(data) if data else "")
        self.script_title.setText(str(data.get("title", "")))
        index = self.offer_type.findData(data.get("offer_type", OfferType.VERBAL.value))
        self.offer_type.setCurrentIndex(max(index, 0))
        for editor in self.step_editors:
            self.steps_layout.removeWidget(editor)
            editor.deleteLater()
        self.step_editors = [StepEditor(step, self.steps_box) for step in data.get("steps", [])]
        for position, editor in enumerate(self.step_editors):
            self.steps_layout.insertWidget(position, editor)
        self._update_buttons()

    @staticmethod
    def _state_text(data: dict[str, Any]) -> str:
        if not data["shipped"]:
            return "Added by you."
        if data["user_modified"]:
            return "Edited: content updates will not overwrite your text (Reset to shipped brings it back)."
        return "Shipped text: content updates refresh it until you edit it."

    def _current_data(self) -> dict[str, Any] | None:
        return self._objection if self.current_kind == "objection" else self._script

    def _update_buttons(self) -> None:
        data = self._current_data()
        for button in (self.save_button, self.favourite_button):
            button.setEnabled(data is not None)
        self.reset_button.setEnabled(data is not None and bool(data["shipped"]))
        own = data is not None and not data["shipped"]
        self.delete_button.setEnabled(own)
        self.delete_button.setToolTip(
            "Delete this item of yours (you can undo it)"
            if own
            else "Shipped content is never deleted: edit it, or Reset to shipped brings its text back"
        )
        self.favourite_button.setChecked(bool(data and data["favourite"]))

    # --- writing -----------------------------------------------------------------------------------------------

    def _attempt(self, title: str, action: Callable[[], T]) -> T | None:
        """A mistake the user can fix is shown in one sentence and leaves the editor as it was."""
        try:
            return action()
        except OfferDeskError as error:
            self._prompter.error(title, str(error))
            return None

    def _publish(self, changes: Changes | None) -> None:
        self.reload()
        if changes:
            self.changed.emit(changes)

    def save(self) -> None:
        key, data = self.current_key(), self._current_data()
        if key is None:
            return
        version = data.get("row_version") if data else None  # as read when the item was shown
        if self.current_kind == "objection":
            fields: dict[str, Any] = {field: _lines(editor) for field, editor in self.objection_lines.items()}
            fields.update(title=self.objection_title.text(), talk_track=self.talk_track.toPlainText())
            title = "Objection not saved"
            action: Callable[[], Changes] = partial(
                self._library.update_objection, key, expected_version=version, **fields
            )
        else:
            steps = [editor.value() for editor in self.step_editors]
            script_title, offer_type = self.script_title.text(), str(self.offer_type.currentData())
            title = "Script not saved"
            action = partial(
                self._library.update_script, key, script_title, steps, offer_type, expected_version=version
            )
        try:
            changes = action()
        except EditConflict as conflict:  # a teammate saved it since: reload theirs, or keep what is typed
            if self._prompter.ask_action(title, str(conflict), [RELOAD], KEEP_EDITING) == RELOAD:
                self.reload()
            return
        except OfferDeskError as error:
            self._prompter.error(title, str(error))
            changes = None
        self._publish(changes)

    def add_item(self) -> None:
        kind = self.current_kind
        if kind == "objection":
            key = self._prompter.ask_text("Add an objection", "Code (upper-case letters, digits and _, e.g. VISA):")
        else:
            key = self._prompter.ask_text("Add a script", "Key (lower-case words and hyphens, e.g. my-verbal-offer):")
        if not key:
            return
        title = self._prompter.ask_text(f"Add {key.strip()}", "Title:")
        if not title:
            return
        code = key.strip()
        if kind == "objection":
            changes = self._attempt("Objection not added", lambda: self._library.add_objection(code, title))
        else:
            # A new script starts as a copy of the one on screen: editing a full call is easier than an empty one.
            base = self._script
            steps = base["steps"] if base else [{"key": "opening", "title": "Opening", "text": ""}]
            offer_type = str(self.offer_type.currentData())
            changes = self._attempt(
                "Script not added", lambda: self._library.add_script(code, offer_type, title, steps)
            )
        self._publish(changes)
        if changes:
            self.select(kind, code)

    def toggle_favourite(self) -> None:
        key = self.current_key()
        data = self._current_data()
        if key is None or data is None:
            return
        kind = self.current_kind
        changes = self._attempt(
            "Favourite not changed", lambda: self._library.set_favourite(kind, key, not data["favourite"])
        )
        self._publish(changes)

    def reset_item(self) -> None:
        key = self.current_key()
        if key is None:
            return
        kind = self.current_kind
        if not self._prompter.confirm("Reset to shipped", f"Replace your text of {key} with the shipped text?"):
            return
        self._publish(self._attempt("Not reset", lambda: self._library.reset_to_shipped(kind, key)))

    def delete_item(self) -> None:
        """Asks first, naming the item; shipped content is never deleted, and Undo delete brings it back."""
        key, data, kind = self.current_key(), self._current_data(), self.current_kind
        if key is None or data is None:
            return
        title = str(data["title"])
        question = (f"Delete the {kind} “{title}” ({key}) from the library? Call prep and practice will no longer "
                    "offer it. You can undo this.")  # fmt: skip
        if not self._prompter.confirm("Delete from the library", question):
            return
        changes = self._attempt("Not deleted", lambda: self._library.delete(kind, key))
        if changes is None:
            return
        self._deleted = (kind, key, title)
        self._publish(changes)
        self.report.setText(f"Deleted the {kind} “{title}”.")
        self.undo_delete_button.setVisible(True)

    def undo_delete(self) -> None:
        if self._deleted is None:
            return
        kind, key, title = self._deleted
        changes = self._attempt("Not brought back", lambda: self._library.undelete(kind, key))
        if changes is None:
            return
        self._deleted = None
        self.undo_delete_button.setVisible(False)
        self._publish(changes)
        self.select(kind, key)
        self.report.setText(f"The {kind} “{title}” is back.")

    def export_library(self) -> None:
        target = self._prompter.save_file(
            "Export the call-prep library", "offerdesk-library.json", LIBRARY_FILTER, purpose="library"
        )
        if target is None:
            return
        count = self._attempt("Library not exported", lambda: self._library.export_library(target))
        if count is not None:
            self.report.setText(f"Exported {plural(count, 'item')} (scripts and objections) to {target}.")

    def import_library(self) -> None:
        source = self._prompter.open_file("Import a call-prep library", LIBRARY_FILTER, purpose="library")
        if source is None:
            return
        outcome = self._attempt("Library not imported", lambda: self._library.import_library(source))
        if outcome is None:
            return
        self.report.setText(f"Imported {source.name}: {outcome.value.summary()}")
        self._publish(outcome.changes)
