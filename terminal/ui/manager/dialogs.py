"""The manager's small dialogs: a points adjustment, a card's status change with a reason,
and the manager sign-in. Each only emits `submitted`; the page that opened it runs the
service and closes it or shows the refusal (terminal/ui/dialogs/base.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from terminal.services.views import Actor, StaffMember
from terminal.ui.dialogs.base import TOUCH_TARGET_PX, OperationDialog

REASON_MAX = 200
PIN_MAX = 12


@dataclass(frozen=True)
class Adjustment:
    points: str  # as typed: the service reads and checks it
    reason: str


class AdjustPointsDialog(OperationDialog):
    """`submitted(Adjustment)`."""

    def __init__(self, balance: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjustPointsDialog")
        self._balance = balance
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.points = QLineEdit(self)
        self.points.setObjectName("adjustPoints")
        self.points.setMaxLength(12)
        self.points.setMinimumHeight(TOUCH_TARGET_PX)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("adjustReason")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setMinimumHeight(TOUCH_TARGET_PX)
        self.form = QFormLayout()
        self.points_label, self.reason_label = QLabel(self), QLabel(self)
        self.points_label.setBuddy(self.points)
        self.reason_label.setBuddy(self.reason)
        self.form.addRow(self.points_label, self.points)
        self.form.addRow(self.reason_label, self.reason)
        self.body.addWidget(self.intro)
        self.body.addLayout(self.form)
        self.retranslate()
        self.points.setFocus()

    def values(self) -> Adjustment:
        return Adjustment(self.points.text(), self.reason.text())

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.points.setEnabled(enabled)
        self.reason.setEnabled(enabled)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Adjust points"))
        self.intro.setText(
            self.tr("The card has %1 points. Type what to add (50) or take away (-50).").replace(
                "%1", str(self._balance)
            )
        )
        self.points_label.setText(self.tr("&Points:"))
        self.reason_label.setText(self.tr("&Reason (kept with the entry):"))
        self.points.setAccessibleName(self.tr("Points to add or take away"))
        self.reason.setAccessibleName(self.tr("Reason for the adjustment"))
        self.ok_button.setText(self.tr("Adjust"))


class CardStatusDialog(OperationDialog):
    """`submitted(str)`: the reason (may be empty)."""

    def __init__(self, deactivate: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardStatusDialog")
        self._deactivate = deactivate
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("statusReason")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setMinimumHeight(TOUCH_TARGET_PX)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.reason)
        self.retranslate()
        self.reason.setFocus()

    def values(self) -> str:
        return self.reason.text()

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.reason.setEnabled(enabled)

    def retranslate(self) -> None:
        super().retranslate()
        if self._deactivate:
            self.setWindowTitle(self.tr("Deactivate the card"))
            self.intro.setText(
                self.tr("A deactivated card cannot earn or redeem. Reason (optional):")
            )
            self.ok_button.setText(self.tr("Deactivate"))
        else:
            self.setWindowTitle(self.tr("Reactivate the card"))
            self.intro.setText(self.tr("The card can earn and redeem again. Reason (optional):"))
            self.ok_button.setText(self.tr("Reactivate"))
        self.reason.setAccessibleName(self.tr("Reason"))


class ManagerSignInDialog(OperationDialog):
    """`submitted(Actor)`: the manager picked and the PIN typed."""

    def __init__(self, managers: list[StaffMember], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("managerSignIn")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.who = QComboBox(self)
        self.who.setMinimumHeight(TOUCH_TARGET_PX)
        for member in managers:
            self.who.addItem(member.name, member)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("managerPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setMinimumHeight(TOUCH_TARGET_PX)
        self.who_label, self.pin_label = QLabel(self), QLabel(self)
        self.who_label.setBuddy(self.who)
        self.pin_label.setBuddy(self.pin)
        form = QFormLayout()
        form.addRow(self.who_label, self.who)
        form.addRow(self.pin_label, self.pin)
        self.body.addWidget(self.intro)
        self.body.addLayout(form)
        self.retranslate()
        self.pin.setFocus()

    def values(self) -> Actor:
        member = self.who.currentData()
        if not isinstance(member, StaffMember):
            raise ValueError(self.tr("No manager is set up for this company."))
        return Actor(member.staff_id, self.pin.text())

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.who.setEnabled(enabled)
        self.pin.setEnabled(enabled)

    def show_refusal(self, text: str) -> None:
        super().show_refusal(text)
        self.pin.clear()
        self.pin.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Manager"))
        self.intro.setText(self.tr("The manager views need a manager's PIN."))
        self.who_label.setText(self.tr("&Manager:"))
        self.pin_label.setText(self.tr("&PIN:"))
        self.who.setAccessibleName(self.tr("Manager"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.ok_button.setText(self.tr("Open"))
