"""One change made to many candidates at once (a stage, a tag added or removed, archiving), and the sentences
that ask before it and report after it, naming how many candidates it touches."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from offerdesk.domain.candidate_record import MAX_TAGS, normalise_tags
from offerdesk.domain.candidates import Stage
from offerdesk.errors import ValidationError


class BulkKind(StrEnum):
    SET_STAGE = "set_stage"
    ADD_TAG = "add_tag"
    REMOVE_TAG = "remove_tag"
    ARCHIVE = "archive"


def candidates(count: int) -> str:
    return "1 candidate" if count == 1 else f"{count:,} candidates"


@dataclass(frozen=True)
class BulkAction:
    kind: BulkKind
    stage: Stage | None = None
    tag: str = ""

    @classmethod
    def set_stage(cls, stage: Stage) -> BulkAction:
        return cls(BulkKind.SET_STAGE, stage=Stage(stage))

    @classmethod
    def add_tag(cls, tag: str) -> BulkAction:
        return cls(BulkKind.ADD_TAG, tag=_one_tag(tag))

    @classmethod
    def remove_tag(cls, tag: str) -> BulkAction:
        return cls(BulkKind.REMOVE_TAG, tag=_one_tag(tag))

    @classmethod
    def archive(cls) -> BulkAction:
        return cls(BulkKind.ARCHIVE)

    def question(self, count: int) -> str:
        """“Set the stage of 12 candidates to Offer?”"""
        who = candidates(count)
        if self.kind is BulkKind.SET_STAGE and self.stage is not None:
            return f"Set the stage of {who} to {self.stage.label}?"
        if self.kind is BulkKind.ADD_TAG:
            return f"Add the tag “{self.tag}” to {who}?"
        if self.kind is BulkKind.REMOVE_TAG:
            return f"Remove the tag “{self.tag}” from {who}?"
        return f"Archive {who}? They are kept with their offers and calls, hidden from the list."

    def title(self) -> str:
        """The name of the step in the Undo menu: “Set Stage”, “Add Tag”."""
        from offerdesk.domain.labels import label  # labels names every domain vocabulary, this one included

        return label(self.kind)

    def report(self, changed: int, asked: int) -> str:
        """“12 candidates moved to Offer (2 already were).”"""
        who = candidates(changed)
        if self.kind is BulkKind.SET_STAGE and self.stage is not None:
            done = f"{who} moved to {self.stage.label}"
        elif self.kind is BulkKind.ADD_TAG:
            done = f"“{self.tag}” added to {who}"
        elif self.kind is BulkKind.REMOVE_TAG:
            done = f"“{self.tag}” removed from {who}"
        else:
            done = f"{who} archived"
        unchanged = asked - changed
        if unchanged:
            done += f" ({unchanged:,} already {'was' if unchanged == 1 else 'were'})"
        return done + "."

    def tags_after(self, tags: tuple[str, ...]) -> tuple[str, ...]:
        """A candidate's tags once the action is applied (tags compare without regard to case)."""
        if self.kind is BulkKind.ADD_TAG:
            added = normalise_tags((*tags, self.tag))
            if len(added) > MAX_TAGS:
                raise ValidationError(f"A candidate has at most {MAX_TAGS} tags; “{self.tag}” would be one too many.")
            return added
        if self.kind is BulkKind.REMOVE_TAG:
            return tuple(tag for tag in tags if tag.casefold() != self.tag.casefold())
        return tags


def _one_tag(text: str) -> str:
    tags = normalise_tags((text,))
    if len(tags) != 1:
        raise ValidationError(
            "Give one tag (commas and semicolons separate tags)." if tags else "A tag cannot be empty."
        )
    return tags[0]
