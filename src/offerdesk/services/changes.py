"""What a use case changed, so each view can decide whether to refresh (the GUI re-emits it on one signal)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Kind(StrEnum):
    CANDIDATES = "candidates"
    OFFERS = "offers"
    ROLES = "roles"
    CONTENT = "content"
    CALLS = "calls"
    FOLLOW_UPS = "follow_ups"
    TEMPLATES = "templates"
    LETTERS = "letters"  # letters exported (the "sent so far" history)
    SETTINGS = "settings"


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[Kind] = frozenset()

    @classmethod
    def of(cls, *kinds: Kind) -> Changes:
        return cls(frozenset(kinds))

    @classmethod
    def everything(cls) -> Changes:
        return cls(frozenset(Kind))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, *kinds: Kind) -> bool:
        return any(kind in self.kinds for kind in kinds)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A use case's result together with what it changed."""

    value: T
    changes: Changes
