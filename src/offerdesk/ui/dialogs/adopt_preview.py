"""The live preview of a letter being adopted: its first page, filled for an offer the recruiter picks.

It is made off the GUI thread (the service fills the prepared copy, then LibreOffice or Word turns it into a PDF
whose first page is shown; without a converter, the letter's text), a short while after the last change, one at a
time with the latest winning, so choosing fields never waits for it and never freezes the window.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.offers import OfferRow
from offerdesk.letters.adopt.model import Choice
from offerdesk.ui import workers

PREVIEW_DELAY_MS = 400
PREPARING = "Preparing preview…"


class MappingPreview(QWidget):
    def __init__(self, adoption: Any, draft: Any, choices: Callable[[], dict[str, Choice]],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._adoption, self._draft, self._choices = adoption, draft, choices
        self.offer_choice = QComboBox(self)
        self.offer_choice.setObjectName("previewOffer")
        self.pages = QStackedWidget(self)
        self.message = QLabel(PREPARING, self)
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QLabel(self)
        self.image.setObjectName("previewImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        image_scroll = QScrollArea(self)
        image_scroll.setWidgetResizable(True)
        image_scroll.setWidget(self.image)
        self.text = QTextBrowser(self)
        self.text.setObjectName("previewText")
        for page in (self.message, image_scroll, self.text):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        offer_row = QHBoxLayout()
        offer_row.addWidget(QLabel("First page filled for:", self))
        offer_row.addWidget(self.offer_choice, 1)
        layout.addLayout(offer_row)
        layout.addWidget(self.pages, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._scratch = tempfile.TemporaryDirectory(prefix="offerdesk-adopt-")
        self._generation, self._running, self._again = 0, False, False
        self.shown = ""  # "image", "text", "message" or "preparing": what the preview area shows now
        self._page: QImage | None = None  # the first page at full size, scaled to the area when shown

    def set_draft(self, draft: Any) -> None:
        """The letter looked at again (words marked or unmarked): the preview fills that one from now on."""
        self._draft = draft
        self.schedule()

    def fill_offers(self, offers: Sequence[OfferRow], current: int | None) -> None:
        """The offers to preview with; `current` (the one selected in the window) first chosen, else the first."""
        for row in offers:
            self.offer_choice.addItem(f"{row.candidate_name} — {row.role_title} ({row.offer_type.label})", row.id)
        index = self.offer_choice.findData(current) if current is not None else -1
        self.offer_choice.setCurrentIndex(max(index, 0))
        self.offer_choice.currentIndexChanged.connect(lambda _index: self.schedule())

    def schedule(self) -> None:
        """A change: the preview follows once the changes stop for a moment."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        """Fill the copy for the chosen offer and show its first page; one preview at a time, the latest wins."""
        offer_id = self.offer_choice.currentData()
        if offer_id is None:
            self._say("There is no offer to preview the letter with yet.")
            return
        if self._running:
            self._again = True
            return
        self._running, self._again = True, False
        self._generation += 1
        adoption, draft, choices = self._adoption, self._draft, self._choices()
        folder = Path(self._scratch.name) / str(self._generation)
        self._say(PREPARING)

        def work(_signals: workers.TaskSignals) -> tuple[str, Any]:
            from offerdesk.letters.pdf import ConversionError, convert_to_pdf, find_converter
            from offerdesk.ui.dialogs.letter_preview import letter_html

            filled = Path(adoption.preview(draft, choices, int(offer_id)))
            try:
                if find_converter() is not None:
                    with contextlib.suppress(ConversionError):  # the text rendering still shows what it says
                        return "pdf", convert_to_pdf([filled], folder)[0]
                return "text", letter_html(filled)
            finally:
                shutil.rmtree(filled.parent, ignore_errors=True)

        workers.start(self, work, self._done, self._failed)

    def _finished(self) -> bool:
        """The running preview ended; True when its result is still worth showing (nothing changed since)."""
        self._running = False
        if self._again:
            self._timer.start()
            return False
        return True

    def _done(self, result: tuple[str, Any]) -> None:
        if not self._finished():
            return
        kind, value = result
        if kind == "text":
            self.text.setHtml(str(value))
            self.pages.setCurrentWidget(self.text)
            self.shown = "text"
            return
        self._page = first_page(Path(value), 1400)
        if self._page is None:
            self._say("The preview could not be shown: the PDF made from the letter has no pages.")
            return
        self._show_page()
        self.pages.setCurrentIndex(1)
        self.shown = "image"

    def _failed(self, sentence: str, _details: str) -> None:
        if self._finished():
            self._say(f"No preview: {sentence}")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentWidget(self.message)
        self.shown = "preparing" if text == PREPARING else "message"

    def _show_page(self) -> None:
        """The first page as wide as the preview area (sharp on high-density screens too)."""
        if self._page is None:
            return
        ratio = self.devicePixelRatioF()
        width = int(max(self.pages.width() - 24, 320) * ratio)
        pixmap = QPixmap.fromImage(self._page.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
        pixmap.setDevicePixelRatio(ratio)
        self.image.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_page()


def first_page(pdf: Path, width: int) -> QImage | None:
    """Page 1 of `pdf` as an image `width` pixels wide, or None for a PDF without pages."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    if document.pageCount() < 1:
        return None
    page = document.pagePointSize(0)
    scale = width / max(page.width(), 1.0)
    rendered = document.render(0, QSize(int(page.width() * scale), int(page.height() * scale)))
    document.close()
    if rendered.isNull():
        return None
    image = QImage(rendered.size(), QImage.Format.Format_RGB32)  # paper is white where the PDF draws nothing
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image
