"""A teammate saved the offer while you edited it: their save and yours side by side, field by field.

Only the fields that differ are listed, each with who changed it since you opened the offer. Keep mine saves yours
over theirs (knowingly), Take theirs loads theirs into the form, Merge saves a choice per field: a field only you
changed keeps yours, one only they changed takes theirs, one you both changed takes theirs and is highlighted so
you look at it. Nothing you typed is dropped unless you chose their value for that field.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Literal

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.conflict_sides import Side
from offerdesk.domain.labels import CHANGED_BY_LABELS, SIDE_LABELS
from offerdesk.domain.offer_conflict import ConflictField, OfferConflict, conflict_fields, merge_terms
from offerdesk.domain.offer_diff import EMPTY
from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.domain.typed_dates import typed_date_text
from offerdesk.ui import format as fmt
from offerdesk.ui.theme import status_colour
from offerdesk.ui.views import leave_on_tab
from offerdesk.ui.window_geometry import FittedDialog

Choice = Literal["mine", "theirs", "merge"]
KEEP_MINE, TAKE_THEIRS, MERGE = "Keep mine", "Take theirs", "Merge"
DATE_FIELDS = ("expires_on", "start_date", "end_date", "effective_date")
CHANGED_BY = CHANGED_BY_LABELS
COLUMNS = ("Field", "You typed", "Teammate saved", "Changed by", "Keep")


def BOTH_CHANGED() -> QColor:
    """A soft amber behind a field both of you changed, readable in light and dark themes."""
    colour = status_colour("warning")
    colour.setAlpha(70)
    return colour


@dataclass(frozen=True)
class Resolution:
    """What the user chose: the terms to save (mine, merged) or to load into the form (theirs)."""

    choice: Choice
    terms: OfferTerms


class EditConflictDialog(FittedDialog):
    def __init__(
        self, opened: OfferTerms, mine: OfferTerms, conflict: OfferConflict, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editConflict")
        self.setWindowTitle(f"Offer {conflict.offer_id} was saved by someone else")
        self.resize(900, 420)
        self.opened, self.mine, self.conflict = opened, mine, conflict
        self.fields = conflict_fields(opened, mine, conflict.theirs, fmt.ui_locale())
        self.resolution: Resolution | None = None
        who = html.escape(conflict.saved_by) if conflict.saved_by else "A teammate"
        self.summary = QLabel(
            f"<b>{who} saved this offer after you opened it.</b> Nothing of yours was saved yet. "
            "These fields differ between their save and what you typed; fields you both changed are highlighted.",
            self,
        )
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(self.fields), len(COLUMNS), self)
        self.table.setObjectName("conflictFields")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QComboBox().sizeHint().height() + 6)  # every row as tall as its Keep choice
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        leave_on_tab(self.table)  # Tab goes on to each row's Keep choice and the buttons, never stuck in the table
        self.choices: dict[str, QComboBox] = {}
        for row, item in enumerate(self.fields):
            self._fill_row(row, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(3, 130)
        self.table.setColumnWidth(4, 140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.keep_mine = self._button(KEEP_MINE, "Save what you typed over their save, every field")
        self.take_theirs = self._button(TAKE_THEIRS, "Show their save in the editor; what you typed is dropped")
        self.merge = self._button(MERGE, "Save each field as chosen in the Keep column")
        self.merge.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Cancel keeps what you typed in the editor, unsaved, until you choose.", self))
        layout.addWidget(self.buttons)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False, chosen=text: self.choose(chosen))
        return button

    def _value(self, item: ConflictField, terms: OfferTerms, text: str) -> str:
        """A value as the form shows it: dates as its date fields write them, amounts as the version diff does."""
        if item.field in DATE_FIELDS:
            return typed_date_text(getattr(terms, item.field), fmt.ui_locale()) or EMPTY
        return text

    def _fill_row(self, row: int, item: ConflictField) -> None:
        cells = (
            item.label,
            self._value(item, self.mine, item.mine),
            self._value(item, self.conflict.theirs, item.theirs),
            CHANGED_BY[item.changed_by],
        )
        opened = self._value(item, self.opened, item.opened)
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(f"When you opened the offer: {opened}" if column == 3 else text)
            if item.changed_by == "both":
                cell.setBackground(QBrush(BOTH_CHANGED()))
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
            self.table.setItem(row, column, cell)
        choice = QComboBox(self.table)
        for side in ("mine", "theirs"):
            choice.addItem(SIDE_LABELS[side], side)
        choice.setCurrentIndex(0 if item.default == "mine" else 1)
        choice.setAccessibleName(f"Keep for {item.label}")
        self.table.setCellWidget(row, 4, choice)
        self.choices[item.field] = choice

    def chosen(self) -> dict[str, Side]:
        """The side each field's Keep column names now."""
        return {name: "mine" if box.currentData() == "mine" else "theirs" for name, box in self.choices.items()}

    def set_choice(self, field: str, side: Side) -> None:
        self.choices[field].setCurrentIndex(0 if side == "mine" else 1)

    def choose(self, button: str) -> None:
        """Settle with one of the three buttons (what clicking it does)."""
        theirs = self.conflict.theirs
        if button == KEEP_MINE:
            self.resolution = Resolution("mine", self.mine)
        elif button == TAKE_THEIRS:
            self.resolution = Resolution("theirs", theirs)
        else:
            self.resolution = Resolution("merge", merge_terms(self.mine, theirs, self.chosen()))
        self.accept()
