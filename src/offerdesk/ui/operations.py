"""The one write path of the window: run a service call, show its error in one place, log it, publish its Changes.

Every button that writes goes through `Operations.run` (or `run_in_background` for slow work such as a letter
export), so a mistake the user can fix always ends in one sentence in one kind of dialog, an unexpected error
always reaches the log with its traceback, and what changed always reaches the bus with its initiator.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from offerdesk.errors import EditConflict, OfferDeskError
from offerdesk.services.changes import Changes, Outcome
from offerdesk.ui import workers
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import Prompter

log = logging.getLogger("offerdesk.ui.operations")
Failure = Callable[[str], None]
RELOAD, KEEP_EDITING = "Reload", "Keep editing"  # a teammate saved first: see theirs, or keep what is typed


def _split(result: Any) -> tuple[Any, Changes]:
    """A service answers with Changes, an Outcome (value and Changes) or a plain value."""
    if isinstance(result, Outcome):
        return result.value, result.changes
    if isinstance(result, Changes):
        return result, result
    return result, Changes()


class Operations(QObject):
    def __init__(self, bus: ChangeBus, prompter: Prompter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.prompter = prompter

    def run(
        self,
        title: str,
        call: Callable[[], Any],
        *,
        initiator: object | None = None,
        on_error: Failure | None = None,
        reload: Callable[[], None] | None = None,
    ) -> tuple[bool, Any]:
        """Run `call` now; returns (True, value) or (False, None) once the error has been shown.

        `title` heads the error dialog ("Offer not saved"); `on_error` shows the sentence elsewhere instead (the
        autosave writes it beside the form rather than interrupting the typing). `reload` is what Reload does when
        a teammate saved the record first: the sentence is asked as Reload or keep editing.
        """
        try:
            result = call()
        except EditConflict as error:
            if reload is None:
                self._failed(title, str(error), "", on_error)
            elif self.prompter.ask_action(title, str(error), [RELOAD], KEEP_EDITING) == RELOAD:
                reload()
            return False, None
        except OfferDeskError as error:
            self._failed(title, str(error), "", on_error)
            return False, None
        except Exception as error:
            self._failed(title, f"{error.__class__.__name__}: {error}", traceback.format_exc(), on_error)
            return False, None
        value, changes = _split(result)
        self.bus.publish(changes, initiator)
        return True, value

    def run_in_background(
        self,
        title: str,
        work: Callable[[workers.TaskSignals], Any],
        on_done: Callable[[Any], None],
        *,
        owner: QObject,
        initiator: object | None = None,
        on_error: Failure | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> workers.Task:
        """Run `work` on a worker thread; its Changes are published on the GUI thread, then `on_done(value)`."""

        def done(result: Any) -> None:
            value, changes = _split(result)
            self.bus.publish(changes, initiator)
            on_done(value)

        return workers.start(
            owner, work, done, lambda sentence, details: self._failed(title, sentence, details, on_error), on_progress
        )

    def _failed(self, title: str, sentence: str, details: str, on_error: Failure | None) -> None:
        if details:
            log.error("%s\n%s", title, details)
            sentence = f"An unexpected error stopped this: {sentence}"
        else:
            log.info("%s: refused with a sentence to the user", title)  # the sentence may name a person
        if on_error is not None:
            on_error(sentence)
        else:
            self.prompter.error(title, sentence, details)
