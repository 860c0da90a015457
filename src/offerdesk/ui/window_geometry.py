"""Where the main window opens: the size it wants, shrunk and moved to fit the screen it opens on.

A saved window state may come from a bigger monitor, a lower scale factor or a screen that is gone; a fixed
first size may be larger than a laptop's screen at 200 %. Both are fitted to the available geometry (the screen
less task bars and docks), window frame included, so the title bar and the bottom edge are always reachable.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen, QShowEvent
from PySide6.QtWidgets import QDialog, QSplitter, QWidget

PREFERRED_SIZE = QSize(1360, 820)
# Decorations of a typical window manager, used until the window is shown and its real frame is known.
FRAME_ESTIMATE = QMargins(8, 38, 8, 8)


def fitted_geometry(wanted: QRect, available: QRect, frame: QMargins) -> QRect:
    """The window rectangle (frame excluded) closest to `wanted` whose frame lies inside `available`."""
    room = available.marginsRemoved(frame)
    width = min(wanted.width(), room.width())
    height = min(wanted.height(), room.height())
    left = min(max(wanted.left(), room.left()), room.right() + 1 - width)
    top = min(max(wanted.top(), room.top()), room.bottom() + 1 - height)
    return QRect(left, top, width, height)


def centred(size: QSize, available: QRect, frame: QMargins) -> QRect:
    """`size`, fitted to `available` and centred in it."""
    fitted = fitted_geometry(QRect(available.topLeft(), size), available, frame)
    fitted.moveCenter(available.marginsRemoved(frame).center())
    return fitted_geometry(fitted, available, frame)


def frame_of(window: QWidget) -> QMargins:
    """The window's real frame once the window manager has framed it; an estimate before (and without one)."""
    handle = window.windowHandle()
    margins = handle.frameMargins() if window.isVisible() and handle is not None else QMargins()
    return FRAME_ESTIMATE if margins.isNull() else margins


def screen_of(window: QWidget) -> QScreen:
    """The screen the window's centre is on; its own screen when the centre is on none (a monitor unplugged)."""
    return QGuiApplication.screenAt(window.geometry().center()) or window.screen()


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move the window so its frame lies inside the available part of its screen (never below the
    window's minimum size: a screen smaller than that cannot be helped)."""
    if window.isMaximized() or window.isFullScreen():
        return
    available = screen_of(window).availableGeometry()
    fitted = fitted_geometry(window.geometry(), available, frame_of(window))
    if fitted != window.geometry():
        window.setGeometry(fitted)


_FITTED = "offerdeskFittedToScreen"


class FittedDialog(QDialog):
    """A dialog fitted to its screen as it is first shown (a fixed first size included), before it appears; later
    the user's own size and place are left alone. (Each dialog class does this itself: an application-wide event
    filter would be called from Qt into Python for every event of every widget, hundreds per repaint.)"""

    def showEvent(self, event: QShowEvent) -> None:
        if not event.spontaneous() and not self.property(_FITTED):
            self.setProperty(_FITTED, True)
            fit_to_screen(self)
        super().showEvent(event)


def restore_window_state(window: QWidget, splitter: QSplitter, state: QSettings) -> None:
    """The saved size, place and panel widths (the keys MainWindow.save_window_state writes), or the preferred
    size centred; either fitted to today's screen. The main window and the start frame both open this way."""
    geometry = state.value("geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        window.setGeometry(centred(PREFERRED_SIZE, screen_of(window).availableGeometry(), FRAME_ESTIMATE))
    fit_to_screen(window)
    widths = state.value("splitter")
    if widths is not None:
        splitter.restoreState(widths)
