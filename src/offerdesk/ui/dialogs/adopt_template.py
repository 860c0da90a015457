"""Adopting a recruiter's own Word letter: say what each of its placeholders becomes, see the first page filled
for a real offer, and keep OfferDesk's prepared copy in the template library (the original is never changed).

Beside the table, the first page filled for a real offer follows every change (see adopt_preview.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.offers import OfferType
from offerdesk.letters.adopt.model import Choice, ChoiceKind
from offerdesk.letters.fields import FIELDS
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.adopt_marking import WordMarking
from offerdesk.ui.dialogs.adopt_preview import MappingPreview
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.models.mapping_table import CHOICE, FORMAT, MappingModel, pictures_for, still_to_map
from offerdesk.ui.operations import Operations
from offerdesk.ui.theme import tint
from offerdesk.ui.window_geometry import FittedDialog

PREVIEW_DELAY_MS = 400
LOCALES = (("any locale", ""), ("en-US", "en_US"), ("en-GB", "en_GB"), ("de-DE", "de_DE"), ("fr-FR", "fr_FR"))
FIXED_TEXT, LEAVE_EMPTY = "text:", "empty:"  # item data of the two choices that are not a field
LETTER_FORMAT = "Letter's format"


def field_data(name: str) -> str:
    """The item data of a catalogue field in the choice combo."""
    return f"field:{name}"


def _empty(layout: QLayout) -> None:
    """Take every item out of a layout and the layouts in it, leaving the widgets to their parent."""
    while (item := layout.takeAt(0)) is not None:
        if (inner := item.layout()) is not None:
            _empty(inner)


class AdoptTemplateDialog(WordMarking, FittedDialog):
    """`draft` is what TemplateAdoption.inspect found; with `template_name` the dialog edits that adopted
    template's mapping (starting from `saved`) instead of adding a new one."""

    adopted = Signal(object)  # the TemplateInfo added or changed

    def __init__(self, services: Services, bus: ChangeBus, prompter: Prompter, draft: Any,
                 offer_id: int | None = None, parent: QWidget | None = None, template_name: str | None = None,
                 saved: dict[str, Choice] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("adoptTemplate")
        self._services, self._prompter, self.draft = services, prompter, draft
        self._template_name = template_name
        self._operations = Operations(bus, prompter, self)
        source = Path(draft.source)
        self.setWindowTitle(f"Adopt a letter — {source.name}" if template_name is None else
                            f"Edit mapping — {template_name}")  # fmt: skip
        self.resize(1200, 720)
        self.model = MappingModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("mappingTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the combos and buttons, as everywhere else
        self.choice_combos: list[QComboBox] = []
        self.format_combos: list[QComboBox] = []
        self._syncing = False
        self._just_picked: int | None = None  # the row whose combo changed in this event, if any
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.counts = QLabel(self)
        self.left = QLabel(self)
        self.left.setObjectName("stillToMap")
        self.left.setWordWrap(True)
        tint(self.left, "warning")
        self.confirm_button = QPushButton("Confirm all suggestions", self)
        self.mark_button = QPushButton("Mark words as a placeholder…", self)
        self.mark_button.setObjectName("markWords")
        self.mark_button.setToolTip("Plain words of the letter that stand for a value, such as Employee Name")
        self.unmark_button = QPushButton("Unmark", self)
        self.unmark_button.setObjectName("unmarkWords")
        self.unmark_button.setToolTip("The selected marked words are ordinary text again")
        self.name_edit = QLineEdit(template_name or source.stem, self)
        self.name_edit.setObjectName("adoptName")
        self.name_edit.setReadOnly(template_name is not None)
        self.type_choice = QComboBox(self)
        self.type_choice.addItem("any offer type", None)
        for offer_type in OfferType:
            self.type_choice.addItem(offer_type.label, offer_type.value)
        self.locale_choice = QComboBox(self)
        for label, code in LOCALES:
            self.locale_choice.addItem(label, code)
        self.preview = MappingPreview(services.template_adoption, draft, self._preview_choices, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.adopt_button = self.buttons.addButton(
            "Adopt" if template_name is None else "Save mapping", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.adopt_button.setObjectName("adoptButton")
        self.buttons.rejected.connect(self.reject)
        self.adopt_button.clicked.connect(self.adopt)
        self._offer_id = offer_id
        self.mark_button.clicked.connect(self.mark_words)
        if draft.answer:
            self._build_answer(draft.answer)
            return
        self._build_layout()
        self._start_mapping(saved if saved is not None else draft.choices)

    def _start_mapping(self, choices: dict[str, Choice]) -> None:
        self.preview.fill_offers(self._services.offers.list(), self._offer_id)
        self.model.changed.connect(self._on_changed)
        self.confirm_button.clicked.connect(self.confirm_all)
        self.unmark_button.clicked.connect(self.unmark_words)
        self.table.selectionModel().selectionChanged.connect(self._update_unmark)
        self._update_unmark()
        self.name_edit.textChanged.connect(self._update_adopt)
        self.model.set_draft(self.draft.placeholders, choices)
        self._place_combos()

    # ---------------------------------------------------------------------------------------------- layout

    def _build_answer(self, answer: str) -> None:
        """A file that cannot be adopted (or needs no adopting): the sentence why, and only Close."""
        self.adopt_button.hide()
        self.answer = QLabel(answer, self)
        self.answer.setObjectName("adoptAnswer")
        self.answer.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.answer, 1)
        if self.draft.markable:  # plain words only: the recruiter can say which stand for a value
            layout.addLayout(button_row(self.mark_button))
        else:
            self.mark_button.hide()
        layout.addWidget(self.buttons)
        self.resize(560, 200)

    def _leave_answer(self) -> None:
        """Words were marked in a letter that had no placeholders: the mapping screen takes the answer's place."""
        self.answer.hide()
        layout = self.layout()
        assert layout is not None
        _empty(layout)
        QWidget().setLayout(layout)  # the emptied layout goes with a throwaway widget, so a new one can be set
        self.adopt_button.show()
        self._build_layout()
        self._start_mapping(self.draft.choices)
        self.resize(1200, 720)

    def _build_intro(self) -> None:
        found = len(self.draft.placeholders)
        self.intro.setText(
            f"{Path(self.draft.source).name} has {found} placeholder{'s' if found != 1 else ''} of its own. Choose "
            "what each becomes; OfferDesk's suggestions are marked ● until you confirm them. "
            "Your file is not changed: OfferDesk keeps a prepared copy."
        )

    def _build_layout(self) -> None:
        self._build_intro()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 110, 270, 120, 100)):
            self.table.setColumnWidth(column, width)
        left = QWidget(self)
        column_layout = QVBoxLayout(left)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.intro)
        column_layout.addWidget(self.table, 1)
        column_layout.addLayout(button_row(self.confirm_button, self.mark_button, self.unmark_button, self.counts))
        column_layout.addWidget(self.left)
        form = QFormLayout()
        form.addRow("Template name:", self.name_edit)
        form.addRow("For offers of type:", self.type_choice)
        form.addRow("Locale:", self.locale_choice)
        column_layout.addLayout(form)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([760, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _place_combos(self) -> None:
        """A searchable field combo and a format combo over each row's "Becomes" and "Format" cells."""
        self.choice_combos, self.format_combos = [], []
        for row in range(self.model.rowCount()):
            choice_combo = self._choice_combo(row)
            format_combo = QComboBox(self.table)
            format_combo.setEditable(True)
            format_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            format_combo.setAccessibleName(f"Format of {self.model.placeholder(row).written}")
            format_combo.currentTextChanged.connect(lambda _text, r=row: self._format_picked(r))
            self.table.setIndexWidget(self.model.index(row, CHOICE), choice_combo)
            self.table.setIndexWidget(self.model.index(row, FORMAT), format_combo)
            self.choice_combos.append(choice_combo)
            self.format_combos.append(format_combo)
        self._sync_combos()

    def _choice_combo(self, row: int) -> QComboBox:
        placeholder = self.model.placeholder(row)
        combo = QComboBox(self.table)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setAccessibleName(f"What {placeholder.written} becomes")
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.addItem("— choose —", None)
        fields = {field.name: field for field in FIELDS}
        for suggestion in self.draft.suggestions.get(placeholder.id, [])[:3]:  # the likeliest first, then all
            if suggestion.field in fields:
                combo.addItem(fields[suggestion.field].description, field_data(suggestion.field))
                combo.setItemData(combo.count() - 1, f"Suggested: {suggestion.reason}", Qt.ItemDataRole.ToolTipRole)
        combo.insertSeparator(combo.count())
        for field in FIELDS:
            combo.addItem(field.description, field_data(field.name))
            combo.setItemData(combo.count() - 1, f"{field.name} — e.g. {field.example}", Qt.ItemDataRole.ToolTipRole)
        combo.insertSeparator(combo.count())
        combo.addItem("Fixed text…", FIXED_TEXT)
        combo.addItem("Leave empty", LEAVE_EMPTY)
        combo.currentIndexChanged.connect(lambda _index, r=row: self._choice_picked(r))
        combo.activated.connect(lambda _index, r=row: self._picked_again(r))
        return combo

    # ---------------------------------------------------------------------------------------------- choices

    def _sync_combos(self) -> None:
        """Show each row's choice in its combos (after a reset or "confirm all"), without treating it as a pick."""
        self._syncing = True
        try:
            for row, combo in enumerate(self.choice_combos):
                choice = self.model.choice(row)
                fixed = combo.findData(FIXED_TEXT)
                combo.setItemText(fixed, "Fixed text…")
                if choice is None:
                    combo.setCurrentIndex(0)
                elif choice.kind is ChoiceKind.FIELD:
                    combo.setCurrentIndex(max(combo.findData(field_data(choice.value)), 0))
                elif choice.kind is ChoiceKind.TEXT:
                    combo.setItemText(fixed, f"Fixed text: “{choice.value}”")
                    combo.setCurrentIndex(fixed)
                else:
                    combo.setCurrentIndex(combo.findData(LEAVE_EMPTY))
                line = combo.lineEdit()
                if line is not None:
                    line.setCursorPosition(0)  # a long description shows its start, not its end
                self._sync_format(row)
        finally:
            self._syncing = False

    def _sync_format(self, row: int) -> None:
        combo, choice = self.format_combos[row], self.model.choice(row)
        field = choice.value if choice is not None and choice.kind is ChoiceKind.FIELD else ""
        pictures = pictures_for(field, self.model.placeholder(row).picture) if field else []
        was, self._syncing = self._syncing, True
        combo.clear()
        combo.addItem(LETTER_FORMAT)
        combo.addItems(pictures)
        combo.setEnabled(bool(pictures))
        picture = choice.picture if choice is not None else ""
        if picture:
            combo.setCurrentText(picture)
        self._syncing = was

    def _choice_picked(self, row: int) -> None:
        if self._syncing:
            return
        self._just_picked = row  # the click's `activated`, which follows, has nothing more to do
        QTimer.singleShot(0, lambda: setattr(self, "_just_picked", None))
        combo, old = self.choice_combos[row], self.model.choice(row)
        data = combo.currentData()
        choice: Choice | None
        if data is None:
            choice = None
        elif data == FIXED_TEXT:
            written = self.model.placeholder(row).written
            current = old.value if old is not None and old.kind is ChoiceKind.TEXT else ""
            text = self._prompter.ask_text("Fixed text", f"What to write in place of {written}:", current)
            if text is None:
                self._sync_combos()
                return
            choice = Choice(ChoiceKind.TEXT, text, confirmed=True)
        elif data == LEAVE_EMPTY:
            choice = Choice(ChoiceKind.EMPTY, confirmed=True)
        else:
            name = str(data).removeprefix("field:")
            keep = old.picture if old is not None and old.kind is ChoiceKind.FIELD and old.value == name else ""
            choice = Choice(ChoiceKind.FIELD, name, keep, confirmed=True)
        self.choose(row, choice)

    def _picked_again(self, row: int) -> None:
        """The item already shown was picked from the list: a suggestion is then confirmed (the recruiter has looked
        at it), and a fixed text can be typed anew."""
        if self._syncing or self._just_picked == row:
            self._just_picked = None
            return
        choice = self.model.choice(row)
        if choice is not None and choice.kind is ChoiceKind.TEXT:
            self._choice_picked(row)
        elif choice is not None and not choice.confirmed:
            self.choose(row, Choice(choice.kind, choice.value, choice.picture, confirmed=True))

    def _format_picked(self, row: int) -> None:
        if self._syncing:
            return
        choice = self.model.choice(row)
        if choice is None or choice.kind is not ChoiceKind.FIELD:
            return
        text = self.format_combos[row].currentText().strip()
        picture = "" if text in ("", LETTER_FORMAT) else text
        self.model.set_choice(row, Choice(choice.kind, choice.value, picture, choice.confirmed))

    def choose(self, row: int, choice: Choice | None) -> None:
        """What the placeholder in `row` becomes (the combos follow); the same call a pick in the table makes."""
        self.model.set_choice(row, choice)
        self._sync_combos()

    def confirm_all(self) -> None:
        self.model.confirm_all()
        self._sync_combos()

    def row_of(self, written: str) -> int:
        """The row of the placeholder written as `written` («FirstName», [Start Date])."""
        return next(row for row, p in enumerate(self.model.placeholders()) if p.written == written)

    def _on_changed(self) -> None:
        self.counts.setText(self.model.counts())
        self._update_adopt()
        self.preview.schedule()

    def _preview_choices(self) -> dict[str, Choice]:
        """The choices to preview with: what is not mapped yet shows as written, so the page can be seen early."""
        shown = {p.id: Choice(ChoiceKind.TEXT, p.written) for p in self.model.unmapped()}
        return shown | self.model.choices()

    def _update_adopt(self) -> None:
        left = still_to_map(self.model.unmapped())
        named = bool(self.name_edit.text().strip())
        self.left.setText(left + "." if left else "" if named else "Give the template a name.")
        self.adopt_button.setEnabled(not left and named)

    def adopt(self) -> None:
        if not self.adopt_button.isEnabled():
            return
        adoption, choices, words = self._services.template_adoption, self.model.choices(), self.draft.words
        if self._template_name is not None:
            name = self._template_name
            done, value = self._operations.run("Mapping not saved", lambda: adoption.readopt(name, choices, words),
                                               initiator=self)  # fmt: skip
        else:
            name = self.name_edit.text().strip()
            offer_type = self.type_choice.currentData()
            kind = OfferType(str(offer_type)) if offer_type else None
            locale = str(self.locale_choice.currentData())
            source = Path(self.draft.source)
            done, value = self._operations.run(
                "Letter not adopted",
                lambda: adoption.adopt(source, name, choices, offer_type=kind, locale=locale, words=words),
                initiator=self,
            )
        if done:
            self.adopted.emit(value)
            self.accept()

    def done(self, result: int) -> None:
        self.preview.stop()
        super().done(result)
