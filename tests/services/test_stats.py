"""Store statistics: today, the last 7 and 30 store calendar days, this store only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from terminal.domain.ledger import TransactionType
from terminal.domain.rules import ProgramRules
from terminal.services.views import PeriodStats
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import add_remote_entry, paris

UNLIMITED = ProgramRules(max_daily_stamps=0, stamp_cooldown_minutes=0)
DAYS = [1, 7, 30]  # today, the last 7 and the last 30 store days


def _counts(period: PeriodStats) -> tuple[int, int, int, int, int]:
    return (
        period.stamps_given,
        period.points_earned,
        period.points_redeemed,
        period.rewards_redeemed,
        period.enrollments,
    )


def _stats(terminal: Terminal) -> list[tuple[int, int, int, int, int]]:
    return [_counts(p) for p in terminal.services.stats.store_stats().periods]


def test_empty_store(terminal: Terminal) -> None:
    stats = terminal.services.stats.store_stats()

    assert stats.vendor_name == "Main Street"
    assert [p.days for p in stats.periods] == DAYS
    assert all(str(p.since.tzinfo) == "Europe/Paris" for p in stats.periods)  # store time
    assert [p.since for p in stats.periods] == [
        paris(2026, 3, 10, 0, 0),
        paris(2026, 3, 4, 0, 0),
        paris(2026, 2, 9, 0, 0),
    ]
    assert _stats(terminal) == [(0, 0, 0, 0, 0)] * 3


def test_counts_of_one_day(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    first = terminal.enroll(1).card_id
    second = terminal.enroll(2).card_id
    stamps, points = terminal.services.stamps, terminal.services.points
    stamps.add_stamp(CASHIER, first, 2)
    stamps.add_stamp(CASHIER, second, 9)
    stamps.add_stamp(CASHIER, second, 1)
    points.earn(CASHIER, first, "12,50")  # 12
    points.earn(CASHIER, second, "300.00")  # 300
    points.redeem(MANAGER, second, 2)  # 250
    stamps.redeem_reward(MANAGER, second)

    # Points earned are purchase points: the welcome bonus is not a purchase.
    assert _stats(terminal) == [(12, 312, 250, 2, 2)] * 3


def test_periods_are_store_calendar_days(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    clock = terminal.clock
    clock.set(T0 - timedelta(days=40))
    card_id = terminal.enroll(1).card_id  # older than 30 days: nowhere
    for days_ago, stamps in ((29, 1), (30, 100), (7, 20), (6, 3), (1, 40), (0, 500)):
        clock.set(T0 - timedelta(days=days_ago))
        terminal.services.stamps.add_stamp(CASHIER, card_id, stamps)
    clock.set(T0)

    stamps_given = [p.stamps_given for p in terminal.services.stats.store_stats().periods]

    assert stamps_given == [500, 543, 564]
    assert [p.enrollments for p in terminal.services.stats.store_stats().periods] == [0, 0, 0]


def test_store_day_boundaries_are_paris_midnights(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    card_id = terminal.enroll(1).card_id
    stamp_times = {
        paris(2026, 3, 3, 23, 59, 59): 1,  # outside the last 7 days (March 4 to 10)
        paris(2026, 3, 4, 0, 0): 10,
        paris(2026, 3, 9, 23, 59, 59): 100,  # yesterday
        paris(2026, 3, 10, 0, 0): 1000,  # today, although March 9 in UTC
        paris(2026, 2, 8, 23, 59, 59): 10_000,  # outside the last 30 days (Feb 9 to Mar 10)
        paris(2026, 2, 9, 0, 0): 100_000,
    }
    for moment, count in stamp_times.items():
        terminal.clock.set(moment)
        terminal.services.stamps.add_stamp(CASHIER, card_id, count)
    terminal.clock.set(paris(2026, 3, 10, 23, 59, 59))

    stamps_given = [p.stamps_given for p in terminal.services.stats.store_stats().periods]

    assert stamps_given == [1000, 1110, 101_111]


def test_only_this_stores_entries_count(terminal: Terminal) -> None:
    card_id = terminal.enroll(1).card_id
    terminal.services.points.earn(CASHIER, card_id, "200.00")
    for type_, stamps, points in (
        (TransactionType.CARD_CREATED, 0, 0),
        (TransactionType.STAMP_EARNED, 2, 0),
        (TransactionType.POINTS_EARNED, 0, 40),
        (TransactionType.POINTS_REDEEMED, 0, -100),
        (TransactionType.STAMP_REDEEMED, 0, 0),
    ):
        add_remote_entry(
            terminal,
            card_id,
            type_,
            at=T0 - timedelta(hours=1),
            vendor_id=2,
            stamps_delta=stamps,
            points_delta=points,
        )

    assert _stats(terminal) == [(0, 200, 0, 0, 1)] * 3


def test_another_store_sees_its_own_figures(make_term: MakeTerminal) -> None:
    kiosk = make_term(seed_with(terminal_vendor_id=2))
    card_id = kiosk.enroll(1).card_id
    kiosk.services.points.earn(CASHIER, card_id, "20.00")

    stats = kiosk.services.stats.store_stats()

    assert stats.vendor_name == "Station Kiosk"
    assert [_counts(p) for p in stats.periods] == [(0, 20, 0, 0, 1)] * 3


def test_week_after_the_autumn_clock_change(make_term: MakeTerminal) -> None:
    # Summer time ended on Sunday 25 October 2026: the last 7 days run 22 to 28 October.
    terminal = make_term(start=datetime(2026, 10, 28, 10, 0, tzinfo=UTC))

    periods = terminal.services.stats.store_stats().periods

    assert periods[1].since == paris(2026, 10, 22, 0, 0)
    assert periods[2].since == paris(2026, 9, 29, 0, 0)


def test_week_after_the_spring_clock_change(make_term: MakeTerminal) -> None:
    # Summer time began on Sunday 29 March 2026: the last 7 days run 26 March to 1 April.
    terminal = make_term(seed_with(program=UNLIMITED), start=T0)
    card_id = terminal.enroll(1).card_id
    terminal.clock.set(paris(2026, 3, 25, 12, 0))  # eight store days before 1 April
    terminal.services.stamps.add_stamp(CASHIER, card_id, 5)
    terminal.clock.set(datetime(2026, 4, 1, 10, 0, tzinfo=UTC))

    periods = terminal.services.stats.store_stats().periods

    assert periods[1].since == paris(2026, 3, 26, 0, 0)
    assert periods[2].since == paris(2026, 3, 3, 0, 0)
    assert periods[1].stamps_given == 0
