"""The rewards and void/return dialogs: what they show, what they submit, what they refuse;
and one partial return run through the real services and the TaskRunner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from terminal.domain.ledger import TransactionType
from terminal.services.views import OperationResult, RewardOption, VoidableEntry
from terminal.ui.dialogs.base import OperationDialog
from terminal.ui.dialogs.rewards import RewardsDialog
from terminal.ui.dialogs.void import VoidDialog, VoidRequest
from terminal.ui.tasks import TaskRunner
from terminal.ui.texts import reward_reason_text
from tests.factories import CASHIER, MANAGER, Terminal

PARIS = ZoneInfo("Europe/Paris")
COFFEE = RewardOption(1, "Coffee", 50, True, None)
LUNCH = RewardOption(
    2, "Lunch menu", 150, False, "insufficient_points", {"cost": 150, "balance": 120, "missing": 30}
)
CROISSANT = RewardOption(3, "Croissant", 30, True, None)
PURCHASE = VoidableEntry(
    entry_id="e-points",
    type=TransactionType.POINTS_EARNED,
    transaction_at=datetime(2026, 3, 10, 10, 5, tzinfo=PARIS),
    purchase_amount=4000,
    returnable_amount=1250,
    points_delta=40,
    stamps_left=0,
)
STAMPS = VoidableEntry(
    entry_id="e-stamps",
    type=TransactionType.STAMP_EARNED,
    transaction_at=datetime(2026, 3, 10, 9, 40, tzinfo=PARIS),
    purchase_amount=None,
    returnable_amount=None,
    points_delta=0,
    stamps_left=3,
)


def shown(qtbot: QtBot, dialog: OperationDialog) -> OperationDialog:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def controls(dialog: QWidget) -> list[QWidget]:
    """The controls a cashier uses (not Qt's insides, such as a spin box's line edit)."""
    kinds = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
    found = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(dialog):
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not dialog:
            inside = inside or isinstance(parent, (QAbstractSpinBox, QComboBox))
            parent = parent.parentWidget()
        if not inside:
            found.append(widget)
    return found


def assert_accessible_and_big(dialog: QWidget) -> None:
    found = controls(dialog)
    assert found
    for widget in found:
        assert widget.accessibleName(), widget
        assert widget.accessibleDescription(), widget
        assert widget.height() >= 48, (widget, widget.height())


def submissions(dialog: OperationDialog) -> list[object]:
    seen: list[object] = []
    dialog.submitted.connect(seen.append)
    return seen


# --- rewards -----------------------------------------------------------------------------


def test_unaffordable_rewards_are_disabled_and_carry_the_reason(qtbot: QtBot) -> None:
    dialog = shown(qtbot, RewardsDialog([COFFEE, LUNCH, CROISSANT], 120))
    rows = [dialog.rewards.item(i) for i in range(dialog.rewards.count())]
    assert [bool(r.flags() & Qt.ItemFlag.ItemIsEnabled) for r in rows] == [True, False, True]
    reason = reward_reason_text(LUNCH)
    assert reason
    assert reason in rows[1].text()
    assert rows[1].data(Qt.ItemDataRole.AccessibleDescriptionRole) == reason
    assert "Coffee" in rows[0].text()
    assert "50" in rows[0].text()
    assert "120" in dialog.balance.text()
    for row in rows:
        assert dialog.rewards.visualItemRect(row).height() >= 48
    assert_accessible_and_big(dialog)


def test_down_selects_the_first_affordable_reward_and_enter_redeems_it(qtbot: QtBot) -> None:
    dialog = shown(qtbot, RewardsDialog([LUNCH, COFFEE, CROISSANT], 120))
    seen = submissions(dialog)
    assert dialog.focusWidget() is dialog.rewards
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Down)  # Lunch menu is skipped: disabled
    assert dialog.selected_option() == COFFEE
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    assert seen == [CROISSANT.reward_id]
    assert dialog.busy  # Enter again submits nothing more while the flow runs it
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    assert seen == [CROISSANT.reward_id]


def test_nothing_selected_is_refused_with_a_reason(qtbot: QtBot) -> None:
    dialog = shown(qtbot, RewardsDialog([COFFEE, LUNCH], 120))
    seen = submissions(dialog)
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    assert seen == []
    assert dialog.refusal.isVisible()
    assert dialog.refusal.text()
    with pytest.raises(ValueError, match="Pick a reward"):
        dialog.values()


def test_a_refusal_from_the_flow_keeps_the_choice_and_lets_the_cashier_retry(
    qtbot: QtBot,
) -> None:
    dialog = shown(qtbot, RewardsDialog([COFFEE], 120))
    seen = submissions(dialog)
    dialog.rewards.setCurrentRow(0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    dialog.show_refusal("Offline redemption limit reached.")
    assert dialog.ok_button.isEnabled()
    assert dialog.rewards.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert seen == [1, 1]


def test_an_empty_catalogue_says_so_and_cannot_be_submitted(qtbot: QtBot) -> None:
    dialog = shown(qtbot, RewardsDialog([], 0))
    assert dialog.empty.isVisible()
    assert dialog.empty.text()
    assert not dialog.ok_button.isEnabled()
    dialog.show_refusal("x")
    assert not dialog.ok_button.isEnabled()


def test_esc_cancels_the_rewards_dialog(qtbot: QtBot) -> None:
    dialog = shown(qtbot, RewardsDialog([COFFEE], 120))
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.rewards, Qt.Key.Key_Escape)


# --- void / return -----------------------------------------------------------------------


def test_a_points_purchase_asks_for_the_returned_amount(qtbot: QtBot) -> None:
    dialog = shown(qtbot, VoidDialog([PURCHASE, STAMPS]))
    assert dialog.selected_entry() == PURCHASE  # the newest is picked at first
    assert dialog.amount.isVisible()
    assert not dialog.stamps.isVisible()
    assert "12.50" in dialog.amount_hint.text()
    assert "10" in dialog.entries.item(0).text()  # the time it was written, 10:05
    seen = submissions(dialog)
    qtbot.keyClicks(dialog.amount, "12,50")
    qtbot.keyClicks(dialog.note, "  jacket returned ")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert seen == [VoidRequest("e-points", "12,50", None, "jacket returned")]
    assert_accessible_and_big(dialog)


def test_an_empty_amount_returns_all_that_is_left(qtbot: QtBot) -> None:
    dialog = shown(qtbot, VoidDialog([PURCHASE]))
    assert dialog.values() == VoidRequest("e-points", None, None, None)


def test_a_stamp_entry_asks_how_many_stamps(qtbot: QtBot) -> None:
    dialog = shown(qtbot, VoidDialog([PURCHASE, STAMPS]))
    qtbot.keyClick(dialog.entries, Qt.Key.Key_Down)
    assert dialog.selected_entry() == STAMPS
    assert dialog.stamps.isVisible()
    assert not dialog.amount.isVisible()
    assert (dialog.stamps.minimum(), dialog.stamps.maximum()) == (1, 3)
    assert dialog.stamps.value() == 3  # all that is left, like an empty amount
    dialog.stamps.setFocus()
    qtbot.keyClick(dialog.stamps, Qt.Key.Key_Down)
    seen = submissions(dialog)
    qtbot.keyClick(dialog.stamps, Qt.Key.Key_Return)
    assert seen == [VoidRequest("e-stamps", None, 2, None)]
    assert_accessible_and_big(dialog)


def test_nothing_to_void_says_so_and_ok_stays_disabled(qtbot: QtBot) -> None:
    dialog = shown(qtbot, VoidDialog([]))
    assert dialog.empty.isVisible()
    assert "Nothing on this card can be voided" in dialog.empty.text()
    assert not dialog.ok_button.isEnabled()
    assert not dialog.entries.isVisible()
    assert not dialog.amount.isVisible()
    dialog.set_busy(False)
    assert not dialog.ok_button.isEnabled()
    with pytest.raises(ValueError, match="Nothing on this card"):
        dialog.values()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_no_entry_picked_is_refused(qtbot: QtBot) -> None:
    dialog = shown(qtbot, VoidDialog([PURCHASE]))
    dialog.entries.clearSelection()
    assert not dialog.amount.isVisible()
    seen = submissions(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert seen == []
    assert "Pick the transaction" in dialog.refusal.text()


# --- through the real services -----------------------------------------------------------


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_a_partial_return_through_the_real_services(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner
) -> None:
    services = terminal.services
    card = terminal.enroll(1)
    earned = services.points.earn(CASHIER, card.card_id, "40.00")
    entries = services.voids.voidable(card.card_id)
    assert [e.entry_id for e in entries] == [earned.entry_id]
    dialog = shown(qtbot, VoidDialog(entries))
    results: list[OperationResult] = []

    def done(result: OperationResult) -> None:
        results.append(result)
        dialog.accept()

    def run(request: VoidRequest) -> None:
        runner.write(
            lambda: services.voids.void(
                MANAGER,
                card.card_id,
                request.entry_id,
                returned_amount=request.returned_amount,
                stamps=request.stamps,
                note=request.note,
            ),
            done,
            lambda err: dialog.show_refusal(str(err)),
            key="operation",
            owner=dialog,
        )

    dialog.submitted.connect(run)
    qtbot.keyClicks(dialog.amount, "10,00")
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    taken = earned.points_delta * 1000 // 4000
    assert taken > 0
    assert results[0].card.points_balance == earned.card.points_balance - taken
    assert services.lookup.card(card.card_id).points_balance == earned.card.points_balance - taken
    (left,) = services.voids.voidable(card.card_id)
    assert left.returnable_amount == 3000
