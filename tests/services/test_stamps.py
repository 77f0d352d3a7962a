"""Stamps: N at a time, daily limit in store time, cooldown, reward at the target."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from terminal.domain.errors import (
    CardInactive,
    CrossLocationRedemption,
    InvalidStampCount,
    NotInProgram,
    PinRequired,
    ProgramInactive,
    StampCooldown,
    StampLimitReached,
    StampRewardNotReady,
    WrongPin,
)
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import CompanyRules, ProgramRules, ProgramType
from terminal.services.views import Actor
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import (
    PARIS,
    add_remote_entry,
    card_row,
    entry,
    ledger_types,
    paris,
    refused,
    set_card,
    set_program,
)

UNLIMITED = ProgramRules(max_daily_stamps=0, stamp_cooldown_minutes=0)


def _stamp(terminal: Terminal, card_id: str, count: int = 1):  # type: ignore[no-untyped-def]
    return terminal.services.stamps.add_stamp(CASHIER, card_id, count)


def _unlimited(make_term: MakeTerminal, stamps: int, **company: object) -> tuple[Terminal, str]:
    terminal = make_term(seed_with(program=UNLIMITED, company=CompanyRules(**company)))  # type: ignore[arg-type]
    card = terminal.enroll(1)
    if stamps:
        _stamp(terminal, card.card_id, stamps)
    return terminal, card.card_id


def test_one_stamp(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    result = _stamp(terminal, card.card_id)

    assert result.type is TransactionType.STAMP_EARNED
    assert (result.stamps_delta, result.points_delta) == (1, 0)
    assert (result.card.stamp_count, result.card.stamps_target) == (1, 10)
    assert result.card.stamp_count == 1
    assert result.card.pending_stamps == 1
    assert not result.card.stamp_reward_available
    row = entry(terminal, result.entry_id)
    assert (row.stamps_delta, row.points_delta, row.stamp_count_after) == (1, 0, 1)
    assert row.staff_id == CASHIER.staff_id
    assert row.transaction_at == T0
    assert card_row(terminal, card.card_id).total_stamps_earned == 1


def test_several_stamps_in_one_entry(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    result = _stamp(terminal, card.card_id, 3)

    assert result.stamps_delta == 3
    assert result.card.stamp_count == 3
    assert entry(terminal, result.entry_id).stamps_delta == 3
    assert ledger_types(terminal, card.card_id).count(TransactionType.STAMP_EARNED) == 1


def test_a_stamp_keeps_points_from_expiring(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.clock.advance(timedelta(days=100))

    result = _stamp(terminal, card.card_id)

    assert result.card.last_activity_at == T0 + timedelta(days=100)
    assert result.card.points_expire_on == (T0 + timedelta(days=465)).date()


def test_bad_stamp_counts_are_refused(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    for count, message in (
        (0, "at least one"),
        (-1, "at least one"),
        (True, "at least one"),
        ("2", "at least one"),
        (None, "at least one"),
        (1.0, "at least one"),
        (4, "At most 3 stamps can be given in a day"),
        (10**6, "At most 3 stamps"),
    ):
        with refused(terminal, InvalidStampCount, message, case=count):
            terminal.services.stamps.add_stamp(CASHIER, card.card_id, count)  # type: ignore[arg-type]


def test_daily_limit(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    for _ in range(3):
        _stamp(terminal, card.card_id)
        terminal.clock.advance(timedelta(minutes=5))

    with refused(
        terminal, StampLimitReached, r"limit reached \(3\)\. Next stamp possible tomorrow"
    ):
        _stamp(terminal, card.card_id)
    terminal.clock.advance(timedelta(hours=5))
    with refused(terminal, StampLimitReached) as info:
        _stamp(terminal, card.card_id)
    assert (info.value.limit, info.value.given_today) == (3, 3)


def test_daily_limit_says_how_many_are_left(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    _stamp(terminal, card.card_id, 2)
    terminal.clock.advance(timedelta(minutes=10))

    with refused(terminal, StampLimitReached, "only 1 more stamp possible today"):
        _stamp(terminal, card.card_id, 2)
    assert _stamp(terminal, card.card_id).card.stamp_count == 3


def test_daily_limit_resets_at_paris_midnight(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.clock.set(paris(2026, 3, 10, 23, 0))  # 22:00 UTC
    for _ in range(3):
        _stamp(terminal, card.card_id)
        terminal.clock.advance(timedelta(minutes=5))

    terminal.clock.set(paris(2026, 3, 10, 23, 59, 59))
    with refused(terminal, StampLimitReached):
        _stamp(terminal, card.card_id)

    terminal.clock.set(paris(2026, 3, 11, 0, 0))  # still 23:00 UTC on March 10
    assert terminal.clock.now().day == 10
    assert _stamp(terminal, card.card_id).card.stamp_count == 4


def test_utc_midnight_is_not_a_new_store_day(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.clock.set(paris(2026, 3, 11, 0, 10))  # 23:10 UTC on March 10
    for _ in range(3):
        _stamp(terminal, card.card_id)
        terminal.clock.advance(timedelta(minutes=5))

    terminal.clock.set(datetime(2026, 3, 11, 0, 30, tzinfo=UTC))  # a new UTC day, 01:30 Paris
    with refused(terminal, StampLimitReached, r"limit reached \(3\)"):
        _stamp(terminal, card.card_id)


def test_stamps_given_at_another_store_today_count(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    add_remote_entry(
        terminal,
        card.card_id,
        TransactionType.STAMP_EARNED,
        at=T0 - timedelta(hours=1),
        stamps_delta=2,
    )

    with refused(terminal, StampLimitReached, "only 1 more stamp"):
        _stamp(terminal, card.card_id, 2)
    assert _stamp(terminal, card.card_id).card.stamp_count == 3


def test_cooldown_gives_the_next_possible_store_local_time(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    _stamp(terminal, card.card_id)  # 10:00 in Paris, 09:00 UTC
    terminal.clock.advance(timedelta(minutes=4, seconds=59))

    with refused(
        terminal, StampCooldown, r"less than 5 minutes ago\. .* possible at 10:05\."
    ) as info:
        _stamp(terminal, card.card_id)
    assert info.value.next_possible_local == paris(2026, 3, 10, 10, 5)
    assert info.value.next_possible_local.utcoffset() == timedelta(hours=1)

    terminal.clock.advance(timedelta(seconds=1))
    assert _stamp(terminal, card.card_id).card.stamp_count == 2


def test_cooldown_time_in_summer_time(make_term: MakeTerminal) -> None:
    terminal = make_term(start=datetime(2026, 7, 1, 9, 0, tzinfo=UTC))  # 11:00 in Paris
    card = terminal.enroll(1)
    _stamp(terminal, card.card_id)
    terminal.clock.advance(timedelta(minutes=2))

    with refused(terminal, StampCooldown, "possible at 11:05"):
        _stamp(terminal, card.card_id)


def test_cooldown_counts_from_a_stamp_given_at_another_store(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    add_remote_entry(
        terminal,
        card.card_id,
        TransactionType.STAMP_EARNED,
        at=T0 - timedelta(minutes=2),
        stamps_delta=1,
    )

    with refused(terminal, StampCooldown, "possible at 10:03"):
        _stamp(terminal, card.card_id)


def test_cooldown_time_shown_is_never_earlier_than_the_real_end(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.clock.advance(timedelta(seconds=30))
    _stamp(terminal, card.card_id)  # 10:00:30 in Paris
    terminal.clock.set(paris(2026, 3, 10, 10, 5, 10))

    with refused(terminal, StampCooldown) as info:
        _stamp(terminal, card.card_id)

    # The cashier reads the time as a minute: it is rounded up, never naming a refused time.
    assert "possible at 10:06." in info.value.message
    terminal.clock.set(paris(2026, 3, 10, 10, 6))
    assert _stamp(terminal, card.card_id).card.stamp_count == 2


def test_no_limit_and_no_cooldown_when_switched_off(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 0)

    for _ in range(5):
        _stamp(terminal, card_id, 4)

    assert terminal.services.lookup.card(card_id).stamp_count == 20


def test_reward_becomes_available_at_the_target_over_several_days(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    result = None
    for day in range(4):
        terminal.clock.set(T0 + timedelta(days=day))
        for _ in range(3 if day < 3 else 1):
            result = _stamp(terminal, card.card_id)
            assert result.card.stamp_reward_available is (result.card.stamp_count >= 10)
            terminal.clock.advance(timedelta(minutes=5))

    assert result is not None
    assert result.card.stamp_count == 10
    assert result.card.stamp_reward_available
    assert result.stamps_delta == 1
    assert result.card.stamp_reward_description == "Free coffee"


def test_redeem_stamp_reward_subtracts_the_target(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 12)

    result = terminal.services.stamps.redeem_reward(MANAGER, card_id)

    assert result.type is TransactionType.STAMP_REDEEMED
    assert (result.stamps_delta, result.reward_description) == (-10, "Free coffee")
    assert result.card.stamp_count == 2
    assert not result.card.stamp_reward_available
    row = entry(terminal, result.entry_id)
    assert (row.stamps_delta, row.points_delta) == (-10, 0)
    assert row.reward_description == "Free coffee"
    assert row.staff_id == MANAGER.staff_id
    card = card_row(terminal, card_id)
    assert (card.total_stamps_earned, card.stamps_redeemed) == (12, 10)
    assert card.last_activity_at == T0


def test_custom_target_and_reward(make_term: MakeTerminal) -> None:
    program = ProgramRules(
        stamps_target=5,
        stamps_reward_description="Free pastry",
        max_daily_stamps=0,
        stamp_cooldown_minutes=0,
    )
    terminal = make_term(seed_with(program=program))
    card = terminal.enroll(1)

    added = _stamp(terminal, card.card_id, 5)
    redeemed = terminal.services.stamps.redeem_reward(CASHIER, card.card_id)

    assert (added.stamps_delta, added.card.stamps_target) == (5, 5)
    assert added.card.stamp_reward_available
    assert added.card.stamp_reward_description == "Free pastry"
    assert (redeemed.stamps_delta, redeemed.reward_description) == (-5, "Free pastry")
    assert redeemed.card.stamp_count == 0
    assert entry(terminal, redeemed.entry_id).reward_description == "Free pastry"


def test_stamp_reward_not_ready(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 9)

    with refused(terminal, StampRewardNotReady, r"needs 10 stamps; this card has 9 \(1 more"):
        terminal.services.stamps.redeem_reward(CASHIER, card_id)


def test_stamp_reward_needs_a_pin(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 10)

    with refused(terminal, PinRequired):
        terminal.services.stamps.redeem_reward(Actor(1), card_id)
    with refused(terminal, WrongPin, "4 attempts left"):
        terminal.services.stamps.redeem_reward(Actor(1, "9999"), card_id)


def test_cross_location_stamp_reward_refused_when_switched_off(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 20, allow_cross_location_redemption=False)
    set_card(terminal, card_id, enrolled_at_vendor_id=2)

    with refused(terminal, CrossLocationRedemption, "only redeem at the store where it was"):
        terminal.services.stamps.redeem_reward(CASHIER, card_id)
    # Earning still works everywhere.
    assert _stamp(terminal, card_id).card.stamp_count == 21

    set_card(terminal, card_id, enrolled_at_vendor_id=1)
    assert terminal.services.stamps.redeem_reward(CASHIER, card_id).card.stamp_count == 11


def test_cross_location_stamp_reward_allowed_by_default(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 10)
    set_card(terminal, card_id, enrolled_at_vendor_id=2)

    assert terminal.services.stamps.redeem_reward(CASHIER, card_id).card.stamp_count == 0


def test_inactive_card_gets_no_stamp_and_no_reward(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 10)
    number = terminal.services.cards.deactivate(MANAGER, card_id).card.card_number

    with refused(terminal, CardInactive, f"Card {number} is deactivated"):
        _stamp(terminal, card_id)
    with refused(terminal, CardInactive, "cannot earn or redeem"):
        terminal.services.stamps.redeem_reward(CASHIER, card_id)


def test_paused_program_gives_no_stamp_and_no_reward(make_term: MakeTerminal) -> None:
    terminal, card_id = _unlimited(make_term, 10)
    set_program(terminal, is_active=False)

    with refused(terminal, ProgramInactive, "paused"):
        _stamp(terminal, card_id)
    with refused(terminal, ProgramInactive):
        terminal.services.stamps.redeem_reward(CASHIER, card_id)


def test_points_only_program_has_no_stamps(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=ProgramRules(program_type=ProgramType.POINTS)))
    card = terminal.enroll(1)

    with refused(terminal, NotInProgram, "no stamps"):
        _stamp(terminal, card.card_id)
    with refused(terminal, NotInProgram, "no stamps"):
        terminal.services.stamps.redeem_reward(CASHIER, card.card_id)
    assert not terminal.services.lookup.card(card.card_id).stamp_reward_available


def test_stamp_times_are_stored_in_utc(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.clock.set(datetime(2026, 3, 10, 23, 30, tzinfo=PARIS))

    result = _stamp(terminal, card.card_id)

    stored = entry(terminal, result.entry_id).transaction_at
    assert stored.utcoffset() == timedelta(0)
    assert stored == datetime(2026, 3, 10, 22, 30, tzinfo=UTC)


def test_a_voided_stamp_does_not_use_up_the_daily_limit(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    given = _stamp(terminal, card.card_id, 3)  # the cashier typed 3 instead of 2
    terminal.clock.advance(timedelta(minutes=1))
    terminal.services.voids.void(MANAGER, card.card_id, given.entry_id, stamps=1)
    terminal.clock.advance(timedelta(minutes=10))

    assert _stamp(terminal, card.card_id).card.stamp_count == 3
