"""Which columns the candidate table shows: right-click the header for a checkable menu.

The choice is kept in the window-state file beside the geometry (when the panel is given one), so the list opens
the way it was left; the name column always stays, a list without it would show nobody.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu, QTableView

from offerdesk.ui.models.candidate_table import COLUMN_KEYS, COLUMNS, DEFAULT_COLUMNS

SETTINGS_KEY = "candidateList/columns"
ALWAYS_SHOWN = "name"


def _stored_keys(value: object) -> list[str] | None:
    """QSettings gives back a list, a single string, or nothing; unknown keys (a newer version's) are dropped."""
    if value is None:
        return None
    items = value if isinstance(value, list) else str(value).split(",")
    keys = [key.strip() for key in items if isinstance(key, str) and key.strip() in COLUMN_KEYS]
    return keys or None


class ColumnChooser(QObject):
    def __init__(self, table: QTableView, settings: QSettings | None = None) -> None:
        super().__init__(table)
        self._table = table
        self._settings = settings
        header = table.horizontalHeader()
        for position, column in enumerate(COLUMNS):
            header.resizeSection(position, column.width)
        stored = _stored_keys(settings.value(SETTINGS_KEY)) if settings is not None else None
        self._show(stored or list(DEFAULT_COLUMNS))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._open_menu)

    def visible_keys(self) -> list[str]:
        """In the order the header shows them."""
        header = self._table.horizontalHeader()
        shown = [i for i in range(len(COLUMNS)) if not header.isSectionHidden(i)]
        return [COLUMN_KEYS[i] for i in sorted(shown, key=header.visualIndex)]

    def set_visible(self, key: str, visible: bool) -> None:
        if key == ALWAYS_SHOWN and not visible:
            return
        self._table.setColumnHidden(COLUMN_KEYS.index(key), not visible)
        if visible and self._table.columnWidth(COLUMN_KEYS.index(key)) == 0:
            self._table.setColumnWidth(COLUMN_KEYS.index(key), COLUMNS[COLUMN_KEYS.index(key)].width)
        self._remember()

    def menu(self) -> QMenu:
        """The checkable menu the header's context menu shows (built fresh: it reflects the table as it is)."""
        menu = QMenu(self._table)
        menu.setObjectName("columnChooser")
        shown = set(self.visible_keys())
        for column in COLUMNS:
            action = menu.addAction(column.title)
            action.setObjectName(f"column_{column.key}")
            action.setCheckable(True)
            action.setChecked(column.key in shown)
            action.setEnabled(column.key != ALWAYS_SHOWN)
            action.toggled.connect(lambda checked, key=column.key: self.set_visible(key, checked))
        return menu

    def _open_menu(self, position: QPoint) -> None:
        menu = self.menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self._table.horizontalHeader().mapToGlobal(position))

    def _show(self, keys: Sequence[str]) -> None:
        wanted = {*keys, ALWAYS_SHOWN}
        for position, key in enumerate(COLUMN_KEYS):
            self._table.setColumnHidden(position, key not in wanted)

    def _remember(self) -> None:
        if self._settings is not None:
            self._settings.setValue(SETTINGS_KEY, ",".join(self.visible_keys()))
            self._settings.sync()
