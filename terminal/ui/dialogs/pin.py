"""The staff PIN: pick your name, type your PIN (masked); refusals say attempts left or until
when the PIN is locked."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRegularExpression, QSize, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from terminal.domain.rules import StaffRole
from terminal.services.views import Actor, StaffMember
from terminal.ui.dialogs.base import OperationDialog

PIN_MAX_DIGITS = 8


class PinDialog(OperationDialog):
    """`submitted` carries an Actor (the staff member picked and the PIN typed).

    `purpose` is the operation in words ("Redeem: Lunch menu"); with `manager_only` only
    managers are listed. `preselect` is the staff member on duty, if any.
    """

    def __init__(
        self,
        staff: list[StaffMember],
        purpose: str,
        *,
        manager_only: bool = False,
        preselect: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self._purpose = purpose
        self._manager_only = manager_only
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.title.setWordWrap(True)
        self.who = QLabel(self)
        self.staff_list = QListWidget(self)
        self.staff_list.setObjectName("staffList")
        self.pin_label = QLabel(self)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX_DIGITS)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self))
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.pin_label.setBuddy(self.pin)
        self.who.setBuddy(self.staff_list)
        for widget in (self.title, self.who, self.staff_list, self.pin_label, self.pin):
            self.body.addWidget(widget)
        shown = [m for m in staff if not manager_only or m.role is StaffRole.MANAGER]
        for member in shown:
            item = QListWidgetItem(self.staff_list)
            item.setData(Qt.ItemDataRole.UserRole, member)
            item.setSizeHint(QSize(0, 52))
        row = next((i for i, m in enumerate(shown) if m.staff_id == preselect), 0)
        if shown:
            self.staff_list.setCurrentRow(row)
        self.pin.textEdited.connect(lambda _text: self.clear_refusal())
        self.staff_list.currentRowChanged.connect(lambda _row: self.pin.clear())
        self.retranslate()
        self.pin.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Staff PIN"))
        self.title.setText(self._purpose)
        self.who.setText(
            self.tr("&Manager (only a manager can do this):")
            if self._manager_only
            else self.tr("&Who are you?")
        )
        self.pin_label.setText(self.tr("&PIN:"))
        self.ok_button.setText(self.tr("Confirm (Enter)"))
        self.ok_button.setAccessibleName(self.tr("Confirm"))
        self.ok_button.setAccessibleDescription(self.tr("Check the PIN and do the operation"))
        self.staff_list.setAccessibleName(self.tr("Staff member"))
        self.staff_list.setAccessibleDescription(self.tr("Pick your name with the arrow keys"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setAccessibleDescription(self.tr("Your staff PIN, 4 to 8 digits, hidden"))
        self.pin.setPlaceholderText(self.tr("4 to 8 digits"))
        for index in range(self.staff_list.count()):
            item = self.staff_list.item(index)
            item.setText(self._member_text(item.data(Qt.ItemDataRole.UserRole)))

    def _member_text(self, member: StaffMember) -> str:
        role = self.tr("manager") if member.role is StaffRole.MANAGER else self.tr("cashier")
        text = f"{member.name} ({role})"
        if member.locked_until is not None:
            until = QLocale().toString(member.locked_until.time(), QLocale.FormatType.ShortFormat)
            text += " - " + self.tr("locked until %1").replace("%1", until)
        return text

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.pin.setEnabled(enabled)
        self.staff_list.setEnabled(enabled)

    def show_refusal(self, text: str) -> None:
        super().show_refusal(text)
        self.pin.clear()
        self.pin.setFocus()

    def values(self) -> Actor:
        item = self.staff_list.currentItem()
        if item is None:
            raise ValueError(self.tr("Pick your name first."))
        if not self.pin.text():
            raise ValueError(self.tr("Type your PIN."))
        member: StaffMember = item.data(Qt.ItemDataRole.UserRole)
        return Actor(member.staff_id, self.pin.text())
