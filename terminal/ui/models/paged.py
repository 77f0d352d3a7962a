"""A table model over keyset pages read in the background (the cards table, a history).

`fetchMore` only asks the TaskRunner for the next page; `data()` reads rows already in
memory. A new query resets the model: the read of the old one in flight is superseded
(its key is read again, so the runner drops the late answer) and never lands in the new
rows. The view asks for more as the manager scrolls near the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from terminal.ui import texts
from terminal.ui.tasks import TaskRunner

Row = Any  # a plain value of terminal.services.views (CardRow, HistoryEntry...)
Index = QModelIndex | QPersistentModelIndex
# (after, limit) -> (rows, next_after): one page read by a service, on a worker thread.
PageReader = Callable[[Sequence[object] | None, int], tuple[list[Any], Sequence[object] | None]]

_NO_INDEX = QModelIndex()


class PagedTableModel(QAbstractTableModel):
    """Signals (GUI thread):
    - `loading_changed(bool)`: a page read started (True) or ended (False).
    - `page_failed(str)`: a page could not be read: the sentence to show.
    - `page_loaded(int)`: a page arrived; the rows now held.
    """

    loading_changed = Signal(bool)
    page_failed = Signal(str)
    page_loaded = Signal(int)

    def __init__(self, runner: TaskRunner, *, key: str, page_size: int = 100) -> None:
        super().__init__()
        self._runner = runner
        self._key = key
        self._page_size = page_size
        self._rows: list[Row] = []
        self._reader: PageReader | None = None
        self._after: Sequence[object] | None = None
        self._exhausted = True
        self._loading = False

    # --- what a subclass gives ----------------------------------------------------------------

    def column_count(self) -> int:
        raise NotImplementedError

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError

    def header(self, column: int) -> str:
        raise NotImplementedError

    # --- reading ------------------------------------------------------------------------------

    def load(self, reader: PageReader | None) -> None:
        """Start over with `reader` (None: empty); the first page is asked for at once."""
        self._runner.forget(self._key)  # a page of the previous query is dropped on arrival
        self.beginResetModel()
        self._rows = []
        self._reader = reader
        self._after = None
        self._exhausted = reader is None
        self._set_loading(False)
        self.endResetModel()
        if reader is not None:
            self._ask()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def canFetchMore(self, parent: Index = _NO_INDEX) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = _NO_INDEX) -> None:
        if self.canFetchMore(parent):
            self._ask()

    def _ask(self) -> None:
        reader, after, size = self._reader, self._after, self._page_size
        if reader is None:
            return
        self._set_loading(True)
        self._runner.read(
            lambda: reader(after, size), self._arrived, self._refused, key=self._key, owner=self
        )

    def _arrived(self, page: tuple[list[Row], Sequence[object] | None]) -> None:
        rows, after = page
        self._set_loading(False)
        if rows:
            first = len(self._rows)
            self.beginInsertRows(_NO_INDEX, first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._after = after
        self._exhausted = after is None
        self.page_loaded.emit(len(self._rows))

    def _refused(self, err: BaseException) -> None:
        self._set_loading(False)
        self._exhausted = True  # no retry loop: a new query (or refresh) asks again
        self.page_failed.emit(texts.error_text(err))

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # --- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else self.column_count()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < self.column_count():
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.column_count():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
