"""One card for the manager: the customer (editable), balances confirmed and pending, the
whole history, deactivate / reactivate and a points adjustment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from terminal.services.views import Actor, CardView, OperationResult
from terminal.ui import texts
from terminal.ui.dialogs.base import TOUCH_TARGET_PX, OperationDialog
from terminal.ui.manager.dialogs import Adjustment, AdjustPointsDialog, CardStatusDialog
from terminal.ui.manager.ports import Manager
from terminal.ui.models.history import HistoryModel
from terminal.ui.tasks import TaskRunner

NAME_MAX, EMAIL_MAX, PHONE_MAX = 80, 254, 32


class CardPage(QWidget):
    """Signals (GUI thread):
    - `back_requested()`: the manager wants the cards table again (Back or Esc).
    - `card_changed(str)`: an operation changed this card (the table reads it again).
    """

    back_requested = Signal()
    card_changed = Signal(str)

    def __init__(
        self,
        manager: Manager,
        runner: TaskRunner,
        actor: Callable[[], Actor | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardPage")
        self._manager = manager
        self._runner = runner
        self._actor = actor
        self._card: CardView | None = None
        self._dialog: QDialog | None = None
        self.back_button = QPushButton(self)
        self.back_button.setMinimumHeight(TOUCH_TARGET_PX)
        self.title = QLabel(self)
        self.title.setObjectName("headline")
        self.state = QLabel(self)
        self.balances = QLabel(self)
        self.balances.setObjectName("balances")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.customer_box = QGroupBox(self)
        self.first_name, self.last_name = QLineEdit(self), QLineEdit(self)
        self.email, self.phone = QLineEdit(self), QLineEdit(self)
        for field, limit, name in (
            (self.first_name, NAME_MAX, "firstName"),
            (self.last_name, NAME_MAX, "lastName"),
            (self.email, EMAIL_MAX, "email"),
            (self.phone, PHONE_MAX, "phone"),
        ):
            field.setMaxLength(limit)
            field.setObjectName(name)
            field.setMinimumHeight(40)
        self.labels = [QLabel(self) for _ in range(4)]
        # two fields a row: the history below keeps most of the height
        form = QGridLayout(self.customer_box)
        fields = (self.first_name, self.last_name, self.email, self.phone)
        for number, (label, field) in enumerate(zip(self.labels, fields, strict=True)):
            label.setBuddy(field)
            row, column = divmod(number, 2)
            form.addWidget(label, row, column * 2)
            form.addWidget(field, row, column * 2 + 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primary")
        self.save_button.setMinimumHeight(TOUCH_TARGET_PX)
        form.addWidget(self.save_button, 2, 0, 1, 4)

        self.adjust_button = QPushButton(self)
        self.status_button = QPushButton(self)
        for button in (self.adjust_button, self.status_button):
            button.setMinimumHeight(TOUCH_TARGET_PX)

        self.history_model = HistoryModel(manager.lookup, runner)
        self.history_model.setParent(self)
        self.history = QTableView(self)
        self.history.setObjectName("historyTable")
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.setAlternatingRowColors(True)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.horizontalHeader().setResizeContentsPrecision(20)
        self.history_label = QLabel(self)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.state)
        actions = QVBoxLayout()
        actions.addWidget(self.balances)
        actions.addWidget(self.adjust_button)
        actions.addWidget(self.status_button)
        actions.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.customer_box, 3)
        middle.addLayout(actions, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(middle)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.save_button.clicked.connect(self._save_customer)
        self.adjust_button.clicked.connect(self._adjust)
        self.status_button.clicked.connect(self._change_status)
        self.history_model.page_failed.connect(self._refused)
        self.history_model.page_loaded.connect(self._history_loaded)
        self.retranslate()

    @property
    def card(self) -> CardView | None:
        return self._card

    # --- loading ------------------------------------------------------------------------------

    def show_card(self, card_id: str) -> None:
        """Read the card and its first history page (the screen is shown at once)."""
        self._card = None
        self.message.setVisible(False)
        self.title.setText(self.tr("Loading…"))
        self.balances.clear()
        self.state.clear()
        self._set_enabled(False)
        self.history_model.show_card(card_id)
        self._runner.read(
            lambda: self._manager.lookup.card(card_id),
            self._got_card,
            self._refused,
            key="manager_card",
            owner=self,
        )

    def clear(self) -> None:
        self._runner.forget("manager_card")
        self._card = None
        self.history_model.show_card(None)
        for field in (self.first_name, self.last_name, self.email, self.phone):
            field.clear()

    def _got_card(self, card: CardView, *, fields: bool = True) -> None:
        self._card = card
        self._set_enabled(True)
        if fields:
            self.first_name.setText(card.first_name)
            self.last_name.setText(card.last_name)
            self.email.setText(card.email or "")
            self.phone.setText(card.phone or "")
        self._show_card_texts()

    def _show_card_texts(self) -> None:
        card = self._card
        if card is None:
            return
        self.title.setText(f"{card.customer_name} · {card.card_number}")
        if card.is_active:
            self.state.setText(self.tr("Active"))
            self.state.setObjectName("ok")
        else:
            self.state.setText(self.tr("DEACTIVATED"))
            self.state.setObjectName("refusal")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        points_confirmed = card.points_balance - card.pending_points
        stamps_confirmed = card.stamp_count - card.pending_stamps
        lines = [
            self.tr("Points: %1 (confirmed %2, pending %3)")
            .replace("%1", texts.number(card.points_balance))
            .replace("%2", texts.number(points_confirmed))
            .replace("%3", texts.number(card.pending_points)),
            self.tr("Stamps: %1 of %2 (confirmed %3, pending %4)")
            .replace("%1", texts.number(card.stamp_count))
            .replace("%2", texts.number(card.stamps_target))
            .replace("%3", texts.number(stamps_confirmed))
            .replace("%4", texts.number(card.pending_stamps)),
        ]
        if card.points_expire_on is not None:
            lines.append(
                self.tr("Points expire on %1").replace("%1", texts.date_text(card.points_expire_on))
            )
        if card.enrolled_at_vendor_name:
            lines.append(self.tr("Enrolled at %1").replace("%1", card.enrolled_at_vendor_name))
        self.balances.setText("\n".join(lines))
        self.status_button.setText(
            self.tr("Deactivate the card…") if card.is_active else self.tr("Reactivate the card…")
        )

    def _history_loaded(self, rows: int) -> None:
        if rows <= self.history_model.page_size:  # the first page: columns fit it
            self.history.resizeColumnsToContents()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.save_button, self.adjust_button, self.status_button):
            widget.setEnabled(enabled)

    # --- operations ---------------------------------------------------------------------------

    def _save_customer(self) -> None:
        card, actor = self._card, self._actor()
        if card is None or actor is None:
            return
        details = {
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "email": self.email.text() or None,
            "phone": self.phone.text() or None,
        }
        customers = self._manager.customers
        self.save_button.setEnabled(False)
        self._runner.write(
            lambda: customers.update_customer(actor, card.card_id, **details),
            lambda result: self._done(result, fields=True),
            self._refused,
            key="manager_customer",
            owner=self,
        )

    def _adjust(self) -> None:
        card = self._card
        if card is None or self._dialog is not None:
            return
        dialog = AdjustPointsDialog(card.points_balance, self)
        adjustments = self._manager.adjustments

        def run(values: Adjustment) -> Any:
            actor = self._actor()
            if actor is None:
                dialog.reject()
                return None
            return adjustments.adjust(actor, card.card_id, values.points, values.reason)

        self._open(dialog, run, key="manager_adjust")

    def _change_status(self) -> None:
        card = self._card
        if card is None or self._dialog is not None:
            return
        dialog = CardStatusDialog(card.is_active, self)
        status = self._manager.cards

        def run(reason: str) -> Any:
            actor = self._actor()
            if actor is None:
                return None
            change = status.deactivate if card.is_active else status.reactivate
            return change(actor, card.card_id, reason or None)

        self._open(dialog, run, key="manager_status")

    def _open(self, dialog: OperationDialog, run: Callable[[Any], Any], *, key: str) -> None:
        self._dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))

        def submitted(values: Any) -> None:
            def done(result: OperationResult | None) -> None:
                dialog.accept()
                if result is not None:
                    self._done(result, fields=False)

            def failed(err: BaseException) -> None:
                dialog.show_refusal(texts.error_text(err))

            if self._runner.write(lambda: run(values), done, failed, key=key, owner=dialog) is None:
                dialog.set_busy(False)

        dialog.submitted.connect(submitted)
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    def close_dialog(self) -> None:
        """The views lock: an open dialog goes (even a busy one: its outcome is dropped)."""
        if self._dialog is not None:
            self._dialog.done(QDialog.DialogCode.Rejected)
            self._dialog = None

    def _done(self, result: OperationResult, *, fields: bool) -> None:
        self.message.setObjectName("confirmation")
        self._show_message(texts.result_text(result))
        self._got_card(result.card, fields=fields)
        self.history_model.show_card(result.card.card_id)
        self.card_changed.emit(result.card.card_id)

    def _refused(self, err: BaseException) -> None:
        self._set_enabled(self._card is not None)
        self.message.setObjectName("refusal")
        self._show_message(texts.error_text(err))

    def _show_message(self, text: str) -> None:
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setVisible(True)

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← Cards (Esc)"))
        self.back_button.setAccessibleName(self.tr("Back to the cards"))
        self.customer_box.setTitle(self.tr("Customer"))
        for label, text in zip(
            self.labels,
            (
                self.tr("&First name:"),
                self.tr("&Last name:"),
                self.tr("&Email:"),
                self.tr("P&hone:"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.save_button.setText(self.tr("Save the customer's details"))
        self.adjust_button.setText(self.tr("Adjust points…"))
        self.history_label.setText(self.tr("History (newest first)"))
        self.history.setAccessibleName(self.tr("Transaction history"))
        if self._card is not None:
            self._show_card_texts()
        else:
            self.status_button.setText(self.tr("Deactivate the card…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
