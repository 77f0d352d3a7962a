"""Void a mistake or take back the points of a return: pick the original entry, then how much
of it (part of a purchase, some of the stamps) and an optional note."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, QSize, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from terminal.domain.ledger import TransactionType
from terminal.services.views import VoidableEntry
from terminal.ui.dialogs.base import OperationDialog
from terminal.ui.texts import money, stamps, void_entry_label

ROW_HEIGHT = 56  # a touch target: at least 48 px
ROWS_SHOWN = 4  # without scrolling
LIST_WIDTH = 520  # wide enough for a label (when, what, what is left) on one line
FIELD_HEIGHT = 48
NOTE_MAX_LENGTH = 200
# What a cashier may type on the way to an amount; the service's parse_amount decides.
_TYPING = QRegularExpression(r"[0-9 .,+-]{0,16}")


@dataclass(frozen=True)
class VoidRequest:
    entry_id: str
    returned_amount: str | None  # as typed (12.50 or 12,50); None: all that is left
    stamps: int | None  # stamps to take back; None for a points entry
    note: str | None


class VoidDialog(OperationDialog):
    """`submitted` carries a VoidRequest.

    `entries` are the card's entries that can still be voided, newest first (Voids.voidable).
    The newest is selected at first: the mistake just made is the usual one to void.
    """

    _NOTHING, _POINTS, _STAMPS = range(3)  # pages of the details

    def __init__(self, entries: list[VoidableEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self._entries = list(entries)
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.list_label = QLabel(self)
        self.entries = QListWidget(self)
        self.entries.setObjectName("voidableList")
        self.entries.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.entries.setMinimumWidth(LIST_WIDTH)
        self.list_label.setBuddy(self.entries)
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.details = QStackedWidget(self)
        self.details.addWidget(QWidget(self.details))
        self.details.addWidget(self._points_page())
        self.details.addWidget(self._stamps_page())
        self.note_label = QLabel(self)
        self.note = QLineEdit(self)
        self.note.setObjectName("voidNote")
        self.note.setMaxLength(NOTE_MAX_LENGTH)
        self.note.setMinimumHeight(FIELD_HEIGHT)
        self.note_label.setBuddy(self.note)
        for widget in (
            self.title,
            self.list_label,
            self.entries,
            self.empty,
            self.details,
            self.note_label,
            self.note,
        ):
            self.body.addWidget(widget)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(FIELD_HEIGHT)
        for entry in self._entries:
            item = QListWidgetItem(self.entries)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setSizeHint(QSize(0, ROW_HEIGHT))
        frame = 2 * self.entries.frameWidth()
        self.entries.setMinimumHeight(ROW_HEIGHT * min(len(self._entries), ROWS_SHOWN) + frame)
        has_entries = bool(self._entries)
        for widget in (self.list_label, self.entries, self.details, self.note_label, self.note):
            widget.setVisible(has_entries)
        self.empty.setVisible(not has_entries)
        self.entries.itemSelectionChanged.connect(self._entry_changed)
        self.amount.textChanged.connect(self.clear_refusal)
        self.stamps.valueChanged.connect(self.clear_refusal)
        self.retranslate()
        if has_entries:
            self.entries.setCurrentRow(0)
        self._entry_changed()
        self.entries.setFocus()

    def _points_page(self) -> QWidget:
        page = QWidget(self.details)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.amount_label = QLabel(page)
        self.amount = QLineEdit(page)
        self.amount.setObjectName("returnedAmount")
        self.amount.setValidator(QRegularExpressionValidator(_TYPING, self))
        self.amount.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMinimumHeight(FIELD_HEIGHT)
        self.amount_label.setBuddy(self.amount)
        self.amount_hint = QLabel(page)
        self.amount_hint.setObjectName("hint")
        for widget in (self.amount_label, self.amount, self.amount_hint):
            layout.addWidget(widget)
        return page

    def _stamps_page(self) -> QWidget:
        page = QWidget(self.details)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stamps_label = QLabel(page)
        self.stamps = QSpinBox(page)
        self.stamps.setObjectName("voidStamps")
        self.stamps.setMinimumHeight(FIELD_HEIGHT)
        self.stamps.setRange(1, 1)
        self.stamps_label.setBuddy(self.stamps)
        layout.addWidget(self.stamps_label)
        layout.addWidget(self.stamps)
        layout.addStretch(1)
        return page

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Void / return"))
        self.title.setText(self.tr("Void / return"))
        self.list_label.setText(self.tr("&Transaction to take back (newest first):"))
        self.entries.setAccessibleName(self.tr("Transaction to take back"))
        self.entries.setAccessibleDescription(
            self.tr("The card's recent purchases and stamps that can still be voided, newest first")
        )
        self.empty.setText(self.tr("Nothing on this card can be voided."))
        self.amount_label.setText(self.tr("Returned &amount (empty: all that is left):"))
        self.amount.setPlaceholderText(self.tr("All that is left"))
        self.amount.setAccessibleName(self.tr("Returned amount"))
        self.amount.setAccessibleDescription(
            self.tr(
                "For a partial return, the amount returned, e.g. 12.50 or 12,50."
                " Leave empty to take back all that is left of the purchase."
            )
        )
        self.stamps_label.setText(self.tr("&Stamps to take back:"))
        self.stamps.setAccessibleName(self.tr("Stamps to take back"))
        self.stamps.setAccessibleDescription(
            self.tr("How many of this entry's stamps to void; Up and Down change it")
        )
        self.note_label.setText(self.tr("&Note (optional):"))
        self.note.setPlaceholderText(self.tr("e.g. item returned, stamp given by mistake"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setAccessibleDescription(self.tr("Optional: why this is voided"))
        self.ok_button.setText(self.tr("Void (Enter)"))
        self.ok_button.setAccessibleName(self.tr("Void"))
        self.ok_button.setAccessibleDescription(
            self.tr("Take back the selected transaction, or the part of it given")
        )
        for index in range(self.entries.count()):
            self._retranslate_row(self.entries.item(index))
        self._update_hint()

    def _retranslate_row(self, item: QListWidgetItem) -> None:
        entry: VoidableEntry = item.data(Qt.ItemDataRole.UserRole)
        label = void_entry_label(entry)  # when (store time), what, and what is left of it
        item.setText(label)
        item.setToolTip(label)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, self._left_text(entry))

    def _left_text(self, entry: VoidableEntry) -> str:
        if _is_points(entry):
            left = entry.returnable_amount or 0
            return self.tr("Up to %1 can be returned").replace("%1", money(left))
        return self.tr("%1 can be voided").replace("%1", stamps(entry.stamps_left))

    # --- the selected entry -----------------------------------------------------------------

    def selected_entry(self) -> VoidableEntry | None:
        item = self.entries.currentItem()
        if item is None or not item.isSelected():
            return None
        entry: VoidableEntry = item.data(Qt.ItemDataRole.UserRole)
        return entry

    def _entry_changed(self, *_args: object) -> None:
        self.clear_refusal()
        entry = self.selected_entry()
        if entry is None:
            self.details.setCurrentIndex(self._NOTHING)
        elif _is_points(entry):
            self.details.setCurrentIndex(self._POINTS)
            self.amount.clear()
        else:
            self.details.setCurrentIndex(self._STAMPS)
            self.stamps.setRange(1, max(1, entry.stamps_left))
            self.stamps.setValue(self.stamps.maximum())
        self._update_hint()
        self._update_ok()

    def _update_hint(self) -> None:
        entry = self.selected_entry()
        if entry is not None and _is_points(entry) and entry.returnable_amount is not None:
            self.amount_hint.setText(
                self.tr("Up to %1").replace("%1", money(entry.returnable_amount))
            )
        else:
            self.amount_hint.clear()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.busy and bool(self._entries))

    # --- OperationDialog --------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self._update_ok()

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.entries, self.amount, self.stamps, self.note):
            widget.setEnabled(enabled)

    def show_refusal(self, text: str) -> None:
        super().show_refusal(text)
        if self.details.currentIndex() == self._POINTS:
            self.amount.setFocus()
            self.amount.selectAll()

    def values(self) -> VoidRequest:
        entry = self.selected_entry()
        if entry is None:
            if not self._entries:
                raise ValueError(self.tr("Nothing on this card can be voided."))
            raise ValueError(self.tr("Pick the transaction to take back first."))
        note = self.note.text().strip() or None
        if _is_points(entry):
            amount = self.amount.text().strip() or None
            return VoidRequest(entry.entry_id, amount, None, note)
        return VoidRequest(entry.entry_id, None, self.stamps.value(), note)


def _is_points(entry: VoidableEntry) -> bool:
    return entry.type is TransactionType.POINTS_EARNED
