"""Roles and their pay bands: what the offer editor checks each base salary against."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.money import Money
from offerdesk.services.offers.compensation import BandView
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.operations import Operations
from offerdesk.ui.theme import tint
from offerdesk.ui.views import read_only_table
from offerdesk.ui.window_geometry import FittedDialog


class PayBandsDialog(FittedDialog):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("payBands")
        self.setWindowTitle("Roles and pay bands")
        self.resize(720, 480)
        self._services, self._bus = services, bus
        self._operations = Operations(bus, Prompter(self), self)
        self.role_choice = QComboBox(self)
        for role in services.roles.list(order_by_title=True):
            self.role_choice.addItem(role.display_name, role.id)
        self.model: RowTableModel[BandView] = RowTableModel(
            [
                Column("Currency", lambda b: b.currency),
                Column("Location", lambda b: b.location or "any"),
                Column("Minimum", lambda b: b.band_min.format(fmt.ui_locale())),
                Column("Midpoint", lambda b: b.band_mid.format(fmt.ui_locale())),
                Column("Maximum", lambda b: b.band_max.format(fmt.ui_locale())),
            ],
            self,
        )
        self.table = read_only_table(self.model, self, "bandTable")
        self.currency = QLineEdit("EUR", self)
        self.location = QLineEdit(self)
        self.location.setPlaceholderText("any location")
        self.band_min, self.band_mid, self.band_max = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.save_button = QPushButton("Save band", self)
        self.problem = QLabel(self)
        self.problem.setObjectName("bandProblem")
        self.problem.setWordWrap(True)
        tint(self.problem, "bad")
        form = QFormLayout()
        form.addRow("Currency", self.currency)
        form.addRow("Location", self.location)
        form.addRow("Minimum (per year)", self.band_min)
        form.addRow("Midpoint", self.band_mid)
        form.addRow("Maximum", self.band_max)
        layout = QVBoxLayout(self)
        layout.addWidget(self.role_choice)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.save_button)
        close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_buttons.rejected.connect(self.reject)
        layout.addWidget(close_buttons)
        self.role_choice.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._edit(current.row()))
        self.save_button.clicked.connect(self.save)
        self._follow_team_role()
        self.reload()

    def _follow_team_role(self) -> None:
        """Only an admin may change pay bands on a team's server (the server refuses others): say so up front."""
        team = self._services.team
        if not team.may_edit_pay_bands():
            for edit in (self.currency, self.location, self.band_min, self.band_mid, self.band_max, self.save_button):
                edit.setEnabled(False)
                edit.setToolTip(team.why_not("pay_bands"))

    def role_id(self) -> int | None:
        data = self.role_choice.currentData()
        return int(data) if data is not None else None

    def reload(self) -> None:
        self.problem.setText("")  # it was about the band typed for the role shown before
        role_id = self.role_id()
        self.model.set_rows(self._services.compensation.bands(role_id) if role_id is not None else [])

    def _edit(self, row: int) -> None:
        self.problem.setText("")
        bands = self.model.rows()
        if 0 <= row < len(bands):
            band = bands[row]
            self.currency.setText(band.currency)
            self.location.setText(band.location)
            for edit, money in zip((self.band_min, self.band_mid, self.band_max), band.band, strict=True):
                edit.setText(str(money.amount))

    def save(self) -> None:
        """Save the band typed below; a bad amount or order is explained here and nothing is saved."""
        role_id = self.role_id()
        if role_id is None:
            return
        currency, location = self.currency.text().strip().upper(), self.location.text()
        texts = [edit.text() for edit in (self.band_min, self.band_mid, self.band_max)]

        def save_band() -> Any:
            amounts = [Money.parse(text, currency, fmt.ui_locale()).minor for text in texts]
            return self._services.compensation.set_band(role_id, currency, location, *amounts)

        done, _ = self._operations.run("Band not saved", save_band, initiator=self, on_error=self.problem.setText)
        if done:
            self.reload()
