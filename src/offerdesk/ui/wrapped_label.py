"""A word-wrapped label that remembers its height for each width until what it shows changes.

A layout asks a wrapped label for its height at a width many times in one pass (its minimum, its hint, again for
the scroll area around it), and Qt lays the text out anew each time: for a rich text (a list, bold words) that is
a whole text document's layout. In the side panels, which change with every candidate switched to, those layouts
were the largest part of the window's work after a switch (measured with perf on `bench/run.py
responsiveness`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

_KEPT = 16  # widths remembered; a splitter dragged asks for many, and then they start again


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
        super().setText(text)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(text_format)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= _KEPT:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._heights.clear()
        super().changeEvent(event)
