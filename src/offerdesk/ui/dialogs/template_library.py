"""The template library: templates with their offer type and default, the pre-flight check of the selected one,
and the field catalogue beside them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.offers import OfferType
from offerdesk.domain.wording import plural
from offerdesk.letters.check import CheckReport, check_template
from offerdesk.letters.fields import FIELDS, ITEM_FIELDS, Field
from offerdesk.services.letters.library import TemplateInfo
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.operations import Operations
from offerdesk.ui.views import read_only_table
from offerdesk.ui.window_geometry import FittedDialog


def report_html(report: CheckReport) -> str:
    if report.problems:
        items = "".join(f"<li>{problem.message}</li>" for problem in report.problems)
        head = f"<p><b>{len(report.problems)} problem(s) in {report.path.name}</b></p><ul>{items}</ul>"
    else:
        head = f"<p><b>{report.path.name}: no problems found.</b></p>"
    fields = ", ".join(report.fields) or "none"
    return f"{head}<p>Fields used: {fields}</p>"


def is_adopted(template: TemplateInfo) -> bool:
    """Made from a recruiter's own letter, so it has a mapping to edit."""
    from offerdesk.services.letters.adoption_sidecar import mapping_path

    return mapping_path(template.path).exists()


class TemplateLibraryDialog(FittedDialog):
    def __init__(self, services: Services, bus: ChangeBus, prompter: Prompter, parent: QWidget | None = None,
                 current_offer: Callable[[], int | None] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._current_offer = current_offer or (lambda: None)  # the offer an adopted letter's preview starts with
        self.setObjectName("templateLibrary")
        self.setWindowTitle("Letter templates")
        self.resize(1100, 640)
        self._services, self._bus, self._prompter = services, bus, prompter
        self._operations = Operations(bus, prompter, self)
        self.model: RowTableModel[TemplateInfo] = RowTableModel(
            [
                Column("Name", lambda t: t.name),
                Column("Offer type", lambda t: t.offer_type.label if t.offer_type else "Any"),
                Column("Locale", lambda t: t.locale.replace("_", "-") or "Any"),
                Column("Default", lambda t: "✓" if t.is_default else ""),
                Column("Source", lambda t: "Bundled" if t.source == "bundled" else "Added"),
                Column("Archived", lambda t: "yes" if t.archived else ""),
            ],
            self,
        )
        self.table = read_only_table(self.model, self, "templateTable")
        self.report = QTextBrowser(self)
        self.report.setObjectName("templateReport")
        fields: list[tuple[str, Field]] = [(field.name, field) for field in FIELDS]
        for list_name, items in ITEM_FIELDS.items():
            fields.extend((f"{list_name}[].{item.name}", item) for item in items)
        self.fields_model: RowTableModel[tuple[str, Field]] = RowTableModel(
            [Column("Field", lambda f: f[0]), Column("Holds", lambda f: f[1].description),
             Column("Example", lambda f: f[1].example)],
            self,
        )  # fmt: skip
        self.fields_model.set_rows(fields)
        self.fields_view = read_only_table(self.fields_model, self, "fieldTable")
        self.type_choice = QComboBox(self)
        for offer_type in OfferType:
            self.type_choice.addItem(offer_type.label, offer_type.value)
        self.locale_choice = QComboBox(self)
        self.locale_choice.setObjectName("defaultLocale")
        for label, code in (("any locale", ""), ("en-US", "en_US"), ("en-GB", "en_GB"), ("de-DE", "de_DE"),
                            ("fr-FR", "fr_FR")):  # fmt: skip
            self.locale_choice.addItem(label, code)
        self.add_button = QPushButton("Add…", self)
        self.rename_button = QPushButton("Rename…", self)
        self.archive_button = QPushButton("Archive / restore", self)
        self.default_button = QPushButton("Make default for", self)
        self.adopt_button = QPushButton("Adopt a letter…", self)
        self.adopt_button.setToolTip("Use your own Word letter (mail merge, [brackets], …) as it is")
        self.mapping_button = QPushButton("Edit mapping…", self)
        self.mapping_button.setEnabled(False)  # until an adopted template is selected
        self.status = QLabel(self)
        self.status.setObjectName("templateStatus")
        self.status.setWordWrap(True)
        self._build_layout()
        self.add_button.clicked.connect(self.add_template)
        self.rename_button.clicked.connect(self.rename_template)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.default_button.clicked.connect(self.make_default)
        self.adopt_button.clicked.connect(lambda: self.adopt_letter())
        self.mapping_button.clicked.connect(self.edit_mapping)
        self.table.selectionModel().currentRowChanged.connect(self._on_selected)
        self.reload()

    def _build_layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.addWidget(self.table, 2)
        column.addLayout(button_row(self.add_button, self.rename_button, self.archive_button, self.default_button,
                                    self.type_choice, self.locale_choice))  # fmt: skip
        column.addLayout(button_row(self.adopt_button, self.mapping_button))
        column.addWidget(self.status)
        column.addWidget(QLabel("Pre-flight check", left))
        column.addWidget(self.report, 1)
        right = QWidget(self)
        fields = QVBoxLayout(right)
        fields.addWidget(QLabel("Fields a template may use (see docs/templates.md)", right))
        fields.addWidget(self.fields_view)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 480])
        close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(close_buttons)

    def reload(self) -> None:
        self.model.set_rows(self._services.templates.list(include_archived=True))

    def selected(self) -> TemplateInfo | None:
        index = self.table.selectionModel().currentIndex()
        rows = self.model.rows()
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def select_name(self, name: str) -> None:
        for row, template in enumerate(self.model.rows()):
            if template.name == name:
                self.table.selectRow(row)

    def _on_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        template = self.selected()
        if template is not None:
            self.show_report(check_template(template.path))
        self.mapping_button.setEnabled(template is not None and is_adopted(template))

    def show_report(self, report: CheckReport) -> None:
        self.report.setHtml(report_html(report))

    def add_template(self) -> None:
        source = self._prompter.open_file("Add a letter template", "Word document (*.docx)", purpose="templates")
        if source is None:
            return
        report = check_template(Path(source))
        self.show_report(report)
        if not report.ok:
            if self._offer_adoption(Path(source)):
                return
            self._prompter.error("Template not added", f"{Path(source).name} has problems; see the check below.")
            return
        offer_type = OfferType(str(self.type_choice.currentData()))
        done, added = self._write(
            "Template not added", lambda: self._services.templates.add(Path(source), offer_type=offer_type)
        )
        if done:
            self.select_name(added.name)

    def rename_template(self) -> None:
        template = self.selected()
        if template is None:
            return
        new_name = self._prompter.ask_text("Rename template", "New name:", template.name)
        if new_name:
            done, _ = self._write(
                "Template not renamed",
                lambda: self._services.templates.rename(template.name, new_name, expected_version=template.row_version),
            )
            if done:
                self.select_name(new_name)

    def toggle_archive(self) -> None:
        template = self.selected()
        if template is not None:
            self._write(
                "Template not changed",
                lambda: self._services.templates.archive(template.name, archived=not template.archived),
            )
            self.select_name(template.name)

    def make_default(self) -> None:
        template = self.selected()
        if template is not None:
            offer_type, locale = OfferType(str(self.type_choice.currentData())), str(self.locale_choice.currentData())
            self._write(
                "Default not set",
                lambda: self._services.templates.set_default(
                    template.name, offer_type, locale, expected_version=template.row_version
                ),
            )
            self.select_name(template.name)

    def _write(self, title: str, call: Callable[[], Any]) -> tuple[bool, Any]:
        """A library change through the window's one write path, then the list shows it."""
        result = self._operations.run(title, call, initiator=self)
        self.reload()  # after a refusal too (a teammate's change): the list shows what is saved now
        return result

    # ------------------------------------------------------------------ adopting a recruiter's own letter

    def adopt_letter(self, source: Path | None = None, draft: Any = None) -> None:
        """Choose a Word letter and open the mapping screen for it (its placeholders → OfferDesk fields)."""
        if source is None:
            source = self._prompter.open_file("Adopt a letter", "Word document (*.docx)", purpose="templates")
            if source is None:
                return
        if draft is None:
            done, draft = self._operations.run(
                "Letter not adopted", lambda: self._services.template_adoption.inspect(Path(source))
            )
            if not done:
                return
        self._open_mapping(draft)

    def _offer_adoption(self, source: Path) -> bool:
        """A file refused by the check because it has placeholders of its own: offer to adopt it instead."""
        done, draft = self._operations.run(
            "Template not added", lambda: self._services.template_adoption.inspect(source), on_error=lambda _s: None
        )
        if not done or draft.answer or not draft.placeholders:
            return False
        count = len(draft.placeholders)
        asked = self._prompter.ask_action(
            "Template not added",
            f"{source.name} uses {count} placeholder{'s' if count != 1 else ''} of its own instead of OfferDesk "
            "fields. Adopt it instead? You choose what each placeholder becomes; your file is not changed.",
            ["Adopt it instead"],
            "Cancel",
        )
        if asked is not None:
            self.adopt_letter(source, draft)
        return True

    def edit_mapping(self) -> None:
        """Reopen the mapping an adopted template was made with, to change what its placeholders become."""
        template = self.selected()
        if template is None:
            return
        from offerdesk.services.letters.adoption_sidecar import original_path

        adoption = self._services.template_adoption

        def reopen() -> tuple[Any, Any]:
            saved = adoption.saved_mapping(template.name)
            words = adoption.saved_words(template.name)
            return adoption.inspect(original_path(template.path), saved, words), saved

        done, reopened = self._operations.run("Mapping not opened", reopen)
        if done:
            self._open_mapping(reopened[0], template.name, reopened[1])

    def _open_mapping(self, draft: Any, name: str | None = None, saved: Any = None) -> None:
        from offerdesk.ui.dialogs.adopt_template import AdoptTemplateDialog

        self.adopt_dialog = AdoptTemplateDialog(self._services, self._operations.bus, self._prompter, draft,
                                                self._current_offer(), self, name, saved)  # fmt: skip
        self.adopt_dialog.adopted.connect(lambda info: self._adopted(info, name, draft))
        self.adopt_dialog.open()

    def _adopted(self, info: Any, name: str | None, draft: Any) -> None:
        """The library lists the adopted template, selected, and the status line says what was added."""
        self.reload()
        chosen = name or str(getattr(info, "name", ""))
        self.select_name(chosen)
        mapped = plural(len(draft.placeholders), "placeholder")
        if name:
            self.status.setText(f"Mapping of “{name}” saved: {mapped}.")
        else:
            self.status.setText(f"Added “{chosen}” to the library, adopted from {Path(draft.source).name}: "
                                f"{mapped} mapped.")  # fmt: skip
