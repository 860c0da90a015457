"""One number on the dashboard: the figure, its label, its definition, and a click that shows what is behind it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from offerdesk.ui.theme import tint


class MetricTile(QFrame):
    """One number with its name, a small-sample warning and the definition in small print. Click for its offers."""

    clicked = Signal()

    def __init__(self, name: str, clickable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.clickable = clickable
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.value_label = QLabel("–", self)
        self.value_label.setObjectName("tileValue")
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value_label.setFont(font)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("tileLabel")
        self.name_label.setWordWrap(True)
        self.sample_label = QLabel("small sample", self)
        self.sample_label.setObjectName("tileSmallSample")
        tint(self.sample_label, "warning")
        self.sample_label.hide()
        self.definition_label = QLabel(self)
        self.definition_label.setObjectName("tileDefinition")
        self.definition_label.setWordWrap(True)
        small = self.definition_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.definition_label.setFont(small)
        tint(self.definition_label, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.name_label)
        layout.addWidget(self.sample_label)
        layout.addWidget(self.definition_label)
        layout.addStretch(1)
        self.offer_ids: tuple[int, ...] = ()

    def show_value(
        self, value: str, label: str, definition: str = "", small_sample: bool = False, offer_ids: Sequence[int] = ()
    ) -> None:
        self.value_label.setText(value or "–")
        self.name_label.setText(label)
        self.sample_label.setVisible(small_sample)
        self.definition_label.setText(definition)
        self.definition_label.setVisible(bool(definition))
        self.setToolTip(definition)
        self.offer_ids = tuple(offer_ids)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if self.clickable and event.button() == Qt.MouseButton.LeftButton and inside:
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.clickable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
