"""Two people edited one offer: which fields each changed since the first opened it, and a merge of the two.

The field names are offer_diff's ("start_date", "components.base", "equity.1", "contingencies.background"), so
the conflict dialog words every field exactly as the version diff does.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from offerdesk.domain.conflict_sides import ChangedBy, Side
from offerdesk.domain.offer_diff import diff_terms
from offerdesk.domain.offer_terms import ComponentTerms, ContingencyTerms, OfferTerms, field_names
from offerdesk.domain.offers import ComponentKind
from offerdesk.errors import EditConflict

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class OfferConflict(EditConflict):
    """A save of an offer refused because a teammate saved it after it was opened; carries what they saved."""

    def __init__(self, offer_id: int, theirs: OfferTerms, their_version: int, saved_by: str = "") -> None:
        who = saved_by or "Someone else"
        super().__init__(
            f"{who} saved offer {offer_id} after you opened it; nothing of yours was saved yet. Compare the two "
            "and choose what to keep (or reload theirs).",
            f"offer {offer_id}",
        )
        self.offer_id = offer_id
        self.theirs = theirs
        self.their_version = their_version
        self.saved_by = saved_by


@dataclass(frozen=True)
class ConflictField:
    """One field the two saves disagree on, worded as the editor shows it."""

    field: str
    label: str
    mine: str
    theirs: str
    changed_by: ChangedBy
    opened: str = ""  # the value when you opened the offer

    @property
    def default(self) -> Side:
        """Only you changed it: yours; otherwise theirs (a field both changed is theirs until you choose)."""
        return "mine" if self.changed_by == "you" else "theirs"


def conflict_fields(opened: OfferTerms, mine: OfferTerms, theirs: OfferTerms, locale: str) -> list[ConflictField]:
    """The fields where `mine` and `theirs` differ, in the editor's order, each with who changed it."""
    by_me = {change.field: change for change in diff_terms(opened, mine, locale)}
    by_them = {change.field: change for change in diff_terms(opened, theirs, locale)}
    fields = []
    for change in diff_terms(theirs, mine, locale):
        mine_changed, they_changed = change.field in by_me, change.field in by_them
        changed_by: ChangedBy = "both" if mine_changed and they_changed else "teammate" if they_changed else "you"
        was = (by_me.get(change.field) or by_them[change.field]).before
        fields.append(ConflictField(change.field, change.label, change.after, change.before, changed_by, was))
    return fields


def default_choices(fields: list[ConflictField]) -> dict[str, Side]:
    return {item.field: item.default for item in fields}


def merge_terms(mine: OfferTerms, theirs: OfferTerms, choices: Mapping[str, Side]) -> OfferTerms:
    """Their terms with each field chosen as "mine" taken from mine: what a Merge saves."""
    merged = theirs
    for name, side in choices.items():
        if side == "mine":
            merged = _take(merged, mine, name)
    return merged


def _take(target: OfferTerms, source: OfferTerms, name: str) -> OfferTerms:
    """`target` with the field `name` (an offer_diff field name) as `source` has it."""
    if name in field_names() and "." not in name:
        return replace(target, **{name: getattr(source, name)})
    group, _, rest = name.partition(".")
    if group == "components":
        kind, _, number = rest.partition(".")
        key = (ComponentKind(kind), int(number) - 1 if number else 0)
        return replace(target, components=_swap(target.components, source.components, key, _component_key))
    if group == "contingencies":
        kind, _, number = rest.partition(".")
        key_c = (kind, int(number) - 1 if number else 0)
        return replace(target, contingencies=_swap(target.contingencies, source.contingencies, key_c, _check_key))
    if group == "equity":
        index = int(rest) - 1
        grants = list(target.equity)
        if index < len(source.equity) and index < len(grants):
            grants[index] = source.equity[index]
        elif index < len(source.equity):
            grants.append(source.equity[index])
        elif index < len(grants):
            del grants[index]
        return replace(target, equity=tuple(grants))
    raise ValueError(f"{name} is not a field of an offer's terms")


def _component_key(item: ComponentTerms) -> ComponentKind:
    return item.kind


def _check_key(item: ContingencyTerms) -> str:
    return item.kind


def _swap(target: tuple[T, ...], source: tuple[T, ...], key: tuple[K, int], kind_of: Callable[[T], K]) -> tuple[T, ...]:
    """`target` with the item at `key` (kind, occurrence) replaced by, added from or removed as in `source`."""

    def keyed(items: tuple[T, ...]) -> list[tuple[tuple[K, int], T]]:
        seen: dict[K, int] = {}
        result: list[tuple[tuple[K, int], T]] = []
        for item in items:
            kind = kind_of(item)
            result.append(((kind, seen.get(kind, 0)), item))
            seen[kind] = seen.get(kind, 0) + 1
        return result

    wanted = dict(keyed(source)).get(key)
    items = keyed(target)
    position = next((index for index, (item_key, _item) in enumerate(items) if item_key == key), None)
    if position is None:
        return target if wanted is None else (*target, wanted)
    kept = [item for _key, item in items]
    if wanted is None:
        del kept[position]
    else:
        kept[position] = wanted
    return tuple(kept)
