"""Light or dark, following the operating system.

Windows and macOS styles follow the system scheme themselves; elsewhere Fusion is used, which picks its light or
dark palette from the platform's colour scheme. Our own accent colours are derived from the palette, so they stay
readable in both.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def apply_platform_style(app: QApplication) -> None:
    if sys.platform not in ("win32", "darwin"):
        app.setStyle("Fusion")


def is_dark() -> bool:
    """Judged from the palette actually in use, which the style sets from the OS colour scheme."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def status_colour(kind: str) -> QColor:
    """Foreground colour for good / warning / bad states, readable on the current background."""
    dark = is_dark()
    colours = {
        "good": ("#7bd88f", "#1b7f3b"),
        "warning": ("#f0c674", "#9a6700"),
        "bad": ("#ff8a80", "#b3261e"),
        "muted": ("#9aa0a6", "#5f6368"),
    }
    light_hex, dark_hex = colours.get(kind, colours["muted"])
    return QColor(light_hex if dark else dark_hex)
