"""The card screen: the card panel, the feedback banner and one big button per operation."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from terminal.domain.rules import ProgramRules
from terminal.services.views import CardView
from terminal.ui.widgets.card_panel import CardPanel


@dataclass(frozen=True)
class Operation:
    name: str
    key: str  # the function key, also shown on the button


OPERATIONS = (
    Operation("stamp", "F2"),
    Operation("earn", "F3"),
    Operation("redeem_stamps", "F4"),
    Operation("redeem_points", "F5"),
    Operation("void", "F6"),
    Operation("card_status", "F7"),
    Operation("enroll", "F8"),
)


class CardScreen(QWidget):
    """Signals (GUI thread):
    - `operation_requested(str)`: an operation's name (see OPERATIONS), from its button.
    - `back_requested()`: the Back button (Esc is the window's shortcut).
    """

    operation_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardScreen")
        self._program = ProgramRules()
        self._busy = False
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setMinimumHeight(48)
        self.panel = CardPanel(self)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, operation in enumerate(OPERATIONS):
            button = QPushButton(self)
            button.setObjectName("operation")
            button.setMinimumHeight(64)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(
                lambda _=False, n=operation.name: self.operation_requested.emit(n)
            )
            self.buttons[operation.name] = button
            grid.addWidget(button, index // 2, index % 2)
        self.back_button = QPushButton(self)
        self.back_button.setMinimumHeight(64)
        self.back_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.back_button.clicked.connect(self.back_requested)
        grid.addWidget(self.back_button, len(OPERATIONS) // 2, len(OPERATIONS) % 2)

        columns = QHBoxLayout()
        columns.addWidget(self.panel, 3)
        columns.addLayout(grid, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        self.retranslate()

    @property
    def card(self) -> CardView | None:
        return self.panel.card

    def set_program(self, program: ProgramRules) -> None:
        self._program = program
        self._update_buttons()

    def show_card(self, card: CardView) -> None:
        self.panel.show_card(card)
        self._update_buttons()
        self.retranslate_status_button()

    def focus_default(self) -> None:
        """Keyboard focus on the first operation that can run (Tab moves on from there)."""
        for operation in OPERATIONS:
            button = self.buttons[operation.name]
            if button.isEnabled():
                button.setFocus()
                return
        self.back_button.setFocus()

    def set_busy(self, busy: bool) -> None:
        """While an operation runs, no other can start (a key pressed twice submits once)."""
        self._busy = busy
        self._update_buttons()

    def show_confirmation(self, text: str) -> None:
        self._banner(text, "confirmation")

    def show_refusal(self, text: str) -> None:
        self._banner(text, "refusal")

    def clear_banner(self) -> None:
        self.banner.clear()
        self.banner.setVisible(False)

    def _banner(self, text: str, kind: str) -> None:
        self.banner.setObjectName(kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.setAccessibleName(
            self.tr("Confirmation") if kind == "confirmation" else self.tr("Refusal")
        )
        self.banner.setAccessibleDescription(text)
        self.banner.setVisible(True)

    def _update_buttons(self) -> None:
        card = self.panel.card
        program = self._program
        usable = card is not None and card.is_active and program.is_active and not self._busy
        enabled = {
            "stamp": usable and program.uses_stamps,
            "earn": usable and program.uses_points,
            "redeem_stamps": usable and program.uses_stamps,
            "redeem_points": usable and program.uses_points,
            "void": card is not None and not self._busy,
            "card_status": card is not None and not self._busy,
            "enroll": not self._busy,
        }
        for name, button in self.buttons.items():
            button.setEnabled(enabled[name])
        reward = card is not None and card.stamp_reward_available
        self.buttons["redeem_stamps"].setProperty("highlight", reward)

    def retranslate(self) -> None:
        texts = {
            "stamp": (self.tr("Add stamp"), self.tr("Give the customer one stamp")),
            "earn": (self.tr("Earn points"), self.tr("Points for a purchase amount")),
            "redeem_stamps": (
                self.tr("Stamp reward"),
                self.tr("Hand over the stamp card's reward"),
            ),
            "redeem_points": (
                self.tr("Points reward"),
                self.tr("Pick a reward from the catalogue and pay it with points"),
            ),
            "void": (
                self.tr("Void / return"),
                self.tr("Take back a stamp given by mistake or the points of a returned purchase"),
            ),
            "enroll": (self.tr("New customer"), self.tr("Enroll a customer who has no card")),
        }
        for operation in OPERATIONS:
            if operation.name in texts:
                title, description = texts[operation.name]
                button = self.buttons[operation.name]
                button.setText(f"{title}\n{operation.key}")
                button.setAccessibleName(title)
                button.setAccessibleDescription(f"{description} ({operation.key})")
        self.retranslate_status_button()
        self.back_button.setText(self.tr("Back\nEsc"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Back to the idle screen (Esc)"))
        self.banner.setAccessibleName(self.tr("Message"))

    def retranslate_status_button(self) -> None:
        card = self.panel.card
        button = self.buttons["card_status"]
        if card is not None and not card.is_active:
            title = self.tr("Reactivate card")
            description = self.tr("Manager: let this card earn and redeem again")
        else:
            title = self.tr("Deactivate card")
            description = self.tr("Manager: block a lost or misused card")
        button.setText(f"{title}\nF7")
        button.setAccessibleName(title)
        button.setAccessibleDescription(f"{description} (F7)")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
