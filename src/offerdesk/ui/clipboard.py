"""Putting text on the clipboard as formatted and as plain text at once (one QMimeData holding both)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from offerdesk.domain.clip_text import ClipText


def copy_text(clip: ClipText) -> None:
    """A mail program pastes the formatting, a plain text field the words."""
    data = QMimeData()
    data.setHtml(clip.html)
    data.setText(clip.plain)
    QGuiApplication.clipboard().setMimeData(data)
