"""The manager's Activity view, local part: this store's figures and its day-by-day series
from entries written through the real services, on store calendar days (DST included).
The company part against the real server: tests/sync/test_activity_online.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from terminal.domain.activity import ActivityFigures
from terminal.domain.errors import InvalidInput
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import ProgramRules
from terminal.services.views import ActivityDay, ActivityView
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import add_remote_entry, paris

UNLIMITED = ProgramRules(max_daily_stamps=0, stamp_cooldown_minutes=0)


def _day(view: ActivityView, day: date) -> ActivityDay:
    return next(item for item in view.series if item.day == day)


def _quiet(day: date) -> ActivityDay:
    return ActivityDay(day, 0, 0, 0, 0, 0)


def test_the_figures_and_the_series_of_a_week(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    clock = terminal.clock
    stamps, points = terminal.services.stamps, terminal.services.points
    clock.set(paris(2026, 3, 4, 8, 0))  # six days ago: the first day of the week
    first = terminal.enroll(1).card_id
    stamps.add_stamp(CASHIER, first, 2)
    clock.set(paris(2026, 3, 7, 23, 59, 59))  # Saturday's last second (UTC: 22:59)
    points.earn(CASHIER, first, "300.00")
    clock.set(paris(2026, 3, 8, 0, 0))  # Sunday's first
    points.redeem(MANAGER, first, 2)  # 250 points
    clock.set(paris(2026, 3, 10, 9, 0))  # today
    second = terminal.enroll(2).card_id
    stamps.add_stamp(CASHIER, second, 10)
    stamps.redeem_reward(MANAGER, second)
    clock.set(paris(2026, 3, 10, 18, 0))

    view = terminal.services.activity.activity(7)

    assert view.days == 7
    assert view.vendor_name == "Main Street"
    assert view.since == paris(2026, 3, 4, 0, 0)
    assert str(view.since.tzinfo) == "Europe/Paris"  # store time
    assert [item.day for item in view.series] == [date(2026, 3, d) for d in range(4, 11)]
    assert view.series == [
        ActivityDay(date(2026, 3, 4), 2, 0, 0, 0, 1),
        _quiet(date(2026, 3, 5)),
        _quiet(date(2026, 3, 6)),
        ActivityDay(date(2026, 3, 7), 0, 300, 0, 0, 0),
        ActivityDay(date(2026, 3, 8), 0, 0, 250, 1, 0),
        _quiet(date(2026, 3, 9)),
        ActivityDay(date(2026, 3, 10), 10, 0, 0, 1, 1),
    ]
    assert view.store == ActivityFigures(12, 300, 250, 2, 2)
    assert view.company is None
    assert view.company_unavailable_reason == "no_server"  # this bundle has no server


def test_today_and_thirty_days_agree_with_the_store_statistics(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    clock = terminal.clock
    clock.set(T0 - timedelta(days=40))
    card_id = terminal.enroll(1).card_id  # older than 30 days: nowhere
    for days_ago, count in ((29, 1), (30, 100), (7, 20), (6, 3), (1, 40), (0, 500)):
        clock.set(T0 - timedelta(days=days_ago))
        terminal.services.stamps.add_stamp(CASHIER, card_id, count)
        terminal.services.points.earn(CASHIER, card_id, "10")
    clock.set(T0)

    activity = terminal.services.activity
    views = {days: activity.activity(days) for days in (1, 7, 30)}
    periods = {p.days: p for p in terminal.services.stats.store_stats().periods}

    assert [len(views[days].series) for days in (1, 7, 30)] == [1, 7, 30]
    for days, view in views.items():
        period = periods[days]
        assert view.since == period.since
        assert view.store == ActivityFigures(
            period.stamps_given,
            period.points_earned,
            period.points_redeemed,
            period.rewards_redeemed,
            period.enrollments,
        )
        assert sum(item.stamps_given for item in view.series) == period.stamps_given
    assert views[1].store.stamps_given == 500
    assert views[30].store.stamps_given == 564
    assert views[30].series[0] == ActivityDay(date(2026, 2, 9), 1, 10, 0, 0, 0)


def test_the_spring_clock_change_day_has_23_hours(make_term: MakeTerminal) -> None:
    # Summer time began on Sunday 29 March 2026 at 02:00 in Paris.
    terminal = make_term(seed_with(program=UNLIMITED), start=paris(2026, 3, 26, 9, 0))
    card_id = terminal.enroll(1).card_id
    stamp_times = {
        paris(2026, 3, 28, 23, 59, 59): 1,  # Saturday (22:59:59 UTC)
        paris(2026, 3, 29, 0, 0): 10,  # Sunday, winter time (Sat 23:00 UTC)
        paris(2026, 3, 29, 23, 59, 59): 100,  # Sunday, summer time (21:59:59 UTC)
        paris(2026, 3, 30, 0, 0): 1000,  # Monday (Sun 22:00 UTC)
    }
    for moment, count in stamp_times.items():
        terminal.clock.set(moment)
        terminal.services.stamps.add_stamp(CASHIER, card_id, count)
    terminal.clock.set(datetime(2026, 4, 1, 10, 0, tzinfo=UTC))

    view = terminal.services.activity.activity(7)

    assert view.since == paris(2026, 3, 26, 0, 0)
    assert [item.stamps_given for item in view.series] == [0, 0, 1, 110, 1000, 0, 0]
    assert _day(view, date(2026, 3, 26)).enrollments == 1


def test_the_autumn_clock_change_day_has_25_hours(make_term: MakeTerminal) -> None:
    # Summer time ended on Sunday 25 October 2026 at 03:00 in Paris.
    terminal = make_term(seed_with(program=UNLIMITED), start=paris(2026, 10, 24, 9, 0))
    card_id = terminal.enroll(1).card_id
    for moment, count in {
        paris(2026, 10, 25, 0, 0): 1,  # Sunday, summer time (Sat 22:00 UTC)
        datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC): 10,  # Sunday 23:59:59, winter time
        datetime(2026, 10, 25, 23, 0, tzinfo=UTC): 100,  # Monday 00:00
    }.items():
        terminal.clock.set(moment)
        terminal.services.stamps.add_stamp(CASHIER, card_id, count)
    terminal.clock.set(paris(2026, 10, 26, 12, 0))

    view = terminal.services.activity.activity(7)

    assert [(item.day.day, item.stamps_given) for item in view.series[-3:]] == [
        (24, 0),
        (25, 11),
        (26, 100),
    ]


def test_only_this_stores_entries_count(terminal: Terminal) -> None:
    card_id = terminal.enroll(1).card_id
    add_remote_entry(
        terminal,
        card_id,
        TransactionType.POINTS_EARNED,
        at=T0 - timedelta(hours=1),
        vendor_id=2,
        points_delta=40,
    )

    view = terminal.services.activity.activity(1)

    assert view.store == ActivityFigures(0, 0, 0, 0, 1)


@pytest.mark.parametrize("days", [5, 0, -1, 31, 365, True, "7", 7.0, None])
def test_other_periods_are_refused(terminal: Terminal, days: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        terminal.services.activity.activity(days)  # type: ignore[arg-type]
    assert refused.value.key == "activity_days_invalid"
    assert refused.value.params["allowed"] == (1, 7, 30)
