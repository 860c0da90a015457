"""What the session can take back: each use case that can be undone returns one of these, and the window keeps them
in its Undo stack (most recent last) until it closes. Qt-free, so the records are built and tested without a GUI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from offerdesk.services.changes import Outcome


@dataclass(frozen=True)
class UndoRecord:
    """One thing done, named as the Edit menu names it (“Undo Declined for Ana Ruiz”), and the call that reverses it.

    `undo` answers with the sentence to show (“Ana Ruiz's offer is back to Letter sent.”) and what it changed. It
    raises an OfferDeskError with a sentence when what it would reverse has moved on since (the offer moved again,
    the follow-up was removed): then it never can, and the record leaves the stack. A DatabaseError means later.
    """

    label: str
    undo: Callable[[], Outcome[str]]
    candidate_id: int | None = None
    """The candidate the undo brings back into view, when it is about one."""
    in_background: bool = False
    """Taking it back can take seconds (a change to many candidates): it runs off the GUI thread."""
