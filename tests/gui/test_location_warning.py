"""A data folder inside a synced folder is named once, in the status bar, for the whole session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from offerdesk.ui.location_banner import show_location_warning
from offerdesk.ui.main_window import MainWindow


def test_a_synced_data_folder_is_named_in_the_status_bar(window: MainWindow, tmp_path: Path) -> None:
    synced = tmp_path / "OneDrive - Contoso" / "OfferDesk"
    label = show_location_warning(window, synced)
    assert label is not None and label.isVisibleTo(window)
    assert window.statusBar().findChild(QLabel, "location_warning") is label
    assert label.text().startswith(f"The data folder {synced} is in a folder OneDrive syncs")


def test_a_local_data_folder_shows_no_warning(window: MainWindow, tmp_path: Path) -> None:
    assert show_location_warning(window, tmp_path / "data") is None
    assert window.statusBar().findChild(QLabel, "location_warning") is None
