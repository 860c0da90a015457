"""View → Appearance: System follows the operating system's light or dark setting; Light and Dark override it,
at once and for the next start too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.theme import Appearance, apply_appearance, status_colour


def _window_colour(widget: QWidget) -> int:
    return widget.palette().color(QPalette.ColorRole.Window).lightness()


@pytest.fixture(autouse=True)
def back_to_system() -> Iterator[None]:
    """The palette is the application's: leave it as the next test expects it."""
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_appearance(app, Appearance.SYSTEM)


def _menu_titles(window: MainWindow) -> list[str]:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    appearance = next(a.menu() for a in view.actions() if a.menu() is not None and "Appearance" in a.text())
    return [a.text().replace("&", "") for a in appearance.actions()]


def test_view_appearance_offers_system_light_and_dark_one_at_a_time(window: MainWindow) -> None:
    assert _menu_titles(window) == ["System", "Light", "Dark"]
    actions = window.menu_actions
    assert actions.appearance_system.isChecked()  # the default: follow the OS
    actions.appearance_dark.trigger()
    assert actions.appearance_dark.isChecked() and not actions.appearance_system.isChecked()


def test_dark_is_applied_at_once_and_kept_for_the_next_start(
    window: MainWindow, qtbot: QtBot, services: Services, prompter: RecordingPrompter
) -> None:
    assert _window_colour(window) >= 128
    light_bad = status_colour("bad")
    window.menu_actions.appearance_dark.trigger()
    qtbot.waitUntil(lambda: _window_colour(window) < 128)  # the new palette reaches the widgets as an event
    assert _window_colour(window.call_prep) < 128 and _window_colour(window.offer_summary) < 128
    assert status_colour("bad").lightness() > light_bad.lightness()  # accents lighten on the dark background
    window.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_appearance(app, Appearance.SYSTEM)  # as a new start would find it
    again = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(again)
    assert again.menu_actions.appearance_dark.isChecked()
    qtbot.waitUntil(lambda: _window_colour(again) < 128)


def test_light_is_light_even_when_the_system_turns_dark(window: MainWindow, qtbot: QtBot) -> None:
    window.menu_actions.appearance_light.trigger()
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.wait(50)
    assert _window_colour(window) >= 128 and QApplication.palette().color(QPalette.ColorRole.Window).lightness() >= 128


def test_system_follows_the_operating_system(window: MainWindow, qtbot: QtBot) -> None:
    window.menu_actions.appearance_dark.trigger()
    window.menu_actions.appearance_system.trigger()
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the OS switched to dark
    qtbot.waitUntil(lambda: _window_colour(window) < 128)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: _window_colour(window) >= 128)


def test_the_dashboard_charts_take_the_dark_colours(window: MainWindow, qtbot: QtBot) -> None:
    window.toggle_dashboard()
    dashboard = window.dashboard
    assert dashboard is not None
    from offerdesk.ui.panels.dashboard_charts import ChartBox

    qtbot.waitUntil(lambda: len(dashboard.findChildren(ChartBox)) == 4)  # built once the page is on screen
    window.menu_actions.appearance_dark.trigger()
    qtbot.waitUntil(lambda: _window_colour(dashboard) < 128)
    for chart in dashboard.findChildren(ChartBox):
        background, axis_text = chart.background_colour(), chart.axis_text_colour()
        assert background.lightness() < 128 and axis_text.lightness() > 128, chart.objectName()
        drawn = chart.canvas.grab().toImage()
        assert drawn.pixelColor(1, 1).rgb() == background.rgb(), chart.objectName()  # painted so, not only said


def test_status_coloured_text_takes_the_new_colours_at_once(window: MainWindow, qtbot: QtBot) -> None:
    """The call's pause cue and the dashboard's small print keep their colours readable after a switch."""
    window.start_call()
    runner = window.call_runner
    assert runner is not None
    window.toggle_dashboard()
    dashboard = window.dashboard
    assert dashboard is not None

    def tile_notes() -> list[QWidget]:
        return [label for label in dashboard.findChildren(QWidget) if label.objectName() == "tileDefinition"]

    qtbot.waitUntil(lambda: bool(tile_notes()))  # the tiles are built once the page is on screen
    for appearance in (window.menu_actions.appearance_dark, window.menu_actions.appearance_light):
        appearance.trigger()
        assert status_colour("warning").name() in runner.pause_cue.styleSheet()
        assert all(status_colour("muted").name() in label.styleSheet() for label in tile_notes())
