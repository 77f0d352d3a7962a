"""The manager's Sync page: how the sync with the central server stands (queue, last
success, last problem, a pull under way) and the conflicts list with what each one means,
marking one handled, and opening its card.

The sync state comes from the SyncRelay's signal (nothing is read for it); the conflicts
are read, marked seen and marked handled through the TaskRunner, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sync.status import SyncStatus
from terminal.domain.clock import to_store_time
from terminal.services.views import Actor, ConflictView
from terminal.ui import texts
from terminal.ui.manager import conflicts_model as cm
from terminal.ui.manager.conflict_details import ConflictDetails
from terminal.ui.manager.handled_dialog import HandledDialog
from terminal.ui.manager.ports import Manager
from terminal.ui.sync_relay import SyncRelay
from terminal.ui.tasks import TaskRunner
from terminal.ui.widgets.sync_badge import SyncBadge

LIST_LIMIT = 500
TOUCH_TARGET_PX = 48
READ_KEY = "manager_conflicts"
HANDLED_KEY = "conflict_handled"
SEEN_KEY = "conflicts_seen"


class SyncPage(QWidget):
    """Signals (GUI thread):
    - `card_requested(str)`: the card uuid of the selected conflict (Open card, or a
      double-click on its row), for the screen to open that card.
    - `conflicts_shown(int)`: the conflicts list was read and is shown: how many rows.
    - `conflict_handled(object)`: a conflict was marked handled: the ConflictView after it.
    """

    card_requested = Signal(str)
    conflicts_shown = Signal(int)
    conflict_handled = Signal(object)

    def __init__(
        self,
        manager: Manager,
        runner: TaskRunner,
        sync: SyncRelay | None,
        actor: Callable[[], Actor | None],
        parent: QWidget | None = None,
        *,
        store_tz: str | None = None,
    ) -> None:
        """`actor()`: the signed-in manager, None once the views locked. `store_tz`: the
        store's time zone for the sync times (None: this computer's, as the status bar)."""
        super().__init__(parent)
        self.setObjectName("syncPage")
        self._manager = manager
        self._runner = runner
        self._sync = sync
        self._actor = actor
        self._store_tz = store_tz
        self._status: SyncStatus | None = None
        self._problem: BaseException | None = None
        self.handled_dialog: HandledDialog | None = None
        self.model = cm.ConflictsModel(self)
        self._build()
        if sync is not None:
            sync.status_changed.connect(self.show_status)
            self._status = sync.latest
        self.retranslate()

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the conflicts list in the background (the screen calls this when the page
        is shown); the unseen ones are then marked seen."""
        conflicts = self._manager.conflicts
        unhandled = self.unhandled_only.isChecked()
        self.list_status.setText(self.tr("Reading the conflicts…"))
        self._runner.read(
            lambda: conflicts.list_conflicts(LIST_LIMIT, unhandled_only=unhandled),
            self._show_conflicts,
            self._list_failed,
            key=READ_KEY,
            owner=self,
        )

    def show_status(self, status: SyncStatus) -> None:
        """A sync status (the relay's signal): the top of the page shows it."""
        more = self._status is not None and status.conflicts > self._status.conflicts
        self._status = status
        self._show_status()
        if more and self.isVisible():
            self.refresh()  # new conflicts arrived while the manager looks at the list

    def selected_conflict(self) -> ConflictView | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.conflict(index.row()) if index.isValid() else None

    def mark_selected_handled(self) -> None:
        """Open the dialog that marks the selected (unhandled) conflict as handled."""
        conflict = self.selected_conflict()
        if conflict is None or conflict.handled_at is not None or self.handled_dialog is not None:
            return
        dialog = HandledDialog(conflict, self)
        dialog.submitted.connect(lambda note: self._mark_handled(dialog, conflict, note))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.handled_dialog = dialog
        dialog.open()

    def open_selected_card(self) -> None:
        conflict = self.selected_conflict()
        if conflict is not None and conflict.card_id is not None:
            self.card_requested.emit(conflict.card_id)

    def clear(self) -> None:
        """Forget what is shown (the manager views locked): the next refresh reads again."""
        self._runner.forget(READ_KEY)
        self.list_status.setText("")
        self._problem = None
        if self.handled_dialog is not None:
            self.handled_dialog.set_busy(False)
            self.handled_dialog.reject()
        self.model.set_conflicts([])
        self._show_message("", ok=True)
        self._selection_changed()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.state = SyncBadge(self)
        self.state.clicked.connect(self.refresh)
        self.local_only = QLabel(self)
        self.local_only.setObjectName("balanceTitle")
        self.local_only.setWordWrap(True)
        self.status_names = {key: QLabel(self) for key in ("pending", "success", "problem")}
        self.status_values = {key: QLabel(self) for key in ("pending", "success", "problem")}
        status_grid = QGridLayout()
        status_grid.setHorizontalSpacing(12)
        for row, key in enumerate(self.status_names):
            status_grid.addWidget(self.status_names[key], row, 0)
            status_grid.addWidget(self.status_values[key], row, 1)
            self.status_values[key].setWordWrap(True)
            self.status_values[key].setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
            )
        status_grid.setColumnStretch(1, 1)
        self.pull = QProgressBar(self)
        self.pull.setVisible(False)
        self.error_detail = QLabel(self)
        self.error_detail.setObjectName("hint")
        self.error_detail.setWordWrap(True)
        self.error_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.unhandled_only = QCheckBox(self)
        self.unhandled_only.setMinimumHeight(TOUCH_TARGET_PX)
        self.unhandled_only.toggled.connect(lambda _on: self.refresh())
        self.list_status = QLabel(self)
        self.list_status.setObjectName("hint")
        self.table = QTableView(self)
        self.table.setObjectName("conflictsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (cm.WHAT, cm.HANDLED):  # the long texts share what is left (tooltips)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.model.dataChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._double_clicked)

        self.details = ConflictDetails(self)
        self.handled_button = QPushButton(self)
        self.handled_button.setObjectName("primary")
        self.open_button = QPushButton(self)
        for button in (self.handled_button, self.open_button):
            button.setMinimumHeight(TOUCH_TARGET_PX)
        self.handled_button.clicked.connect(self.mark_selected_handled)
        self.open_button.clicked.connect(self.open_selected_card)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        top = QVBoxLayout()
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.state)
        badge_row.addWidget(self.local_only, 1)
        badge_row.addStretch(1)
        top.addLayout(badge_row)
        top.addLayout(status_grid)
        top.addWidget(self.pull)
        top.addWidget(self.error_detail)
        list_row = QHBoxLayout()
        list_row.addWidget(self.unhandled_only)
        list_row.addWidget(self.list_status, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.handled_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        below = QHBoxLayout()
        below.addWidget(self.details, 1)
        below.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(list_row)
        layout.addWidget(self.table, 3)
        layout.addLayout(below, 2)
        layout.addWidget(self.message)

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.local_only.setText(self.tr("Local only: not connected to a server"))
        self.status_names["pending"].setText(self.tr("Waiting to be sent:"))
        self.status_names["success"].setText(self.tr("Last sync:"))
        self.status_names["problem"].setText(self.tr("Last problem:"))
        self.pull.setAccessibleName(self.tr("Receiving the company's data"))
        self.unhandled_only.setText(self.tr("Show unhandled only"))
        self.unhandled_only.setAccessibleName(self.tr("Show unhandled conflicts only"))
        self.table.setAccessibleName(self.tr("Sync conflicts"))
        self.handled_button.setText(self.tr("Mark as handled…"))
        self.handled_button.setAccessibleName(self.tr("Mark the selected conflict as handled"))
        self.open_button.setText(self.tr("Open card"))
        self.open_button.setAccessibleName(self.tr("Open the card of the selected conflict"))
        self.message.setAccessibleName(self.tr("Message"))
        self.model.retranslate()
        self._show_status()
        self._selection_changed()
        if self._problem is not None:
            self._show_message(texts.error_text(self._problem), ok=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the sync state ---------------------------------------------------------------------

    def _show_status(self) -> None:
        connected = self._sync is not None
        self.local_only.setVisible(not connected)
        self.state.setVisible(connected)
        for key in self.status_names:
            self.status_names[key].setVisible(connected)
            self.status_values[key].setVisible(connected)
        status = self._status
        if not connected or status is None:
            self.pull.setVisible(False)
            self.error_detail.setVisible(False)
            for label in self.status_values.values():
                label.setText("—")
            return
        self.state.show_status(status)
        self.status_values["pending"].setText(texts.number(status.pending))
        self.status_values["success"].setText(
            self._when(status.last_success_at) if status.last_success_at else self.tr("never")
        )
        self.status_values["problem"].setText(self._problem_text(status))
        pulling = status.pulling
        self.pull.setVisible(pulling is not None)
        if pulling is not None:
            total = pulling.total or 0
            self.pull.setRange(0, max(total, 0))
            if total:
                self.pull.setValue(min(pulling.rows, total))
        detail = status.error_detail if status.state not in ("online", "starting") else None
        self.error_detail.setText(self.tr("Details: %1").replace("%1", detail or ""))
        self.error_detail.setVisible(bool(detail))

    def _problem_text(self, status: SyncStatus) -> str:
        if status.last_error_at is None:
            return self.tr("none")
        text = self._when(status.last_error_at)
        if status.state == "online":
            text = self.tr("%1 (solved since)").replace("%1", text)
        elif status.retry_in_s is not None and status.state != "auth_expired":
            seconds = texts.number(max(round(status.retry_in_s), 1))
            text = self.tr("%1, next try in %2 s").replace("%1", text).replace("%2", seconds)
        return text

    def _when(self, moment: datetime) -> str:
        shown = to_store_time(moment, self._store_tz) if self._store_tz else moment.astimezone()
        return texts.date_time_text(shown)

    # --- the conflicts list -----------------------------------------------------------------

    def _show_conflicts(self, conflicts: list[ConflictView]) -> None:
        selected = self.selected_conflict()
        self.list_status.setText("")
        self._problem = None
        self.model.set_conflicts(conflicts)
        row = self.model.row_of(selected.conflict_id) if selected is not None else None
        if row is None and conflicts:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_message("", ok=True)
        self.conflicts_shown.emit(len(conflicts))
        if any(not conflict.seen for conflict in conflicts):
            self._runner.write(self._manager.conflicts.mark_seen, lambda _n: None, key=SEEN_KEY)

    def _list_failed(self, err: BaseException) -> None:
        self.list_status.setText("")
        self._problem = err
        self._show_message(texts.error_text(err), ok=False)

    def _selection_changed(self, *_args: object) -> None:
        conflict = self.selected_conflict()
        self.handled_button.setEnabled(conflict is not None and conflict.handled_at is None)
        self.open_button.setEnabled(conflict is not None and conflict.card_id is not None)
        self.details.show_conflict(conflict, list_empty=self.model.rowCount() == 0)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected_card()

    # --- marking one handled ----------------------------------------------------------------

    def _mark_handled(
        self, dialog: HandledDialog, conflict: ConflictView, note: str | None
    ) -> None:
        actor = self._actor()
        if actor is None:
            text = self.tr("The manager views are locked: sign in again to do this.")
            dialog.show_refusal(text)
            self._show_message(text, ok=False)
            return
        conflicts = self._manager.conflicts

        def done(handled: ConflictView) -> None:
            self.model.replace(handled)
            dialog.set_busy(False)
            dialog.accept()
            self._show_message(self.tr("Marked as handled."), ok=True)
            self.conflict_handled.emit(handled)

        def failed(err: BaseException) -> None:
            text = texts.error_text(err)
            dialog.show_refusal(text)
            self._show_message(text, ok=False)

        number = self._runner.write(
            lambda: conflicts.mark_handled(actor, conflict.conflict_id, note),
            done,
            failed,
            key=HANDLED_KEY,
            owner=self,
        )
        if number is None:
            dialog.set_busy(False)  # one is already on its way (or the runner stopped)

    def _dialog_closed(self, dialog: HandledDialog) -> None:
        if self.handled_dialog is dialog:
            self.handled_dialog = None
        dialog.deleteLater()

    def _show_message(self, text: str, *, ok: bool) -> None:
        self.message.setObjectName("confirmation" if ok else "refusal")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.setVisible(bool(text))
