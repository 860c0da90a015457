"""Marking plain words of a letter as a placeholder on the mapping screen, and unmarking them again.

Plain words ("Employee Name", "Date") cannot be told from the letter's own words, so the recruiter says which
are placeholders; the letter is then looked at again with them, keeping every choice already made.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from offerdesk.letters.adopt.model import Choice
from offerdesk.ui.dialogs.prompter import Prompter

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
