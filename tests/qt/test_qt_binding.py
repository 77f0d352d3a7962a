"""Guards against known defects of the Qt binding that would take the counter down."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()


def test_emitting_a_signal_from_python_keeps_the_reference_count_of_true() -> None:
    """PySide6 6.12.0's SignalInstance.emit() returns True without a new reference: every
    emit from Python drops one reference to True, and after a few hundred (the camera's
    preview emits 15 a second) Python aborts with "bool_dealloc". 6.11.3 is pinned for it."""
    emitter = _Emitter()
    emitter.ping.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.ping.emit()
    assert sys.getrefcount(True) >= before - 5
