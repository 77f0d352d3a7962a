"""The purchase amount for points: typed as on the receipt, 12.50 or 12,50."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from terminal.ui.dialogs.base import OperationDialog

# What a cashier may type on the way to an amount; the domain's parse_amount decides.
_TYPING = QRegularExpression(r"[0-9 .,+-]{0,16}")


@dataclass(frozen=True)
class EarnRequest:
    amount: str  # as typed: the service parses it (and refuses 12 50 with the reason)
    order_reference: str | None


class AmountDialog(OperationDialog):
    """`submitted` carries an EarnRequest. `rate_text` says what a purchase earns."""

    def __init__(self, customer: str, rate_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amountDialog")
        self._customer = customer
        self._rate_text = rate_text
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.amount_label = QLabel(self)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amount")
        self.amount.setValidator(QRegularExpressionValidator(_TYPING, self))
        self.amount.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_label.setBuddy(self.amount)
        self.rate = QLabel(self)
        self.rate.setObjectName("hint")
        self.reference_label = QLabel(self)
        self.reference = QLineEdit(self)
        self.reference.setMaxLength(64)
        self.reference_label.setBuddy(self.reference)
        for widget in (
            self.title,
            self.amount_label,
            self.amount,
            self.rate,
            self.reference_label,
            self.reference,
        ):
            self.body.addWidget(widget)
        self.amount.textChanged.connect(self._changed)
        self.retranslate()
        self._changed()
        self.amount.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Earn points"))
        self.title.setText(self.tr("Points for %1").replace("%1", self._customer))
        self.amount_label.setText(self.tr("Purchase &amount:"))
        self.amount.setPlaceholderText(self.tr("e.g. 12.50"))
        self.amount.setAccessibleName(self.tr("Purchase amount"))
        self.amount.setAccessibleDescription(
            self.tr("The amount on the receipt, with a dot or a comma, e.g. 12.50 or 12,50")
        )
        self.rate.setText(self._rate_text)
        self.reference_label.setText(self.tr("&Receipt number (optional):"))
        self.reference.setAccessibleName(self.tr("Receipt number"))
        self.reference.setAccessibleDescription(self.tr("Optional: the order or receipt number"))
        self.ok_button.setText(self.tr("Earn points (Enter)"))
        self.ok_button.setAccessibleName(self.tr("Earn points"))
        self.ok_button.setAccessibleDescription(self.tr("Add the points for this purchase"))

    def _changed(self) -> None:
        self.clear_refusal()
        self.ok_button.setEnabled(not self.busy and bool(self.amount.text().strip()))

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.amount.setEnabled(enabled)
        self.reference.setEnabled(enabled)
        if enabled:
            self._changed_keep_refusal()

    def _changed_keep_refusal(self) -> None:
        self.ok_button.setEnabled(bool(self.amount.text().strip()))

    def show_refusal(self, text: str) -> None:
        super().show_refusal(text)
        self.amount.setFocus()
        self.amount.selectAll()

    def values(self) -> EarnRequest:
        return EarnRequest(self.amount.text(), self.reference.text().strip() or None)
