"""A new offer asks what kind of offer it is, and shows the currency and letter locale it will start with and
where they come from (the role's band, the job's place), so a Berlin offer never starts in US dollars unnoticed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.offer_defaults import OfferDefaults
from offerdesk.domain.offers import OfferType
from offerdesk.errors import OfferDeskError
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.operations import Operations
from offerdesk.ui.theme import status_colour
from offerdesk.ui.window_geometry import FittedDialog


class NewOfferDialog(FittedDialog):
    created = Signal(int)  # the new offer's id

    def __init__(
        self, services: Services, operations: Operations, candidate_id: int, parent: QWidget | None = None
    ) -> None:
        """Reads the candidate and the defaults at once: a candidate gone since the list was read raises here."""
        super().__init__(parent)
        self.setObjectName("newOfferDialog")
        self.setWindowTitle("New offer")
        self._services, self._operations, self.candidate_id = services, operations, candidate_id
        detail = services.candidates.detail(candidate_id)
        role = detail.row.role_title or "no role"
        self.heading = QLabel(f"New offer for {detail.row.full_name} — {role}", self)
        self.heading.setWordWrap(True)
        self.type_choice = QComboBox(self)
        self.type_choice.setObjectName("newOfferType")
        for offer_type in OfferType:
            self.type_choice.addItem(offer_type.label, offer_type.value)
        self.type_choice.setCurrentIndex(list(OfferType).index(OfferType.WRITTEN))
        self.currency_field = QLineEdit(self)
        self.currency_field.setObjectName("newOfferCurrency")
        self.currency_field.setMaxLength(3)
        self.locale_field = QLineEdit(self)
        self.locale_field.setObjectName("newOfferLocale")
        self.source = QLabel(self)
        self.source.setObjectName("newOfferSource")
        self.source.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("newOfferProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {status_colour('bad').name()}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton("Create offer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createOffer")
        form = QFormLayout()
        form.addRow("Offer type", self.type_choice)
        form.addRow("Currency", self.currency_field)
        form.addRow("Letter locale", self.locale_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.source)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._typed: set[str] = set()  # the fields the recruiter typed in: the rule no longer fills them
        self._show(services.offer_editing.defaults(candidate_id, offer_type=OfferType.WRITTEN))
        self.type_choice.currentIndexChanged.connect(lambda _index: self._suggest())
        self.currency_field.textEdited.connect(lambda _text: self._typed_in("currency"))
        self.locale_field.textEdited.connect(lambda _text: self._typed_in("locale"))
        self.buttons.accepted.connect(self.create_offer)
        self.buttons.rejected.connect(self.reject)

    def offer_type(self) -> OfferType:
        return OfferType(str(self.type_choice.currentData()))

    def set_offer_type(self, offer_type: OfferType) -> None:
        self.type_choice.setCurrentIndex(self.type_choice.findData(offer_type.value))

    def _typed_in(self, field: str) -> None:
        self._typed.add(field)
        self._suggest()

    def _suggest(self) -> None:
        """Fill what the recruiter has not typed from the rule, given what they did type."""
        currency = self.currency_field.text() if "currency" in self._typed else None
        locale = self.locale_field.text() if "locale" in self._typed else None
        if (currency is not None and len(currency.strip()) != 3) or (locale is not None and not locale.strip()):
            return  # half typed: keep the last suggestion until the text can be read
        try:
            chosen = self._services.offer_editing.defaults(self.candidate_id, None, currency, locale, self.offer_type())
        except OfferDeskError as error:
            self.problem.setText(str(error))
            return
        self.problem.setText("")
        self._show(chosen)

    def _show(self, chosen: OfferDefaults) -> None:
        if "currency" not in self._typed:
            self.currency_field.setText(chosen.currency)
        if "locale" not in self._typed:
            self.locale_field.setText(chosen.locale)
        self.source.setText(f"{chosen.explanation}.")

    def create_offer(self) -> None:
        """Create the draft; a mistake (an unknown currency, a revision without an earlier offer) is said here."""
        offer_type, currency, locale = self.offer_type(), self.currency_field.text(), self.locale_field.text()
        editing, candidate_id = self._services.offer_editing, self.candidate_id
        done, offer_id = self._operations.run(
            "Offer not created",
            lambda: editing.create(candidate_id, offer_type, currency, locale),
            initiator=self,
            on_error=self.problem.setText,
        )
        if done:
            self.accept()
            self.created.emit(int(offer_id))
