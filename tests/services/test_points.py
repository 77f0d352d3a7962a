"""Points: earning on purchases, the rewards catalogue, redemption and its refusals."""

from __future__ import annotations

from datetime import timedelta

from terminal.domain.errors import (
    BelowMinimumRedemption,
    CardInactive,
    CardNotFound,
    CrossLocationRedemption,
    InsufficientPoints,
    InvalidAmount,
    InvalidInput,
    NotInProgram,
    OfflineRedemptionLimit,
    PinLocked,
    PinRequired,
    ProgramInactive,
    RewardUnavailable,
    StaffNotFound,
    WrongPin,
)
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import CompanyRules, ProgramRules, ProgramType
from terminal.services.views import Actor, RewardOption
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import (
    REMOTE_TERMINAL_ID,
    add_foreign_card,
    add_remote_entry,
    card_row,
    entry,
    ledger,
    paris,
    refused,
    set_card,
    set_program,
    set_reward,
)

PASTRY, LUNCH, BEANS = 1, 2, 3


def _card_with(terminal: Terminal, balance: int, n: int = 1) -> str:
    """A card holding `balance` points (50 of them the welcome bonus)."""
    card = terminal.enroll(n)
    if balance > 50:
        terminal.services.points.earn(CASHIER, card.card_id, f"{balance - 50}.00")
    assert terminal.services.lookup.card(card.card_id).points_balance == balance
    return card.card_id


def _redeem(terminal: Terminal, card_id: str, reward_id: int, **kwargs: bool):  # type: ignore[no-untyped-def]
    return terminal.services.points.redeem(CASHIER, card_id, reward_id, **kwargs)


# --- earning --------------------------------------------------------------------------------


EARNINGS = [
    ("12,50", 1250, 12),
    ("12.50", 1250, 12),
    ("12.5", 1250, 12),
    ("12,99", 1299, 12),
    ("12", 1200, 12),
    ("12.", 1200, 12),
    (" 12.50 ", 1250, 12),
    ("+12.50", 1250, 12),
    ("0012.50", 1250, 12),
    ("0.99", 99, 0),
    ("0,01", 1, 0),
    ("10000.00", 1_000_000, 10_000),
]


def test_earn_points_floor_of_the_amount(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    balance = 50

    for typed, minor, points in EARNINGS:
        result = terminal.services.points.earn(CASHIER, card.card_id, typed)
        balance += points
        assert result.type is TransactionType.POINTS_EARNED
        assert result.card.points_balance == balance, typed
        row = entry(terminal, result.entry_id)
        assert (row.points_delta, row.purchase_amount) == (points, minor), typed
        assert row.staff_id == CASHIER.staff_id


def test_earn_message_and_balances(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.clock.advance(timedelta(days=30))

    result = terminal.services.points.earn(CASHIER, card.card_id, "12,50", order_reference="A-17")

    assert (result.points_delta, result.purchase_amount, result.card.points_balance) == (
        12,
        1250,
        62,
    )
    assert (result.stamps_delta, result.reward_description, result.shortfall) == (0, None, 0)
    assert result.card.pending_points == 62
    assert result.card.last_activity_at == T0 + timedelta(days=30)
    assert result.card.points_expire_on == (T0 + timedelta(days=395)).date()
    assert entry(terminal, result.entry_id).order_reference == "A-17"
    row = card_row(terminal, card.card_id)
    assert (row.total_points_earned, row.points_balance) == (62, 62)


def test_points_rate_is_applied_in_integer_minor_units(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=ProgramRules(points_per_currency_unit=3)))
    card = terminal.enroll(1)

    earned = [
        terminal.services.points.earn(CASHIER, card.card_id, amount).card.points_balance
        for amount in ("12.99", "0.33", "0.34", "19.99")
    ]

    # floor(12.99 x 3) = 38, floor(0.99) = 0, floor(1.02) = 1, floor(59.97) = 59
    assert earned == [88, 88, 89, 148]


BAD_AMOUNTS = [
    ("", "Type the purchase amount"),
    ("   ", "Type the purchase amount"),
    ("abc", "as a number"),
    ("12.5O", "as a number"),
    ("-5", "cannot be negative"),
    ("-0.01", "cannot be negative"),
    ("0", "more than zero"),
    ("0,00", "more than zero"),
    ("12.345", "at most two decimals"),
    ("1e3", "as a number"),
    ("12,500.00", "as a number"),
    ("12..5", "as a number"),
    ("NaN", "as a number"),
    ("inf", "as a number"),
    ("１２", "as a number"),
    ("10000.01", "above the maximum of 10,000.00"),
    ("99999999999999999999", "above the maximum of 10,000.00"),
    ("€12", "as a number"),
    # A space inside is ambiguous at a counter (12 50 was read as 1,250.00): refused.
    ("12 50", "ambiguous"),
    ("1 234,56", "without spaces"),
]


def test_bad_amounts_earn_nothing(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    for typed, message in BAD_AMOUNTS:
        with refused(terminal, InvalidAmount, message, case=typed):
            terminal.services.points.earn(CASHIER, card.card_id, typed)


def test_order_reference_is_checked(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    earn = terminal.services.points.earn

    with refused(terminal, InvalidInput, "at most 64 long"):
        earn(CASHIER, card.card_id, "10", order_reference="R" * 65)
    with refused(terminal, InvalidInput, "printable"):
        earn(CASHIER, card.card_id, "10", order_reference="R-1\x00")
    longest = earn(CASHIER, card.card_id, "10", order_reference="R" * 64)
    assert entry(terminal, longest.entry_id).order_reference == "R" * 64
    spaced = earn(CASHIER, card.card_id, "10", order_reference="  A   17 \t")
    assert entry(terminal, spaced.entry_id).order_reference == "A 17"
    blank = earn(CASHIER, card.card_id, "10", order_reference="   ")
    assert entry(terminal, blank.entry_id).order_reference is None


def test_earning_refused_on_a_deactivated_card_or_paused_program(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.services.cards.deactivate(MANAGER, card.card_id)

    with refused(terminal, CardInactive, f"Card {card.card_number} is deactivated"):
        terminal.services.points.earn(CASHIER, card.card_id, "10.00")

    terminal.services.cards.reactivate(MANAGER, card.card_id)
    set_program(terminal, is_active=False)
    with refused(terminal, ProgramInactive):
        terminal.services.points.earn(CASHIER, card.card_id, "10.00")


def test_stamps_only_program_earns_no_points(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=ProgramRules(program_type=ProgramType.STAMPS)))
    card = terminal.enroll(1)

    with refused(terminal, NotInProgram, "no points"):
        terminal.services.points.earn(CASHIER, card.card_id, "10.00")
    with refused(terminal, NotInProgram, "no points"):
        _redeem(terminal, card.card_id, PASTRY)


def test_earning_needs_a_known_card_and_staff(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    with refused(terminal, CardNotFound):
        terminal.services.points.earn(CASHIER, "no-such-card", "10.00")
    with refused(terminal, StaffNotFound, "Pick your name"):
        terminal.services.points.earn(Actor(99), card.card_id, "10.00")


# --- the catalogue --------------------------------------------------------------------------


def test_rewards_catalogue_with_reasons(terminal: Terminal) -> None:
    poor = _card_with(terminal, 50, n=1)
    middle = _card_with(terminal, 260, n=2)

    below = "below_minimum_redemption"
    low = {"balance": 50, "minimum": 100}
    assert terminal.services.points.rewards(poor) == [
        RewardOption(PASTRY, "Pastry of your choice", 100, False, below, low),
        RewardOption(LUNCH, "Lunch menu", 250, False, below, low),
        RewardOption(BEANS, "Coffee beans, 500 g", 500, False, below, low),
    ]
    options = terminal.services.points.rewards(middle)
    assert [(o.reward_id, o.available) for o in options] == [
        (PASTRY, True),
        (LUNCH, True),
        (BEANS, False),
    ]
    assert (options[0].reason, options[0].reason_params) == (None, {})
    assert options[2].reason == "insufficient_points"
    assert options[2].reason_params == {"balance": 260, "cost": 500, "missing": 240}


def test_inactive_rewards_are_not_offered(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 600)
    set_reward(terminal, LUNCH, is_active=False)

    assert [o.reward_id for o in terminal.services.points.rewards(card_id)] == [PASTRY, BEANS]


# --- redeeming ------------------------------------------------------------------------------


def test_redeem_a_reward(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 312)
    terminal.clock.advance(timedelta(hours=1))

    result = _redeem(terminal, card_id, LUNCH)

    assert result.type is TransactionType.POINTS_REDEEMED
    assert (result.points_delta, result.reward_description) == (-250, "Lunch menu")
    assert result.card.points_balance == 62
    assert result.card.last_activity_at == T0 + timedelta(hours=1)
    row = entry(terminal, result.entry_id)
    assert (row.points_delta, row.reward_id, row.reward_description) == (-250, LUNCH, "Lunch menu")
    assert row.authorized_online is False
    assert row.staff_id == CASHIER.staff_id
    card = card_row(terminal, card_id)
    assert (card.points_redeemed, card.total_points_earned) == (250, 312)


def test_redeem_the_whole_balance(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 100)

    assert _redeem(terminal, card_id, PASTRY).card.points_balance == 0


def test_redeem_below_the_minimum(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 99)

    with refused(terminal, BelowMinimumRedemption, "from 100 points on; this card has 99"):
        _redeem(terminal, card_id, PASTRY)


def test_minimum_applies_even_to_a_cheaper_reward(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=ProgramRules(minimum_redemption_points=300)))
    card_id = _card_with(terminal, 260)

    with refused(terminal, BelowMinimumRedemption, "from 300 points on; this card has 260"):
        _redeem(terminal, card_id, LUNCH)
    reasons = {
        o.reward_id: (o.reason, o.reason_params) for o in terminal.services.points.rewards(card_id)
    }
    assert reasons[LUNCH] == ("below_minimum_redemption", {"balance": 260, "minimum": 300})


def test_redeem_with_insufficient_points(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 150)

    with refused(terminal, InsufficientPoints, r"costs 250 and the card has 150 \(100 missing\)"):
        _redeem(terminal, card_id, LUNCH)


def test_redeem_an_inactive_reward(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 600)
    set_reward(terminal, LUNCH, is_active=False)

    with refused(terminal, RewardUnavailable, "The reward 'Lunch menu' is not offered any more"):
        _redeem(terminal, card_id, LUNCH)


def test_redeem_an_unknown_reward(terminal: Terminal) -> None:
    add_foreign_card(terminal, 50_000_000_000)  # its company has reward 50
    card_id = _card_with(terminal, 600)

    for reward_id in (0, -1, 4, 99, 50, "1", None, 1.0):
        with refused(
            terminal, RewardUnavailable, "This reward is not offered any more", case=reward_id
        ):
            _redeem(terminal, card_id, reward_id)  # type: ignore[arg-type]


def test_redeem_refused_on_a_deactivated_card(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 600)
    terminal.services.cards.deactivate(MANAGER, card_id)

    with refused(terminal, CardInactive, "cannot earn or redeem"):
        _redeem(terminal, card_id, PASTRY)


def test_cross_location_points_redemption(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(company=CompanyRules(allow_cross_location_redemption=False)))
    card_id = _card_with(terminal, 600)
    set_card(terminal, card_id, enrolled_at_vendor_id=2)

    with refused(terminal, CrossLocationRedemption, "store where it was enrolled"):
        _redeem(terminal, card_id, PASTRY)

    set_card(terminal, card_id, enrolled_at_vendor_id=1)
    assert _redeem(terminal, card_id, PASTRY).card.points_balance == 500


def test_cross_location_allowed_by_default(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 600)
    set_card(terminal, card_id, enrolled_at_vendor_id=2)

    assert _redeem(terminal, card_id, PASTRY).card.points_balance == 500


# --- the offline limit ----------------------------------------------------------------------


def test_offline_daily_limit(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 1050)

    _redeem(terminal, card_id, LUNCH)
    terminal.clock.advance(timedelta(minutes=1))
    _redeem(terminal, card_id, LUNCH)
    terminal.clock.advance(timedelta(minutes=1))
    with refused(terminal, OfflineRedemptionLimit, r"at most 500 points a day .*\(0 left today\)"):
        _redeem(terminal, card_id, PASTRY)

    assert terminal.services.lookup.card(card_id).points_balance == 550


def test_offline_limit_says_what_is_left(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 1050)
    _redeem(terminal, card_id, LUNCH)
    _redeem(terminal, card_id, PASTRY)

    with refused(terminal, OfflineRedemptionLimit, r"\(150 left today\)"):
        _redeem(terminal, card_id, LUNCH)
    assert _redeem(terminal, card_id, PASTRY).card.points_balance == 600


def test_offline_limit_is_per_store_day(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 1550)
    terminal.clock.set(paris(2026, 3, 10, 23, 0))
    _redeem(terminal, card_id, LUNCH)
    _redeem(terminal, card_id, LUNCH)

    terminal.clock.set(paris(2026, 3, 10, 23, 59, 59))
    with refused(terminal, OfflineRedemptionLimit):
        _redeem(terminal, card_id, PASTRY)

    terminal.clock.set(paris(2026, 3, 11, 0, 0))  # 23:00 UTC, still March 10 in UTC
    assert _redeem(terminal, card_id, BEANS).card.points_balance == 550


def test_offline_limit_is_per_card(terminal: Terminal) -> None:
    first = _card_with(terminal, 600, n=1)
    second = _card_with(terminal, 600, n=2)
    _redeem(terminal, first, BEANS)

    assert _redeem(terminal, second, BEANS).card.points_balance == 100


def test_online_authorised_redemption_bypasses_the_offline_limit(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 1550)
    _redeem(terminal, card_id, BEANS)

    online = _redeem(terminal, card_id, BEANS, authorized_online=True)

    assert entry(terminal, online.entry_id).authorized_online is True
    # Online redemptions do not use up the offline allowance either.
    with refused(terminal, OfflineRedemptionLimit):
        _redeem(terminal, card_id, PASTRY)
    assert _redeem(terminal, card_id, BEANS, authorized_online=True).card.points_balance == 50


def test_online_authorised_redemption_keeps_every_other_rule(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 150)

    with refused(terminal, InsufficientPoints):
        _redeem(terminal, card_id, LUNCH, authorized_online=True)
    with refused(terminal, PinRequired):
        terminal.services.points.redeem(Actor(1), card_id, PASTRY, authorized_online=True)


def test_offline_limit_counts_only_this_terminal(terminal: Terminal) -> None:
    """Other terminals' redemptions reach the server; the local cap is per terminal."""
    card_id = _card_with(terminal, 1550)
    add_remote_entry(
        terminal,
        card_id,
        TransactionType.POINTS_REDEEMED,
        at=T0 + timedelta(minutes=1),
        points_delta=-500,
        reward_id=BEANS,
        reward_description="Coffee beans, 500 g",
    )
    terminal.clock.advance(timedelta(minutes=2))

    assert _redeem(terminal, card_id, BEANS).card.points_balance == 550
    assert {e.terminal_id for e in ledger(terminal, card_id)} == {
        terminal.terminal_id,
        REMOTE_TERMINAL_ID,
    }


def test_company_offline_limit_setting(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(company=CompanyRules(offline_redemption_limit_points=100)))
    card_id = _card_with(terminal, 600)

    with refused(terminal, OfflineRedemptionLimit, r"at most 100 points .*\(100 left today\)"):
        _redeem(terminal, card_id, LUNCH)
    _redeem(terminal, card_id, PASTRY)


# --- PIN for redemption ---------------------------------------------------------------------


def test_redeem_needs_a_pin(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 600)

    with refused(terminal, PinRequired, "Pick your name and type your PIN"):
        terminal.services.points.redeem(Actor(1), card_id, PASTRY)
    with refused(terminal, PinRequired):
        terminal.services.points.redeem(Actor(1, ""), card_id, PASTRY)


def test_wrong_pins_count_down_then_lock_the_staff_member(terminal: Terminal) -> None:
    card_id = _card_with(terminal, 600)
    wrong = Actor(1, "1111")

    for left in (4, 3, 2):
        with refused(terminal, WrongPin, f"{left} attempts left") as info:
            terminal.services.points.redeem(wrong, card_id, PASTRY)
        assert info.value.remaining_attempts == left
    with refused(terminal, WrongPin, "1 attempt left before"):
        terminal.services.points.redeem(wrong, card_id, PASTRY)
    with refused(terminal, WrongPin, "This PIN is now locked"):
        terminal.services.points.redeem(wrong, card_id, PASTRY)

    with refused(terminal, PinLocked, "until 2026-03-10 10:30"):
        terminal.services.points.redeem(CASHIER, card_id, PASTRY)
    # The lock is per staff member: the manager can still redeem.
    assert terminal.services.points.redeem(MANAGER, card_id, PASTRY).card.points_balance == 500

    terminal.clock.advance(timedelta(minutes=29, seconds=59))
    with refused(terminal, PinLocked):
        terminal.services.points.redeem(CASHIER, card_id, PASTRY)
    terminal.clock.advance(timedelta(seconds=1))
    assert terminal.services.points.redeem(CASHIER, card_id, PASTRY).card.points_balance == 400
