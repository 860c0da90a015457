"""Opening the offer editor: what it shows is read in the thread pool, then the editor is made, then shown.

Read, made and shown in one go, the opening held the window ≈ 90 ms (six reads, the editor's widgets, its first
paint). Now the reads run beside the window, and the terms form, the rest of the editor and its first show each
take a turn of the event loop of their own (≈ 15, 15 and 20 ms), so typing and painting in the window go on between
them. A second click while the offer is read or made opens no second editor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from offerdesk.ui import format as fmt
from offerdesk.ui import workers

NEXT_TURN_MS = 1
"""Not 0: a zero timer is a posted event, and posted events run on in the same pass, one step straight after the
other; a timer lets the window's other timers, input and paints go first."""

if TYPE_CHECKING:  # the editor's modules load with the idle warm-up, not with the window
    from offerdesk.services.offers.editor_opening import EditorOpening
    from offerdesk.ui.main_window import MainWindow
    from offerdesk.ui.panels.terms_form import TermsForm


class EditorOpener:
    """The window's: opens one offer's editor at a time."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.reading: int | None = None  # the offer whose editor is being read, until it opens or fails

    def open(self, offer_id: int, failed: Callable[[str], None]) -> None:
        """Open the editor on `offer_id`; `failed` gets the sentence when the offer cannot be read (it went)."""
        from offerdesk.ui.dialogs.offer_editor import editor_reads

        if self.reading == offer_id:
            return  # a second click before the first has opened it
        self.reading = offer_id
        reads, locale = editor_reads(self._window.services), fmt.ui_locale()

        def not_read(sentence: str, _details: str) -> None:
            self.reading = None
            failed(sentence)

        def read(_signals: workers.TaskSignals) -> EditorOpening:
            return reads.opening(offer_id, locale)

        workers.start(self._window, read, lambda opening: self._made(offer_id, opening), not_read)

    def _made(self, offer_id: int, opening: EditorOpening) -> None:
        """The terms form first (half of making the editor), the rest of the editor in the next turn."""
        from offerdesk.ui.panels.terms_form import TermsForm

        form = TermsForm()
        QTimer.singleShot(NEXT_TURN_MS, self._window, lambda: self._assemble(offer_id, opening, form))

    def _assemble(self, offer_id: int, opening: EditorOpening, form: TermsForm) -> None:
        from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog

        window = self._window
        self.reading = None
        dialog = OfferEditorDialog(window.services, window.bus, window.prompter, offer_id, window, opening, form)
        window.offer_dialog = dialog
        dialog.undoable.connect(window.undo_stack.push)
        window.let_go_when_closed("offer_dialog")
        QTimer.singleShot(NEXT_TURN_MS, dialog, dialog.show)  # its first paint in a turn of its own
