"""The Sync page's conflicts table (a small in-memory model: the list is read whole, at most
a few hundred rows), and what each kind of conflict means for the manager.

`data()` reads the rows in memory only; the page reads them off the GUI thread and hands
them in with `set_conflicts`. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from terminal.services.views import ConflictView
from terminal.ui import texts
from terminal.ui.dialogs.conflicts import entry_label, kind_label

Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()

WHEN, CARD, CUSTOMER, WHAT, HANDLED = range(5)
COLUMNS = (WHEN, CARD, CUSTOMER, WHAT, HANDLED)
CONFLICT_ROLE = Qt.ItemDataRole.UserRole  # the row's ConflictView


def kind_explanation(conflict: ConflictView) -> str:
    """What happened, in plain words, and what the manager can do about it."""
    match conflict.kind:
        case "overdraft":
            return QCoreApplication.translate(
                "conflicts_model",
                "The server applied this redemption although the card could no longer afford "
                "it (another store spent the points first). The reward was already handed "
                "over: no action is needed unless it happens often; you can adjust the points.",
            )
        case "rejected":
            advice = QCoreApplication.translate(
                "conflicts_model",
                "The entry was not applied: the balance shown is the server's. If the "
                "customer should have it, add it again or adjust the points.",
            )
            if conflict.reason:
                said = QCoreApplication.translate("conflicts_model", "The server said: %1")
                return said.replace("%1", conflict.reason) + "\n" + advice
            return advice
        case "merged":
            return QCoreApplication.translate(
                "conflicts_model",
                "This customer already had a card: the new card was merged into it. Both "
                "cards work; the balance is on the older card.",
            )
        case "conflict":
            return QCoreApplication.translate(
                "conflicts_model",
                "The same entry id or number was used twice: call support; nothing is lost.",
            )
        case "flagged":
            return QCoreApplication.translate(
                "conflicts_model",
                "Applied, and flagged for a manager to check (e.g. an offline redemption "
                "over the daily limit).",
            )
    return conflict.reason or ""


def handled_text(conflict: ConflictView) -> str:
    """Who handled it, when, and their note; or that nobody did yet."""
    if conflict.handled_at is None:
        return QCoreApplication.translate("conflicts_model", "Not handled yet")
    who = conflict.handled_by or QCoreApplication.translate("conflicts_model", "a manager")
    text = QCoreApplication.translate("conflicts_model", "%1, %2").replace("%1", who)
    text = text.replace("%2", texts.date_time_text(conflict.handled_at))
    if conflict.handled_note:
        text += " — " + conflict.handled_note
    return text


def card_text(conflict: ConflictView) -> str:
    return conflict.card_number or QCoreApplication.translate(
        "conflicts_model", "card no longer here"
    )


class ConflictsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ConflictView] = []

    # --- rows -------------------------------------------------------------------------------

    def set_conflicts(self, conflicts: list[ConflictView]) -> None:
        self.beginResetModel()
        self._rows = list(conflicts)
        self.endResetModel()

    def conflict(self, row: int) -> ConflictView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, conflict_id: int) -> int | None:
        for row, conflict in enumerate(self._rows):
            if conflict.conflict_id == conflict_id:
                return row
        return None

    def replace(self, conflict: ConflictView) -> int | None:
        """A conflict changed (marked handled): its row shows the new values. Returns it."""
        row = self.row_of(conflict.conflict_id)
        if row is not None:
            self._rows[row] = conflict
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return row

    def retranslate(self) -> None:
        """The language changed: every text is built again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        conflict = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(conflict, index.column())
        if role == CONFLICT_ROLE:
            return conflict
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        headers = {
            WHEN: QCoreApplication.translate("conflicts_model", "When"),
            CARD: QCoreApplication.translate("conflicts_model", "Card"),
            CUSTOMER: QCoreApplication.translate("conflicts_model", "Customer"),
            WHAT: QCoreApplication.translate("conflicts_model", "What"),
            HANDLED: QCoreApplication.translate("conflicts_model", "Handled"),
        }
        return headers.get(section)

    def _cell(self, conflict: ConflictView, column: int) -> str | None:
        match column:
            case 0:
                return texts.date_time_text(conflict.transaction_at)
            case 1:
                return card_text(conflict)
            case 2:
                return conflict.customer_name or ""
            case 3:
                return f"{kind_label(conflict.kind)} — {entry_label(conflict)}"
            case 4:
                return handled_text(conflict)
        return None
