"""A handheld USB scanner (a keyboard "wedge"): a burst of keystrokes ending in Enter.

The scanner types faster than any person (a few ms between keys, where people need 80 ms
or more), so a character is held back for `burst_ms` before it reaches the focused widget:
- no other key follows in time: a person typed it, and it is delivered (late by less
  than a person can notice);
- keys keep coming fast and end with Enter: a scan. Nothing of it reaches the focused
  widget (an amount or PIN field keeps exactly what the cashier typed) and `scanned` fires;
- a fast burst that stops without Enter (a paste, a fast typist): delivered as typed.

Times are the key events' own timestamps (ms), so the decision does not depend on how
fast the GUI thread happens to be; the one timer only flushes a held keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

MIN_SCAN_LENGTH = 6
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class _Held:
    target: QObject
    events: list[QKeyEvent] = field(default_factory=list)
    last_ms: int = 0

    @property
    def text(self) -> str:
        return "".join(event.text() for event in self.events)


class WedgeScanner(QObject):
    """Install on the QApplication with `start()`; active only while `active()` says so.

    Signals (GUI thread): `scanned(str)`: the text of a scan, without its Enter.
    """

    scanned = Signal(str)

    def __init__(
        self,
        active: Callable[[], bool] = lambda: True,
        *,
        burst_ms: int = 40,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._active = active
        self._burst_ms = burst_ms
        self._held: _Held | None = None
        self._replaying = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self.flush)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def stop(self) -> None:
        """Deliver what is held and stop filtering; safe twice."""
        self.flush()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget) or not self._active():
            return False
        assert isinstance(event, QKeyEvent)
        key_event = event
        held = self._held
        now = key_event.timestamp()
        fast = held is not None and 0 <= now - held.last_ms <= self._burst_ms
        if key_event.key() in _ENTER:
            if held is not None and fast and len(held.text) >= MIN_SCAN_LENGTH:
                text = held.text
                self._drop()
                self.scanned.emit(text)
                return True
            self.flush()  # a person's Enter: deliver what is held, then the Enter itself
            return False
        text = key_event.text()
        if (
            not text
            or not text.isprintable()
            or key_event.modifiers()
            & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        ):
            self.flush()
            return False
        if held is not None and not fast:
            self.flush()
            held = None
        if held is None:
            held = self._held = _Held(watched)
        held.events.append(_copy(key_event))
        held.last_ms = now
        self._flush.start(self._burst_ms * 2)
        return True

    def flush(self) -> None:
        """Deliver the held keystrokes to the widget they were meant for."""
        held = self._drop()
        if held is None or not shiboken6.isValid(held.target):
            return
        self._replaying = True
        try:
            for event in held.events:
                QApplication.sendEvent(held.target, event)
        finally:
            self._replaying = False

    def _drop(self) -> _Held | None:
        self._flush.stop()
        held, self._held = self._held, None
        return held


def _copy(event: QKeyEvent) -> QKeyEvent:
    copy = QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )
    copy.setTimestamp(event.timestamp())
    return copy
