"""Change a panel's rows with the box that holds them hidden, so the window is laid out once, not once a row.

Each time Qt shows a widget whose parent is on screen, it lays out every visible ancestor up to the window there
and then (QWidget::setVisible activates each ancestor's layout); a row added to a visible box is shown that way
from the event loop. Nine term rows made again for the next candidate were nine layouts of the whole window, with
every table's column fit in Python each time: 15–45 ms of a candidate switch (measured with perf). Inside a box
that is hidden no ancestor is laid out; showing the box once afterwards lays the window out once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget


@contextmanager
def rebuilding(box: QWidget) -> Iterator[None]:
    """Hide `box` while the block makes, adds, removes, shows or hides its rows; then show it again, with the focus
    back where it was if that widget is still there (hiding a box moves the focus out of it).

    Make the new rows inside the block: a widget made while its parent is on screen stays hidden until shown."""
    if not box.isVisible():
        yield
        return
    focused = QApplication.focusWidget()
    box.hide()
    try:
        yield
    finally:
        box.show()
        if focused is not None and shiboken6.isValid(focused) and box.isAncestorOf(focused) and focused.isVisible():
            focused.setFocus()
