"""The chip row above the candidate table: one chip per active filter part, each with an × that removes it.

Chips wrap onto more lines instead of widening the panel (a flow layout), so the narrow list column stays narrow.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QLayoutItem, QToolButton, QWidget


class FlowLayout(QLayout):
    """Lays items left to right and wraps them; its height follows the width it is given."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x, y, line_height = area.x(), y + line_height + self._gap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class FilterChip(QFrame):
    removeRequested = Signal(str)  # the filter part

    def __init__(self, text: str, part: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.part = part
        self.label = QLabel(text, self)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(f"Remove “{text}”")
        self.remove_button.setAccessibleName(f"Remove {text}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self.part))

    def text(self) -> str:
        return self.label.text()


class FilterChips(QWidget):
    removeRequested = Signal(str)  # the filter part whose chip's × was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChips")
        self._flow = FlowLayout(self)
        self._chips: list[FilterChip] = []

    def set_chips(self, chips: Sequence[tuple[str, str]]) -> None:
        """(text, filter part) pairs; the row hides itself when there are none."""
        if [(chip.text(), chip.part) for chip in self._chips] == list(chips):
            return
        for chip in self._chips:
            self._flow.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        for text, part in chips:
            chip = FilterChip(text, part, self)
            chip.removeRequested.connect(self.removeRequested)
            self._flow.addWidget(chip)
            self._chips.append(chip)
        self.setVisible(bool(self._chips))
        self._flow.invalidate()

    def chips(self) -> list[FilterChip]:
        return list(self._chips)

    def texts(self) -> list[str]:
        return [chip.text() for chip in self._chips]
