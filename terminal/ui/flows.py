"""The counter operations, step by step: ask what is needed, run it off the GUI thread, report.

Each flow opens the dialogs an operation needs (amount, reward, entry to void, staff PIN),
runs the service call on the TaskRunner's writer and hands the outcome to the host (the
counter window): a confirmation with the new balance, or the refusal in words. A refusal
about the PIN stays in the PIN dialog (wrong PIN, attempts left, locked until when); any
other refusal goes back to the dialog that asked, or to the card screen's banner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from terminal.domain.errors import (
    CustomerAlreadyEnrolled,
    ManagerRequired,
    PinLocked,
    PinRequired,
    StaffNotFound,
    VoidsNotAllowed,
    WrongPin,
)
from terminal.domain.rules import PinOperation, PinPolicy, StaffRole
from terminal.services.views import (
    Actor,
    CardView,
    OperationResult,
    RewardOption,
    StaffMember,
    TerminalInfo,
    VoidableEntry,
)
from terminal.ui import texts
from terminal.ui.dialogs.amount import AmountDialog, EarnRequest
from terminal.ui.dialogs.base import OperationDialog
from terminal.ui.dialogs.enroll import EnrollDialog
from terminal.ui.dialogs.new_card import NewCardDialog
from terminal.ui.dialogs.pin import PinDialog
from terminal.ui.dialogs.rewards import RewardsDialog
from terminal.ui.dialogs.void import VoidDialog, VoidRequest
from terminal.ui.ports import Counter
from terminal.ui.tasks import TaskRunner

OPERATION_KEY = "operation"  # one counter operation at a time
# Refusals the PIN dialog answers itself (the cashier can fix them there).
PIN_REFUSALS = (WrongPin, PinLocked, PinRequired, ManagerRequired, StaffNotFound)
Run = Callable[[Actor], Callable[[], OperationResult]]


class FlowHost(Protocol):
    """What a flow needs from the window that runs it."""

    @property
    def info(self) -> TerminalInfo | None: ...

    @property
    def staff(self) -> list[StaffMember]: ...

    @property
    def on_duty(self) -> StaffMember | None: ...

    @property
    def dialog_parent(self) -> QWidget: ...

    def open_dialog(self, dialog: QDialog) -> None: ...

    def show_result(self, result: OperationResult) -> None: ...

    def show_refusal(self, text: str) -> None: ...

    def show_card(self, card: CardView) -> None: ...

    def refresh_staff(self) -> None: ...


class CounterFlows(QObject):
    def __init__(self, counter: Counter, runner: TaskRunner, host: FlowHost) -> None:
        super().__init__()
        self._counter = counter
        self._runner = runner
        self._host = host

    # --- the operations ---------------------------------------------------------------------

    def add_stamp(self, card: CardView) -> None:
        stamps = self._counter.stamps
        self._with_actor(
            None,
            self.tr("Add a stamp"),
            lambda actor: lambda: stamps.add_stamp(actor, card.card_id),
        )

    def earn_points(self, card: CardView) -> None:
        info = self._host.info
        rate = info.program.points_per_currency_unit if info else 1
        rate_text = self.tr("%n point(s) per 1.00 spent", "", rate)
        dialog = AmountDialog(card.customer_name, rate_text, self._host.dialog_parent)
        points = self._counter.points

        def run(request: EarnRequest) -> None:
            actor = self._duty_actor()
            if actor is None:
                dialog.show_refusal(self._nobody_on_duty())
                return
            self._write(
                lambda: points.earn(actor, card.card_id, request.amount, request.order_reference),
                dialog,
            )

        dialog.submitted.connect(run)
        self._host.open_dialog(dialog)

    def redeem_stamp_reward(self, card: CardView) -> None:
        stamps = self._counter.stamps
        purpose = self.tr("Stamp reward: %1").replace("%1", card.stamp_reward_description)
        self._with_actor(
            PinOperation.REDEEM,
            purpose,
            lambda actor: lambda: stamps.redeem_reward(actor, card.card_id),
        )

    def redeem_points_reward(self, card: CardView) -> None:
        points = self._counter.points
        self._runner.read(
            lambda: points.rewards(card.card_id),
            lambda options: self._choose_reward(card, options),
            self._refused,
            key="rewards",
        )

    def void_entry(self, card: CardView) -> None:
        info = self._host.info
        if info is not None and not info.company.allow_void_transactions:
            self._refused(VoidsNotAllowed())
            return
        voids = self._counter.voids
        self._runner.read(
            lambda: voids.voidable(card.card_id),
            lambda entries: self._choose_void(card, entries),
            self._refused,
            key="voidable",
        )

    def change_card_status(self, card: CardView) -> None:
        cards = self._counter.cards
        if card.is_active:
            purpose = self.tr("Deactivate card %1").replace("%1", card.card_number)

            def run(actor: Actor) -> Callable[[], OperationResult]:
                return lambda: cards.deactivate(actor, card.card_id)
        else:
            purpose = self.tr("Reactivate card %1").replace("%1", card.card_number)

            def run(actor: Actor) -> Callable[[], OperationResult]:
                return lambda: cards.reactivate(actor, card.card_id)

        self._with_actor(PinOperation.DEACTIVATE, purpose, run, manager_only=True)

    def enroll_customer(self) -> None:
        info = self._host.info
        if info is None:
            self._host.show_refusal(self.tr("The terminal is still starting. Try again."))
            return
        dialog = EnrollDialog(info, self._host.dialog_parent)
        enroll = self._counter.enroll

        def enrolled(result: OperationResult) -> None:
            _close(dialog)
            self._host.show_result(result)
            self._show_new_card(result)

        def refused(err: BaseException) -> None:
            if not _alive(dialog):
                self._refused(err)
            elif isinstance(err, CustomerAlreadyEnrolled):
                dialog.offer_existing_card(err.existing_card_number, texts.error_text(err))
            else:
                dialog.show_refusal(texts.error_text(err))

        def run(request: object) -> None:
            fields = asdict(request)  # type: ignore[call-overload]
            self._with_actor(
                PinOperation.ENROLL,
                self.tr("Enroll a new customer"),
                lambda actor: lambda: enroll.enroll(actor, **fields),
                done=enrolled,
                refused=refused,
                parent=dialog,
            )

        dialog.submitted.connect(run)
        dialog.existing_card_requested.connect(lambda number: self._show_existing(number, dialog))
        self._host.open_dialog(dialog)

    # --- steps ------------------------------------------------------------------------------

    def _choose_reward(self, card: CardView, options: list[RewardOption]) -> None:
        dialog = RewardsDialog(options, card.points_balance, self._host.dialog_parent)
        points = self._counter.points
        names = {option.reward_id: option.name for option in options}

        def chosen(reward_id: int) -> None:
            purpose = self.tr("Points reward: %1").replace("%1", names.get(reward_id, ""))
            self._with_actor(
                PinOperation.REDEEM,
                purpose,
                lambda actor: lambda: points.redeem(actor, card.card_id, reward_id),
                done=lambda result: (_close(dialog), self._host.show_result(result)),
                refused=lambda err: self._refuse_in_or_banner(dialog, err),
                parent=dialog,
            )

        dialog.submitted.connect(chosen)
        self._host.open_dialog(dialog)

    def _choose_void(self, card: CardView, entries: list[VoidableEntry]) -> None:
        dialog = VoidDialog(entries, self._host.dialog_parent)
        voids = self._counter.voids

        def chosen(request: VoidRequest) -> None:
            self._with_actor(
                PinOperation.VOID,
                self.tr("Void / return on card %1").replace("%1", card.card_number),
                lambda actor: (
                    lambda: voids.void(
                        actor,
                        card.card_id,
                        request.entry_id,  # type: ignore[attr-defined]
                        returned_amount=request.returned_amount,  # type: ignore[attr-defined]
                        stamps=request.stamps,  # type: ignore[attr-defined]
                        note=request.note,  # type: ignore[attr-defined]
                    )
                ),
                done=lambda result: (_close(dialog), self._host.show_result(result)),
                refused=lambda err: self._refuse_in_or_banner(dialog, err),
                parent=dialog,
            )

        dialog.submitted.connect(chosen)
        self._host.open_dialog(dialog)

    def _show_new_card(self, result: OperationResult) -> None:
        dialog = NewCardDialog(
            result.card, self._host.dialog_parent, welcome_bonus=result.welcome_bonus
        )
        self._host.open_dialog(dialog)

    def _show_existing(self, card_number: str, dialog: QDialog) -> None:
        lookup = self._counter.lookup

        def found(card: CardView) -> None:
            if _alive(dialog):
                dialog.reject()
            self._host.show_card(card)

        self._runner.read(
            lambda: lookup.by_number(card_number),
            found,
            lambda err: _refuse_in(dialog, texts.error_text(err)),
            key="card",
        )

    def _with_actor(
        self,
        operation: PinOperation | None,
        purpose: str,
        run: Run,
        *,
        manager_only: bool = False,
        done: Callable[[OperationResult], object] | None = None,
        refused: Callable[[BaseException], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Run the operation as the staff member on duty, or through the PIN dialog when the
        company's policy asks for a PIN (or a manager is needed and nobody on duty is one)."""
        done = done or self._host.show_result
        refused = refused or self._refused
        on_duty = self._host.on_duty
        needs_manager = manager_only and (on_duty is None or on_duty.role is not StaffRole.MANAGER)
        if self._pin_required(operation) or needs_manager or on_duty is None:
            self._ask_pin(purpose, run, manager_only, done, refused, parent)
            return
        actor = Actor(on_duty.staff_id)

        def direct_refused(err: BaseException) -> None:
            if isinstance(err, (PinRequired, ManagerRequired)):
                self._ask_pin(purpose, run, manager_only, done, refused, parent)  # policy moved
            else:
                refused(err)

        number = self._runner.write(run(actor), done, direct_refused, key=OPERATION_KEY)
        if number is None and isinstance(parent, OperationDialog):  # another one still runs
            parent.set_busy(False)

    def _ask_pin(
        self,
        purpose: str,
        run: Run,
        manager_only: bool,
        done: Callable[[OperationResult], object],
        refused: Callable[[BaseException], object],
        parent: QWidget | None,
    ) -> None:
        on_duty = self._host.on_duty
        dialog = PinDialog(
            self._host.staff,
            purpose,
            manager_only=manager_only,
            preselect=on_duty.staff_id if on_duty else None,
            parent=parent or self._host.dialog_parent,
        )

        def failed(err: BaseException) -> None:
            if isinstance(err, (WrongPin, PinLocked)):
                self._host.refresh_staff()  # lock marks in the next PIN dialog's list
            if isinstance(err, PIN_REFUSALS) and _alive(dialog):
                dialog.show_refusal(texts.error_text(err))
            else:
                if _alive(dialog):
                    dialog.reject()
                refused(err)

        def succeeded(result: OperationResult) -> None:
            _close(dialog)
            done(result)

        def submitted(actor: Actor) -> None:
            if self._runner.write(run(actor), succeeded, failed, key=OPERATION_KEY) is None:
                dialog.set_busy(False)

        dialog.submitted.connect(submitted)
        if isinstance(parent, OperationDialog):  # cancelling the PIN gives the asking dialog back
            dialog.rejected.connect(lambda: _alive(parent) and parent.set_busy(False))
        self._host.open_dialog(dialog)

    def _write(self, call: Callable[[], OperationResult], dialog: OperationDialog) -> None:
        def succeeded(result: OperationResult) -> None:
            _close(dialog)
            self._host.show_result(result)

        def failed(err: BaseException) -> None:
            self._refuse_in_or_banner(dialog, err)

        if self._runner.write(call, succeeded, failed, key=OPERATION_KEY) is None:
            dialog.set_busy(False)

    def _pin_required(self, operation: PinOperation | None) -> bool:
        info = self._host.info
        if operation is None or info is None:
            return False
        return info.company.pin_policy(operation) is PinPolicy.REQUIRED

    def _duty_actor(self) -> Actor | None:
        on_duty = self._host.on_duty
        return Actor(on_duty.staff_id) if on_duty is not None else None

    def _nobody_on_duty(self) -> str:
        return self.tr("Pick who is at the counter first (bottom of the screen).")

    def _refused(self, err: BaseException) -> None:
        self._host.show_refusal(texts.error_text(err))

    def _refuse_in_or_banner(self, dialog: QDialog, err: BaseException) -> None:
        if isinstance(dialog, OperationDialog) and _alive(dialog):
            dialog.show_refusal(texts.error_text(err))
        else:
            self._refused(err)


def _refuse_in(dialog: QDialog, text: str) -> None:
    if isinstance(dialog, OperationDialog) and _alive(dialog):
        dialog.show_refusal(text)


def _alive(dialog: QDialog) -> bool:
    """Closed dialogs are deleted: a late outcome must not touch one that is gone."""
    return shiboken6.isValid(dialog) and dialog.isVisible()


def _close(dialog: QDialog) -> None:
    if _alive(dialog):
        dialog.accept()
