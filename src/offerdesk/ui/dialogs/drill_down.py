"""The offers behind a dashboard number, and the calls made on them; double-click an offer to open it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain import labels
from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.metrics import local_day
from offerdesk.domain.money import Money
from offerdesk.domain.offers import OfferType
from offerdesk.domain.wording import plural
from offerdesk.ui import format as fmt
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.views import read_only_table
from offerdesk.ui.window_geometry import FittedDialog

if TYPE_CHECKING:
    from offerdesk.domain.metrics import OfferFacts
    from offerdesk.services.stats import StatsService

CallRow = tuple[Any, ...]  # (call_id, offer_id, started_at_iso, outcome, ask_style, objections)


def text(value: Any) -> str:
    """Any stored value as the table shows it: enums by label, dates in the user's locale, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):  # stored in UTC: the day is the user's, as the period filter reads it
        return fmt.day(local_day(value))
    if isinstance(value, date):
        return fmt.day(value)
    if isinstance(value, Enum):
        return labels.label(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(text(item) for item in value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return fmt.day(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return str(value)


def _sort_text(value: Any) -> str:
    return "" if value is None else str(value)


def outcome_text(offer: OfferFacts) -> str:
    """The outcome the metrics count, and what came after a yes: a renege or the company's rescind."""
    if offer.outcome == "accepted" and offer.reneged:
        return f"{labels.outcome_label('accepted')}, then reneged"
    if offer.outcome == "accepted" and offer.rescinded:
        return f"{labels.outcome_label('accepted')}, then rescinded"
    return labels.outcome_label(offer.outcome) if offer.outcome else ""


def offer_type_text(value: str) -> str:
    """An offer type by its label ("Verbal offer"), as the rest of the interface names it."""
    return labels.code_label(OfferType, value) if value else ""


OFFER_COLUMNS: tuple[Column[OfferFacts], ...] = (
    Column("Candidate", lambda o: text(o.candidate_name)),
    Column("Role", lambda o: text(o.role)),
    Column("Type", lambda o: offer_type_text(o.offer_type)),
    Column("Outcome", outcome_text),
    Column("Extended", lambda o: text(o.extended_at), lambda o: _sort_text(o.extended_at)),
    Column("Accepted", lambda o: text(o.accepted_at), lambda o: _sort_text(o.accepted_at)),
    Column("Reason (decline or renege)", lambda o: labels.reason_label(o.decline_reason)),
)


class DrillDownDialog(FittedDialog):
    """The offers and calls behind one number of the dashboard."""

    offerChosen = Signal(int)  # offer id of a double-clicked row

    def __init__(
        self, stats: StatsService, title: str, offer_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drillDown")
        self.setWindowTitle(f"Offers behind: {title}")
        self.resize(860, 520)
        self.offer_ids: tuple[int, ...] = tuple(offer_ids)
        self.offers: list[OfferFacts] = list(stats.offers_behind(list(self.offer_ids))) if self.offer_ids else []
        self.calls: list[CallRow] = list(stats.calls_behind(list(self.offer_ids))) if self.offer_ids else []
        self.first_year = stats.first_year_behind(self.offer_ids) if self.offer_ids else {}
        names = {offer.offer_id: text(offer.candidate_name) for offer in self.offers}
        call_columns: tuple[Column[CallRow], ...] = (
            Column("Candidate", lambda c: names.get(c[1], f"offer {c[1]}")),
            Column("Started", lambda c: text(c[2]), lambda c: _sort_text(c[2])),
            Column("Outcome", lambda c: labels.code_label(CallOutcome, c[3]) if c[3] else ""),
            Column("Ask style", lambda c: labels.code_label(AskStyle, c[4]) if c[4] else ""),
            Column("Objections", lambda c: ", ".join(labels.reason_label(code) for code in c[5])),
        )
        pay: Column[OfferFacts] = Column(
            "First year at target",
            lambda o: self._first_year(o.offer_id),
            lambda o: (self.first_year.get(o.offer_id) or Money(0, "")).minor,
        )
        self.offer_model: RowTableModel[OfferFacts] = RowTableModel((*OFFER_COLUMNS, pay), self)
        self.offer_model.set_rows(self.offers)
        self.call_model: RowTableModel[CallRow] = RowTableModel(call_columns, self)
        self.call_model.set_rows(self.calls)
        self.offer_table = read_only_table(self.offer_model, self, "drillDownOffers", fit_columns=False)
        self.call_table = read_only_table(self.call_model, self, "drillDownCalls", fit_columns=False)
        count = len(self.offers)
        summary = QLabel(f"{plural(count, 'offer')} behind “{title}”. Double-click an offer to open it.", self)
        summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.offer_table, 3)
        layout.addWidget(QLabel(f"Calls on these offers ({len(self.calls)}):", self))
        layout.addWidget(self.call_table, 2)
        layout.addWidget(buttons)
        self.offer_table.doubleClicked.connect(self._offer_double_clicked)

    def _first_year(self, offer_id: int) -> str:
        amount = self.first_year.get(offer_id)
        return fmt.money(amount.minor, amount.currency) if amount is not None else "—"

    def shown_offer_ids(self) -> list[int]:
        return [offer.offer_id for offer in self.offer_model.rows()]

    def choose_row(self, row: int) -> None:
        offers = self.offer_model.rows()
        if 0 <= row < len(offers):
            self.offerChosen.emit(int(offers[row].offer_id))
            self.accept()

    def _offer_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.choose_row(index.row())
