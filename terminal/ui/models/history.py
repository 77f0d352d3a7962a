"""A card's transaction history: HistoryEntry pages of LookupService.history, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from terminal.domain.ledger import SyncState
from terminal.domain.ledger import TransactionType as T
from terminal.services.views import HistoryEntry
from terminal.ui import texts
from terminal.ui.manager.ports import CardReading
from terminal.ui.models.paged import PagedTableModel
from terminal.ui.tasks import TaskRunner

COLUMNS = ("when", "store", "staff", "what", "stamps", "points", "amount", "reward", "sync")
_NUMERIC = {"stamps", "points", "amount"}


def type_label(kind: T) -> str:

    return {
        T.CARD_CREATED: QCoreApplication.translate("history", "Card created"),
        T.CARD_DEACTIVATED: QCoreApplication.translate("history", "Deactivated"),
        T.CARD_REACTIVATED: QCoreApplication.translate("history", "Reactivated"),
        T.WELCOME_BONUS: QCoreApplication.translate("history", "Welcome bonus"),
        T.STAMP_EARNED: QCoreApplication.translate("history", "Stamp"),
        T.STAMP_REDEEMED: QCoreApplication.translate("history", "Stamp reward"),
        T.STAMP_VOIDED: QCoreApplication.translate("history", "Stamp voided"),
        T.POINTS_EARNED: QCoreApplication.translate("history", "Points earned"),
        T.POINTS_REDEEMED: QCoreApplication.translate("history", "Reward"),
        T.POINTS_VOIDED: QCoreApplication.translate("history", "Return"),
        T.POINTS_ADJUSTMENT: QCoreApplication.translate("history", "Adjustment"),
        T.POINTS_EXPIRED: QCoreApplication.translate("history", "Points expired"),
        T.CUSTOMER_UPDATED: QCoreApplication.translate("history", "Details changed"),
    }.get(kind, kind.value)


def sync_label(state: SyncState) -> str:

    return {
        SyncState.PENDING: QCoreApplication.translate("history", "Not sent yet"),
        SyncState.AUTHORIZING: QCoreApplication.translate("history", "Asking the server"),
        SyncState.ACCEPTED: QCoreApplication.translate("history", "Confirmed"),
        SyncState.REJECTED: QCoreApplication.translate("history", "Refused by the server"),
        SyncState.OVERDRAFT: QCoreApplication.translate("history", "Overdraft"),
    }.get(state, state.value)


def _headers() -> dict[str, str]:

    return {
        "when": QCoreApplication.translate("history", "Date"),
        "store": QCoreApplication.translate("history", "Store"),
        "staff": QCoreApplication.translate("history", "Staff"),
        "what": QCoreApplication.translate("history", "Type"),
        "stamps": QCoreApplication.translate("history", "Stamps"),
        "points": QCoreApplication.translate("history", "Points"),
        "amount": QCoreApplication.translate("history", "Purchase"),
        "reward": QCoreApplication.translate("history", "Reward / note"),
        "sync": QCoreApplication.translate("history", "Sync"),
    }


def _signed(value: int) -> str:
    return "" if value == 0 else ("+" if value > 0 else "−") + texts.number(abs(value))


class HistoryModel(PagedTableModel):
    def __init__(self, lookup: CardReading, runner: TaskRunner, *, page_size: int = 50):
        super().__init__(runner, key=f"history-{id(self)}", page_size=page_size)
        self._lookup = lookup
        self._card_id: str | None = None

    def show_card(self, card_id: str | None) -> None:
        self._card_id = card_id
        if card_id is None:
            self.load(None)
            return
        lookup = self._lookup

        def read(before: Any, limit: int) -> tuple[list[HistoryEntry], Any]:
            page = lookup.history(card_id, before=before, limit=limit)
            return page.entries, page.next_before

        self.load(read)

    def column_count(self) -> int:
        return len(COLUMNS)

    def header(self, column: int) -> str:
        return _headers()[COLUMNS[column]]

    def cell(self, row: HistoryEntry, column: int, role: int) -> Any:
        code = COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, code)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and code == "sync" and row.sync_reason:
            return row.sync_reason  # the server's own words
        if role == Qt.ItemDataRole.TextAlignmentRole and code in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _text(row: HistoryEntry, code: str) -> str:
    if code == "when":
        return texts.date_time_text(row.transaction_at)
    if code == "store":
        return row.vendor_name
    if code == "staff":
        return row.staff_name or ""
    if code == "what":
        return type_label(row.type)
    if code == "stamps":
        return _signed(row.stamps_delta)
    if code == "points":
        return _signed(row.points_delta)
    if code == "amount":
        return texts.money(row.purchase_amount) if row.purchase_amount is not None else ""
    if code == "reward":
        return row.reward_description or row.notes or ""
    if code == "sync":
        label = sync_label(row.sync_state)
        return f"{label}: {row.sync_reason}" if row.sync_reason else label
    return ""
