"""The manager's cards table: search, filters, sorting, and a card opened with Enter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from terminal.services.views import CardQuery, CardStatusFilter
from terminal.ui import texts
from terminal.ui.manager.ports import CardBrowsing
from terminal.ui.models.cards import CardsModel, column_of
from terminal.ui.tasks import TaskRunner

SEARCH_DELAY_MS = 250  # typing pauses this long before the table is asked again
SEARCH_MAX_LENGTH = 254
FIT_ROWS = 20  # the columns fit the first rows shown


class CardsPage(QWidget):
    """Signals (GUI thread):
    - `card_requested(str)`: the card (uuid) the manager opened (Enter or double-click).
    - `query_changed(object)`: the CardQuery now shown (the exports use it).
    """

    card_requested = Signal(str)
    query_changed = Signal(object)

    def __init__(
        self, browser: CardBrowsing, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardsPage")
        self.model = CardsModel(browser, runner)
        self.model.setParent(self)
        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("managerSearch")
        self.search.setMaxLength(SEARCH_MAX_LENGTH)
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.status = QComboBox(self)
        self.status.setMinimumHeight(40)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.enrolled_here = QCheckBox(self)
        self.reward_available = QCheckBox(self)
        self.points_expiring = QCheckBox(self)
        self.overdrawn = QCheckBox(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")
        self.message = QLabel(self)
        self.message.setObjectName("refusal")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.table = QTableView(self)
        self.table.setObjectName("cardsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setResizeContentsPrecision(FIT_ROWS)
        self._fitted = False
        header.setSectionsClickable(True)

        filters = QHBoxLayout()
        filters.addWidget(self.status)
        for box in (self.enrolled_here, self.reward_available, self.points_expiring):
            filters.addWidget(box)
        filters.addWidget(self.overdrawn)
        filters.addStretch(1)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for box in (self.enrolled_here, self.reward_available, self.points_expiring):
            box.toggled.connect(lambda _on: self.apply_filters())
        self.overdrawn.toggled.connect(lambda _on: self.apply_filters())
        header.sortIndicatorChanged.connect(self._sort_clicked)
        # Enter on the current row, or a double-click (a single click where the platform
        # activates items that way)
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.model.count_changed.connect(self._show_count)
        self.model.page_failed.connect(self._show_problem)
        self.model.page_loaded.connect(self._page_loaded)
        self.retranslate()

    # --- the query --------------------------------------------------------------------------

    def query(self) -> CardQuery:
        status = self.status.currentData()  # (Qt hands a StrEnum back as its str value)
        return CardQuery(
            text=self.search.text(),
            status=CardStatusFilter(status)
            if status in set(CardStatusFilter)
            else CardStatusFilter.ALL,
            enrolled_here=self.enrolled_here.isChecked(),
            reward_available=self.reward_available.isChecked(),
            points_expiring=self.points_expiring.isChecked(),
            overdrawn=self.overdrawn.isChecked(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        """Read the table again for what the search box and the filters say now."""
        self._search_timer.stop()
        self.message.setVisible(False)
        query = self.query()
        self.model.set_query(query)
        self.query_changed.emit(query)

    def refresh(self) -> None:
        """The same query again (the page was shown again, or a card changed)."""
        self.apply_filters()

    def _search_now(self) -> None:
        self.apply_filters()
        self.table.setFocus()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        before = self.model.query
        self.model.sort(column, order)
        after = self.model.query
        if after is before:  # not a sortable column, or no change: the indicator goes back
            self._show_sort_indicator()
        else:
            self.query_changed.emit(after)

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        query = self.model.query
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header.blockSignals(True)
        header.setSortIndicator(column_of(query.sort), order)
        header.blockSignals(False)

    # --- opening a card ------------------------------------------------------------------------

    def _open(self, row: int) -> None:
        card = self.model.row_at(row)
        if card is not None:
            self.card_requested.emit(card.card_id)

    def _page_loaded(self, rows: int) -> None:
        if rows and not self._fitted:  # once, from the first rows: fitting every new page
            self._fitted = True  # asked data() for 900 cells each time (20+ ms on the GUI)
            self.table.resizeColumnsToContents()
        if rows and not self.table.currentIndex().isValid() and self.table.hasFocus():
            self.table.selectRow(0)

    # --- texts ---------------------------------------------------------------------------------

    def _show_count(self, count: int) -> None:
        if count < 0:
            self.count_label.setText(self.tr("Counting…"))
        else:
            # %n is written with the locale's digit groups by number() ("1,000,000 cards")
            text = texts.plural(self.tr("%n card(s)", "", count), count)
            self.count_label.setText(text.replace(str(count), texts.number(count), 1))

    def _show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Name, card number, email or phone"))
        self.search.setAccessibleName(self.tr("Search the cards"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        for label, value in (
            (self.tr("All cards"), CardStatusFilter.ALL),
            (self.tr("Active"), CardStatusFilter.ACTIVE),
            (self.tr("Deactivated"), CardStatusFilter.DEACTIVATED),
        ):
            self.status.addItem(label, value)
        index = self.status.findData(current) if current is not None else 0
        self.status.setCurrentIndex(max(index, 0))
        self.status.blockSignals(False)
        self.status.setAccessibleName(self.tr("Card status"))
        self.enrolled_here.setText(self.tr("Enrolled at this store"))
        self.reward_available.setText(self.tr("Reward available"))
        self.points_expiring.setText(self.tr("Points expire within 30 days"))
        self.overdrawn.setText(self.tr("Overdrawn"))
        self.table.setAccessibleName(self.tr("Cards"))
        self.table.setAccessibleDescription(
            self.tr("Enter or double-click opens the card; click a column title to sort")
        )
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        if self.model.count is not None:
            self._show_count(self.model.count)
        self._show_sort_indicator()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
