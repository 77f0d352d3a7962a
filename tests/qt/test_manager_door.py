"""The way into the manager views on the real counter window: the manager's PIN every time,
the views lock when idle, on Back to the counter and when the counter takes the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from terminal.ui.manager.dialogs import ManagerSignInDialog
from tests.factories import CASHIER
from tests.qt.conftest import MakeCounter
from tests.qt.test_counter_flows import enroll


def sign_in(counter, pin: str = "1357") -> ManagerSignInDialog:  # type: ignore[no-untyped-def]
    counter.key(Qt.Key.Key_F10, counter.window)
    dialog = counter.dialog(ManagerSignInDialog)
    assert isinstance(dialog, ManagerSignInDialog)
    assert [dialog.who.itemText(i) for i in range(dialog.who.count())] == ["Morgan Leroy"]
    dialog.pin.setText(pin)
    dialog.ok_button.click()
    counter.idle()
    return dialog


def test_f10_asks_a_managers_pin_and_a_wrong_one_keeps_the_views_shut(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    window = counter.window
    dialog = sign_in(counter, "0000")
    assert dialog.isVisible()
    assert "wrong" in dialog.refusal.text().lower() or "attempt" in dialog.refusal.text().lower()
    assert dialog.pin.text() == ""  # typed again
    assert window.stack.currentWidget() is window.idle
    assert not window.manager_screen.unlocked
    dialog.pin.setText("1357")
    dialog.ok_button.click()
    counter.idle()
    counter.no_dialog()
    assert window.stack.currentWidget() is window.manager_screen
    assert window.manager_screen.who.text() == "Manager: Morgan Leroy"


def test_the_manager_sees_the_cards_opens_one_and_goes_back(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)
    sign_in(counter)
    screen = counter.window.manager_screen
    counter.idle()
    assert [row.card_id for row in screen.cards.model.rows] == [card.card_id]
    screen.cards.table.setFocus()
    screen.cards.table.selectRow(0)
    counter.key(Qt.Key.Key_Return, screen.cards.table)
    counter.idle()
    assert screen.cards_stack.currentWidget() is screen.card
    assert screen.card.card is not None
    assert screen.card.card.card_id == card.card_id
    counter.key(Qt.Key.Key_Escape, counter.window)  # back to the table, still signed in
    assert screen.cards_stack.currentWidget() is screen.cards
    assert screen.unlocked


def test_back_to_the_counter_locks_and_the_pin_is_asked_again(make_counter: MakeCounter) -> None:
    counter = make_counter()
    sign_in(counter)
    window = counter.window
    window.manager_screen.lock_button.click()
    assert window.stack.currentWidget() is window.idle
    assert not window.manager_screen.unlocked
    assert window.manager_screen.actor() is None  # the PIN is forgotten
    counter.key(Qt.Key.Key_F10, window)
    assert isinstance(counter.dialog(ManagerSignInDialog), ManagerSignInDialog)


def test_the_views_lock_after_the_idle_time_and_a_key_puts_it_off(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    sign_in(counter)
    screen = counter.window.manager_screen
    timer = screen._idle
    assert timer.isActive()
    assert timer.interval() == 120_000  # the settings' default
    timer.setInterval(60_000)
    timer.start()
    timer.setInterval(120_000)
    counter.key(Qt.Key.Key_Down, screen.cards.table)  # any key in the application restarts it
    assert timer.remainingTime() > 60_000
    with counter.qtbot.waitSignal(screen.locked, timeout=5_000):
        timer.timeout.emit()  # the idle time is over
    assert counter.window.stack.currentWidget() is counter.window.idle
    assert not timer.isActive()


def test_a_scan_while_the_manager_works_is_ignored_and_keys_do_not_reach_the_counter(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    card = enroll(counter)
    sign_in(counter)
    window = counter.window
    window.show_scan(card.qr_token)
    window.show_typed_scan(card.card_number)
    counter.key(Qt.Key.Key_F8, window)  # enroll: a counter key
    counter.idle()
    counter.no_dialog()
    assert window.stack.currentWidget() is window.manager_screen


def test_a_cashier_is_not_offered_and_the_lockout_counts_wrong_pins(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    for _ in range(5):
        dialog = sign_in(counter, "0000")
        counter.key(Qt.Key.Key_Escape, dialog)
        counter.no_dialog()
    dialog = sign_in(counter, "1357")  # the right PIN, too late: locked
    assert "locked" in dialog.refusal.text().lower()
    assert not counter.window.manager_screen.unlocked
    assert all(m.staff_id != CASHIER.staff_id for m in [dialog.who.currentData()])
