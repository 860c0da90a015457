"""Opening the offer editor: what it shows is read in the thread pool, then the editor is made, then shown.

Read, made and shown in one go, the opening held the window ≈ 90 ms (six reads, the editor's widgets, its first
paint). Now the reads run beside the window, and the editor is shown in the event loop's next turn after it is
made, so typing and painting in the window go on between the steps. A second click while the offer is read opens
no second editor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from offerdesk.services.offers.editor_opening import EditorOpening
from offerdesk.ui import format as fmt
from offerdesk.ui import workers

if TYPE_CHECKING:
    from offerdesk.ui.main_window import MainWindow


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
        from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog

        window = self._window
        self.reading = None
        dialog = OfferEditorDialog(window.services, window.bus, window.prompter, offer_id, window, opening)
        window.offer_dialog = dialog
        dialog.undoable.connect(window.undo_stack.push)
        window.let_go_when_closed("offer_dialog")
        QTimer.singleShot(0, dialog, dialog.show)  # its first paint in a turn of its own
