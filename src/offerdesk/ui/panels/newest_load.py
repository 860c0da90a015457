"""A panel's reads in the thread pool, one at a time, only the newest request's answer shown.

Switching candidate with the arrow keys asks a panel for ten loads in a second; a change published while one is
running makes what it reads old. So a request made while a load runs only notes that another is wanted; when the
running one ends its answer is dropped and one load starts for what the panel wants by then. The work to run is
built on the GUI thread when the load starts (`build`), from the panel's state at that moment, so it always reads
for the newest candidate and the newest change; the answer is applied on the GUI thread (`apply`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from offerdesk.ui import workers

Work = Callable[[], Any]


class NewestLoad(QObject):
    def __init__(
        self,
        owner: QObject,
        build: Callable[[], Work],
        apply: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._build = build
        self._apply = apply
        self._failed = failed
        self._running = False
        self._again = False

    @property
    def is_loading(self) -> bool:
        """A load is running or wanted: what the panel shows may be about to change."""
        return self._running or self._again

    def request(self) -> None:
        """Load now, or once the running load ends (its answer is then already old and is dropped)."""
        if self._running:
            self._again = True
            return
        self._start()

    def _start(self) -> None:
        self._again = False
        self._running = True
        work = self._build()
        workers.start(self._owner, lambda _signals: work(), self._landed, self._went_wrong)

    def _landed(self, result: Any) -> None:
        self._running = False
        if self._again:
            self._start()
            return
        self._apply(result)

    def _went_wrong(self, sentence: str, _details: str) -> None:
        self._running = False
        if self._again:
            self._start()
            return
        self._failed(sentence)
