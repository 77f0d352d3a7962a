"""Opening the conflicts list from the status bar: read it off the GUI thread, show it, and
mark its rows as seen (the status bar's count goes back to zero with the next sync status)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QDialog

from terminal.services.views import ConflictView
from terminal.ui import texts
from terminal.ui.dialogs.conflicts import ConflictsDialog
from terminal.ui.ports import Counter
from terminal.ui.tasks import TaskRunner


class Host(Protocol):
    """The counter window, as far as this flow needs it."""

    @property
    def current_dialog(self) -> QDialog | None: ...

    def open_dialog(self, dialog: QDialog) -> None: ...

    def show_problem(self, text: str) -> None: ...


def open_conflicts(host: Host, counter: Counter, runner: TaskRunner) -> None:
    if host.current_dialog is not None:
        return

    def show(conflicts: list[ConflictView]) -> None:
        if host.current_dialog is not None:
            return
        dialog = ConflictsDialog(conflicts, parent=host)  # type: ignore[arg-type]
        dialog.setObjectName("conflictsDialog")
        host.open_dialog(dialog)
        if any(not conflict.seen for conflict in conflicts):
            runner.write(counter.conflicts.mark_seen, lambda _n: None, key="conflicts_seen")

    def failed(err: BaseException) -> None:
        host.show_problem(texts.error_text(err))

    runner.read(counter.conflicts.list_conflicts, show, failed, key="conflicts")
