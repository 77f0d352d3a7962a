"""The counter window: the idle and card screens, the status bar, keys and scans.

It holds no loyalty logic: operations are CounterFlows, sentences are texts.py, and every
service call goes through the TaskRunner. Scans come from the camera worker (`show_scan`)
and from a USB scanner typing into whatever has focus (WedgeScanner), and both end here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from sync.status import SyncStatus
from terminal.scanner.reconnect import SourceState, SourceStatus
from terminal.services.views import CardView, OperationResult, StaffMember, TerminalInfo
from terminal.ui import texts
from terminal.ui.conflicts_flow import open_conflicts
from terminal.ui.flows import CounterFlows
from terminal.ui.manager.door import ManagerDoor
from terminal.ui.manager.screen import ManagerScreen
from terminal.ui.ports import Counter
from terminal.ui.screens.card import OPERATIONS, CardScreen
from terminal.ui.screens.idle import IdleScreen
from terminal.ui.sync_relay import SyncRelay
from terminal.ui.tasks import TaskRunner
from terminal.ui.wedge import WedgeScanner
from terminal.ui.widgets.sync_badge import SyncBadge

CARD_KEY = "card"
BROWSE_FACTOR = 6  # a card shown without an operation stays this many times longer


class Feedback(Protocol):
    """The short sounds of the counter (terminal.ui.chime.Chime fits)."""

    def confirm(self) -> None: ...

    def refuse(self) -> None: ...


class CounterWindow(QMainWindow):
    """Signals (GUI thread):
    - `card_shown(object)`: a CardView is on the card screen (new card or after an operation).
    - `returned_to_idle()`: the idle screen is back (Esc, Back, or the automatic return).
    - `settings_requested()`: the cashier asked for the settings (Ctrl+,).
    - `closed()`: the window was closed (the app ends with it).
    """

    closed = Signal()
    card_shown = Signal(object)
    returned_to_idle = Signal()
    settings_requested = Signal()

    def __init__(
        self,
        counter: Counter,
        runner: TaskRunner,
        feedback: Feedback,
        *,
        return_to_idle_seconds: int = 5,
        side_panel: QWidget | None = None,
        sync_state: str | None = None,
        sync: SyncRelay | None = None,
        manager_lock_seconds: int = 120,
    ) -> None:
        super().__init__()
        self.setObjectName("counterWindow")
        self._counter = counter
        self._runner = runner
        self._feedback = feedback
        self._return_s = return_to_idle_seconds
        self._sync_state = sync_state
        self._info: TerminalInfo | None = None
        self._staff: list[StaffMember] = []
        self._dialog: QDialog | None = None
        self._camera: SourceStatus | None = None
        self._camera_where = ""
        self._closing = False
        self._sync_seen = 0
        self._pulled_seen = 0
        self.flows = CounterFlows(counter, runner, self)

        self.idle = IdleScreen(self)
        self.card_screen = CardScreen(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.idle)
        self.stack.addWidget(self.card_screen)
        # The counter services are the manager's too (terminal.ui.manager.ports.Manager).
        self.manager_screen = ManagerScreen(
            counter,  # type: ignore[arg-type]
            runner,
            sync=sync,
            lock_after_s=manager_lock_seconds,
            parent=self,
        )
        self.stack.addWidget(self.manager_screen)
        self.manager_door = ManagerDoor(self, counter, runner, self.manager_screen)  # type: ignore[arg-type]
        self.manager_screen.locked.connect(self._manager_locked)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(12, 12, 12, 12)
        row.addWidget(self.stack, 1)
        if side_panel is not None:
            row.addWidget(side_panel)
        self.setCentralWidget(central)
        self._build_status_bar(sync)

        self._return_timer = QTimer(self)
        self._return_timer.setSingleShot(True)
        self._return_timer.timeout.connect(self.return_to_idle)
        self.wedge = WedgeScanner(self.isVisible, parent=self)
        self.wedge.scanned.connect(self.show_typed_scan)

        self.idle.search_requested.connect(self.search)
        self.idle.enroll_requested.connect(self.flows.enroll_customer)
        self.card_screen.operation_requested.connect(self.run_operation)
        self.card_screen.back_requested.connect(self.return_to_idle)
        runner.write_busy.connect(self._write_busy)
        self._shortcuts()
        self.retranslate()

    # --- start and stop ---------------------------------------------------------------------

    def start(self) -> None:
        """Load who and where this terminal is, and the staff list; listen to the scanner."""
        self.wedge.start()
        about, staff = self._counter.terminal, self._counter.staff
        self._runner.read(about.info, self._got_info, self._startup_refused, owner=self)
        self._runner.read(staff.list_staff, self._got_staff, self._startup_refused, owner=self)
        self.idle.reset()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.done(QDialog.DialogCode.Rejected)  # even one that is busy
        self._return_timer.stop()
        self.wedge.stop()
        super().closeEvent(event)
        self.closed.emit()

    # --- what the flows need (FlowHost) -----------------------------------------------------

    @property
    def info(self) -> TerminalInfo | None:
        return self._info

    @property
    def staff(self) -> list[StaffMember]:
        return self._staff

    @property
    def on_duty(self) -> StaffMember | None:
        member = self.on_duty_box.currentData()
        return member if isinstance(member, StaffMember) else None

    @property
    def dialog_parent(self) -> QWidget:
        return self

    @property
    def current_dialog(self) -> QDialog | None:
        dialog = self._dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            return None
        return dialog

    def refresh_staff(self) -> None:
        """Read the staff list again (a PIN was just locked: the list says until when)."""
        staff = self._counter.staff
        self._runner.read(staff.list_staff, self._got_staff, self._startup_refused, key="staff")

    def open_dialog(self, dialog: QDialog) -> None:
        self._return_timer.stop()
        self._dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.finished.connect(dialog.deleteLater)  # a closed dialog is not kept around
        dialog.open()

    def show_card(self, card: CardView) -> None:
        self.card_screen.clear_banner()
        self._put_card(card, BROWSE_FACTOR)

    def show_result(self, result: OperationResult) -> None:
        self.card_screen.show_confirmation(texts.result_text(result))
        self._feedback.confirm()
        self._put_card(result.card, 1)

    def show_refusal(self, text: str) -> None:
        self._feedback.refuse()
        if self.stack.currentWidget() is self.card_screen:
            self.card_screen.show_refusal(text)
            self._restart_return_timer(BROWSE_FACTOR)
        else:
            self.idle.show_message(text)

    # --- scans and searches -----------------------------------------------------------------

    def show_scan(self, payload: str) -> None:
        """A code from the camera: load its card (a newer scan wins over one still loading).
        The card already on screen, still held to the camera, changes nothing."""
        if self._manager_shown() or self._is_shown_card(payload) or self._dialog_blocks_scan():
            return
        lookup = self._counter.lookup
        self._load(lambda: lookup.by_scan(payload))

    def show_typed_scan(self, text: str) -> None:
        """A USB scanner's burst: a QR token or a card number, typed."""
        if self._manager_shown() or self._is_shown_card(text) or self._dialog_blocks_scan():
            return
        lookup = self._counter.lookup
        self._load(lambda: lookup.find(text))

    def search(self, text: str) -> None:
        lookup = self._counter.lookup
        self._load(lambda: lookup.find(text))

    def _load(self, find: Callable[[], CardView]) -> None:
        self._runner.read(find, self.show_card, self._lookup_refused, key=CARD_KEY, owner=self)

    def _lookup_refused(self, err: BaseException) -> None:
        self.show_refusal(texts.error_text(err))

    def _is_shown_card(self, payload: str) -> bool:
        card = self.card_screen.card
        if card is None or self.stack.currentWidget() is not self.card_screen:
            return False
        text = payload.strip()
        return text == card.qr_token or text.replace("-", "") == card.card_number.replace("-", "")

    def _dialog_blocks_scan(self) -> bool:
        """A scan while a dialog is open: the customer changed, so the dialog goes, unless
        an operation is running in it (then the scan is ignored)."""
        dialog = self.current_dialog
        if dialog is None:
            return False
        if getattr(dialog, "busy", False):
            return True
        dialog.reject()
        return False

    # --- operations and navigation ----------------------------------------------------------

    def run_operation(self, name: str) -> None:
        if name == "enroll":
            self.flows.enroll_customer()
            return
        card = self.card_screen.card
        button = self.card_screen.buttons.get(name)
        if card is None or self.stack.currentWidget() is not self.card_screen:
            return
        if button is None or not button.isEnabled() or self.current_dialog is not None:
            return
        self._return_timer.stop()
        self.card_screen.clear_banner()
        {
            "stamp": self.flows.add_stamp,
            "earn": self.flows.earn_points,
            "redeem_stamps": self.flows.redeem_stamp_reward,
            "redeem_points": self.flows.redeem_points_reward,
            "void": self.flows.void_entry,
            "card_status": self.flows.change_card_status,
        }[name](card)

    def return_to_idle(self) -> None:
        self._return_timer.stop()
        if self.current_dialog is not None:
            return
        self._runner.forget(CARD_KEY)
        self.card_screen.clear_banner()
        self.card_screen.panel.clear()
        self.stack.setCurrentWidget(self.idle)
        self.idle.reset()
        self.returned_to_idle.emit()

    def set_return_to_idle_seconds(self, seconds: int) -> None:
        self._return_s = seconds

    def _put_card(self, card: CardView, factor: int) -> None:
        self.card_screen.show_card(card)
        if self.stack.currentWidget() is not self.card_screen:
            self.stack.setCurrentWidget(self.card_screen)
            if self.current_dialog is None:
                self.card_screen.focus_default()
        self._restart_return_timer(factor)
        self.card_shown.emit(card)

    def _sync_moved(self, status: SyncStatus) -> None:
        """Entries settled or changes pulled: the card on screen is read again, so its
        pending part turns confirmed (or another store's operation shows) while it is up."""
        moved = status.revision
        if moved == self._sync_seen:
            return
        self._sync_seen = moved
        if status.pulled != self._pulled_seen:
            # The company's data changed (or arrived: the first pull after activation): who
            # and where this terminal is, the program and the staff list are read again.
            self._pulled_seen = status.pulled
            about, staff = self._counter.terminal, self._counter.staff
            self._runner.read(about.info, self._got_info, lambda _err: None, key="info")
            self._runner.read(staff.list_staff, self._got_staff, lambda _err: None, key="staff")
        card = self.card_screen.card
        if card is None or self.stack.currentWidget() is not self.card_screen:
            return

        def fresh(view: CardView) -> None:
            shown = self.card_screen.card
            if shown is not None and shown.card_id == view.card_id:
                self.card_screen.show_card(view)

        self._runner.read(
            lambda: self._counter.lookup.card(card.card_id),
            fresh,
            lambda _err: None,
            key="card_refresh",
            owner=self,
        )

    def _restart_return_timer(self, factor: int) -> None:
        if self.current_dialog is None and not self._closing:
            self._return_timer.start(self._return_s * factor * 1000)

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self._dialog is dialog:
            self._dialog = (
                dialog.parentWidget() if isinstance(dialog.parentWidget(), QDialog) else None
            )
        if self._dialog is not None:
            return  # back to the dialog that opened this one (a PIN asked by a dialog)
        self.activateWindow()  # the keys (F2...) belong to the counter again
        if self.stack.currentWidget() is self.card_screen:
            self._restart_return_timer(BROWSE_FACTOR)
            self.card_screen.focus_default()
        else:
            self.idle.search.setFocus()

    def _write_busy(self, key: str, busy: bool) -> None:
        if key == "operation":
            self.card_screen.set_busy(busy)

    def _shortcuts(self) -> None:
        for operation in OPERATIONS:
            shortcut = QShortcut(QKeySequence(operation.key), self)
            shortcut.activated.connect(lambda n=operation.name: self._shortcut(n))
        QShortcut(QKeySequence("Esc"), self).activated.connect(self._escape)
        QShortcut(QKeySequence("Ctrl+,"), self).activated.connect(self.settings_requested)
        QShortcut(QKeySequence("F10"), self).activated.connect(self.manager_door.open)

    def _shortcut(self, name: str) -> None:
        if self._manager_shown():
            return
        if name == "enroll" or self.stack.currentWidget() is self.card_screen:
            self.run_operation(name)

    def _escape(self) -> None:
        if self._manager_shown():
            self.manager_screen.escape()
        elif self.stack.currentWidget() is self.card_screen:
            self.return_to_idle()
        else:
            self.idle.reset()

    # --- status bar ---------------------------------------------------------------------------

    def _build_status_bar(self, sync: SyncRelay | None) -> None:
        bar = self.statusBar()
        self.where = QLabel(self)
        self.on_duty_label = QLabel(self)
        self.on_duty_box = QComboBox(self)
        self.on_duty_box.setMinimumHeight(48)
        self.on_duty_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.on_duty_label.setBuddy(self.on_duty_box)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncState")
        self.sync_badge: SyncBadge | None = None
        if sync is not None:
            self.sync_badge = SyncBadge(self)
            if sync.latest is not None:
                self.sync_badge.show_status(sync.latest)
            sync.status_changed.connect(self.sync_badge.show_status)
            sync.status_changed.connect(self._sync_moved)
            self.sync_badge.clicked.connect(
                lambda: open_conflicts(self, self._counter, self._runner)
            )
        self.camera_label = QLabel(self)
        self.settings_button = QPushButton(self)
        self.settings_button.clicked.connect(self.settings_requested)
        self.manager_button = QPushButton(self)
        self.manager_button.setObjectName("managerButton")
        self.manager_button.clicked.connect(self.manager_door.open)
        bar.addWidget(self.where)
        bar.addWidget(self.on_duty_label)
        bar.addWidget(self.on_duty_box)
        bar.addPermanentWidget(self.camera_label)
        bar.addPermanentWidget(self.sync_badge or self.sync_label)
        bar.addPermanentWidget(self.manager_button)
        bar.addPermanentWidget(self.settings_button)

    def _got_info(self, info: TerminalInfo) -> None:
        self._info = info
        self.card_screen.set_program(info.program)
        self._retranslate_status()

    def _got_staff(self, staff: list[StaffMember]) -> None:
        self._staff = staff
        previous = self.on_duty
        self.on_duty_box.clear()
        for member in staff:
            self.on_duty_box.addItem(member.name, member)
        if previous is not None:
            index = next((i for i, m in enumerate(staff) if m.staff_id == previous.staff_id), 0)
            self.on_duty_box.setCurrentIndex(index)

    def _startup_refused(self, err: BaseException) -> None:
        self.idle.show_message(texts.error_text(err))

    def show_manager_screen(self) -> None:
        """The manager signed in (terminal.ui.manager.door): their views replace the counter's."""
        self._return_timer.stop()
        self.stack.setCurrentWidget(self.manager_screen)

    def _manager_locked(self) -> None:
        if self.stack.currentWidget() is self.manager_screen:
            self.return_to_idle()

    def _manager_shown(self) -> bool:
        return self.stack.currentWidget() is self.manager_screen

    def show_problem(self, text: str) -> None:
        """A problem outside any operation (e.g. the conflicts list could not be read)."""
        self.idle.show_message(text)

    def show_frame(self, image: QImage) -> None:
        if self.stack.currentWidget() is self.idle:
            self.idle.show_frame(image)

    def show_camera_status(self, status: SourceStatus, where: str = "") -> None:
        self._camera = status
        self._camera_where = where
        self._retranslate_camera()

    def _retranslate_camera(self) -> None:
        status = self._camera
        if status is None:
            text, ok = self.tr("Starting the camera…"), False
        elif status.state is SourceState.OK:
            text, ok = self.tr("Camera ready: %1").replace("%1", self._camera_where), True
        elif status.state is SourceState.CONNECTING:
            text, ok = self.tr("Starting the camera…"), False
        elif status.state is SourceState.ENDED:
            text, ok = self.tr("The picture source has no more pictures."), False
        elif status.kind == "missing":
            text = self.tr("No camera found. Plug it in; the terminal reconnects by itself.")
            ok = False
        elif status.kind == "busy":
            text = self.tr(
                "The camera is in use by another program. Close it; reconnecting by itself."
            )
            ok = False
        elif status.kind == "unplugged":
            text = self.tr("The camera stopped sending pictures (unplugged?). Reconnecting…")
            ok = False
        else:
            text = self.tr("The camera cannot be used. Check it in the settings.")
            ok = False
        self.idle.show_camera_status(text, ok)
        self.camera_label.setText(self.tr("Camera: ready") if ok else self.tr("Camera: not ready"))
        self.camera_label.setAccessibleDescription(text)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Loyalty terminal"))
        self.on_duty_label.setText(self.tr("At the &counter:"))
        self.on_duty_box.setAccessibleName(self.tr("Staff on duty"))
        self.on_duty_box.setAccessibleDescription(
            self.tr("Who serves at the counter: operations are recorded under this name")
        )
        self.manager_button.setText(self.tr("Manager (F10)"))
        self.manager_button.setAccessibleName(self.tr("Manager views"))
        self.manager_button.setAccessibleDescription(
            self.tr("Cards, activity and sync, after a manager's PIN (F10)")
        )
        self.settings_button.setText(self.tr("Settings"))
        self.settings_button.setAccessibleName(self.tr("Settings"))
        self.settings_button.setAccessibleDescription(
            self.tr("Camera, language, sound and the return to the idle screen (Ctrl+,)")
        )
        self.sync_label.setText(
            self._sync_state or self.tr("Local only: not connected to a server")
        )
        self.sync_label.setVisible(self.sync_badge is None)
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        self.sync_label.setAccessibleDescription(self.sync_label.text())
        self.where.setAccessibleName(self.tr("Store and terminal"))
        self.camera_label.setAccessibleName(self.tr("Camera"))
        self._retranslate_status()
        self._retranslate_camera()

    def _retranslate_status(self) -> None:
        info = self._info
        if info is None:
            self.where.setText(self.tr("Starting…"))
        else:
            text = self.tr("%1 · %2").replace("%1", info.vendor_name)
            self.where.setText(text.replace("%2", info.terminal_name))
        self.where.setAccessibleDescription(self.where.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
