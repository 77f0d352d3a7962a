"""Each counter flow through the real window, as a cashier works it: keys, dialogs, scans."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from terminal.domain.cards import card_number_from_body
from terminal.domain.errors import CardNotFound, CardNumberTypo, StampCooldown
from terminal.domain.rules import CompanyRules, ProgramRules
from terminal.ui import texts
from terminal.ui.dialogs.amount import AmountDialog
from terminal.ui.dialogs.enroll import EnrollDialog
from terminal.ui.dialogs.new_card import NewCardDialog
from terminal.ui.dialogs.pin import PinDialog
from terminal.ui.dialogs.rewards import RewardsDialog
from terminal.ui.dialogs.void import VoidDialog
from tests.factories import CASHIER, MANAGER, seed_with
from tests.qt.conftest import MakeCounter


def enroll(counter, n: int = 0, **details):  # type: ignore[no-untyped-def]
    fields = {"first_name": "Ana", "last_name": f"Customer{n}", "email": f"ana{n}@example.com"}
    fields.update(details)
    return counter.services.enroll.enroll(CASHIER, **fields).card


def test_scan_stamp_until_the_stamp_reward(make_counter: MakeCounter) -> None:
    program = ProgramRules(stamps_target=3, max_daily_stamps=0, stamp_cooldown_minutes=0)
    counter = make_counter(seed_with(program=program))
    card = enroll(counter)
    shown = counter.scan(card.qr_token)
    assert shown.card_id == card.card_id
    window = counter.window
    assert window.stack.currentWidget() is window.card_screen
    assert window.card_screen.panel.name.text() == "Ana Customer0"

    for expected in (1, 2, 3):
        with counter.qtbot.waitSignal(window.card_shown):
            counter.key(Qt.Key.Key_F2)
        assert window.card_screen.card.stamp_count == expected
        assert counter.wait_banner("confirmation")
    assert window.card_screen.card.stamp_reward_available
    assert window.card_screen.panel.reward.isVisible()
    assert counter.chime.played == ["confirm"] * 3

    counter.key(Qt.Key.Key_F4)  # the stamp reward needs the PIN (demo policy)
    pin = counter.dialog(PinDialog)
    counter.type(pin.pin, "2468")
    with counter.qtbot.waitSignal(window.card_shown):
        counter.key(Qt.Key.Key_Return, pin.pin)
    counter.no_dialog()
    assert window.card_screen.card.stamp_count == 0
    assert "Free coffee" in counter.banner()


def test_earn_then_redeem_a_points_reward_with_the_pin(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)  # 50 welcome points
    counter.scan(card.qr_token)
    window = counter.window

    counter.key(Qt.Key.Key_F3)
    amount = counter.dialog(AmountDialog)
    counter.type(amount.amount, "62,50")
    with counter.qtbot.waitSignal(window.card_shown):
        counter.key(Qt.Key.Key_Return, amount.amount)
    counter.no_dialog()
    assert window.card_screen.card.points_balance == 112
    assert "62.50" in counter.banner() or "62,50" in counter.banner()

    counter.key(Qt.Key.Key_F5)
    rewards = counter.dialog(RewardsDialog)
    counter.key(Qt.Key.Key_Down, rewards.rewards)  # the first affordable: 100 points
    assert rewards.selected_option().points_cost == 100
    counter.key(Qt.Key.Key_Return, rewards.rewards)
    pin = counter.dialog(PinDialog)
    counter.type(pin.pin, "2468")
    with counter.qtbot.waitSignal(window.card_shown):
        counter.key(Qt.Key.Key_Return, pin.pin)
    counter.no_dialog()
    assert window.card_screen.card.points_balance == 12


def test_a_wrong_pin_until_the_lockout_says_attempts_left_then_until_when(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter(seed_with(program=ProgramRules(stamps_target=1)))
    card = enroll(counter)
    counter.services.stamps.add_stamp(CASHIER, card.card_id)
    counter.scan(card.qr_token)
    counter.key(Qt.Key.Key_F4)
    pin = counter.dialog(PinDialog)
    seen = []
    for _ in range(5):
        counter.type(pin.pin, "9999")
        counter.key(Qt.Key.Key_Return, pin.pin)
        counter.qtbot.waitUntil(lambda: pin.refusal.isVisible() and not pin.busy)
        seen.append(pin.refusal.text())
        pin.clear_refusal()
    assert "4 attempts left" in seen[0]
    assert "1 attempt left" in seen[3]
    assert "locked" in seen[4].lower()
    counter.type(pin.pin, "2468")  # the right PIN, but locked now
    counter.key(Qt.Key.Key_Return, pin.pin)
    counter.qtbot.waitUntil(lambda: pin.refusal.isVisible() and not pin.busy)
    assert "until" in pin.refusal.text()
    assert pin.isVisible()
    assert counter.services.lookup.card(card.card_id).stamp_count == 1  # nothing redeemed
    counter.key(Qt.Key.Key_Escape, pin.pin)
    counter.no_dialog()
    counter.key(Qt.Key.Key_F4)  # the next PIN dialog's list says who is locked, until when
    again = counter.dialog(PinDialog)
    assert "locked until 10:30" in again.staff_list.item(0).text()  # store time (Paris)


def test_enrollment_shows_the_new_card_and_a_duplicate_offers_the_existing_one(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    window = counter.window
    counter.key(Qt.Key.Key_F8, window)
    dialog = counter.dialog(EnrollDialog)
    counter.type(dialog.first_name, "Léa")
    counter.type(dialog.last_name, "Moreau")
    counter.type(dialog.email, "lea@example.com")
    assert dialog.ok_button.isEnabled()
    with counter.qtbot.waitSignal(window.card_shown):
        dialog.ok_button.click()
    new_card = counter.dialog(NewCardDialog)
    card = window.card_screen.card
    assert card.customer_name == "Léa Moreau"
    assert card.points_balance == 50  # the welcome bonus
    new_card.accept()
    counter.no_dialog()

    counter.key(Qt.Key.Key_F8, window)
    again = counter.dialog(EnrollDialog)
    counter.type(again.first_name, "Lea")
    counter.type(again.email, "LEA@example.com")
    again.ok_button.click()
    counter.qtbot.waitUntil(lambda: again.existing_button.isVisible())
    assert card.card_number in again.existing_button.text()
    with counter.qtbot.waitSignal(window.card_shown) as shown:
        again.existing_button.click()
    assert shown.args[0].card_id == card.card_id
    counter.no_dialog()


def test_a_partial_return_takes_back_its_share_of_the_points(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)
    counter.services.points.earn(CASHIER, card.card_id, "40.00")  # 50 + 40
    counter.scan(card.qr_token)
    window = counter.window
    counter.key(Qt.Key.Key_F6)
    void = counter.dialog(VoidDialog)
    counter.type(void.amount, "10,00")
    void.ok_button.click()
    pin = counter.dialog(PinDialog)
    counter.type(pin.pin, "2468")
    with counter.qtbot.waitSignal(window.card_shown):
        counter.key(Qt.Key.Key_Return, pin.pin)
    counter.no_dialog()
    assert window.card_screen.card.points_balance == 80


def test_a_deactivated_card_is_red_and_cannot_earn_until_a_manager_reactivates_it(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    card = enroll(counter)
    counter.services.cards.deactivate(MANAGER, card.card_id)
    counter.scan(card.qr_token)
    screen = counter.window.card_screen
    assert screen.panel.inactive.isVisible()
    assert not screen.buttons["stamp"].isEnabled()
    assert not screen.buttons["earn"].isEnabled()
    counter.key(Qt.Key.Key_F2)  # a disabled operation's key does nothing
    assert counter.window.current_dialog is None

    counter.key(Qt.Key.Key_F7)
    pin = counter.dialog(PinDialog)
    names = [pin.staff_list.item(i).text() for i in range(pin.staff_list.count())]
    assert names == ["Morgan Leroy (manager)"]  # only managers may
    counter.type(pin.pin, "1357")
    with counter.qtbot.waitSignal(counter.window.card_shown):
        counter.key(Qt.Key.Key_Return, pin.pin)
    assert not screen.panel.inactive.isVisible()
    assert screen.buttons["stamp"].isEnabled()


def test_unknown_cards_and_typos_are_refused_in_words_on_the_idle_screen(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    idle = counter.window.idle
    unknown = card_number_from_body(12_345)
    counter.type(idle.search, unknown)  # a valid number, but no such card
    counter.key(Qt.Key.Key_Return, idle.search)
    counter.qtbot.waitUntil(lambda: idle.message.isVisible())
    assert idle.message.text() == texts.error_text(CardNotFound("this card number"))
    idle.search.clear()
    typo = unknown[:-1] + str((int(unknown[-1]) + 1) % 10)
    counter.type(idle.search, typo)
    counter.key(Qt.Key.Key_Return, idle.search)
    counter.qtbot.waitUntil(lambda: idle.message.text() == texts.error_text(CardNumberTypo()))
    assert counter.chime.played == ["refuse", "refuse"]
    assert counter.window.stack.currentWidget() is idle


def test_a_refused_stamp_says_why_and_when(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)
    counter.scan(card.qr_token)
    counter.key(Qt.Key.Key_F2)
    counter.wait_banner("confirmation")
    counter.clock.advance(timedelta(minutes=2))
    counter.key(Qt.Key.Key_F2)
    text = counter.wait_banner("refusal")
    assert "10:05" in text  # the next stamp, in store time (Paris, UTC+1)
    assert StampCooldown.code
    assert counter.services.lookup.card(card.card_id).stamp_count == 1


def test_an_amount_with_a_space_inside_is_refused_and_earns_nothing(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    card = enroll(counter)
    amount = counter.open_earn(card)
    counter.type(amount.amount, "12 50")
    counter.key(Qt.Key.Key_Return, amount.amount)
    counter.qtbot.waitUntil(lambda: amount.refusal.isVisible() and not amount.busy)
    assert "space" in amount.refusal.text().lower()
    assert counter.services.lookup.card(card.card_id).points_balance == 50


def test_a_usb_scanner_burst_into_the_amount_field_loads_the_card_and_leaves_no_digit(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    first, second = enroll(counter, 1), enroll(counter, 2)
    counter.scan(first.qr_token)
    counter.key(Qt.Key.Key_F3)
    amount = counter.dialog(AmountDialog)
    amount.amount.setFocus()
    counter.type(amount.amount, "7")  # the cashier had started typing
    left_in_field: list[str] = []  # read as the dialog closes (it is deleted afterwards)
    amount.finished.connect(lambda _code: left_in_field.append(amount.amount.text()))
    with counter.qtbot.waitSignal(counter.window.card_shown) as shown:
        counter.type_burst(second.card_number)
    assert left_in_field == ["7"]  # not one keystroke of the scan went in
    assert shown.args[0].card_id == second.card_id  # the new customer's card
    counter.no_dialog()
    assert counter.services.lookup.card(first.card_id).points_balance == 50  # nothing earned


def test_a_burst_on_the_idle_screen_finds_the_card_whatever_has_focus(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    card = enroll(counter)
    counter.window.settings_button.setFocus()
    with counter.qtbot.waitSignal(counter.window.card_shown) as shown:
        counter.type_burst(card.qr_token)
    assert shown.args[0].card_id == card.card_id
    assert counter.window.idle.search.text() == ""


def test_the_counter_returns_to_idle_by_itself_after_an_operation(
    make_counter: MakeCounter,
) -> None:
    from terminal.config import Settings

    counter = make_counter(settings=Settings(return_to_idle_seconds=1))
    card = enroll(counter)
    counter.scan(card.qr_token)
    counter.key(Qt.Key.Key_F2)
    counter.wait_banner("confirmation")
    with counter.qtbot.waitSignal(counter.window.returned_to_idle, timeout=5_000):
        pass
    assert counter.window.stack.currentWidget() is counter.window.idle
    assert counter.window.idle.search.hasFocus()


def test_escape_cancels_a_dialog_then_goes_back_to_idle(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)
    amount = counter.open_earn(card)
    counter.key(Qt.Key.Key_Escape, amount.amount)
    counter.no_dialog()
    assert counter.window.stack.currentWidget() is counter.window.card_screen
    counter.key(Qt.Key.Key_Escape)
    assert counter.window.stack.currentWidget() is counter.window.idle
    assert counter.window.idle.search.hasFocus()


def test_voids_switched_off_are_refused_in_words(make_counter: MakeCounter) -> None:
    counter = make_counter(seed_with(company=CompanyRules(allow_void_transactions=False)))
    card = enroll(counter)
    counter.scan(card.qr_token)
    counter.key(Qt.Key.Key_F6)
    text = counter.wait_banner("refusal")
    assert "switched off" in text
