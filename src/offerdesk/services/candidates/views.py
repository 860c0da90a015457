"""The sidebar's views: built-in ones and the recruiter's saved filters, each with how many it holds now."""

from __future__ import annotations

from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from offerdesk.domain.candidate_filter import OPEN_STATUSES, ArchiveScope, CandidateFilter, ViewCount
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.storage import candidates as listing
from offerdesk.storage.db import Database
from offerdesk.storage.tables import AppMeta, SavedView

ALL_CANDIDATES = "All candidates"


def built_in_views(me: str) -> list[tuple[str, CandidateFilter]]:
    """What every recruiter starts with; “My offers out” is offers waiting for an answer, owned by me."""
    mine = (me,) if me else ()
    return [
        (ALL_CANDIDATES, CandidateFilter()),
        ("My offers out", CandidateFilter(recruiters=mine, offer_statuses=OPEN_STATUSES)),
        ("Follow-up due today", CandidateFilter(follow_up_due=True)),
        ("Archived", CandidateFilter(archive=ArchiveScope.ARCHIVED)),
    ]


class CandidateViews:
    def __init__(self, database: Database) -> None:
        self._database = database

    def views(self) -> list[ViewCount]:
        """Every view with its count; run off the GUI thread (each count is a query over the whole list)."""
        with self._database.transaction(read_only=True) as session:
            stored = session.get(AppMeta, "setting:recruiter.name")
            me = stored.value if stored else ""
            found = [
                ViewCount(name, where, listing.count_matching(session, where)) for name, where in built_in_views(me)
            ]
            for view in session.scalars(select(SavedView).order_by(SavedView.name)):
                where = CandidateFilter.from_dict(view.filters)
                found.append(ViewCount(view.name, where, listing.count_matching(session, where), view.id))
        return found

    def save(self, name: str, where: CandidateFilter) -> Outcome[int]:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise ValidationError("A saved view needs a name.")
        if cleaned.casefold() in (n.casefold() for n, _ in built_in_views("")):
            raise ValidationError(f"“{cleaned}” is the name of a built-in view; choose another.")
        try:
            with self._database.transaction() as session:
                existing = session.scalar(select(SavedView).where(SavedView.name == cleaned))
                if existing is not None:
                    existing.filters = where.to_dict()
                    view_id = existing.id
                else:
                    view = SavedView(name=cleaned, filters=where.to_dict())
                    session.add(view)
                    session.flush()
                    view_id = view.id
        except sa_exc.IntegrityError:
            raise ValidationError(f"A view named “{cleaned}” exists already.") from None
        return Outcome(view_id, Changes.of(Kind.SETTINGS))

    def delete(self, view_id: int) -> Changes:
        """Removes the saved filter only: no candidate is touched."""
        with self._database.transaction() as session:
            view = session.get(SavedView, view_id)
            if view is None:
                raise NotFoundError(f"There is no saved view with id {view_id}.")
            session.delete(view)
        return Changes.of(Kind.SETTINGS)
