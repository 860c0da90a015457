"""The one warning about where the data folder is (a cloud-synced folder, a network share), kept in the status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow

from offerdesk.services.setup.data_location import location_warning

log = logging.getLogger(__name__)


def show_location_warning(window: QMainWindow, data_dir: Path) -> QLabel | None:
    """A label for the whole session (status messages show over it, then it returns); None for a local folder."""
    warning = location_warning(data_dir)
    if warning is None:
        return None
    log.warning("%s", warning)
    label = QLabel(warning)
    label.setObjectName("location_warning")
    label.setWordWrap(True)
    window.statusBar().addWidget(label, 1)
    return label
