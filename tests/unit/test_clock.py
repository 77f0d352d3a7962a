"""Store calendar days and UTC discipline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.clock import (
    SystemClock,
    require_utc,
    store_date,
    store_day_bounds,
    to_store_time,
)

PARIS = "Europe/Paris"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_require_utc_refuses_naive() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        require_utc(utc(2024, 1, 15, 10, 0).replace(tzinfo=None))


def test_require_utc_converts_other_zones_to_utc() -> None:
    paris_noon_summer = datetime(2024, 7, 1, 12, 0, tzinfo=ZoneInfo(PARIS))
    result = require_utc(paris_noon_summer)
    assert result == utc(2024, 7, 1, 10, 0)
    assert result.tzinfo is UTC
    assert result.hour == 10


def test_require_utc_keeps_utc() -> None:
    moment = utc(2024, 1, 15, 10, 0, 30)
    assert require_utc(moment) == moment


def test_system_clock_is_timezone_aware_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(0)


def test_day_bounds_ordinary_winter_day_in_paris() -> None:
    start, end = store_day_bounds(utc(2024, 1, 15, 12, 0), PARIS)
    assert (start, end) == (utc(2024, 1, 14, 23, 0), utc(2024, 1, 15, 23, 0))
    assert start.tzinfo is UTC
    assert end.tzinfo is UTC


def test_day_bounds_summer_day_in_paris() -> None:
    start, end = store_day_bounds(utc(2024, 7, 1, 12, 0), PARIS)
    assert (start, end) == (utc(2024, 6, 30, 22, 0), utc(2024, 7, 1, 22, 0))


def test_day_bounds_near_midnight_follow_the_store_not_utc() -> None:
    late_utc = utc(2024, 1, 15, 23, 30)  # already 00:30 on the 16th in Paris
    assert store_day_bounds(late_utc, PARIS) == (utc(2024, 1, 15, 23, 0), utc(2024, 1, 16, 23, 0))
    assert store_day_bounds(late_utc, "UTC") == (utc(2024, 1, 15), utc(2024, 1, 16))
    assert store_date(late_utc, PARIS) == date(2024, 1, 16)
    assert store_date(late_utc, "UTC") == date(2024, 1, 15)


def test_day_bounds_west_of_utc() -> None:
    early_utc = utc(2024, 1, 15, 3, 0)  # still the 14th, 22:00, in New York
    start, end = store_day_bounds(early_utc, "America/New_York")
    assert (start, end) == (utc(2024, 1, 14, 5, 0), utc(2024, 1, 15, 5, 0))


def test_spring_forward_day_has_23_hours() -> None:
    start, end = store_day_bounds(utc(2024, 3, 31, 12, 0), PARIS)
    assert start == utc(2024, 3, 30, 23, 0)  # midnight CET (+01:00)
    assert end == utc(2024, 3, 31, 22, 0)  # midnight CEST (+02:00)
    assert end - start == timedelta(hours=23)


def test_fall_back_day_has_25_hours() -> None:
    start, end = store_day_bounds(utc(2024, 10, 27, 12, 0), PARIS)
    assert start == utc(2024, 10, 26, 22, 0)
    assert end == utc(2024, 10, 27, 23, 0)
    assert end - start == timedelta(hours=25)


def test_fall_back_day_contains_both_passes_of_the_repeated_hour() -> None:
    first_two_thirty = utc(2024, 10, 27, 0, 30)  # 02:30 CEST
    second_two_thirty = utc(2024, 10, 27, 1, 30)  # 02:30 CET
    assert to_store_time(first_two_thirty, PARIS).hour == 2
    assert to_store_time(second_two_thirty, PARIS).hour == 2
    assert store_day_bounds(first_two_thirty, PARIS) == store_day_bounds(second_two_thirty, PARIS)


def test_day_bounds_when_local_midnight_does_not_exist() -> None:
    # Chile springs forward at 24:00: 2024-09-08 00:00 never happens on the clock.
    start, end = store_day_bounds(utc(2024, 9, 8, 12, 0), "America/Santiago")
    assert start == utc(2024, 9, 8, 4, 0)
    assert end == utc(2024, 9, 9, 3, 0)
    assert end - start == timedelta(hours=23)


def test_day_bounds_refuse_naive() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        store_day_bounds(utc(2024, 1, 15).replace(tzinfo=None), PARIS)


def test_to_store_time() -> None:
    local = to_store_time(utc(2024, 1, 15, 10, 5), PARIS)
    assert (local.hour, local.minute) == (11, 5)
    assert local.utcoffset() == timedelta(hours=1)
    assert to_store_time(utc(2024, 7, 15, 10, 5), PARIS).utcoffset() == timedelta(hours=2)


ZONES = [
    "UTC",
    PARIS,
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Africa/Casablanca",
    "Asia/Beirut",
]


@settings(max_examples=300)
@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 (bounds of the strategy; made aware below)
        max_value=datetime(2037, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    st.sampled_from(ZONES),
)
def test_day_bounds_always_contain_the_moment_and_cover_one_store_day(
    moment: datetime, zone: str
) -> None:
    start, end = store_day_bounds(moment, zone)
    assert start <= moment < end
    day = store_date(moment, zone)
    assert store_date(start, zone) == day
    assert store_date(end, zone) == day + timedelta(days=1)
    assert store_date(end - timedelta(microseconds=1), zone) == day
    assert timedelta(hours=22) <= end - start <= timedelta(hours=26)
