"""The offers of the selected candidate at a glance: their offers, the current version's terms with the yearly
figures of the one pay formula, and the decision history. Editing happens in the offer editor dialog.

The offers and the chosen one's terms are read in the thread pool (panels/newest_load.py); only the answer to the
newest request is shown. Until the selected candidate's (or offer's) answer is back, the buttons that act on what
is shown wait, so no letter or edit goes to the offer shown before."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain import labels
from offerdesk.domain.clip_text import NOTHING, ClipText, summary_text
from offerdesk.domain.offer_terms import ComponentTerms
from offerdesk.domain.offers import OfferDetail, OfferRow, PayUnit, StatusEventView
from offerdesk.domain.pay import per_year
from offerdesk.errors import NotFoundError
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.offers.status import OfferService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.clipboard import copy_text
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.panels.letter_box import LetterBox
from offerdesk.ui.panels.newest_load import NewestLoad, Work
from offerdesk.ui.rebuilding import rebuilding
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.views import read_only_table, vertical_scroll
from offerdesk.ui.wrapped_label import WrappedLabel


def _amount(component: ComponentTerms, locale: str) -> str:
    if component.amount_minor is not None:
        return fmt.money(component.amount_minor, component.currency, locale)
    if component.percent_bp is not None:
        return f"{component.percent_bp / 100:g}% of base"
    return ""


def _event_reason(event: StatusEventView) -> str:
    """A status event's reason in words: the decline reason's label, then the recruiter's own words."""
    return " — ".join(part for part in (labels.reason_label(event.reason_code or ""), event.note) if part)


class Need(IntEnum):
    NOTHING = 0
    OFFER = 1  # another offer of the list chosen: read its terms
    LIST = 2  # another candidate, or a change: read their offers, and the terms of the one kept chosen


@dataclass(frozen=True)
class OffersRead:
    rows: list[OfferRow] | None  # None: the list was not read again (another offer of it chosen)
    detail: OfferDetail | None
    candidate_id: int | None


def read_offers(offers: OfferService, candidate_id: int | None, need: Need, chosen: int | None) -> OffersRead:
    """In a worker: the candidate's offers (for LIST) and the terms of `chosen`, or the first when it is not theirs."""
    rows = None
    if need is Need.LIST:
        rows = offers.list(candidate_id=candidate_id) if candidate_id else []
        ids = [row.id for row in rows]
        chosen = chosen if chosen in ids else (ids[0] if ids else None)
    try:
        detail = offers.detail(chosen) if chosen is not None else None
    except NotFoundError:  # removed meanwhile: the change that removed it reads the list again
        detail = None
    return OffersRead(rows, detail, candidate_id)


class OfferSummaryPanel(QWidget):
    loaded = Signal()  # the panel shows what was read for the newest request

    def __init__(self, services: Services, bus: ChangeBus, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = NewestLoad(self, self._reading, self._show, self._failed)
        self._refresher = RefreshWhenVisible(self, self._load.request)
        self._need = Need.LIST
        self._held = False  # what is shown is not (yet) the selected candidate's or offer's
        self._applying = False  # selecting the row of terms that arrived with it: nothing to read
        self._services = services
        self._candidate_id: int | None = None
        self._detail: OfferDetail | None = None
        self._terms_shown: list[tuple[str, str]] = []  # the terms as the panel shows them, for copying
        self._terms_labels: tuple[str, ...] = ()  # the rows of the terms form, kept while they stay the same
        self._terms_rows: list[tuple[QLabel, QLabel]] = []  # each row's label and value, kept (the surplus hidden)
        self.offers_model: RowTableModel[OfferRow] = RowTableModel(
            [
                Column("Type", lambda r: r.offer_type.label),
                Column("Status", lambda r: r.status.label),
                Column("Version", lambda r: f"v{r.version}", lambda r: r.version),
                Column("Base", lambda r: fmt.money(r.base_minor, r.currency), lambda r: r.base_minor or 0),
                Column(
                    "Expires",
                    lambda r: fmt.day(r.expires_on),
                    lambda r: r.expires_on.isoformat() if r.expires_on else "",
                ),
            ],
            self,
        )
        self.components_model: RowTableModel[ComponentTerms] = RowTableModel(
            [
                Column("Component", lambda c: c.label or labels.label(c.kind)),
                Column("Amount", lambda c: _amount(c, self._locale())),
                Column("Unit", lambda c: labels.label(c.unit)),
                Column("Per year", lambda c: self._per_year(c)),
            ],
            self,
        )
        self.history_model: RowTableModel[StatusEventView] = RowTableModel(
            [
                Column("When", lambda e: fmt.moment(e.at), lambda e: e.at.isoformat()),
                Column("Status", lambda e: e.to_status.label),
                Column(
                    "Reason", lambda e: " — ".join(p for p in (labels.reason_label(e.reason_code or ""), e.note) if p)
                ),
            ],
            self,
        )
        self.heading = WrappedLabel("Select a candidate to see their offers.", self)
        self.heading.setObjectName("offerHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.offers_view = read_only_table(self.offers_model, self, "offerTable")
        self.offers_view.setMaximumHeight(140)
        self.terms_box = QGroupBox("Terms of the current version", self)
        self.terms = QFormLayout(self.terms_box)
        self.terms.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.components_view = read_only_table(self.components_model, self, "componentTable")
        self.components_view.setMaximumHeight(130)
        self.history_view = read_only_table(self.history_model, self, "historyTable")
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.offers_view)
        layout.addWidget(self.terms_box)
        layout.addWidget(QLabel("Compensation", self))
        layout.addWidget(self.components_view, 1)
        layout.addWidget(QLabel("Decision history", self))
        layout.addWidget(self.history_view, 1)
        self.edit_button = QPushButton("Edit offer…", self)
        self.edit_button.setObjectName("editOffer")
        self.new_button = QPushButton("New offer…", self)
        self.new_button.setObjectName("newOffer")
        self.copy_button = QPushButton("Copy summary", self)
        self.copy_button.setObjectName("copyOfferSummary")
        self.copy_button.setToolTip("Copy the terms and the compensation, formatted and as plain text")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(lambda: copy_text(self.summary_clip()))
        self.terms_box.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        copy_action = QAction("Copy summary", self.terms_box)
        copy_action.triggered.connect(self.copy_button.click)
        self.terms_box.addAction(copy_action)
        layout.addLayout(button_row(self.edit_button, self.new_button, self.copy_button))
        self.letter_box = LetterBox(services, bus, prompter, self)
        layout.addWidget(self.letter_box)
        scroll = vertical_scroll(inner, self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.offers_view.selectionModel().currentRowChanged.connect(self._on_offer_changed)
        self.offers_view.doubleClicked.connect(lambda _index: self.edit_button.click())

    def summary_clip(self) -> ClipText:
        """The current version's terms and compensation, each value as the panel shows it."""
        detail = self._detail
        if detail is None or self._held:
            return NOTHING
        model = self.components_model
        columns = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
        rows = [
            [str(model.data(model.index(r, c)) or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        heading = f"{detail.row.candidate_name} — {detail.row.offer_type.label} v{detail.row.version}"
        return summary_text(heading, self._terms_shown, columns, rows)

    def current_offer_id(self) -> int | None:
        """The offer shown, once it is the selected one (None while the selected candidate's offers load)."""
        return self._detail.row.id if self._detail is not None and not self._held else None

    @property
    def is_loading(self) -> bool:
        return self._load.is_loading

    def candidate_id(self) -> int | None:
        return self._candidate_id

    def _locale(self) -> str:
        """The interface's notation: only the letter (and what the script says aloud) uses the offer's own."""
        return fmt.ui_locale()

    def _per_year(self, component: ComponentTerms) -> str:
        """A rate's yearly figure, from the same formula as the letter; blank for yearly and one-off amounts."""
        detail = self._detail
        if detail is None or component.amount_minor is None or component.unit in (PayUnit.YEAR, PayUnit.ONCE):
            return ""
        terms = detail.terms
        yearly = per_year(component.amount_minor, component.unit, terms.hours_per_week, terms.days_per_week)
        return "—" if yearly is None else fmt.money(yearly, component.currency, self._locale())

    def show_candidate(self, candidate_id: int | None) -> None:
        if candidate_id != self._candidate_id:
            self._hold()
        self._candidate_id = candidate_id
        self._need = Need.LIST
        self._refresher.mark_stale()

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        if changes.touches(Kind.OFFERS, Kind.CANDIDATES):
            self._need = Need.LIST
            self._refresher.mark_stale()
        elif changes.touches(Kind.TEMPLATES, Kind.LETTERS):
            self.letter_box.on_changes(changes, initiator)

    def reload(self) -> None:
        """Read the candidate's offers again (in the thread pool)."""
        self._need = Need.LIST
        self._load.request()

    def _reading(self) -> Work:
        """On the GUI thread as the load starts: the newest candidate, and the offer to keep (or the one chosen)."""
        offers, candidate_id, need = self._services.offers, self._candidate_id, self._need
        if need is Need.LIST:
            chosen = self._detail.row.id if self._detail is not None else None
        else:
            chosen = self._chosen_row_id()
        return lambda: read_offers(offers, candidate_id, need, chosen)

    def _chosen_row_id(self) -> int | None:
        rows, current = self.offers_model.rows(), self.offers_view.currentIndex()
        return rows[current.row()].id if current.isValid() and current.row() < len(rows) else None

    def _hold(self) -> None:
        """Another candidate's or offer's answer is on its way: the buttons wait for it."""
        self._held = True
        for widget in (self.edit_button, self.copy_button, self.letter_box):
            widget.setEnabled(False)

    def _show(self, read: OffersRead) -> None:
        self._need = Need.NOTHING
        if read.rows is not None:
            rows = read.rows
            self.offers_model.set_rows(rows)
            if self._candidate_id is None:
                self.heading.setText("Select a candidate to see their offers.")
            elif not rows:
                self.heading.setText("No offer yet for this candidate.")
            else:
                self.heading.setText(f"Offers for {rows[0].candidate_name}")
            ids = [row.id for row in rows]
            if read.detail is not None and read.detail.row.id in ids:
                self._applying = True  # the terms of that row are here already
                try:
                    self.offers_view.selectRow(ids.index(read.detail.row.id))
                finally:
                    self._applying = False
        self._held = False
        self.edit_button.setEnabled(True)
        self.letter_box.setEnabled(True)
        self._show_offer(read.detail)
        self.loaded.emit()

    def _failed(self, sentence: str) -> None:
        """A read that failed (the database locked by another program, say): said where the offers would be."""
        self._hold()
        self.offers_model.set_rows([])
        self.heading.setText(f"Offers not loaded: {sentence}")
        self._show_offer(None)
        self.loaded.emit()

    def _on_offer_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        """Another offer of the list chosen: its terms are read in the thread pool."""
        chosen = self._chosen_row_id()
        if self._applying or (chosen == (self._detail.row.id if self._detail else None) and not self._held):
            return
        self._hold()
        self._need = max(self._need, Need.OFFER)
        self._load.request()

    def _show_terms(self, terms: tuple[tuple[str, str], ...]) -> None:
        """The terms as label and value rows; the rows are kept from one offer to the next and only their values
        set (every offer has the same labels): made again, each word-wrapped label is styled and measured anew."""
        self._terms_shown = list(terms)
        labels = tuple(label for label, _value in terms)
        if labels != self._terms_labels:
            with rebuilding(self.terms_box):  # the window is laid out once, not once a row (ui/rebuilding.py)
                self._set_term_labels(labels)
            self._terms_labels = labels
        for (_name, value_label), (_label, value) in zip(self._terms_rows, terms, strict=False):
            value_label.setText(value)

    def _set_term_labels(self, labels: tuple[str, ...]) -> None:
        """Rows for these labels: the rows made before are named anew, more are made, the rest hidden."""
        for row, label in enumerate(labels):
            if row < len(self._terms_rows):
                self._terms_rows[row][0].setText(label)
            else:
                name = QLabel(label, self.terms_box)
                shown = WrappedLabel("", self.terms_box)  # a long title or place wraps rather than widening the panel
                self.terms.addRow(name, shown)
                self._terms_rows.append((name, shown))
        for row in range(len(self._terms_rows)):
            self.terms.setRowVisible(row, row < len(labels))

    def _show_offer(self, detail: OfferDetail | None) -> None:
        self._detail = detail
        offer_id = detail.row.id if detail else None
        self.letter_box.show_offer(offer_id, *((detail.row.offer_type, detail.row.version) if detail else (None, None)))
        self.copy_button.setEnabled(detail is not None)
        if detail is None:
            self._show_terms(())
            self.components_model.set_rows([])
            self.history_model.set_rows([])
            return
        row, terms = detail.row, detail.terms
        pay = terms.pay()
        remote = f", {terms.remote_days} remote days/week" if terms.remote_days else ""
        first_year = pay.first_year.format(self._locale()) if pay.first_year is not None and not pay.left_out else ""
        shown_terms = (
            ("Title", terms.title),
            ("Type", row.offer_type.label),
            ("Status", row.status.label),
            ("Version", f"v{row.version}"),
            ("Start date", fmt.day(terms.start_date)),
            ("Location", terms.location + remote),
            ("First year at target", first_year),
            ("Expires", fmt.day(row.expires_on)),
            ("Letter locale", terms.locale.replace("_", "-")),
        )
        self._show_terms(tuple((label, value or "—") for label, value in shown_terms))
        self.components_model.set_rows(list(terms.components))
        self.history_model.set_rows(list(reversed(detail.history)))
