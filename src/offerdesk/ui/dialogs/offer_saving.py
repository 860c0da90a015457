"""Saving the offer editor's terms: the autosave in the thread pool, one at a time, and the saves asked for.

A save names the version it was opened at, so a teammate's newer save comes back as a conflict: the autosave notes
it beside the form (no dialog from a timer), a save asked for opens the comparison. Closing the editor, and every
save the recruiter asks for, first lets a running autosave land, so nothing typed is lost or saved twice. The
editor (offer_editor.py) builds the form and the buttons; this holds what they save through.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QWidget

from offerdesk.domain.offer_conflict import OfferConflict
from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.errors import OfferDeskError
from offerdesk.services.changes import Changes, Outcome
from offerdesk.services.offers.editing import OfferEditing, SaveResult
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui import workers
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.edit_conflict import EditConflictDialog
from offerdesk.ui.dialogs.offer_history_html import changes_html
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.operations import Operations
from offerdesk.ui.panels.terms_form import TermsForm
from offerdesk.ui.unsent_drafts import UnsentGuard

LANDING_WAIT_S = 60  # closing waits this long at most for a running autosave (a server answers or times out sooner)


@dataclass
class RunningAutosave:
    """One autosave in the thread pool: the terms it writes and, once `finished`, what became of it."""

    terms: OfferTerms
    finished: threading.Event = field(default_factory=threading.Event)
    outcome: Outcome[Any] | None = None  # the save's answer (a SaveResult or the teammate's conflicting save)
    audit: list[Any] | None = None  # the offer's changes read after the save, for the Changes tab
    problem: str = ""  # the sentence when it was not saved
    landed: bool = False  # applied to the editor (on the GUI thread)


class OfferSaving:
    """The saving half of OfferEditorDialog (a QDialog), which sets every attribute declared here."""

    offer_id: int
    editing: OfferEditing
    form: TermsForm
    saved: QLabel
    conflict: OfferConflict | None
    conflict_button: QPushButton
    changes_view: QTextBrowser
    opened_terms: OfferTerms
    opened_version: int
    extended: bool
    unsent: UnsentGuard
    _services: Services
    _bus: ChangeBus
    _prompter: Prompter
    _operations: Operations
    _autosave: QTimer
    _running: RunningAutosave | None
    _save_again: bool
    _update_band: Callable[[], None]
    _load_changes: Callable[[], None]
    show_conflict: Callable[[], None]

    @property
    def _dialog(self) -> QWidget:
        assert isinstance(self, QWidget)  # the editor this saves for
        return self

    def _terms_to_save(self) -> OfferTerms | None:
        """The form's terms, or None: not valid (said beside the form), or waiting on a teammate's save."""
        terms = self.form.terms()
        if terms is None:
            self.saved.setText("Not saved: " + " ".join(self.form.problems()))
            return None
        return None if self.conflict is not None else terms

    def _say_saved(self, result: SaveResult) -> None:
        now = QTime.currentTime().toString("HH:mm:ss")
        self.saved.setText("All changes saved." if result.unchanged else f"Draft saved {now}")

    def _saved_before_closing(self) -> bool:
        """Closing: a running autosave lands, a teammate's save is settled (False: cancelled, stay open), and what
        was typed since is written."""
        self._let_autosave_land()  # it may have met a teammate's save: that is asked about next
        if self.conflict is not None:
            self.show_conflict()  # closing asks what to keep: the typing is not dropped unasked
            if self.conflict is not None:
                return False
        self._save_typing_now()
        return True

    @property
    def is_saving(self) -> bool:
        """An autosave is running (or wanted as soon as the running one lands)."""
        return self._running is not None or self._save_again

    def autosave(self) -> None:
        """Drafts are written as the recruiter types: killing the app loses at most the last moment of typing.

        The write runs in the thread pool; the line beside the form says how it went once it lands."""
        terms = self._terms_to_save()
        if terms is None:
            return
        if self._running is not None:
            self._save_again = True
            return
        running = self._running = RunningAutosave(terms)
        expected, opened, locale = self.opened_version, self.opened_terms, fmt.ui_locale()
        guard, audit, offer_id = self.unsent, self._services.audit, self.offer_id

        def work(_signals: workers.TaskSignals) -> None:
            try:
                running.outcome = guard.saving(terms, lambda: self._attempt(terms, "", "", expected, opened))
                running.audit = audit.audit_for_offer(offer_id, locale)
            except OfferDeskError as error:  # the disk, the database, the server: said beside the form
                running.problem = str(error)
            finally:
                running.finished.set()  # a defect goes on to workers.Task, which logs it and calls `failed`

        def failed(sentence: str, _details: str) -> None:
            running.problem = running.problem or sentence
            self._landed(running)

        workers.start(self._dialog, work, lambda _result: self._landed(running), failed)

    def _landed(self, running: RunningAutosave, *, resume: bool = True) -> None:
        """On the GUI thread: show how the autosave went, publish what it changed, save what was typed since."""
        if running.landed:
            return
        running.landed = True
        self._running = None
        if running.problem:
            self.saved.setText(f"Not saved: {running.problem}")
        elif running.outcome is None:  # a defect stopped it; its sentence is on its way, the traceback in the log
            self.saved.setText("Not saved: an unexpected problem stopped the save; the details are in the log.")
        else:
            self._bus.publish(running.outcome.changes, self)
            result = running.outcome.value
            if isinstance(result, OfferConflict):
                self._conflict_noticed(result)
            else:
                self.opened_terms, self.opened_version = running.terms, result.row_version
                self._say_saved(result)
                if running.audit is not None:
                    self.changes_view.setHtml(changes_html(running.audit))
        if resume and self._save_again:
            self._save_again = False
            self.autosave()

    def _let_autosave_land(self) -> None:
        """Before a save asked for (or closing): the running autosave ends and is shown first, so the next save
        starts from the version it wrote instead of mistaking it for a teammate's."""
        running = self._running
        if running is not None and running.finished.wait(LANDING_WAIT_S):
            self._landed(running, resume=False)

    def _save_typing_now(self) -> None:
        """Closing: what was typed since the last autosave is written before the editor goes."""
        self._let_autosave_land()
        if not (self._autosave.isActive() or self._save_again):
            return
        self._autosave.stop()
        self._save_again = False
        terms = self._terms_to_save()
        if terms is None:
            return
        result = self._write(terms, "", "", quiet=True)
        if result is not None:
            self._say_saved(result)
            self._load_changes()

    def _attempt(self, terms: OfferTerms, code: str, text: str, expected: int, opened: OfferTerms) -> Outcome[Any]:
        """Save naming the version opened; a teammate's newer save comes back as its conflict, not an error box.

        Any thread may run it: what it needs of the editor (the version and terms opened) is passed in."""
        try:
            return self.editing.save(self.offer_id, terms, code, text, expected_version=expected)
        except OfferConflict as conflict:
            if conflict.theirs != opened:
                return Outcome(conflict, Changes())
            # They changed no term (a status move, say): there is nothing of theirs to keep or lose.
            return self.editing.save(self.offer_id, terms, code, text, expected_version=conflict.their_version)

    def _write(self, terms: OfferTerms, code: str, text: str, *, quiet: bool) -> SaveResult | None:
        """Save; a conflict is noted beside the form (`quiet`, the autosave) or settled in the conflict dialog."""
        self._let_autosave_land()
        expected, opened = self.opened_version, self.opened_terms
        done, result = self._operations.run(
            "Draft not saved" if quiet else "Not saved",
            lambda: self.unsent.saving(terms, lambda: self._attempt(terms, code, text, expected, opened)),
            initiator=self,
            on_error=(lambda sentence: self.saved.setText(f"Not saved: {sentence}")) if quiet else None,
        )
        if not done:
            return None
        if isinstance(result, OfferConflict):
            if quiet:
                self._conflict_noticed(result)
                return None
            return self._settle(result, terms, code, text)
        saved: SaveResult = result
        self.opened_terms, self.opened_version = terms, saved.row_version
        return saved

    def _conflict_noticed(self, conflict: OfferConflict) -> None:
        """No dialog from a timer: the autosave stops, the typing stays, the notice offers the comparison."""
        self.conflict = conflict
        self._autosave.stop()
        who = conflict.saved_by or "A teammate"
        self.saved.setText(f"Not saved: {who} saved this offer after you opened it; what you typed is kept here.")
        self.conflict_button.show()

    def _settle(self, conflict: OfferConflict, mine: OfferTerms, code: str, text: str) -> SaveResult | None:
        """The conflict dialog: Keep mine or Merge save over their version, Take theirs shows theirs."""
        resolution = self._prompter.settle_conflict(EditConflictDialog(self.opened_terms, mine, conflict, self._dialog))
        if resolution is None:
            self._conflict_noticed(conflict)
            return None
        self.conflict = None
        self.conflict_button.hide()
        self.opened_terms, self.opened_version = conflict.theirs, conflict.their_version
        if resolution.choice == "theirs":
            self.form.set_terms(conflict.theirs)
            self._update_band()
            self.saved.setText("Showing your teammate's save.")
            return None
        if resolution.choice == "merge":
            self.form.set_terms(resolution.terms)
            self._update_band()
        return self._write(resolution.terms, code, text, quiet=False)
