"""The manager's screen: cards, a card, activity, and sync, while a manager is signed in.

It locks (the manager's PIN is forgotten, dialogs close, what was shown is cleared) after
`lock_after_s` seconds without a key or a click anywhere in the application, when the
manager goes back to the counter, and whenever the screen is hidden for any other reason
(a card scanned meanwhile takes the window to the counter's card screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from terminal.services.views import Actor, StaffMember
from terminal.ui.dialogs.base import TOUCH_TARGET_PX
from terminal.ui.manager.activity_page import ActivityPage
from terminal.ui.manager.card_page import CardPage
from terminal.ui.manager.cards_page import CardsPage
from terminal.ui.manager.ports import Manager
from terminal.ui.manager.sync_page import SyncPage
from terminal.ui.sync_relay import SyncRelay
from terminal.ui.tasks import TaskRunner

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class ManagerScreen(QWidget):
    """Signals (GUI thread):
    - `locked()`: the views locked (idle time, Back to the counter, or hidden).
    """

    locked = Signal()

    def __init__(
        self,
        manager: Manager,
        runner: TaskRunner,
        *,
        sync: SyncRelay | None = None,
        lock_after_s: int = 120,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managerScreen")
        self._actor: Actor | None = None
        self._member: StaffMember | None = None
        self.who = QLabel(self)
        self.lock_button = QPushButton(self)
        self.lock_button.setObjectName("primary")
        self.lock_button.setMinimumHeight(TOUCH_TARGET_PX)
        self.cards = CardsPage(manager.browser, runner, self)
        self.card = CardPage(manager, runner, self.actor, self)
        self.activity = ActivityPage(manager, runner, parent=self)
        self.sync = SyncPage(manager, runner, sync, self.actor, self)
        self.cards_stack = QStackedWidget(self)
        self.cards_stack.addWidget(self.cards)
        self.cards_stack.addWidget(self.card)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("managerTabs")
        # tabs as big as the other touch targets; the corner (who, and the way out) fits
        self.tabs.setStyleSheet("QTabBar::tab { min-height: 52px; padding: 0 18px; }")
        self.tabs.addTab(self.cards_stack, "")
        self.tabs.addTab(self.activity, "")
        self.tabs.addTab(self.sync, "")
        # who is signed in and the way out, beside the tabs (the pages keep the height)
        corner = QWidget(self)
        top = QHBoxLayout(corner)
        top.setContentsMargins(0, 0, 0, 4)
        top.addWidget(self.who)
        top.addWidget(self.lock_button)
        self.tabs.setCornerWidget(corner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(lock_after_s * 1000)
        self._idle.timeout.connect(self.lock)
        self.lock_button.clicked.connect(self.lock)
        self.cards.card_requested.connect(self.open_card)
        self.cards.query_changed.connect(self.activity.set_card_query)
        self.card.back_requested.connect(self.show_cards)
        self.card.card_changed.connect(lambda _id: self.cards.model.refresh())
        self.sync.card_requested.connect(self.open_card)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.retranslate()

    # --- signing in and locking ------------------------------------------------------------

    def actor(self) -> Actor | None:
        """The signed-in manager (with the PIN typed at the door); None once locked."""
        return self._actor

    @property
    def unlocked(self) -> bool:
        return self._actor is not None

    def unlock(self, member: StaffMember, actor: Actor) -> None:
        self._actor, self._member = actor, member
        self.retranslate()
        self.tabs.setCurrentIndex(0)
        self.show_cards()
        self.cards.refresh()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()

    def lock(self) -> None:
        if self._actor is None:
            return
        self._actor, self._member = None, None
        self._idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.card.close_dialog()
        self.card.clear()
        self.cards.model.load(None)
        self.activity.clear()
        self.sync.clear()
        self.locked.emit()

    def set_lock_after(self, seconds: int) -> None:
        self._idle.setInterval(seconds * 1000)
        if self._idle.isActive():
            self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._actor is not None:
            self._idle.start()  # any key or click in the application keeps it open
        return False

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.lock()

    # --- navigation ----------------------------------------------------------------------------

    def open_card(self, card_id: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.cards_stack.setCurrentWidget(self.card)
        self.card.show_card(card_id)
        self.card.back_button.setFocus()

    def show_cards(self) -> None:
        self.cards_stack.setCurrentWidget(self.cards)
        self.cards.table.setFocus()

    def escape(self) -> None:
        """Esc (the window's shortcut): from a card back to the cards table."""
        if self.tabs.currentIndex() == 0 and self.cards_stack.currentWidget() is self.card:
            self.show_cards()

    def _tab_shown(self, index: int) -> None:
        if self._actor is None:
            return
        if self.tabs.widget(index) is self.activity:
            self.activity.refresh()
        elif self.tabs.widget(index) is self.sync:
            self.sync.refresh()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Cards"))
        self.tabs.setTabText(1, self.tr("Activity"))
        self.tabs.setTabText(2, self.tr("Sync and conflicts"))
        self.lock_button.setText(self.tr("Back to the counter (locks)"))
        self.lock_button.setAccessibleName(self.tr("Lock the manager views"))
        name = self._member.name if self._member is not None else ""
        self.who.setText(self.tr("Manager: %1").replace("%1", name))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
