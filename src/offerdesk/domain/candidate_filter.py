"""Which candidates the list shows: a search, filters and the archive scope, kept as one value a view can save.

`describe()` gives the chips the window shows, so a user always knows why rows are missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from offerdesk.domain.candidates import Stage
from offerdesk.domain.offers import OfferStatus


class ArchiveScope(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    ALL = "all"


OPEN_STATUSES = tuple(status for status in OfferStatus if status.is_open)


@dataclass(frozen=True)
class CandidateFilter:
    query: str = ""
    stages: tuple[Stage, ...] = ()
    role_ids: tuple[int, ...] = ()
    recruiters: tuple[str, ...] = ()
    offer_statuses: tuple[OfferStatus, ...] = ()
    tags: tuple[str, ...] = ()  # every one of them
    follow_up_due: bool = False  # an open follow-up due today or earlier
    min_readiness: int | None = None
    archive: ArchiveScope = ArchiveScope.ACTIVE

    def __post_init__(self) -> None:
        object.__setattr__(self, "stages", tuple(Stage(stage) for stage in self.stages))
        object.__setattr__(self, "offer_statuses", tuple(OfferStatus(status) for status in self.offer_statuses))
        object.__setattr__(self, "archive", ArchiveScope(self.archive))

    @property
    def is_plain(self) -> bool:
        """Nothing hides rows but the archive."""
        return self.without_query() == CandidateFilter()

    def without_query(self) -> CandidateFilter:
        return replace(self, query="")

    def with_query(self, query: str) -> CandidateFilter:
        return replace(self, query=query.strip())

    def describe(self, role_titles: Mapping[int, str] | None = None) -> list[str]:
        """One short phrase per active filter, in the order the sidebar lists them."""
        titles = role_titles or {}
        chips = []
        if self.query:
            chips.append(f"Matching “{self.query}”")
        if self.stages:
            chips.append("Stage: " + ", ".join(stage.label for stage in self.stages))
        if self.role_ids:
            chips.append("Role: " + ", ".join(titles.get(i, f"#{i}") for i in self.role_ids))
        if self.recruiters:
            chips.append("Recruiter: " + ", ".join(self.recruiters))
        if self.offer_statuses:
            chips.append("Offer: " + ", ".join(status.label for status in self.offer_statuses))
        if self.tags:
            chips.append("Tags: " + ", ".join(self.tags))
        if self.follow_up_due:
            chips.append("Follow-up due")
        if self.min_readiness is not None:
            chips.append(f"Readiness ≥ {self.min_readiness}")
        if self.archive is ArchiveScope.ARCHIVED:
            chips.append("Archived only")
        elif self.archive is ArchiveScope.ALL:
            chips.append("Including archived")
        return chips

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "stages": [stage.value for stage in self.stages],
            "role_ids": list(self.role_ids),
            "recruiters": list(self.recruiters),
            "offer_statuses": [status.value for status in self.offer_statuses],
            "tags": list(self.tags),
            "follow_up_due": self.follow_up_due,
            "min_readiness": self.min_readiness,
            "archive": self.archive.value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CandidateFilter:
        """A saved view; unknown keys and values written by a newer version are ignored, not fatal."""
        stages = tuple(Stage(s) for s in data.get("stages", []) if s in Stage._value2member_map_)
        statuses = tuple(OfferStatus(s) for s in data.get("offer_statuses", []) if s in OfferStatus._value2member_map_)
        archive = data.get("archive", "active")
        readiness = data.get("min_readiness")
        return cls(
            query=str(data.get("query", "")),
            stages=stages,
            role_ids=tuple(int(i) for i in data.get("role_ids", [])),
            recruiters=tuple(str(r) for r in data.get("recruiters", [])),
            offer_statuses=statuses,
            tags=tuple(str(t) for t in data.get("tags", [])),
            follow_up_due=bool(data.get("follow_up_due", False)),
            min_readiness=int(readiness) if isinstance(readiness, int) else None,
            archive=ArchiveScope(archive) if archive in ArchiveScope._value2member_map_ else ArchiveScope.ACTIVE,
        )


@dataclass(frozen=True)
class ViewCount:
    """A sidebar entry: a built-in or saved view and how many candidates it holds now."""

    name: str
    filter: CandidateFilter
    count: int
    saved_id: int | None = None  # None for the built-in views
