"""The mapping of an adopted letter as a table: one row per placeholder, with where it is, what it becomes and
whether the recruiter has looked at it yet.

The model holds the choices; the dialog puts a field combo and a format combo over the "Becomes" and "Format"
cells and writes what is picked back here, so the table, the Adopt button and the preview read one source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from offerdesk.domain.wording import noun, plural
from offerdesk.letters.adopt.model import Choice, ChoiceKind, Placeholder, PlaceholderKind
from offerdesk.letters.fields import FIELDS
from offerdesk.ui.theme import status_colour

_Index = QModelIndex | QPersistentModelIndex
DESCRIPTIONS = {field.name: field.description for field in FIELDS}
COLUMNS = ("Placeholder", "Where", "Becomes", "Format", "State")
PLACEHOLDER, WHERE, CHOICE, FORMAT, STATE = range(len(COLUMNS))

DATE_PICTURES = ("d MMMM yyyy", "MMMM d, yyyy", "dd.MM.yyyy", "dd/MM/yyyy", "yyyy-MM-dd")
AMOUNT_PICTURES = ("#,##0.00", "#,##0")
_AMOUNT_WORDS = ("base", "bonus", "commission", "sign_on", "relocation", "ote", "total_first_year", "strike")


def picture_kind(field_name: str) -> str:
    """ "date", "amount" or "": which format pictures make sense for a field (its formatted, not raw, value)."""
    last = field_name.rsplit(".", 1)[-1]
    if last.endswith(("_iso", "_minor", "_unit", "_months", "_years", "_days")) or last.startswith("has_"):
        return ""
    if "date" in last or last in ("expires_on", "vesting_start"):
        return "date"
    if any(last == word or last.startswith(word + "_per") for word in _AMOUNT_WORDS) or last.endswith("_amount"):
        return "amount"
    return ""


def pictures_for(field_name: str, word_picture: str = "") -> list[str]:
    """The pictures the format combo offers: the one Word carried first, then a few common ones."""
    common = {"date": DATE_PICTURES, "amount": AMOUNT_PICTURES}.get(picture_kind(field_name), ())
    return list(dict.fromkeys([word_picture, *common] if word_picture else common))


_PART_NAMES = (("document", "body"), ("header", "header"), ("footer", "footer"), ("footnotes", "footnote"),
               ("endnotes", "endnote"))  # fmt: skip


def where(placeholder: Placeholder) -> str:
    """ "body, header · 3 times · inside an IF field": the parts in words, how often, and the finder's note."""
    names: list[str] = []
    for part in placeholder.parts:
        stem = part.rsplit("/", 1)[-1]
        name = next((words for key, words in _PART_NAMES if stem.startswith(key)), stem)
        if name not in names:
            names.append(name)
    said = [", ".join(names) or "body"]
    if placeholder.occurrences > 1:
        said.append(f"{placeholder.occurrences} times")
    if placeholder.note:
        said.append(placeholder.note)
    return " · ".join(said)


def choice_text(choice: Choice | None) -> str:
    if choice is None:
        return "— choose —"
    if choice.kind is ChoiceKind.TEXT:
        return f"Fixed text: “{choice.value}”"
    if choice.kind is ChoiceKind.EMPTY:
        return "Left empty"
    return DESCRIPTIONS.get(choice.value, choice.value)


def shown(placeholder: Placeholder) -> str:
    """A placeholder as the table names it: as written, a blank with its number ("XX#2"), its sentence beside."""
    return placeholder.key if placeholder.kind is PlaceholderKind.BLANK else placeholder.written


def still_to_map(placeholders: Sequence[Placeholder]) -> str:
    """ "2 placeholders still need a field: «Gender», [Bonus]", or "" when every one has a choice."""
    if not placeholders:
        return ""
    names = ", ".join(shown(placeholder) for placeholder in placeholders)
    verb = "needs" if len(placeholders) == 1 else "need"
    return f"{plural(len(placeholders), 'placeholder')} still {verb} a field: {names}"


class MappingModel(QAbstractTableModel):
    changed = Signal()  # a choice was made, changed or confirmed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._placeholders: list[Placeholder] = []
        self._choices: dict[str, Choice] = {}

    def set_draft(self, placeholders: Sequence[Placeholder], choices: Mapping[str, Choice]) -> None:
        self.beginResetModel()
        self._placeholders = list(placeholders)
        self._choices = {key: choice for key, choice in choices.items() if any(p.id == key for p in placeholders)}
        self.endResetModel()
        self.changed.emit()

    def placeholders(self) -> list[Placeholder]:
        return list(self._placeholders)

    def placeholder(self, row: int) -> Placeholder:
        return self._placeholders[row]

    def choices(self) -> dict[str, Choice]:
        return dict(self._choices)

    def choice(self, row: int) -> Choice | None:
        return self._choices.get(self._placeholders[row].id)

    def state(self, row: int) -> str:
        choice = self.choice(row)
        return "unmapped" if choice is None else "confirmed" if choice.confirmed else "suggested"

    def unmapped(self) -> list[Placeholder]:
        return [p for p in self._placeholders if p.id not in self._choices]

    def set_choice(self, row: int, choice: Choice | None) -> None:
        key = self._placeholders[row].id
        if self._choices.get(key) == choice:
            return
        if choice is None:
            self._choices.pop(key, None)
        else:
            self._choices[key] = choice
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.changed.emit()

    def confirm_all(self) -> int:
        """Every suggestion taken as it is; how many there were."""
        rows = [row for row in range(len(self._placeholders)) if self.state(row) == "suggested"]
        for row in rows:
            choice = self.choice(row)
            assert choice is not None
            self._choices[self._placeholders[row].id] = Choice(choice.kind, choice.value, choice.picture, True)
        if rows:
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(COLUMNS) - 1))
            self.changed.emit()
        return len(rows)

    def counts(self) -> str:
        """ "5 placeholders: 3 confirmed, 1 suggested, 1 unmapped" for the line under the table."""
        states = [self.state(row) for row in range(len(self._placeholders))]
        found = plural(len(states), "placeholder")
        shown = [
            f"{states.count(state)} {state}" for state in ("confirmed", "suggested", "unmapped") if state in states
        ]
        return f"{found}: {', '.join(shown)}" if shown else f"no {noun(0, 'placeholder')}"

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._placeholders)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._placeholders):
            return None
        row, column = index.row(), index.column()
        state = self.state(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == "unmapped":
                return QBrush(status_colour("warning"))
            if state == "suggested" and column == STATE:
                return QBrush(status_colour("muted"))
            if state == "confirmed" and column == STATE:
                return QBrush(status_colour("good"))
        if role == Qt.ItemDataRole.FontRole and state != "confirmed" and column in (PLACEHOLDER, STATE):
            font = QFont()
            font.setItalic(state == "suggested")
            font.setBold(state == "unmapped")
            return font
        return None

    def _text(self, row: int, column: int) -> str:
        placeholder, choice = self._placeholders[row], self.choice(row)
        if column == PLACEHOLDER:
            return shown(placeholder)
        if column == WHERE:
            return where(placeholder)
        if column == CHOICE:
            return choice_text(choice)
        if column == FORMAT:
            return (choice.picture or "letter's format") if choice and choice.kind is ChoiceKind.FIELD else ""
        if column == STATE:
            return {"suggested": "● suggested", "confirmed": "✓ confirmed", "unmapped": "⚠ unmapped"}[self.state(row)]
        return ""
