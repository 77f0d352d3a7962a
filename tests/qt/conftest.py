"""The counter window on a real SQLite file, real services and the real TaskRunner.

Only the edges are stand-ins: the clock (a ManualClock), the camera (not started unless a
test gives a frame source) and the speaker (the Chime counts what it was asked to play).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from terminal.app import CounterApp, build_counter_app
from terminal.config import Settings
from terminal.demo.catalog import CatalogSeed
from terminal.domain.clock import ManualClock
from terminal.services.views import CardView
from terminal.ui.app_window import CounterWindow
from terminal.ui.chime import Chime
from terminal.ui.dialogs.amount import AmountDialog
from terminal.ui.i18n import install_language
from terminal.ui.style import apply_style
from tests.factories import FAST_SEED, T0, make_terminal

TIMEOUT_MS = 10_000


@dataclass
class Counter:
    """A running counter window, and what the tests drive it with."""

    app: CounterApp
    clock: ManualClock
    qtbot: QtBot

    @property
    def window(self) -> CounterWindow:
        return self.app.window

    @property
    def services(self):  # type: ignore[no-untyped-def]
        return self.app.services

    @property
    def chime(self) -> Chime:
        return self.app.chime

    def idle(self) -> None:
        """Wait until every background task has delivered."""
        self.qtbot.waitUntil(lambda: not self.app.runner.busy, timeout=TIMEOUT_MS)

    def scan(self, payload: str) -> CardView:
        with self.qtbot.waitSignal(self.window.card_shown, timeout=TIMEOUT_MS) as shown:
            self.window.show_scan(payload)
        return shown.args[0]

    def open_earn(self, card: CardView) -> AmountDialog:
        """Show the card, press F3, and hand back the amount dialog it opens."""
        self.scan(card.qr_token)
        self.key(Qt.Key.Key_F3)
        dialog = self.dialog(AmountDialog)
        assert isinstance(dialog, AmountDialog)
        return dialog

    def key(self, key: Qt.Key, widget: QWidget | None = None) -> None:
        self.qtbot.keyClick(widget or self.focused(), key)

    def type(self, field: QLineEdit, text: str) -> None:
        """A person typing into a field (QTest's keystrokes come as fast as a scanner's, so
        the wedge holds them a moment before they reach the field: wait for them)."""
        before = field.text()
        if text.isascii():
            self.qtbot.keyClicks(field, text)
        else:  # QTest cannot type non-ASCII characters
            field.insert(text)
        self.qtbot.waitUntil(lambda: field.text() == before + text, timeout=TIMEOUT_MS)

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        return widget if widget is not None else self.window

    def dialog(self, kind: type[QDialog]) -> QDialog:
        """The dialog of that kind the window has open (waits for it)."""
        self.qtbot.waitUntil(
            lambda: isinstance(self.window.current_dialog, kind), timeout=TIMEOUT_MS
        )
        dialog = self.window.current_dialog
        assert isinstance(dialog, kind)
        return dialog

    def no_dialog(self) -> None:
        """Wait until every dialog is closed and the counter window has the keys again."""
        window = self.window
        self.qtbot.waitUntil(
            lambda: window.current_dialog is None and window.isActiveWindow(), timeout=TIMEOUT_MS
        )

    def banner(self) -> str:
        return self.window.card_screen.banner.text()

    def wait_banner(self, kind: str) -> str:
        banner = self.window.card_screen.banner
        self.qtbot.waitUntil(
            lambda: banner.isVisible() and banner.objectName() == kind, timeout=TIMEOUT_MS
        )
        return banner.text()

    def type_burst(self, text: str, *, gap_ms: int = 4, start_ms: int = 1_000_000) -> None:
        """What a USB scanner does: fast keystrokes into whatever has focus, then Enter."""
        target = self.focused()
        stamp = start_ms
        for char in text:
            _send_key(
                target,
                Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_Minus,
                char,
                stamp,
            )
            stamp += gap_ms
        _send_key(target, Qt.Key.Key_Return, "\r", stamp)


def _send_key(target: QWidget, key: Qt.Key, text: str, timestamp: int) -> None:
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(timestamp)
        QApplication.sendEvent(target, event)


MakeCounter = Callable[..., Counter]


@pytest.fixture
def make_counter(qtbot: QtBot, tmp_path: Path) -> Iterator[MakeCounter]:
    made: list[Counter] = []
    threads_before = set(threading.enumerate())

    apply_style(QApplication.instance())  # type: ignore[arg-type]  # as qt_application does

    def make(
        seed: CatalogSeed = FAST_SEED, settings: Settings | None = None, **kwargs: object
    ) -> Counter:
        path = tmp_path / f"counter-{len(made)}.db"
        make_terminal(path, seed).database.dispose()
        clock = ManualClock(T0)
        settings = settings or Settings(data_dir=tmp_path, return_to_idle_seconds=5)
        app = build_counter_app(
            settings,
            path,
            clock=clock,
            chime=Chime(enabled=settings.sound),
            save_settings=lambda _s: None,
            **kwargs,  # type: ignore[arg-type]
        )
        counter = Counter(app, clock, qtbot)
        made.append(counter)
        qtbot.addWidget(app.window)
        app.window.resize(1366, 768)
        app.window.show()
        qtbot.waitExposed(app.window)
        app.start(camera="source_factory" in kwargs)
        counter.idle()
        return counter

    yield make
    for counter in made:
        counter.app.close()
        counter.app.close()  # safe twice
        assert not counter.window._return_timer.isActive()  # no timer outlives the window
        assert counter.app.worker is None
    install_language(QCoreApplication.instance(), "en")  # type: ignore[arg-type]
    # No thread the counter started outlives it (the runner's, the camera's, checkpoints).
    left = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    assert not left, f"threads left running: {[t.name for t in left]}"
