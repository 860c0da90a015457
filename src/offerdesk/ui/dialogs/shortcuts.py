"""Help → Keyboard Shortcuts: written from the menu actions (ui/actions.py) and the panels' own keys
(ui/keys.py) as they are, so the list cannot fall behind what the keys do."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from offerdesk.ui.actions import Actions
from offerdesk.ui.keys import PANEL_KEYS, keys_label
from offerdesk.ui.views import leave_on_tab
from offerdesk.ui.window_geometry import FittedDialog


def plain_text(menu_text: str) -> str:
    """A menu text without its mnemonic marks (“&Find Candidate” → “Find Candidate”, “&&” stays one “&”)."""
    return menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def on_a_keyboard(sequence: QKeySequence) -> bool:
    """False for the extra keys a platform's standard bindings add (F14, or the “Undo” and “Find” keys of some
    keyboards): listing them would only puzzle."""
    if sequence.isEmpty():
        return False
    key = sequence[0].key()  # type: ignore[index]  # QKeySequence has operator[]
    return bool(key < Qt.Key.Key_F13 or Qt.Key.Key_Space <= key <= Qt.Key.Key_ydiaeresis)


def menu_shortcuts(actions: Actions) -> list[tuple[str, str]]:
    """(what, keys) for every action that has a shortcut, in the registry's order, keys as this platform
    writes them."""
    native = QKeySequence.SequenceFormat.NativeText
    listed = []
    for field in fields(actions):
        action = getattr(actions, field.name)
        sequences = [action.shortcut(), *(s for s in action.shortcuts()[1:] if on_a_keyboard(s))]
        if not action.shortcut().isEmpty():
            listed.append((plain_text(action.text()), " or ".join(s.toString(native) for s in sequences)))
    return listed


class ShortcutsDialog(FittedDialog):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(620, 560)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutList")
        self.tree.setHeaderLabels(["Does", "Keys"])
        self.tree.setRootIsDecorated(False)
        leave_on_tab(self.tree)
        self._group("Menus", menu_shortcuts(actions))
        for title, keys in PANEL_KEYS:
            self._group(title, [(key.does, keys_label(key)) for key in keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)

    def _group(self, title: str, rows: list[tuple[str, str]]) -> None:
        group = QTreeWidgetItem(self.tree, [title])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFirstColumnSpanned(True)
        for does, keys in rows:
            QTreeWidgetItem(group, [does, keys])

    def listed(self) -> list[tuple[str, str]]:
        """Every (does, keys) row shown, groups aside."""
        listed = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            assert group is not None
            for row in range(group.childCount()):
                item = group.child(row)
                assert item is not None
                listed.append((item.text(0), item.text(1)))
        return listed
