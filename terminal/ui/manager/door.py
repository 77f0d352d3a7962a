"""The way into the manager views: the managers of the company, a PIN, and the screen.

The PIN is checked by the staff service on the writer (a wrong one counts towards the
lockout and is recorded), every time: the company's PIN policies do not apply here.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from terminal.domain.rules import StaffRole
from terminal.services.views import Actor, StaffMember
from terminal.ui import texts
from terminal.ui.manager.dialogs import ManagerSignInDialog
from terminal.ui.manager.ports import Manager
from terminal.ui.manager.screen import ManagerScreen
from terminal.ui.tasks import TaskRunner


class DoorHost(Protocol):
    """The counter window, as far as the door needs it."""

    @property
    def dialog_parent(self) -> QWidget: ...

    @property
    def current_dialog(self) -> QDialog | None: ...

    def open_dialog(self, dialog: QDialog) -> None: ...

    def show_problem(self, text: str) -> None: ...

    def show_manager_screen(self) -> None: ...


class ManagerDoor(QObject):
    def __init__(
        self, host: DoorHost, manager: Manager, runner: TaskRunner, screen: ManagerScreen
    ) -> None:
        super().__init__(screen)
        self._host = host
        self._manager = manager
        self._runner = runner
        self._screen = screen

    def open(self) -> None:
        """Ask for a manager's PIN (the views are shown at once when still unlocked)."""
        if self._screen.unlocked:
            self._host.show_manager_screen()
            return
        if self._host.current_dialog is not None:
            return
        self._runner.read(
            self._manager.staff.list_staff,
            self._ask_pin,
            lambda err: self._host.show_problem(texts.error_text(err)),
            key="manager_staff",
            owner=self,
        )

    def _ask_pin(self, staff: list[StaffMember]) -> None:
        if self._host.current_dialog is not None:
            return
        managers = [member for member in staff if member.role is StaffRole.MANAGER]
        dialog = ManagerSignInDialog(managers, self._host.dialog_parent)
        staff_service = self._manager.staff

        def submitted(actor: Actor) -> None:
            def done(member: StaffMember) -> None:
                dialog.accept()
                self._screen.unlock(member, actor)
                self._host.show_manager_screen()

            def failed(err: BaseException) -> None:
                dialog.show_refusal(texts.error_text(err))

            started = self._runner.write(
                lambda: staff_service.sign_in_manager(actor),
                done,
                failed,
                key="manager_sign_in",
                owner=dialog,
            )
            if started is None:
                dialog.set_busy(False)

        dialog.submitted.connect(submitted)
        self._host.open_dialog(dialog)
