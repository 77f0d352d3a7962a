"""Stamp rules: count, daily limit in the store's calendar day, cooldown, reward readiness."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from terminal.domain.clock import store_day_bounds
from terminal.domain.errors import (
    CardInactive,
    InvalidStampCount,
    NotInProgram,
    ProgramInactive,
    StampCooldown,
    StampLimitReached,
    StampRewardNotReady,
)
from terminal.domain.rules import ProgramRules, ProgramType
from terminal.domain.stamps import (
    check_card_usable,
    check_stamp,
    check_stamp_redemption,
    stamp_reward_available,
)

PARIS = "Europe/Paris"
DEFAULT = ProgramRules()  # hybrid, target 10, 3 a day, 5 min cooldown
NOW = datetime(2024, 1, 15, 10, 0, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def stamp(
    *,
    program: ProgramRules = DEFAULT,
    count: int = 1,
    stamps_today: int = 0,
    last_stamp_at: datetime | None = None,
    now: datetime = NOW,
    store_tz: str = PARIS,
) -> None:
    check_stamp(
        program=program,
        count=count,
        stamps_today=stamps_today,
        last_stamp_at=last_stamp_at,
        now=now,
        store_tz=store_tz,
    )


def stamps_today(stamp_times: list[datetime], now: datetime, store_tz: str) -> int:
    """What the store layer counts: stamps inside the store's calendar day of `now`."""
    start, end = store_day_bounds(now, store_tz)
    return sum(1 for t in stamp_times if start <= t < end)


# --- card and program usable ------------------------------------------------------------------


def test_card_usable_when_both_active() -> None:
    check_card_usable(card_active=True, card_number_shown="1234-5678-9015", program=DEFAULT)


def test_inactive_card_is_refused_with_its_number() -> None:
    with pytest.raises(CardInactive) as info:
        check_card_usable(card_active=False, card_number_shown="1234-5678-9015", program=DEFAULT)
    assert "Card 1234-5678-9015 is deactivated" in info.value.message
    assert "manager can reactivate" in info.value.message


def test_inactive_program_is_refused_first() -> None:
    paused = ProgramRules(is_active=False)
    with pytest.raises(ProgramInactive, match="paused"):
        check_card_usable(card_active=False, card_number_shown="1234-5678-9015", program=paused)


# --- count ----------------------------------------------------------------------------------


def test_first_stamp_is_allowed() -> None:
    stamp()


@pytest.mark.parametrize("count", [1, 2, 3])
def test_up_to_the_daily_maximum_at_once(count: int) -> None:
    stamp(count=count)


@pytest.mark.parametrize("count", [0, -1, -100, True, False, 1.0, "1", None])
def test_invalid_stamp_counts(count: object) -> None:
    with pytest.raises(InvalidStampCount, match="Give at least one stamp"):
        stamp(count=count)  # type: ignore[arg-type]


def test_count_above_the_daily_maximum_is_invalid() -> None:
    with pytest.raises(InvalidStampCount) as info:
        stamp(count=4)
    assert info.value.message == "At most 3 stamps can be given in a day."


def test_no_daily_maximum_when_set_to_zero() -> None:
    unlimited = ProgramRules(max_daily_stamps=0)
    stamp(program=unlimited, count=50, stamps_today=100)


def test_points_only_program_refuses_stamps() -> None:
    points_only = ProgramRules(program_type=ProgramType.POINTS)
    with pytest.raises(NotInProgram) as info:
        stamp(program=points_only)
    assert info.value.message == "This loyalty program has no stamps."


@pytest.mark.parametrize("kind", [ProgramType.STAMPS, ProgramType.HYBRID])
def test_stamp_programs_allow_stamps(kind: ProgramType) -> None:
    stamp(program=ProgramRules(program_type=kind))


# --- daily limit ----------------------------------------------------------------------------


def test_daily_limit_reached() -> None:
    with pytest.raises(StampLimitReached) as info:
        stamp(stamps_today=3)
    error = info.value
    assert error.message == "Daily stamp limit reached (3). Next stamp possible tomorrow."
    assert (error.limit, error.given_today) == (3, 3)
    assert error.code == "stamp_daily_limit"


@pytest.mark.parametrize(
    ("today", "count", "text"),
    [
        (2, 2, "only 1 more stamp possible today"),
        (1, 3, "only 2 more stamps possible today"),
    ],
)
def test_daily_limit_says_how_many_are_left(today: int, count: int, text: str) -> None:
    with pytest.raises(StampLimitReached) as info:
        stamp(stamps_today=today, count=count)
    assert text in info.value.message
    assert "Daily stamp limit is 3" in info.value.message


def test_daily_limit_exactly_reached_is_allowed() -> None:
    stamp(stamps_today=2, count=1)
    stamp(stamps_today=1, count=2)


@given(st.integers(0, 10), st.integers(1, 10), st.integers(1, 10))
def test_daily_limit_property(today: int, count: int, limit: int) -> None:
    program = ProgramRules(max_daily_stamps=limit, stamp_cooldown_minutes=0)
    try:
        stamp(program=program, count=count, stamps_today=today)
    except InvalidStampCount:
        assert count > limit
    except StampLimitReached:
        assert count <= limit < today + count
    else:
        assert today + count <= limit


def test_daily_limit_resets_at_store_midnight_not_utc_midnight() -> None:
    evening = [utc(2024, 1, 15, 20, 0), utc(2024, 1, 15, 21, 0), utc(2024, 1, 15, 22, 30)]
    now = utc(2024, 1, 15, 23, 10)  # 00:10 on the 16th in Paris, still the 15th in UTC

    paris_count = stamps_today(evening, now, PARIS)
    assert paris_count == 0
    stamp(stamps_today=paris_count, last_stamp_at=evening[-1], now=now)

    utc_count = stamps_today(evening, now, "UTC")
    assert utc_count == 3
    with pytest.raises(StampLimitReached):
        stamp(stamps_today=utc_count, last_stamp_at=evening[-1], now=now, store_tz="UTC")


def test_stamps_after_store_midnight_count_for_the_new_store_day() -> None:
    after_midnight = [utc(2024, 1, 14, 23, 10), utc(2024, 1, 14, 23, 20), utc(2024, 1, 14, 23, 40)]
    now = utc(2024, 1, 15, 10, 0)
    assert stamps_today(after_midnight, now, "UTC") == 0
    count = stamps_today(after_midnight, now, PARIS)
    assert count == 3
    with pytest.raises(StampLimitReached):
        stamp(stamps_today=count, last_stamp_at=after_midnight[-1], now=now)


def test_daily_limit_on_the_23_hour_spring_forward_day() -> None:
    # 2024-03-31 in Paris runs from 23:00 UTC (30th) to 22:00 UTC (31st).
    given_ = [utc(2024, 3, 30, 23, 30), utc(2024, 3, 31, 21, 30)]  # 00:30 CET, 23:30 CEST
    now = utc(2024, 3, 31, 21, 50)
    count = stamps_today(given_, now, PARIS)
    assert count == 2
    stamp(stamps_today=count, last_stamp_at=given_[-1], now=now)
    with pytest.raises(StampLimitReached):
        stamp(stamps_today=count, count=2, last_stamp_at=given_[-1], now=now)
    next_day = utc(2024, 3, 31, 22, 10)  # 00:10 CEST on 1 April
    assert stamps_today(given_, next_day, PARIS) == 0


def test_daily_limit_on_the_25_hour_fall_back_day() -> None:
    # 2024-10-27 in Paris runs from 22:00 UTC (26th) to 23:00 UTC (27th).
    given_ = [
        utc(2024, 10, 26, 22, 30),  # 00:30 CEST
        utc(2024, 10, 27, 0, 30),  # 02:30 CEST, first pass
        utc(2024, 10, 27, 22, 30),  # 23:30 CET
    ]
    now = utc(2024, 10, 27, 22, 45)  # 23:45 CET, same store day, 24h15 after the first
    count = stamps_today(given_, now, PARIS)
    assert count == 3
    with pytest.raises(StampLimitReached):
        stamp(stamps_today=count, last_stamp_at=given_[-1], now=now)
    assert stamps_today(given_, utc(2024, 10, 27, 23, 0), PARIS) == 0  # midnight: a new day


def test_daily_limit_is_checked_before_the_cooldown() -> None:
    with pytest.raises(StampLimitReached):
        stamp(stamps_today=3, last_stamp_at=NOW - timedelta(minutes=1))


# --- cooldown -------------------------------------------------------------------------------


def test_cooldown_refuses_with_next_possible_store_time() -> None:
    last = utc(2024, 1, 15, 10, 0)
    with pytest.raises(StampCooldown) as info:
        stamp(stamps_today=1, last_stamp_at=last, now=last + timedelta(minutes=4, seconds=59))
    error = info.value
    assert error.code == "stamp_cooldown"
    assert "less than 5 minutes ago" in error.message
    assert "Next stamp possible at 11:05." in error.message  # Paris, UTC+1 in January
    assert error.next_possible_local == datetime(2024, 1, 15, 11, 5, tzinfo=ZoneInfo(PARIS))
    assert error.next_possible_local.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("store_tz", "shown"),
    [("UTC", "10:05"), (PARIS, "12:05"), ("America/New_York", "06:05"), ("Asia/Kolkata", "15:35")],
)
def test_cooldown_message_uses_the_store_zone(store_tz: str, shown: str) -> None:
    last = utc(2024, 7, 15, 10, 0)
    with pytest.raises(StampCooldown) as info:
        stamp(last_stamp_at=last, now=last + timedelta(minutes=1), store_tz=store_tz)
    assert f"Next stamp possible at {shown}." in info.value.message


def test_cooldown_across_store_midnight_still_applies() -> None:
    last = utc(2024, 1, 15, 22, 58)  # 23:58 in Paris
    now = utc(2024, 1, 15, 23, 1)  # 00:01 next store day
    with pytest.raises(StampCooldown, match="at 00:03"):
        stamp(stamps_today=0, last_stamp_at=last, now=now)


def test_cooldown_ends_exactly_at_the_minute() -> None:
    last = utc(2024, 1, 15, 10, 0)
    stamp(stamps_today=1, last_stamp_at=last, now=last + timedelta(minutes=5))
    stamp(stamps_today=1, last_stamp_at=last, now=last + timedelta(hours=2))
    with pytest.raises(StampCooldown):
        stamp(stamps_today=1, last_stamp_at=last, now=last + timedelta(minutes=5, microseconds=-1))


def test_no_cooldown_when_set_to_zero() -> None:
    program = ProgramRules(stamp_cooldown_minutes=0)
    stamp(program=program, stamps_today=1, last_stamp_at=NOW, now=NOW)


def test_cooldown_compares_instants_whatever_zone_they_carry() -> None:
    last_paris = datetime(2024, 1, 15, 11, 0, tzinfo=ZoneInfo(PARIS))  # 10:00 UTC
    with pytest.raises(StampCooldown):
        stamp(last_stamp_at=last_paris, now=utc(2024, 1, 15, 10, 3))
    stamp(last_stamp_at=last_paris, now=utc(2024, 1, 15, 10, 5))


@pytest.mark.parametrize("which", ["now", "last_stamp_at"])
def test_naive_datetimes_are_refused(which: str) -> None:
    naive = utc(2024, 1, 15, 10, 0).replace(tzinfo=None)
    kwargs = {"now": NOW, "last_stamp_at": NOW - timedelta(hours=1), which: naive}
    with pytest.raises(ValueError, match="naive"):
        stamp(**kwargs)  # type: ignore[arg-type]


def test_cooldown_message_never_names_a_time_that_is_still_refused() -> None:
    last = utc(2024, 1, 15, 10, 0, 30)
    with pytest.raises(StampCooldown) as info:
        stamp(stamps_today=1, last_stamp_at=last, now=last + timedelta(minutes=1))
    hour, minute = map(int, re.search(r"at (\d\d):(\d\d)\.", info.value.message).groups())
    shown = datetime(2024, 1, 15, hour, minute, tzinfo=ZoneInfo(PARIS))
    stamp(stamps_today=1, last_stamp_at=last, now=shown.astimezone(UTC))  # must not raise


# --- reward ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "ready"), [(0, False), (9, False), (10, True), (11, True)])
def test_stamp_reward_available(count: int, ready: bool) -> None:
    assert stamp_reward_available(DEFAULT, count) is ready


def test_stamp_reward_never_available_without_stamps_or_target() -> None:
    assert not stamp_reward_available(ProgramRules(program_type=ProgramType.POINTS), 50)
    assert not stamp_reward_available(ProgramRules(stamps_target=0), 50)
    assert stamp_reward_available(ProgramRules(program_type=ProgramType.STAMPS), 10)


def test_stamp_redemption_ready() -> None:
    check_stamp_redemption(program=DEFAULT, stamp_count=10)
    check_stamp_redemption(program=DEFAULT, stamp_count=25)


def test_stamp_redemption_not_ready_says_how_many_are_missing() -> None:
    with pytest.raises(StampRewardNotReady) as info:
        check_stamp_redemption(program=DEFAULT, stamp_count=7)
    assert info.value.message == (
        "The stamp reward needs 10 stamps; this card has 7 (3 more to go)."
    )


def test_stamp_redemption_in_points_only_program() -> None:
    with pytest.raises(NotInProgram, match="no stamps"):
        check_stamp_redemption(
            program=ProgramRules(program_type=ProgramType.POINTS), stamp_count=10
        )


def test_a_program_without_a_stamp_target_has_no_stamp_reward() -> None:
    program = ProgramRules(stamps_target=0)
    with pytest.raises(NotInProgram):
        check_stamp_redemption(program=program, stamp_count=0)
