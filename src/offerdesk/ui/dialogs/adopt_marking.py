"""Marking plain words of a letter as a placeholder on the mapping screen, and unmarking them again.

Plain words ("Employee Name", "Date") cannot be told from the letter's own words, so the recruiter says which
are placeholders; the letter is then looked at again with them, keeping every choice already made.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QPushButton, QTableView

from offerdesk.letters.adopt.model import Choice, PlaceholderKind
from offerdesk.ui.dialogs.adopt_preview import MappingPreview
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.models.mapping_table import MappingModel

MARK_TITLE = "Mark words as a placeholder"
MARK_LABEL = (
    "The words in the letter that stand for a value, exactly as written (capitals count), e.g. Employee Name. "
    "Separate several with ;"
)


def ask_words(prompter: Prompter) -> list[str] | None:
    """The words the recruiter types, or None when nothing was typed or the prompt was cancelled."""
    typed = prompter.ask_text(MARK_TITLE, MARK_LABEL)
    if typed is None:
        return None
    words = [" ".join(part.split()) for part in re.split(r"[;\n]", typed) if part.strip()]
    return words or None


def with_words(adoption: Any, draft: Any, choices: Mapping[str, Choice], words: Sequence[str]) -> Any:
    """The letter looked at again with `words` marked: the choices already made kept for every placeholder still
    there, and suggestions for the new ones."""
    fresh = adoption.inspect(draft.source, None, list(words))
    ids = {placeholder.id for placeholder in fresh.placeholders}
    kept = {key: choice for key, choice in choices.items() if key in ids}
    return dataclasses.replace(fresh, choices=fresh.choices | kept)


class WordMarking:
    """The mapping dialog's "Mark words as a placeholder…" and "Unmark" buttons (mixed into the dialog, whose
    table, model, draft, preview and operations they use)."""

    draft: Any
    table: QTableView
    model: MappingModel
    preview: MappingPreview
    unmark_button: QPushButton
    _services: Any
    _operations: Any
    _prompter: Prompter

    def mark_words(self) -> None:
        """Ask for words the letter uses as a placeholder and look at the letter again with them marked."""
        words = ask_words(self._prompter)
        if words is not None:
            self._remark([*self.draft.words, *words])

    def unmark_words(self) -> None:
        """The selected row's marked words are ordinary text again."""
        rows = self.table.selectionModel().selectedRows()
        placeholder = self.model.placeholder(rows[0].row()) if rows else None
        if placeholder is not None and placeholder.kind is PlaceholderKind.WORDS:
            self._remark([word for word in self.draft.words if " ".join(word.split()) != placeholder.key])

    def _remark(self, words: list[str]) -> None:
        adoption, source, choices = self._services.template_adoption, self.draft, self.model.choices()
        done, draft = self._operations.run("Words not marked", lambda: with_words(adoption, source, choices, words),
                                           initiator=self)  # fmt: skip
        if not done:
            return
        answered, self.draft = bool(self.draft.answer), draft
        self.preview.set_draft(draft)
        if answered:  # the letter had no placeholders until now
            self._leave_answer()
            return
        self.model.set_draft(draft.placeholders, draft.choices)
        self._place_combos()
        self._build_intro()
        self._update_unmark()

    def _update_unmark(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        kind = self.model.placeholder(rows[0].row()).kind if rows else None
        self.unmark_button.setEnabled(kind is PlaceholderKind.WORDS)

    def _leave_answer(self) -> None:
        raise NotImplementedError

    def _place_combos(self) -> None:
        raise NotImplementedError

    def _build_intro(self) -> None:
        raise NotImplementedError
