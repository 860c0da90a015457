"""File → Connect to Team Database: where the team's PostgreSQL server is, a test, and Connect.

The TLS mode follows the host (verify-full across the network, prefer on this computer) until the person picks one.
The password goes to the keychain, never to a file; the test runs in the thread pool and says what it found in a
sentence (connected, a schema to upgrade, a wrong password, no answer from host:port, ...).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from offerdesk.services.setup.team_connection import (
    DEFAULT_PORT,
    TLS_MODES,
    ConnectionCheck,
    TeamServer,
    check,
    default_tls,
    keep_password,
)
from offerdesk.services.setup.team_password import TeamPassword
from offerdesk.ui import workers
from offerdesk.ui.window_geometry import FittedDialog

Connect = Callable[[str], bool]  # opens the URL and moves the window onto it; False when it could not (it said why)


class ConnectTeamDialog(FittedDialog):
    def __init__(self, connect: Connect, parent: QWidget | None = None, *, initial: TeamServer | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectTeamDialog")
        self.setWindowTitle("Connect to Team Database")
        self._connect = connect
        self._tls_chosen = False
        self.last_check: ConnectionCheck | None = None
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("db.example.com")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setPlaceholderText("offerdesk")
        self.user = QLineEdit(self)
        self.tls = QComboBox(self)
        self.tls.addItems(TLS_MODES)
        self.tls.setToolTip(
            "verify-full checks the server's certificate names this host (the safe choice across a network); "
            "prefer uses TLS when the server offers it"
        )
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the system keychain")
        self.outcome = QLabel("Give the server's address, then test the connection.", self)
        self.outcome.setObjectName("connectResult")
        self.outcome.setWordWrap(True)
        self.outcome.setMinimumWidth(420)
        self.test_button = QPushButton("&Test Connection", self)
        self.test_button.setObjectName("testConnection")
        self.test_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = self.buttons.addButton("&Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self._build()
        self.host.textChanged.connect(self._host_changed)
        self.tls.activated.connect(self._tls_picked)
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.connect_now)
        self.buttons.rejected.connect(self.reject)
        self.tls.setCurrentText(default_tls(""))
        if initial is not None:
            self.show_server(initial)

    def _build(self) -> None:
        intro = QLabel("Work on your team's shared database. Your administrator gives you these details.", self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Host:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("T&LS mode:", self.tls)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.outcome)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        column.addLayout(row)

    def show_server(self, server: TeamServer) -> None:
        self.host.setText(server.host)
        self.port.setValue(server.port)
        self.database.setText(server.database)
        self.user.setText(server.user)
        if server.tls:
            self.tls.setCurrentText(server.tls)
            self._tls_chosen = server.tls != default_tls(server.host)

    def _host_changed(self, host: str) -> None:
        if not self._tls_chosen:
            self.tls.setCurrentText(default_tls(host))

    def _tls_picked(self, _index: int) -> None:
        self._tls_chosen = True

    def server(self) -> TeamServer:
        return TeamServer(
            self.host.text().strip(), self.database.text().strip(), self.user.text().strip(), self.port.value(),
            self.tls.currentText(),
        )  # fmt: skip

    def _refused(self, server: TeamServer) -> bool:
        problems = server.problems()
        if problems:
            self.outcome.setText(" ".join(problems))
        return bool(problems)

    def test_connection(self) -> None:
        server = self.server()
        if self._refused(server):
            return
        self.outcome.setText(f"Connecting to {server.where}…")
        self.test_button.setEnabled(False)
        password = self.password.text() or TeamPassword(server.url).password(refused=False)  # typed, else kept
        workers.start(self, lambda _signals: check(server, password), self._tested, self._test_failed)

    def _tested(self, found: ConnectionCheck) -> None:
        self.last_check = found
        self.outcome.setText(found.sentence)
        self.test_button.setEnabled(True)

    def _test_failed(self, sentence: str, _details: str) -> None:
        self.outcome.setText(f"The test did not finish: {sentence}")
        self.test_button.setEnabled(True)

    def connect_now(self) -> None:
        server = self.server()
        if self._refused(server):
            return
        keep_password(server, self.password.text())
        self.outcome.setText(f"Opening {server.where}…")
        if self._connect(server.url):
            self.accept()
        else:
            self.outcome.setText(f"Not connected to {server.where}; the window stays where it was.")
