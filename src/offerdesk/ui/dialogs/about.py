"""Help → About: what this OfferDesk is, where its data lives, and the licences of the libraries it ships with.

The licence notice is read from the shipped file or, failing that, built from the installed metadata (tens of
milliseconds, more on a cold disk), so it is read in the thread pool and the table fills in when it is ready.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offerdesk.resources import resource_path
from offerdesk.services.setup.info import InstallationInfo
from offerdesk.services.setup.licences import licence_notice, parse_summary
from offerdesk.ui import workers
from offerdesk.ui.desktop import open_folder
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.views import leave_on_tab
from offerdesk.ui.window_geometry import FittedDialog

WHAT_IT_IS = "Prepare, make and measure the job offer ask."
_ICON_SIZE = 64


def about_details(info: InstallationInfo) -> str:
    """The lines a user pastes into a support question."""
    return (
        f"OfferDesk {info.version}\nDatabase: {info.database}\n"
        f"Schema revision: {info.schema_revision}\nData folder: {info.data_dir}"
    )


def _icon_label(parent: QWidget) -> QLabel | None:
    try:
        icon_file = resource_path("icons", "offerdesk.svg")
    except FileNotFoundError:
        return None
    if not icon_file.is_file():
        return None
    label = QLabel(parent)
    label.setPixmap(QIcon(str(icon_file)).pixmap(_ICON_SIZE, _ICON_SIZE))
    label.setAlignment(Qt.AlignmentFlag.AlignTop)
    return label


class AboutDialog(FittedDialog):
    def __init__(
        self,
        info: InstallationInfo,
        prompter: Prompter,
        parent: QWidget | None = None,
        notice_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About OfferDesk")
        self.resize(640, 620)
        self._info = info
        self._prompter = prompter

        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addLayout(self._details())
        layout.addWidget(self._licences(), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

        workers.start(self, lambda _signals: licence_notice(notice_folder), self._show_notice, self._notice_failed)

    # -- parts -----------------------------------------------------------------------------------------------
    def _heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = _icon_label(self)
        if icon is not None:
            row.addWidget(icon)
        title = QLabel(f"OfferDesk {self._info.version}", self)
        title.setObjectName("aboutTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.Bold)
        title.setFont(font)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(QLabel(WHAT_IT_IS, self))
        column.addStretch(1)
        row.addLayout(column, 1)
        return row

    def _details(self) -> QFormLayout:
        form = QFormLayout()
        folder = self._info.data_dir
        self.data_folder_link = QLabel(f'<a href="open">{html.escape(folder)}</a>', self)
        self.data_folder_link.setObjectName("aboutDataFolder")
        self.data_folder_link.setToolTip("Open the data folder in the file manager")
        self.data_folder_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.data_folder_link.linkActivated.connect(lambda _href: self.open_data_folder())
        form.addRow("Data folder:", self.data_folder_link)
        for label, value in (("Database:", self._info.database), ("Schema revision:", self._info.schema_revision)):
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
        copy = QPushButton("&Copy Details", self)
        copy.setObjectName("aboutCopy")
        copy.setToolTip("Copy the version, database, schema revision and data folder to the clipboard")
        copy.setAutoDefault(False)
        copy.clicked.connect(self.copy_details)
        row = QHBoxLayout()
        row.addWidget(copy)
        row.addStretch(1)
        form.addRow("", row)
        return form

    def _licences(self) -> QGroupBox:
        group = QGroupBox("Licences", self)
        self.licence_status = QLabel("Reading the bundled libraries’ licences…", group)
        self.licence_table = QTableWidget(0, 3, group)
        self.licence_table.setObjectName("licenceTable")
        self.licence_table.setHorizontalHeaderLabels(["Library", "Version", "Licence"])
        self.licence_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.licence_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.licence_table.verticalHeader().setVisible(False)
        self.licence_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.licence_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        leave_on_tab(self.licence_table)
        self.licence_text = QPlainTextEdit(group)
        self.licence_text.setObjectName("licenceText")
        self.licence_text.setReadOnly(True)
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_text.setTabChangesFocus(True)
        self.licence_text.setVisible(False)
        self.show_texts = QPushButton("Show Full Licence Texts", group)
        self.show_texts.setObjectName("showLicenceTexts")
        self.show_texts.setCheckable(True)
        self.show_texts.setAutoDefault(False)
        self.show_texts.setEnabled(False)
        self.show_texts.toggled.connect(self._toggle_texts)
        column = QVBoxLayout(group)
        column.addWidget(self.licence_status)
        column.addWidget(self.licence_table, 1)
        column.addWidget(self.show_texts, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.licence_text, 2)
        return group

    # -- actions ---------------------------------------------------------------------------------------------
    def open_data_folder(self) -> None:
        open_folder(Path(self._info.data_dir), "data folder", self._prompter)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(about_details(self._info))

    def _toggle_texts(self, shown: bool) -> None:
        self.licence_text.setVisible(shown)
        self.show_texts.setText("Hide Full Licence Texts" if shown else "Show Full Licence Texts")

    def _show_notice(self, notice: Any) -> None:
        rows = parse_summary(str(notice))
        self.licence_table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.licence_table.setItem(row, column, QTableWidgetItem(value))
        self.licence_table.resizeColumnsToContents()
        self.licence_text.setPlainText(str(notice))
        self.licence_status.setText(f"OfferDesk ships with these {len(rows)} libraries, each under its own licence:")
        self.show_texts.setEnabled(True)

    def _notice_failed(self, sentence: str, _details: str) -> None:
        self.licence_status.setText(f"The bundled libraries’ licences could not be read: {sentence}")

    def licence_rows(self) -> list[tuple[str, str, str]]:
        """(library, version, licence) as the table shows them."""
        rows = []
        for row in range(self.licence_table.rowCount()):
            cells = [self.licence_table.item(row, column) for column in range(3)]
            name, version, licence = (cell.text() if cell is not None else "" for cell in cells)
            rows.append((name, version, licence))
        return rows
