"""The pages of the candidate import wizard around the preview: the file, its columns and the result.

Pages only show things and report what the user changed; the wizard in `import_wizard.py` owns the background
work and moves between them. The preview page, the biggest, is in `import_preview.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.wording import plural
from offerdesk.importing.fields import ImportField
from offerdesk.importing.headers import ATS_FORMATS
from offerdesk.ui.theme import status_colour, tint

if TYPE_CHECKING:
    from offerdesk.importing.table import Table
    from offerdesk.services.candidates.importing import ImportResult

_Index = QModelIndex | QPersistentModelIndex
IGNORE = "ignore"
FILE_FILTER = "Candidate files (*.csv *.tsv *.txt *.xlsx *.xls);;All files (*)"
NAME_FIELDS = (ImportField.FULL_NAME, ImportField.FIRST_NAME, ImportField.LAST_NAME)
_FORMAT_NAMES = {
    "greenhouse": "Greenhouse",
    "lever": "Lever",
    "workable": "Workable",
    "personio": "Personio",
    "smartrecruiters": "SmartRecruiters",
    "bullhorn": "Bullhorn",
    "recruitee": "Recruitee",
    "odoo": "Odoo",
    "opencats": "OpenCATS",
    "frappe": "Frappe HR",
    "generic": "Other spreadsheet or CSV",
}
_ENCODINGS = {"utf-8-sig": "UTF-8 with BOM", "cp1252": "Windows-1252", "latin_1": "Latin-1", "iso8859-1": "Latin-1"}
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def format_name(name: str) -> str:
    return _FORMAT_NAMES.get(name, name.title())


def bad_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    tint(label, "bad")
    return label


def wrapping(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class ElidedLabel(QLabel):
    """A one-line label that ends in “…” when narrow, instead of widening the dialog; the full text is its tip."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setToolTip(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        area = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


# -- 1. the file ---------------------------------------------------------------------------------------------------
class FilePage(QWidget):
    def __init__(
        self, parent: QWidget | None = None, way_back: str = "the database is backed up first."
    ) -> None:  # way_back: what protects the data (a backup file, or a team server's own backups)
        super().__init__(parent)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setAccessibleName("File to import")
        self.path_edit.setPlaceholderText("A CSV, TSV, TXT, XLSX or XLS file exported from an ATS or a spreadsheet")
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("Bro&wse…", self)
        self.browse_button.setObjectName("importBrowse")
        self.browse_button.setAccessibleName("Choose the file to import")
        self.browse_button.setAutoDefault(False)
        self.format_choice = QComboBox(self)
        self.format_choice.setObjectName("importFormat")
        self.format_choice.setAccessibleName("Format of the export")
        self.format_choice.addItem("Recognise it from the column names", "auto")
        for name in ATS_FORMATS:
            self.format_choice.addItem(f"{format_name(name)} export" if name != "generic" else format_name(name), name)
        self.info = wrapping("", self, "importFileInfo")
        self.info.setAccessibleName("About the file")
        self.problem = bad_label(self, "importFileProblem")
        self.problem.setAccessibleName("Why the file cannot be read")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)
        format_label = QLabel("F&ormat:", self)
        format_label.setBuddy(self.format_choice)
        form.addRow(format_label, self.format_choice)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapping(
                "Choose the file, or drop it on this window. Nothing is written until the last step, and " + way_back,
                self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def path(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def format(self) -> str:
        return str(self.format_choice.currentData())

    def show_table(self, table: Table) -> None:
        self.problem.clear()
        parts = [plural(len(table.rows), "row"), plural(len(table.headers), "column")]
        if table.encoding:
            parts.append(_ENCODINGS.get(table.encoding, table.encoding.upper().replace("_", "-")))
        if table.delimiter:
            parts.append(_DELIMITERS.get(table.delimiter, f"“{table.delimiter}”") + "-separated")
        self.info.setText(f"{table.path.name}: " + ", ".join(parts) + f"; the header is row {table.header_row}.")

    def show_problem(self, sentence: str) -> None:
        self.info.clear()
        self.problem.setText(sentence)


# -- 2. the columns ------------------------------------------------------------------------------------------------
def samples(table: Table, column: int, wanted: int = 3, scan: int = 500) -> list[str]:
    """A few different non-empty values of a column, on one line each, to recognise what it holds."""
    found: list[str] = []
    for row in table.rows[:scan]:
        value = " ".join(row.values[column].split())
        if value and value not in found:
            found.append(value if len(value) <= 60 else value[:59] + "…")
            if len(found) == wanted:
                break
    return found


class MappingPage(QWidget):
    """One line per column: its header, sample values and the field it fills."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = wrapping("", self, "mappingNote")
        self.note.setAccessibleName("How the columns were matched")
        self.warning = bad_label(self, "mappingWarning")
        self.warning.setAccessibleName("What the mapping still needs")
        self.ignored = wrapping("", self, "mappingIgnored")
        self.combos: list[QComboBox] = []
        self.headers: tuple[str, ...] = ()
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setColumnStretch(1, 1)
        self._grid.setHorizontalSpacing(16)
        scroll = QScrollArea(self)
        scroll.setObjectName("mappingScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self._grid_host)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.ignored)
        layout.addWidget(self.warning)

    def show_columns(self, table: Table, mapping: tuple[ImportField | None, ...], note: str) -> None:
        self.note.setText(note)
        self.headers = table.headers
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.combos = []
        bold = QFont(self.font())
        bold.setBold(True)
        for column, title in enumerate(("Column in the file", "Sample values", "Import as")):
            heading = QLabel(title, self._grid_host)
            heading.setFont(bold)
            self._grid.addWidget(heading, 0, column)
        muted = status_colour("muted")
        for index, header in enumerate(table.headers):
            combo = QComboBox(self._grid_host)
            combo.setObjectName(f"mapColumn{index}")
            combo.setAccessibleName(f"Field for column “{header}”")
            combo.addItem("Ignore this column", IGNORE)
            for choice in ImportField:
                combo.addItem(choice.label, choice.value)
            target = mapping[index] if index < len(mapping) else None
            combo.setCurrentIndex(combo.findData(target.value if target else IGNORE))
            combo.currentIndexChanged.connect(self._edited)
            name = ElidedLabel(header, self._grid_host)
            name.setMinimumWidth(120)
            sample = ElidedLabel(" · ".join(samples(table, index)) or "(empty in the first rows)", self._grid_host)
            sample.setAccessibleName(f"Sample values of “{header}”")
            palette = sample.palette()
            palette.setColor(sample.foregroundRole(), muted)
            sample.setPalette(palette)
            self._grid.addWidget(name, index + 1, 0)
            self._grid.addWidget(sample, index + 1, 1)
            self._grid.addWidget(combo, index + 1, 2)
            self.combos.append(combo)
        self._grid.setRowStretch(len(table.headers) + 1, 1)
        self._grid.setColumnMinimumWidth(0, 160)
        self._edited()

    def set_field(self, header: str, target: ImportField | None) -> None:
        """Choose the field of the column called `header` (None: ignore it), as a user would."""
        combo = self.combos[self.headers.index(header)]
        combo.setCurrentIndex(combo.findData(target.value if target else IGNORE))

    def fields(self) -> tuple[ImportField | None, ...]:
        return tuple(None if c.currentData() == IGNORE else ImportField(str(c.currentData())) for c in self.combos)

    def mapping(self) -> dict[str, str]:
        """Column header → field value or "ignore": every column stated, so nothing is guessed again later."""
        return {header: str(combo.currentData()) for header, combo in zip(self.headers, self.combos, strict=True)}

    def has_name(self) -> bool:
        return any(target in NAME_FIELDS for target in self.fields())

    def _edited(self) -> None:
        if self.has_name():
            self.warning.clear()
        else:
            self.warning.setText(
                "Map a column to Full name, or to First name and Last name, to go on: every candidate needs a name."
            )
        ignored = sum(1 for target in self.fields() if target is None)
        columns = f"{ignored} of {plural(len(self.combos), 'column')}"
        self.ignored.setText(f"{columns} will be ignored." if ignored else "")
        self.changed.emit()


# -- lists of sentences: the problems on the preview, the values a merge replaced ---------------------------------
class LinesModel(QAbstractListModel):
    """Plain sentences, each also its own tooltip (a problem can be longer than the list is wide)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[str] = []

    def set_lines(self, lines: list[str]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.lines[index.row()]
        return None


def list_view(parent: QWidget, model: LinesModel, name: str, accessible: str) -> QListView:
    view = QListView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setUniformItemSizes(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return view


# -- 4. the result -------------------------------------------------------------------------------------------------
class ResultPage(QWidget):
    """The import running, then its outcome: the summary, the report of skipped rows and the backup."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = wrapping("", self, "resultHeading")
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)
        self.summary = wrapping("", self, "resultSummary")
        self.summary.setAccessibleName("Summary of the import")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report = wrapping("", self, "resultReport")
        self.report.setAccessibleName("Report of the skipped rows")
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_report = QPushButton("&Open the report's folder", self)
        self.open_report.setObjectName("openReportFolder")
        self.open_report.setAccessibleName("Open the folder of the report")
        self.open_report.setAutoDefault(False)
        self.backup = wrapping("", self, "resultBackup")
        self.backup.setAccessibleName("Backup of the database")
        self.backup.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_steps = wrapping("", self, "resultNextSteps")
        self.overwritten_model = LinesModel(self)
        self.overwritten = list_view(self, self.overwritten_model, "resultOverwritten", "Values the merge replaced")
        self.overwritten_title = QLabel("Values the merge replaced:", self)
        self.overwritten_title.setBuddy(self.overwritten)
        report_row = QHBoxLayout()
        report_row.addWidget(self.report, 1)
        report_row.addWidget(self.open_report, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(report_row)
        layout.addWidget(self.backup)
        layout.addWidget(self.next_steps)
        layout.addWidget(self.overwritten_title)
        layout.addWidget(self.overwritten, 1)
        layout.addStretch(0)
        self.report_path: Path | None = None
        self.show_running("")

    def _reset(self) -> None:
        self.summary.clear()
        self.report.clear()
        self.backup.clear()
        self.next_steps.clear()
        self.report_path = None
        self.open_report.hide()
        self.overwritten_model.set_lines([])
        self.overwritten.hide()
        self.overwritten_title.hide()

    def show_running(self, text: str) -> None:
        self._reset()
        self.heading.setText(text)

    def show_result(self, result: ImportResult, file_name: str) -> None:
        self._reset()
        self.heading.setText(f"{file_name} is imported.")
        self.summary.setText(f"Done: {result.summary()}.")
        if result.created or result.updated:
            self.next_steps.setText("The candidate list shows them now. Finish closes this window.")
        if result.report is not None:
            self.report_path = result.report
            self.report.setText(f"The {result.invalid:,} invalid rows, each with its problem, are in {result.report}")
            self.open_report.show()
        if result.backup is not None:
            self.backup.setText(f"The database was backed up before the import to {result.backup}")
        if result.overwritten:
            self.overwritten_model.set_lines(list(result.overwritten))
            self.overwritten.show()
            self.overwritten_title.show()

    def show_stopped(self, heading: str, sentence: str) -> None:
        self._reset()
        self.heading.setText(heading)
        self.summary.setText(sentence)
