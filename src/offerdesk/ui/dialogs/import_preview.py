"""The import wizard's preview: what the import would do, from a dry run, before anything is written.

The counts, the first rows as they will be stored (phones in the international format, stages by their label)
and every problem with its row and column, so a recruiter can fix the file or skip the bad rows knowingly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.candidate_record import display_phone
from offerdesk.domain.wording import noun, plural
from offerdesk.services.candidates.import_plan import Action, ImportPlan, PlannedRow
from offerdesk.ui.dialogs.import_pages import LinesModel, bad_label, list_view, wrapping
from offerdesk.ui.theme import status_colour
from offerdesk.ui.views import leave_on_tab

_Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 50
DUPLICATE_CHOICES = (
    ("skip", "Skip the row (keep the candidate as it is)"),
    ("update", "Update the candidate with the file's values"),
    ("merge", "Merge: keep both, the file wins where they differ"),
)

_ACTION_WORDS = {Action.CREATE: "Create", Action.UPDATE: "Update", Action.INVALID: "Invalid"}
PREVIEW_COLUMNS = ("Row", "Action", "Name", "Emails", "Phones", "Stage", "Role", "Location", "Tags")


def action_words(planned: PlannedRow, folds: bool = False) -> str:
    """What happens to the row; `folds` when duplicates are updated or merged rather than skipped."""
    if planned.action is Action.INVALID:
        columns = list(dict.fromkeys(problem.column or "the row" for problem in planned.row.problems))
        return f"Invalid: {', '.join(columns)}" if columns else "Invalid"
    if planned.action is not Action.SKIP:
        return _ACTION_WORDS[planned.action]
    if planned.merged_into_row is not None:
        verb = "Merged into" if folds else "Skip: same email as"
        return f"{verb} row {planned.merged_into_row}"
    return "Skip: already in OfferDesk"


def preview_cells(planned: PlannedRow, folds: bool = False) -> tuple[str, ...]:
    """One row of the preview, as it will be stored: phones in the international format, the stage's label."""
    draft = planned.row.draft
    return (
        str(planned.row.number),
        action_words(planned, folds),
        draft.full_name,
        ", ".join(draft.emails),
        ", ".join(display_phone(phone) for phone in draft.phones),
        draft.stage.label,
        planned.row.role_title,
        draft.location,
        ", ".join(draft.tags),
    )


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []
        self._actions: list[Action] = []
        self._problems: list[str] = []  # an invalid row's problems, its tooltip

    def set_rows(self, rows: list[PlannedRow], folds: bool = False) -> None:
        self.beginResetModel()
        self._rows = [preview_cells(planned, folds) for planned in rows]
        self._actions = [planned.action for planned in rows]
        self._problems = ["\n".join(problem.sentence() for problem in planned.row.problems) for planned in rows]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PREVIEW_COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole and self._problems[index.row()]:
            return self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            action = self._actions[index.row()]
            if action is Action.INVALID:
                return status_colour("bad")
            if action is Action.SKIP:
                return status_colour("muted")
        return None


class PreviewPage(QWidget):
    """What the import would do, from a dry run: counts, the first rows as stored, and every problem."""

    duplicatesChanged = Signal()
    skipInvalidChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = wrapping("", self, "previewCounts")
        self.counts.setAccessibleName("What the import will do")
        bold = QFont(self.font())
        bold.setBold(True)
        self.counts.setFont(bold)
        self.duplicate_choice = QComboBox(self)
        self.duplicate_choice.setObjectName("onDuplicate")
        self.duplicate_choice.setAccessibleName("When an email is already known")
        for value, text in DUPLICATE_CHOICES:
            self.duplicate_choice.addItem(text, value)
        self.skip_invalid = QCheckBox("&Skip invalid rows (they are written to a report next to the file)", self)
        self.skip_invalid.setObjectName("skipInvalid")
        self.strict = bad_label(self, "strictWarning")
        self.strict.setAccessibleName("Why the import cannot start")
        self.rows_model = PreviewModel(self)
        self.rows = QTableView(self)
        leave_on_tab(self.rows)
        self.rows.setObjectName("previewRows")
        self.rows.setAccessibleName("The first rows as they will be stored")
        self.rows.setModel(self.rows_model)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setAlternatingRowColors(True)
        self.rows.setWordWrap(False)
        self.rows.verticalHeader().hide()
        self.rows.verticalHeader().setDefaultSectionSize(22)
        header = self.rows.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((46, 175, 140, 180, 125, 85, 120, 100)):
            self.rows.setColumnWidth(column, width)
        self.rows_title = QLabel(self)
        self.problems_model = LinesModel(self)
        self.problems = list_view(self, self.problems_model, "previewProblems", "Problems in the file")
        self.problems_title = QLabel(self)
        form = QFormLayout()
        duplicate_label = QLabel("When an &email is already known:", self)
        duplicate_label.setBuddy(self.duplicate_choice)
        form.addRow(duplicate_label, self.duplicate_choice)
        form.addRow("", self.skip_invalid)
        self.rows_title.setBuddy(self.rows)
        self.problems_title.setBuddy(self.problems)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(form)
        layout.addWidget(self.strict)
        layout.addWidget(self.rows_title)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems, 2)
        self.duplicate_choice.currentIndexChanged.connect(self.duplicatesChanged)
        self.skip_invalid.toggled.connect(self.skipInvalidChanged)
        self.plan: ImportPlan | None = None
        self.clear()

    def on_duplicate(self) -> str:
        return str(self.duplicate_choice.currentData())

    def clear(self) -> None:
        """While the dry run runs: nothing that could be taken for its result."""
        self.plan = None
        self.counts.setText("Checking every row…")
        self.strict.clear()
        self.rows_model.set_rows([])
        self.problems_model.set_lines([])
        self.rows_title.setText("&Rows as they will be stored")
        self.problems_title.setText("&Problems")

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        create, update = plan.count(Action.CREATE), plan.count(Action.UPDATE)
        skip, invalid = plan.count(Action.SKIP), plan.count(Action.INVALID)
        self.counts.setText(
            f"{plural(len(plan.rows), 'row')}: will create {create:,}, update {update:,}, "
            f"skip {plural(skip, 'duplicate')}, {invalid:,} invalid."
        )
        shown = plan.rows[:PREVIEW_ROWS]
        self.rows_model.set_rows(list(shown), folds=self.on_duplicate() != "skip")
        rest = f" (the first {len(shown)} of {len(plan.rows):,})" if len(plan.rows) > len(shown) else ""
        self.rows_title.setText(f"&Rows as they will be stored{rest}")
        self.problems_model.set_lines([problem.sentence() for problem in plan.problems])
        count = len(plan.problems)
        self.problems_title.setText(f"&Problems: {count:,}" if count else "&Problems: none, every row can be imported")
        self.update_strict()

    def invalid(self) -> int:
        return self.plan.count(Action.INVALID) if self.plan else 0

    def can_import(self) -> bool:
        return self.plan is not None and (self.invalid() == 0 or self.skip_invalid.isChecked())

    def update_strict(self) -> None:
        invalid = self.invalid()
        if self.plan is None or self.can_import():
            self.strict.clear()
            return
        rest = len(self.plan.rows) - invalid
        self.strict.setText(
            f"{plural(invalid, 'row')} {noun(invalid, 'is')} invalid, so a strict import would import nothing. "
            "Tick “Skip invalid rows” to "
            f"import the other {rest:,}, or fix the file and choose it again."
        )
