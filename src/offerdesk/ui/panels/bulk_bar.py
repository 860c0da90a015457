"""The strip above the candidate list while several candidates are selected: how many, and what can be done to all
of them at once. The actions themselves belong to the window (ui/candidate_bulk.py); the strip only shows them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from offerdesk.domain.bulk import candidates


class BulkBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkBar")
        self.count = QLabel(self)
        self.count.setObjectName("bulkCount")
        self.buttons: list[QToolButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.count)
        self._layout.addStretch(1)
        self.hide()

    def set_actions(self, actions: Sequence[QAction | QMenu]) -> None:
        """One button per action; a menu (Set Stage ▸) drops down from its button."""
        for item in actions:
            button = QToolButton(self)
            if isinstance(item, QMenu):
                button.setText(item.title().replace("&", ""))
                button.setMenu(item)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
                button.setObjectName("bulkSetStage")
            else:
                button.setDefaultAction(item)
                button.setObjectName(f"bulk_{item.objectName()}")
            self.buttons.append(button)
            self._layout.insertWidget(self._layout.count() - 1, button)

    def set_count(self, count: int) -> None:
        self.count.setText(f"{candidates(count)} selected")
        self.setVisible(count > 1)
