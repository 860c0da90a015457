"""Custom item-data roles shared by the table models."""

from PySide6.QtCore import Qt

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # the domain record behind a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value to sort by
