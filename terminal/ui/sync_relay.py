"""The sync engine's status as a Qt signal (the engine itself is Qt-free, sync.engine).

Signals:
- `status_changed(object)`: a sync.status.SyncStatus, emitted on the GUI thread (the engine
  calls `publish` on its own thread; the queued connection brings it over).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from sync.status import SyncStatus


class SyncRelay(QObject):
    status_changed = Signal(object)
    _arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.latest: SyncStatus | None = None
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def publish(self, status: SyncStatus) -> None:
        """Any thread: hand a status to the GUI thread."""
        self._arrived.emit(status)

    @Slot(object)
    def _deliver(self, status: SyncStatus) -> None:
        self.latest = status
        self.status_changed.emit(status)
