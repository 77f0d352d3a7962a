"""The cards table's model: CardRow pages of terminal.services.card_browser."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor

from terminal.services.views import CardQuery, CardRow, CardSort
from terminal.ui import texts
from terminal.ui.manager.ports import CardBrowsing
from terminal.ui.models.paged import PagedTableModel
from terminal.ui.tasks import TaskRunner

# (column code, the sort it stands for; None: not sortable)
COLUMNS: tuple[tuple[str, CardSort | None], ...] = (
    ("name", CardSort.NAME),
    ("number", CardSort.NUMBER),
    ("email", None),
    ("phone", None),
    ("stamps", CardSort.STAMPS),
    ("points", CardSort.POINTS),
    ("active", None),
    ("enrolled_at", None),
    ("last_activity", CardSort.LAST_ACTIVITY),
)
_NUMERIC = {"stamps", "points"}
INACTIVE_COLOR = QColor("#b3261e")


def column_of(sort: CardSort) -> int:
    """The column showing `sort` (NEWEST has none: -1)."""
    return next((i for i, (_, s) in enumerate(COLUMNS) if s is sort), -1)


def _headers() -> dict[str, str]:

    return {
        "name": QCoreApplication.translate("cards", "Name"),
        "number": QCoreApplication.translate("cards", "Card number"),
        "email": QCoreApplication.translate("cards", "Email"),
        "phone": QCoreApplication.translate("cards", "Phone"),
        "stamps": QCoreApplication.translate("cards", "Stamps"),
        "points": QCoreApplication.translate("cards", "Points"),
        "active": QCoreApplication.translate("cards", "Active"),
        "enrolled_at": QCoreApplication.translate("cards", "Enrolled at"),
        "last_activity": QCoreApplication.translate("cards", "Last activity"),
    }


class CardsModel(PagedTableModel):
    """Signals (GUI thread), besides PagedTableModel's:
    - `count_changed(int)`: how many cards the query matches (read apart: it visits them
      all); -1 while it is being counted.
    """

    count_changed = Signal(int)

    def __init__(self, browser: CardBrowsing, runner: TaskRunner, *, page_size: int = 100):
        super().__init__(runner, key=f"cards-page-{id(self)}", page_size=page_size)
        self._browser = browser
        self._query = CardQuery()
        self._count_key = f"cards-count-{id(self)}"
        self._count: int | None = None

    @property
    def query(self) -> CardQuery:
        return self._query

    @property
    def count(self) -> int | None:
        return self._count

    def set_query(self, query: CardQuery) -> None:
        """Show the cards `query` lists, from its first page."""
        self._query = query
        browser = self._browser

        def read(after: Any, limit: int) -> tuple[list[CardRow], Any]:
            page = browser.page(query, after=after, limit=limit)
            return page.rows, page.next_after

        self.load(read)
        self._count = None
        self.count_changed.emit(-1)
        self._runner.read(
            lambda: browser.count(query),
            self._counted,
            lambda _err: None,  # the page read says what went wrong
            key=self._count_key,
            owner=self,
        )

    def refresh(self) -> None:
        self.set_query(self._query)

    def _counted(self, count: int) -> None:
        self._count = count
        self.count_changed.emit(count)

    # --- columns ------------------------------------------------------------------------------

    def column_count(self) -> int:
        return len(COLUMNS)

    def header(self, column: int) -> str:
        return _headers()[COLUMNS[column][0]]

    def cell(self, row: CardRow, column: int, role: int) -> Any:
        code = COLUMNS[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, code)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and code in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_active:
            return INACTIVE_COLOR
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{_headers()[code]}: {_text(row, code)}"
        return None

    # --- sorting: on the server side of the model, through the query -------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        sort = COLUMNS[column][1]
        if sort is None:
            return  # the page puts the header's indicator back
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) != (self._query.sort, self._query.descending):
            self.set_query(replace(self._query, sort=sort, descending=descending))


def _text(row: CardRow, code: str) -> str:

    if code == "name":
        return row.customer_name
    if code == "number":
        return row.card_number
    if code == "email":
        return row.email or ""
    if code == "phone":
        return row.phone or ""
    if code == "stamps":
        return texts.number(row.stamp_count)
    if code == "points":
        return texts.number(row.points_balance)
    if code == "active":
        return (
            QCoreApplication.translate("cards", "Yes")
            if row.is_active
            else QCoreApplication.translate("cards", "Deactivated")
        )
    if code == "enrolled_at":
        return row.enrolled_at_vendor_name or ""
    if code == "last_activity":
        return texts.date_time_text(row.last_activity_at) if row.last_activity_at else ""
    return ""
