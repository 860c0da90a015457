"""The chip row above the candidate table: one chip per active filter part, each with an × that removes it.

Chips wrap onto more lines instead of widening the panel (a flow layout), so the narrow list column stays narrow.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from offerdesk.ui.flow_layout import FlowLayout
from offerdesk.ui.rebuilding import rebuilding


class _ChipFlow(FlowLayout):
    """The shared wrapping layout, asking only for its narrowest width so the chips never widen the list column."""

    def sizeHint(self) -> QSize:
        return self.minimumSize()


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
        self._flow = _ChipFlow(self, spacing=4)
        self._flow.setContentsMargins(0, 0, 0, 0)
        self._chips: list[FilterChip] = []

    def set_chips(self, chips: Sequence[tuple[str, str]]) -> None:
        """(text, filter part) pairs; the row hides itself when there are none."""
        if [(chip.text(), chip.part) for chip in self._chips] == list(chips):
            return
        with rebuilding(self):  # the window is laid out once, not once a chip (ui/rebuilding.py)
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

    def chips(self) -> list[FilterChip]:
        return list(self._chips)

    def texts(self) -> list[str]:
        return [chip.text() for chip in self._chips]
