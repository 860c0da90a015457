"""File → Connect to Team Database… and File → Use Local Database: the window moves between databases."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from offerdesk.ui.dialogs.connect_team import ConnectTeamDialog
    from offerdesk.ui.main_window import MainWindow
    from offerdesk.ui.window_switch import WindowSwitcher


def switcher_of(window: MainWindow) -> WindowSwitcher:
    from offerdesk.ui.window_switch import WindowSwitcher

    return window.switcher or WindowSwitcher.adopting(window)


def open_connect_dialog(window: MainWindow) -> ConnectTeamDialog:
    """The dialog, filled in with the team database the window is on (if it is on one)."""
    from offerdesk.services.setup.team_connection import TeamServer
    from offerdesk.ui.dialogs.connect_team import ConnectTeamDialog

    database = window.services.database
    initial = None if database.is_sqlite else TeamServer.from_url(database.url)
    dialog = ConnectTeamDialog(lambda url: switcher_of(window).switch_to(url), window, initial=initial)
    window.connect_dialog = dialog
    dialog.open()
    return dialog


def wire_team_menu(window: MainWindow) -> None:
    actions = window.menu_actions
    actions.connect_team.triggered.connect(lambda: open_connect_dialog(window))
    actions.use_local.triggered.connect(lambda: switcher_of(window).switch_to(None))
    actions.use_local.setEnabled(not window.services.database.is_sqlite)
