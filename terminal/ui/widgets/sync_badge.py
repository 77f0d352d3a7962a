"""The status bar's sync badge: online or not, what waits to be sent, conflicts, problems.

A button: a manager presses it to open the conflicts list. Its text is short (the status
bar is narrow); the tooltip and accessible description say everything: last success, last
error, clock skew. Signals (GUI thread): `clicked()` (QPushButton's).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QPushButton, QWidget

from sync.status import SyncStatus
from terminal.ui import texts


class sync_badge(QObject):
    """Plural texts (pyside6-lupdate reads %n forms only from self.tr in a class)."""

    def waiting(self, n: int) -> str:
        return self.tr("%n to send", "", n)

    def conflicts(self, n: int) -> str:
        return self.tr("%n conflict(s)", "", n)

    def received(self, n: int) -> str:
        return self.tr("Receiving the company's data: %n row(s) so far", "", n)

    def clock_off(self, n: int) -> str:
        return self.tr("clock %n min off", "", n)

    def skew(self, n: int) -> str:
        return self.tr("This terminal's clock is %n minute(s) off the server's.", "", n)


_PLURALS = sync_badge()


def _plural(text: str, n: int) -> str:
    return texts.plural(text, n).replace("%n", texts.number(n))


class SyncBadge(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncState")
        self.setFlat(True)
        self._status: SyncStatus | None = None
        self._retranslate()

    @property
    def status(self) -> SyncStatus | None:
        return self._status

    def show_status(self, status: SyncStatus) -> None:
        self._status = status
        self.setProperty("problem", status.state not in ("online", "starting"))
        self.style().unpolish(self)
        self.style().polish(self)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        status = self._status
        parts = [self._headline(status)]
        if status is not None:
            if status.pending:
                parts.append(_plural(_PLURALS.waiting(status.pending), status.pending))
            if status.conflicts:
                parts.append(_plural(_PLURALS.conflicts(status.conflicts), status.conflicts))
            if status.clock_skew_s is not None:
                minutes = _minutes(status.clock_skew_s)
                parts.append(_plural(_PLURALS.clock_off(minutes), minutes))
        self.setText(" · ".join(parts))
        self.setAccessibleName(self.tr("Sync state"))
        detail = self._detail(status)
        self.setToolTip(detail)
        self.setAccessibleDescription(detail)

    def _headline(self, status: SyncStatus | None) -> str:
        if status is None or status.state == "starting":
            return self.tr("Connecting to the server…")
        if status.pulling is not None:
            rows, total = status.pulling.rows, status.pulling.total
            if total:
                text = self.tr("Receiving the company's data: %1 of %2 (%3%)")
                percent = min(100 * rows // total, 99)
                return (
                    text.replace("%1", texts.number(rows))
                    .replace("%2", texts.number(total))
                    .replace("%3", texts.number(percent))
                )
            return _plural(_PLURALS.received(rows), rows)
        match status.state:
            case "online":
                return self.tr("Online")
            case "offline":
                return self.tr("Offline")
            case "auth_expired":
                return self.tr("Activate again: the server refused this terminal")
            case "stopped":
                return self.tr("Sync stopped")
        return self._error_headline(status.error_kind)

    def _error_headline(self, kind: str | None) -> str:
        match kind:
            case "certificate":
                return self.tr("Server certificate not trusted: working locally")
            case "protocol_version":
                return self.tr("Server speaks another version: update the terminal")
            case "rate_limited":
                return self.tr("Server busy: retrying")
            case "not_activated":
                return self.tr("Not activated")
            case "local_error":
                return self.tr("Sync problem on this terminal: retrying")
            case "credential_store":
                return self.tr("The credential store is locked: syncing waits")
            case "gap":
                return self.tr("The server misses earlier operations: call support")
        return self.tr("Server problem: retrying")

    def _detail(self, status: SyncStatus | None) -> str:
        if status is None:
            return self.tr("Not connected to a server yet.")
        lines = []
        if status.state in ("offline", "error", "auth_expired"):
            lines.append(self.tr("The counter works on: every operation is kept and sent later."))
        if status.last_success_at is not None:
            lines.append(self.tr("Last sync: %1").replace("%1", _when(status.last_success_at)))
        else:
            lines.append(self.tr("No sync yet."))
        if status.state != "online" and status.last_error_at is not None:
            lines.append(self.tr("Last problem: %1").replace("%1", _when(status.last_error_at)))
        if status.retry_in_s is not None and status.state not in ("online", "auth_expired"):
            seconds = max(round(status.retry_in_s), 1)
            lines.append(self.tr("Next try in %1 s.").replace("%1", texts.number(seconds)))
        if status.clock_skew_s is not None:
            minutes = _minutes(status.clock_skew_s)
            lines.append(_plural(_PLURALS.skew(minutes), minutes))
        if status.conflicts:
            lines.append(self.tr("Press to see the conflicts."))
        return "\n".join(lines)


def _when(moment: datetime) -> str:
    return texts.date_time_text(moment.astimezone())


def _minutes(skew_s: float) -> int:
    return max(round(abs(skew_s) / 60), 1)
