"""The first-run screen of a terminal that is not activated yet: activate it, or open the demo.

Activating needs the central server's address and a one-time code from the company's back
office (what `loyalty-terminal activate` asks for). The screen only collects them and shows
the outcome: the activation itself (network, credential store) runs off the GUI thread in
terminal/app.py. Signals (GUI thread): `demo_requested()`; `activation_requested(object)`:
an ActivationRequest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

FIELD_HEIGHT = 48


@dataclass(frozen=True)
class ActivationRequest:
    server_url: str
    code: str
    name: str
    allow_file_credentials: bool


class FirstRunWindow(QWidget):
    demo_requested = Signal()
    activation_requested = Signal(object)

    def __init__(self, database_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self._path = database_path
        self._problem: tuple[str, str] | None = None
        self.title = QLabel(self)
        self.title.setObjectName("headline")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.server = QLineEdit(self)
        self.server.setObjectName("serverUrl")
        self.code = QLineEdit(self)
        self.code.setObjectName("activationCode")
        self.name = QLineEdit(self)
        self.name.setObjectName("terminalName")
        for field in (self.server, self.code, self.name):
            field.setMinimumHeight(FIELD_HEIGHT)
        self.file_credentials = QCheckBox(self)
        self.file_credentials.setVisible(False)  # offered once the store is known missing
        self.server_label, self.code_label, self.name_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        self.server_label.setBuddy(self.server)
        self.code_label.setBuddy(self.code)
        self.name_label.setBuddy(self.name)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.server_label, self.server)
        form.addRow(self.code_label, self.code)
        form.addRow(self.name_label, self.name)
        self.problem = QLabel(self)
        self.problem.setObjectName("refusal")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.activate_button = QPushButton(self)
        self.activate_button.setObjectName("primary")
        self.demo_button = QPushButton(self)
        self.quit_button = QPushButton(self)
        # In a scroll area: on a small screen (or with a large font) nothing is squeezed.
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.file_credentials)
        layout.addWidget(self.activate_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.quit_button)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.activate_button.clicked.connect(self._activate)
        self.code.returnPressed.connect(self._activate)
        self.demo_button.clicked.connect(self.demo_requested)
        self.quit_button.clicked.connect(self.close)
        self.retranslate()
        self.server.setFocus()

    def _activate(self) -> None:
        if not self.activate_button.isEnabled():
            return
        if not self.server.text().strip() or not self.code.text().strip():
            self.show_problem("missing_fields")
            return
        self.set_busy(True)
        self.activation_requested.emit(
            ActivationRequest(
                self.server.text().strip(),
                self.code.text().strip(),
                self.name.text().strip(),
                self.file_credentials.isChecked(),
            )
        )

    def set_busy(self, busy: bool) -> None:
        for widget in (self.activate_button, self.demo_button, self.server, self.code):
            widget.setEnabled(not busy)
        self.activate_button.setText(self.tr("Activating…") if busy else self.tr("Activate"))

    def show_problem(self, code: str, detail: str = "") -> None:
        """Why the activation did not happen (terminal.activation.ActivationFailed.code)."""
        self._problem = (code, detail)
        self.set_busy(False)
        if code == "no_credential_store":
            self.file_credentials.setVisible(True)
        self._retranslate_problem()
        self.problem.setVisible(True)

    def show_preparing(self) -> None:
        """The demo is being built (a few seconds the first time)."""
        self.demo_button.setEnabled(False)
        self.activate_button.setEnabled(False)
        self.demo_button.setText(self.tr("Preparing the demo…"))

    def _retranslate_problem(self) -> None:
        if self._problem is None:
            return
        code, detail = self._problem
        texts = {
            "missing_fields": self.tr("Type the server's address and the activation code."),
            "bad_url": self.tr(
                "This is not a server address. It looks like https://loyalty.example.com"
            ),
            "plain_http": self.tr(
                "Use an https:// address: plain http would send the terminal's key unencrypted."
            ),
            "no_credential_store": self.tr(
                "This computer has no secure credential store to keep the terminal's key. "
                "Install or unlock one (GNOME Keyring or KWallet), or tick the box below to "
                "keep it in a file only this user can read."
            ),
            "certificate": self.tr(
                "The server's certificate is not trusted by this computer. Ask IT for the "
                "company's certificate authority (server_ca_bundle in the settings)."
            ),
            "offline": self.tr("No answer from the server: check the address and the network."),
            "protocol_version": self.tr(
                "The server speaks another version: install the current terminal software."
            ),
            "code_refused": self.tr(
                "The server refused this code: unknown, already used or expired. Ask the "
                "back office for a new one."
            ),
            "token_not_saved": self.tr(
                "The server activated the terminal but its key could not be stored here. "
                "Ask the back office for a new code."
            ),
        }
        text = texts.get(code) or self.tr("The activation failed: %1").replace("%1", detail)
        self.problem.setText(text)
        self.problem.setAccessibleDescription(text)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Loyalty terminal: setup"))
        self.title.setText(self.tr("This terminal is not activated yet"))
        text = self.tr(
            "A terminal works for one store of a company. Activate it once with the central "
            "server's address and a one-time code from the company's back office. No "
            "loyalty database was found at %1.\n\nOr try everything on demo data first."
        )
        self.explanation.setText(text.replace("%1", str(self._path)))
        self.explanation.setAccessibleName(self.title.text())
        self.explanation.setAccessibleDescription(self.explanation.text())
        self.server_label.setText(self.tr("&Server address:"))
        self.server.setPlaceholderText("https://loyalty.example.com")
        self.code_label.setText(self.tr("Activation &code:"))
        self.name_label.setText(self.tr("&Terminal name:"))
        self.name.setPlaceholderText(self.tr("e.g. Counter 1"))
        self.file_credentials.setText(
            self.tr("Keep the key in a file readable by this user only (no secure store here)")
        )
        self.activate_button.setText(self.tr("Activate"))
        self.activate_button.setAccessibleDescription(
            self.tr("Connect this terminal to its store with the code from the back office")
        )
        self.demo_button.setText(self.tr("Open the demo"))
        self.demo_button.setAccessibleName(self.tr("Open the demo"))
        self.demo_button.setAccessibleDescription(
            self.tr("A demo store with demo customers and a demo camera, on this computer")
        )
        self.quit_button.setText(self.tr("Quit"))
        self.quit_button.setAccessibleName(self.tr("Quit"))
        self.quit_button.setAccessibleDescription(self.tr("Close the terminal"))
        self._retranslate_problem()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
