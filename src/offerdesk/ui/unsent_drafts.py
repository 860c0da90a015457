"""The offer editor's guard against a dropped server: terms that could not be saved are kept on this computer and
offered again ("Restore / Discard") when the offer is reopened or the window next starts on that server.

Only a team server loses connections this way; on a SQLite file the guard does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.errors import OfferDeskError, ServerUnreachable
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.local_drafts import LocalDrafts, UnsentDraft, offer_row_version
from offerdesk.ui.dialogs.prompter import Prompter

if TYPE_CHECKING:
    from offerdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

T = TypeVar("T")
TITLE = "Unsent changes"
RESTORE = "Restore"
DISCARD = "Discard"
LATER = "Decide later"


def drafts_of(services: Services) -> LocalDrafts | None:
    database = services.database
    return None if database.is_sqlite else LocalDrafts(services.paths.config_dir, database.url)


def question(draft: UnsentDraft) -> str:
    when = draft.saved_at.astimezone().strftime("%H:%M")
    day = draft.saved_at.astimezone().strftime("%d %b %Y")
    who = draft.candidate_name or f"offer {draft.offer_id}"
    return (
        f"You have unsent changes to the offer for {who} from {when} ({day}): the server could not be reached when "
        "they were saved, so they were kept on this computer. Restore them into the editor, or discard them?"
    )


class UnsentGuard:
    """One editor's: wraps its saves, and offers a kept draft back."""

    def __init__(self, services: Services, prompter: Prompter, offer_id: int, candidate_name: str) -> None:
        self._prompter = prompter
        self._services = services
        self.offer_id = offer_id
        self.candidate_name = candidate_name
        self.drafts = drafts_of(services)
        self._based_on = self._row_version()
        self.opened_with = self.kept()  # the one there when the editor opened, not one its failing save leaves

    def _row_version(self) -> int | None:
        if self.drafts is None:
            return None
        try:
            return offer_row_version(self._services.database, self.offer_id)
        except OfferDeskError:
            return None  # the server is away already: the first save says so

    def saving(self, terms: OfferTerms, save: Callable[[], T]) -> T:
        """Run `save`; when the server cannot be reached, keep `terms` here and say so in the error's sentence."""
        try:
            result = save()
        except ServerUnreachable as error:
            if self.drafts is None:
                raise
            self.drafts.keep(self.offer_id, self.candidate_name, terms, self._based_on)
            log.warning("offer %s kept as an unsent draft: %s", self.offer_id, error)
            raise ServerUnreachable(
                f"{error} What you typed is kept on this computer and offered again when you reopen this offer.",
                error.server,
            ) from error
        if self.drafts is not None:
            self.drafts.discard(self.offer_id)
            self._based_on = self._row_version()
        return result

    def ask_once_shown(self, editor: QWidget, restore: Callable[[OfferTerms], None]) -> None:
        """From the editor's show: the question about the draft kept when it opened comes once it is on screen,
        and only once."""
        draft, self.opened_with = self.opened_with, None
        if draft is not None:
            QTimer.singleShot(0, editor, lambda: self.offer_restore(draft, restore) if editor.isVisible() else None)

    def kept(self) -> UnsentDraft | None:
        return self.drafts.get(self.offer_id) if self.drafts is not None else None

    def offer_restore(self, draft: UnsentDraft, restore: Callable[[OfferTerms], None]) -> None:
        """Ask about a kept draft of this offer: Restore puts it in the form, Discard removes it, Later keeps it."""
        if self.drafts is None:
            return
        answer = self._prompter.ask_action(TITLE, question(draft), [RESTORE, DISCARD], LATER)
        if answer == RESTORE:
            restore(draft.terms)
        elif answer == DISCARD:
            self.drafts.discard(self.offer_id)


def reopen_unsent(window: MainWindow) -> None:
    """At the start on a server: the offer of the oldest kept draft opens (its editor asks about the draft)."""
    drafts = drafts_of(window.services)
    kept = drafts.all() if drafts is not None else []
    if not kept:
        return
    offer_id = kept[0].offer_id

    def gone(sentence: str) -> None:  # the offer is gone: the draft stays for the person to see in the folder
        window.statusBar().showMessage(f"Unsent changes to offer {offer_id} were kept, but: {sentence}", 20000)

    window.edit_offer(offer_id, gone)
    if len(kept) > 1:
        window.statusBar().showMessage(
            f"{len(kept)} offers have unsent changes kept on this computer; open each to restore or discard them.",
            20000,
        )
