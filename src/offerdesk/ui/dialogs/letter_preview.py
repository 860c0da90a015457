"""The filled letter shown in the app: the PDF itself when a converter made one, else a faithful text rendering."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from offerdesk.letters.text import document_blocks
from offerdesk.ui.window_geometry import FittedDialog


def letter_html(docx: Path) -> str:
    parts = []
    for block in document_blocks(docx):
        if block.kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td style='padding:2px 10px'>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            parts.append(f"<table border='1' cellspacing='0'>{rows}</table>")
        elif block.kind == "heading":
            parts.append(f"<h3>{html.escape(block.text)}</h3>")
        else:
            parts.append(f"<p>{html.escape(block.text) or '&nbsp;'}</p>")
    return "".join(parts)


class LetterPreviewDialog(FittedDialog):
    def __init__(self, docx: Path, pdf: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterPreview")
        self.setWindowTitle(f"Preview — {docx.name}")
        self.resize(760, 900)
        layout = QVBoxLayout(self)
        self.pdf_document = None
        if pdf is not None:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self.pdf_document = QPdfDocument(self)
            self.pdf_document.load(str(pdf))
            view = QPdfView(self)
            view.setObjectName("previewPdf")
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setDocument(self.pdf_document)
            layout.addWidget(view)
        else:
            note = QLabel("No PDF converter is installed, so this shows the letter's text and tables.", self)
            note.setWordWrap(True)
            layout.addWidget(note)
            text = QTextBrowser(self)
            text.setObjectName("previewText")
            text.setHtml(letter_html(docx))
            layout.addWidget(text)
        close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_buttons.rejected.connect(self.reject)
        layout.addWidget(close_buttons)
