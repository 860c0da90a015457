"""Light or dark: following the operating system (System, the default) or chosen in View → Appearance.

System keeps the platform's style (Windows and macOS styles follow the system scheme themselves; elsewhere
Fusion, given a dark palette when the OS says dark). Light and Dark use Fusion with a palette of their own, so
they look the same everywhere. Our accent colours are derived from the palette in use, so they stay readable in
both.
"""

from __future__ import annotations

import sys
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

APPEARANCE_KEY = "appearance/colours"
_PLATFORM_STYLE = "offerdeskPlatformStyle"  # the style the platform gave, kept for a return to System


class Appearance(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def apply_platform_style(app: QApplication) -> None:
    if sys.platform not in ("win32", "darwin"):
        app.setStyle("Fusion")
    app.setProperty(_PLATFORM_STYLE, app.style().name())


Role, Group = QPalette.ColorRole, QPalette.ColorGroup
_DARK = {
    Role.Window: "#2b2d30", Role.WindowText: "#e6e6e6", Role.Base: "#1e1f22", Role.AlternateBase: "#26282b",
    Role.ToolTipBase: "#3c3f41", Role.ToolTipText: "#e6e6e6", Role.PlaceholderText: "#8c8f94",
    Role.Text: "#e6e6e6", Role.Button: "#393b40", Role.ButtonText: "#e6e6e6", Role.BrightText: "#ff8a80",
    Role.Light: "#505357", Role.Midlight: "#43464a", Role.Mid: "#323437", Role.Dark: "#1b1c1f",
    Role.Shadow: "#0d0d0e", Role.Highlight: "#3574f0", Role.HighlightedText: "#ffffff", Role.Link: "#8ab4f8",
    Role.LinkVisited: "#c58af9",
}  # fmt: skip
_DARK_DISABLED = {Role.WindowText: "#7d8086", Role.Text: "#7d8086", Role.ButtonText: "#7d8086",
                  Role.Highlight: "#4a4d52", Role.HighlightedText: "#b0b0b0"}  # fmt: skip
_LIGHT = {
    Role.Window: "#efefef", Role.WindowText: "#000000", Role.Base: "#ffffff", Role.AlternateBase: "#f7f7f7",
    Role.ToolTipBase: "#ffffdc", Role.ToolTipText: "#000000", Role.PlaceholderText: "#6f6f6f",
    Role.Text: "#000000", Role.Button: "#efefef", Role.ButtonText: "#000000", Role.BrightText: "#ffffff",
    Role.Light: "#ffffff", Role.Midlight: "#cacaca", Role.Mid: "#b8b8b8", Role.Dark: "#9f9f9f",
    Role.Shadow: "#767676", Role.Highlight: "#308cc6", Role.HighlightedText: "#ffffff", Role.Link: "#0b57d0",
    Role.LinkVisited: "#7b1fa2",
}  # fmt: skip
_LIGHT_DISABLED = {Role.WindowText: "#8a8a8a", Role.Text: "#8a8a8a", Role.ButtonText: "#8a8a8a",
                   Role.Highlight: "#919191", Role.HighlightedText: "#ffffff"}  # fmt: skip


def _palette(colours: dict[QPalette.ColorRole, str], disabled: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def dark_palette() -> QPalette:
    return _palette(_DARK, _DARK_DISABLED)


def light_palette() -> QPalette:
    return _palette(_LIGHT, _LIGHT_DISABLED)


def effective_scheme(appearance: Appearance, system: Qt.ColorScheme) -> Qt.ColorScheme:
    """What the window shows: the choice, or for System the operating system's scheme (maybe Unknown)."""
    if appearance is Appearance.DARK:
        return Qt.ColorScheme.Dark
    if appearance is Appearance.LIGHT:
        return Qt.ColorScheme.Light
    return system


def apply_appearance(app: QApplication, appearance: Appearance, system: Qt.ColorScheme | None = None) -> None:
    """Style and palette for `appearance`, live; `system` is the OS scheme (read from the style hints if None)."""
    hints = app.styleHints()
    if system is None:
        system = hints.colorScheme()
    if not app.property(_PLATFORM_STYLE):
        app.setProperty(_PLATFORM_STYLE, app.style().name())
    platform_style = str(app.property(_PLATFORM_STYLE))
    style = platform_style if appearance is Appearance.SYSTEM else "fusion"
    if app.style().name().lower() != style.lower():
        app.setStyle(style)
    if appearance is Appearance.SYSTEM:
        hints.unsetColorScheme()  # native dialogs and title bars follow the OS again
    else:
        hints.setColorScheme(effective_scheme(appearance, system))  # where the platform can, they follow too
    scheme = effective_scheme(appearance, system)
    fusion = app.style().name().lower() == "fusion"
    if fusion and scheme is Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
    elif fusion and appearance is Appearance.LIGHT:
        app.setPalette(light_palette())
    else:
        app.setPalette(QPalette())  # the platform's own, following the OS from now on
    _notifier().changed.emit()


def saved_appearance(settings: QSettings) -> Appearance:
    value = str(settings.value(APPEARANCE_KEY, Appearance.SYSTEM.value))
    return Appearance(value) if value in set(Appearance) else Appearance.SYSTEM


def save_appearance(settings: QSettings, appearance: Appearance) -> None:
    settings.setValue(APPEARANCE_KEY, appearance.value)
    settings.sync()


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


class _Notifier(QObject):
    changed = Signal()  # the palette in use was replaced (light ↔ dark)


def _notifier() -> _Notifier:
    app = QCoreApplication.instance()
    found = app.findChild(_Notifier) if app is not None else None
    return found if found is not None else _Notifier(app)


class _Tint(QObject):
    """Keeps a widget's text in a status colour of the palette in use: a style sheet colour is fixed when set,
    so it is set again whenever the palette changes."""

    def __init__(self, widget: QWidget, kind: str, css: str) -> None:
        super().__init__(widget)
        self._widget, self._kind, self._css = widget, kind, css
        _notifier().changed.connect(self.apply)
        self.apply()

    def set(self, kind: str, css: str) -> None:
        self._kind, self._css = kind, css
        self.apply()

    def apply(self) -> None:
        sheet = f"color: {status_colour(self._kind).name()};{f' {self._css}' if self._css else ''}"
        if self._widget.styleSheet() != sheet:
            self._widget.setStyleSheet(sheet)


def tint(widget: QWidget, kind: str, css: str = "") -> None:
    """Show `widget`'s text in the good / warning / bad / muted colour, in light and dark alike (`css` adds
    more style-sheet properties, e.g. "font-weight: bold")."""
    kept = widget.findChild(_Tint, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if kept is None:
        _Tint(widget, kind, css)
    else:
        kept.set(kind, css)
