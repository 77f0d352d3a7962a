"""The windowed demo's side panel: pick a demo customer to hold their card to the camera."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


@dataclass(frozen=True)
class DemoCustomer:
    name: str
    card_number: str
    qr_token: str


class DemoCustomersPanel(QWidget):
    """Signals (GUI thread): `hold_card(str)`: the QR token of the card to show the camera."""

    hold_card = Signal(str)

    def __init__(
        self,
        customers: list[DemoCustomer],
        staff: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = list(staff)  # (name, role, PIN): the demo's PINs are no secret
        self.setObjectName("demoPanel")
        self.setMaximumWidth(320)
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.title.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.pins = QLabel(self)
        self.pins.setObjectName("hint")
        self.pins.setWordWrap(True)
        self.customers = QListWidget(self)
        for customer in customers:
            item = QListWidgetItem(f"{customer.name}\n{customer.card_number}", self.customers)
            item.setData(Qt.ItemDataRole.UserRole, customer.qr_token)
            item.setSizeHint(QSize(0, 56))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.customers, 1)
        layout.addWidget(self.pins)
        self.customers.itemActivated.connect(self._hold)
        self.customers.itemClicked.connect(self._hold)
        self.retranslate()

    def _hold(self, item: QListWidgetItem) -> None:
        self.hold_card.emit(item.data(Qt.ItemDataRole.UserRole))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Demo customers"))
        self.hint.setText(
            self.tr("Pick a customer: their card is held in front of the demo camera.")
        )
        lines = [self.tr("Demo staff PINs:")]
        for name, role, pin in self._staff:
            role_text = self.tr("manager") if role == "manager" else self.tr("cashier")
            lines.append(f"{name} ({role_text}): {pin}")
        self.pins.setText("\n".join(lines))
        self.pins.setVisible(bool(self._staff))
        self.customers.setAccessibleName(self.tr("Demo customers"))
        self.customers.setAccessibleDescription(
            self.tr("Enter or a click holds this customer's card to the camera")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
