"""Everything call prep shows for one candidate, read and filled in one go, so the panel can do it in a worker.

The panel asks for as much as its last change needs (`Need`): a new candidate (or a change to candidates, the
library or the settings) reads it all; an offer change reads the offer again and keeps the profile, and the scripts
unless the offer's type changed; another script chosen fills that script. The values are read again each time, so
what is filled in is what the database says now; the filling (Jinja, on one budget) runs here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from offerdesk.domain.candidates import CandidateDetail
from offerdesk.domain.clip_text import NOTHING, ClipText
from offerdesk.domain.offers import OfferRow, OfferType
from offerdesk.errors import NotFoundError
from offerdesk.services.callprep import scripts
from offerdesk.services.callprep.clipboard_text import script_text
from offerdesk.services.callprep.content_queries import ContentService, ObjectionView, ScriptView
from offerdesk.services.callprep.scripts import FilledText, ScriptService


class Need(IntEnum):
    """How much of call prep is out of date, least first; a later request never asks for less than an earlier."""

    NOTHING = 0
    SCRIPT = 1  # another script chosen: fill it
    OFFER = 2  # the offer changed: read it, and the scripts for its type when that changed
    FULL = 3  # another candidate, or their record, the library or the settings changed


@dataclass(frozen=True)
class TalkTrack:
    code: str
    title: str
    filled: FilledText


@dataclass(frozen=True)
class PrepView:
    """What call prep shows; `candidate` None: no candidate (none selected, or removed meanwhile)."""

    candidate: CandidateDetail | None = None
    offer: OfferRow | None = None
    likely: tuple[tuple[str, str], ...] = ()  # the likely objections: code, why
    library: dict[str, ObjectionView] = field(default_factory=dict)
    scripts: tuple[ScriptView, ...] = ()
    scripts_read: bool = False  # the scripts were read again: the choice starts at the first
    script_index: int = -1
    script: ClipText = NOTHING
    talk_tracks: tuple[TalkTrack, ...] = ()
    need: Need = Need.FULL

    @property
    def offer_type(self) -> OfferType | None:
        return self.offer.offer_type if self.offer else None


@dataclass(frozen=True)
class PrepReads:
    """The services call prep reads from (each call opens its own session, so any thread may use them)."""

    detail: Callable[[int], CandidateDetail]
    offers: Callable[[int], list[OfferRow]]
    content: ContentService
    scripts: ScriptService
    settings: Callable[[], dict[str, str]]


def read_prep(reads: PrepReads, candidate_id: int | None, need: Need, shown: PrepView, chosen: int) -> PrepView:
    """Read and fill what `need` says is out of date; the rest is kept from `shown` (what the panel shows)."""
    candidate, library, likely = shown.candidate, shown.library, shown.likely
    if need is Need.FULL or candidate is None or candidate_id != candidate.row.id:
        need = Need.FULL
        candidate = _detail(reads, candidate_id)
        if candidate is None:
            return PrepView()
        library = reads.content.objections()
        likely = tuple(candidate.likely_objections())
    offer, found, index, read_again = shown.offer, shown.scripts, chosen, False
    if need >= Need.OFFER:
        offers = reads.offers(candidate.row.id)
        offer = offers[0] if offers else None
        offer_type = offer.offer_type if offer else None
        if need is Need.FULL or offer_type != shown.offer_type:
            found = tuple(reads.content.scripts(offer_type or OfferType.VERBAL) or reads.content.scripts())
            index, read_again = (0 if found else -1), True
    view = PrepView(candidate, offer, likely, library, found, read_again, index, need=need)
    if not 0 <= index < len(found):
        return view
    values = reads.scripts.values(candidate.row.id, offer.id if offer else None, reads.settings())
    budget = scripts.FillBudget()  # one clock for the whole script and its talk tracks
    script = script_text(found[index].steps, values, budget)
    tracks = tuple(
        TalkTrack(code, entry.title, scripts.fill(entry.talk_track, values, budget))
        for code, _reason in likely
        if (entry := library.get(code)) is not None and entry.talk_track
    )
    return PrepView(candidate, offer, likely, library, found, read_again, index, script, tracks, need)


def _detail(reads: PrepReads, candidate_id: int | None) -> CandidateDetail | None:
    if candidate_id is None:
        return None
    try:
        return reads.detail(candidate_id)
    except NotFoundError:
        return None
