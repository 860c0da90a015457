"""Where the window lands on a given screen, and what of a panel a user cannot see.

Imported by the tests for the checks, and run as a program (`python -m tests.gui.fit_probe DATA_DIR [W H]`) under
an offscreen screen the environment describes (QT_QPA_PLATFORM=offscreen:configfile=…, QT_SCALE_FACTOR): it opens
the main window as the app does, optionally resizes it, and prints one JSON line with the screen's available
geometry, the window's frame geometry and the offer panel's cut-off buttons and columns.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QApplication, QPushButton, QScrollArea, QWidget


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def cut_off_buttons(panel: QWidget) -> list[str]:
    """Every shown button that is not wholly on screen inside its panel: scrolled to vertically (a tall panel
    scrolls), but never needing a sideways scroll, and never past the edge of the window."""
    window = panel.window()
    cut: list[str] = []
    for button in panel.findChildren(QPushButton):
        if not button.isVisibleTo(window):
            continue
        scroll = _scroll_area_of(button)
        if scroll is not None:
            QApplication.processEvents()  # a panel that just filled lays out first: its scroll range is then true
            scroll.ensureWidgetVisible(button, 0, 0)
            QApplication.processEvents()
            sideways = scroll.horizontalScrollBar().value()
            viewport = scroll.viewport()
            shown = QRect(button.mapTo(viewport, button.rect().topLeft()), button.size())
            if sideways or not viewport.rect().contains(shown):
                cut.append(f"{button.text()} (in its scroll area at {shown.getRect()}, {viewport.size().toTuple()})")
                continue
        on_window = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not window.rect().contains(on_window):
            cut.append(f"{button.text()} (at {on_window.getRect()} in a {window.size().toTuple()} window)")
    return cut


def tables_needing_sideways_scroll(panel: QWidget) -> list[str]:
    """Shown tables whose columns do not all fit their width (some would be found only by scrolling sideways)."""
    window = panel.window()
    return [
        f"{view.objectName()} ({view.horizontalScrollBar().maximum()} px too wide)"
        for view in panel.findChildren(QAbstractItemView)
        if view.isVisibleTo(window) and view.horizontalScrollBar().maximum() > 0
    ]


def scroll_areas_needing_sideways_scroll(panel: QWidget) -> list[str]:
    window = panel.window()
    return [
        f"{type(area.widget()).__name__} in {type(panel).__name__}"
        for area in panel.findChildren(QScrollArea)
        if isinstance(area, QAbstractScrollArea)
        and area.isVisibleTo(window)
        and area.horizontalScrollBar().maximum() > 0
    ]


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer

    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.prompter import RecordingPrompter
    from offerdesk.ui.main_window import MainWindow
    from offerdesk.ui.theme import apply_platform_style

    app = QApplication(argv[:1])
    apply_platform_style(app)
    services, _report = open_services(resolve_paths(Path(argv[1])))
    window = MainWindow(services, ChangeBus(), RecordingPrompter())

    def measure() -> None:
        panels = (window.call_prep, window.call_prep.card, window.offer_summary, window.offer_summary.letter_box)
        if any(panel.is_loading for panel in panels):  # measured as seen: filled with the candidate's data
            QTimer.singleShot(50, measure)
            return
        screen = window.screen()
        available = screen.availableGeometry()
        frame = window.frameGeometry()
        result = {
            "available": list(available.getRect()),
            "frame": list(frame.getRect()),
            "fits": available.contains(frame),
            "scale": screen.devicePixelRatio(),
            "cut_off": cut_off_buttons(window.offer_summary) + cut_off_buttons(window.call_prep),
            "wide_tables": tables_needing_sideways_scroll(window.offer_summary),
            "views_sidebar": window.candidate_list.sidebar.isVisible(),
            "name_column": window.candidate_list.table.viewport().width(),
            "wide_panels": [
                *scroll_areas_needing_sideways_scroll(window.offer_summary),
                *scroll_areas_needing_sideways_scroll(window.call_prep),
            ],
        }
        print(json.dumps(result), flush=True)
        window.close()
        app.quit()

    window.show()
    if len(argv) > 3:
        QTimer.singleShot(200, lambda: window.resize(int(argv[2]), int(argv[3])))
    QTimer.singleShot(500, measure)
    app.exec()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
