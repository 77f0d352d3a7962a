"""The conflicts list: what the server did not take as this terminal sent it.

Overdrafts (an offline redemption another store's spending overtook), rejected entries with
the server's reason, enrollments merged into the customer's existing card. A manager reads
it; the full manager views come with the history screens. Read-only: one Close button.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from terminal.domain.ledger import TransactionType as T
from terminal.services.views import ConflictView
from terminal.ui import texts
from terminal.ui.dialogs.base import DIALOG_MIN_WIDTH_PX, TOUCH_TARGET_PX

LIST_MIN_HEIGHT = 320


def kind_label(kind: str) -> str:
    labels = {
        "overdraft": QCoreApplication.translate(
            "conflicts", "Overdraft: redeemed offline, the card could not afford it"
        ),
        "rejected": QCoreApplication.translate("conflicts", "Refused by the server"),
        "merged": QCoreApplication.translate(
            "conflicts", "Merged into the customer's existing card"
        ),
        "conflict": QCoreApplication.translate(
            "conflicts", "Not applied: its number was already used for another operation"
        ),
        "flagged": QCoreApplication.translate("conflicts", "Applied, flagged for a manager"),
    }
    return labels.get(kind, kind)


def entry_label(conflict: ConflictView) -> str:
    points, stamps = conflict.points_delta, conflict.stamps_delta
    labels = {
        T.CARD_CREATED: QCoreApplication.translate("conflicts", "New card"),
        T.WELCOME_BONUS: QCoreApplication.translate("conflicts", "Welcome bonus: %1"),
        T.STAMP_EARNED: QCoreApplication.translate("conflicts", "Stamps given: %1"),
        T.STAMP_REDEEMED: QCoreApplication.translate("conflicts", "Stamp reward: %1"),
        T.STAMP_VOIDED: QCoreApplication.translate("conflicts", "Stamps voided: %1"),
        T.POINTS_EARNED: QCoreApplication.translate("conflicts", "Points earned: %1"),
        T.POINTS_REDEEMED: QCoreApplication.translate("conflicts", "Reward redeemed: %1"),
        T.POINTS_VOIDED: QCoreApplication.translate("conflicts", "Points voided: %1"),
        T.POINTS_ADJUSTMENT: QCoreApplication.translate("conflicts", "Points adjusted: %1"),
        T.CARD_DEACTIVATED: QCoreApplication.translate("conflicts", "Card deactivated"),
        T.CARD_REACTIVATED: QCoreApplication.translate("conflicts", "Card reactivated"),
        T.POINTS_EXPIRED: QCoreApplication.translate("conflicts", "Points expired: %1"),
        T.CUSTOMER_UPDATED: QCoreApplication.translate("conflicts", "Customer details changed"),
    }
    # The label says the direction (earned, redeemed, voided): the amount is its size.
    amount = texts.stamps(abs(stamps)) if stamps and not points else texts.points(abs(points))
    return labels.get(conflict.entry_type, conflict.entry_type.value).replace("%1", amount)


def conflict_text(conflict: ConflictView) -> str:
    card = conflict.card_number or QCoreApplication.translate("conflicts", "card no longer here")
    who = f"{card} · {conflict.customer_name}" if conflict.customer_name else card
    when = texts.date_time_text(conflict.transaction_at)
    lines = [kind_label(conflict.kind), f"{who} — {entry_label(conflict)}, {when}"]
    if conflict.reason:
        # The server's own words (English): the detail a manager or support acts on.
        lines.append(
            QCoreApplication.translate("conflicts", "Server: %1").replace("%1", conflict.reason)
        )
    return "\n".join(lines)


class ConflictsDialog(QDialog):
    def __init__(self, conflicts: list[ConflictView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setMinimumWidth(DIALOG_MIN_WIDTH_PX * 2)
        self._conflicts = list(conflicts)
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.rows = QListWidget(self)
        self.rows.setObjectName("conflictList")
        self.rows.setWordWrap(True)
        self.rows.setMinimumHeight(LIST_MIN_HEIGHT)
        self.title.setBuddy(self.rows)
        buttons = QDialogButtonBox(self)
        self.close_button = QPushButton(self)
        self.close_button.setMinimumHeight(TOUCH_TARGET_PX)
        self.close_button.setDefault(True)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        for widget in (self.title, self.hint, self.rows):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.title.setText(self.tr("Sync conflicts"))
        self.close_button.setText(self.tr("Close"))
        self.rows.setAccessibleName(self.tr("Sync conflicts"))
        if self._conflicts:
            self.hint.setText(
                self.tr(
                    "What the central server did not take as this terminal sent it. The "
                    "balances shown are the server's; nothing here needs a new operation "
                    "unless the customer disputes it."
                )
            )
        else:
            self.hint.setText(self.tr("No conflicts: the server took everything as it was sent."))
        self.rows.setVisible(bool(self._conflicts))
        self.rows.clear()
        for conflict in self._conflicts:
            item = QListWidgetItem(conflict_text(conflict))
            self.rows.addItem(item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
