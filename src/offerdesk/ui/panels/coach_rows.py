"""The coach's tables as columns: each figure as a percentage and its count, and the small-sample mark.

Kept apart from the panel so the cells can be read and tested without building the window's widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from offerdesk.domain.metrics import local_day
from offerdesk.ui import format as fmt
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.theme import status_colour

if TYPE_CHECKING:
    from offerdesk.services.coach import AskStyleRow, DrillView, ObjectionLoss, PracticeEffect, Rate

SMALL = "small sample"
T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


class MarkedTableModel(RowTableModel[T]):
    """A row table whose small-sample marks are in the warning colour, as the dashboard's tiles show theirs."""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            header = self.headerData(index.column(), Qt.Orientation.Horizontal)
            if header == "Sample" and super().data(index):
                return status_colour("warning")
            return None
        return super().data(index, role)


def percent(rate: Rate) -> str:
    """ "40%", or "—" with nothing decided."""
    return rate.percent if rate.decided else "—"


def count(rate: Rate) -> str:
    """ "2 of 5": accepted of decided, so a percentage is never read without what it rests on."""
    return f"{rate.accepted} of {rate.decided}" if rate.decided else "0"


def _sort(rate: Rate) -> float:
    return -1.0 if rate.value is None else rate.value


def sample_mark(first: Rate, second: Rate, names: tuple[str, str], *, alone: bool = False) -> str:
    """Which side rests on too few decided offers: "small sample", or naming the side when only one does."""
    small = [first.small_sample, second.small_sample and not alone]
    if all(small) or (small[0] and alone):
        return SMALL
    if small[0]:
        return f"{names[0]}: {SMALL}"
    if small[1]:
        return f"{names[1]}: {SMALL}"
    return ""


def loss_columns(alone: Callable[[], bool]) -> tuple[Column[ObjectionLoss], ...]:
    return (
        Column("Objection", lambda r: r.label),
        Column("Yours", lambda r: percent(r.yours), lambda r: _sort(r.yours)),
        Column("n", lambda r: count(r.yours), lambda r: r.yours.decided),
        Column("Team", lambda r: percent(r.team), lambda r: _sort(r.team)),
        Column("n ", lambda r: count(r.team), lambda r: r.team.decided),
        Column("Sample", lambda r: sample_mark(r.yours, r.team, ("yours", "team"), alone=alone())),
    )


def style_columns(alone: Callable[[], bool]) -> tuple[Column[AskStyleRow], ...]:
    return (
        Column("Offer type", lambda r: r.offer_type_label),
        Column("Ask style", lambda r: r.ask_style_label),
        Column("Yours", lambda r: percent(r.yours), lambda r: _sort(r.yours)),
        Column("n", lambda r: count(r.yours), lambda r: r.yours.decided),
        Column("Team", lambda r: percent(r.team), lambda r: _sort(r.team)),
        Column("n ", lambda r: count(r.team), lambda r: r.team.decided),
        Column("Sample", lambda r: sample_mark(r.yours, r.team, ("yours", "team"), alone=alone())),
    )


def _drill_state(drill: DrillView) -> str:
    if drill.done_at is not None:
        return f"done {fmt.day(local_day(drill.done_at))}"
    return f"due {fmt.day(drill.due_on)}"


DRILL_COLUMNS: tuple[Column[DrillView], ...] = (
    Column("Objection", lambda d: d.label),
    Column("When", _drill_state, lambda d: (not d.is_open, d.due_on)),
    Column("Why", lambda d: d.reason),
)

EFFECT_COLUMNS: tuple[Column[PracticeEffect], ...] = (
    Column("Objection", lambda e: e.label),
    Column("First practised", lambda e: fmt.day(local_day(e.first_practised)), lambda e: e.first_practised),
    Column("Practices", lambda e: str(e.practices), lambda e: e.practices),
    Column("Before", lambda e: percent(e.before), lambda e: _sort(e.before)),
    Column("n", lambda e: count(e.before), lambda e: e.before.decided),
    Column("After", lambda e: percent(e.after), lambda e: _sort(e.after)),
    Column("n ", lambda e: count(e.after), lambda e: e.after.decided),
    Column("Sample", lambda e: sample_mark(e.before, e.after, ("before", "after"))),
)
