"""Time: the clock is injected everywhere; storage is timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def require_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: loyalty times are timezone-aware")
    return moment.astimezone(UTC)


def store_day_bounds(moment: datetime, store_tz: str) -> tuple[datetime, datetime]:
    """The store's calendar day containing `moment`, as a UTC half-open interval.

    Computed through the zone so that days of 23 or 25 hours (DST changes) are right.
    """
    zone = ZoneInfo(store_tz)
    local_day = require_utc(moment).astimezone(zone).date()
    start = datetime.combine(local_day, time.min, tzinfo=zone)
    end = datetime.combine(local_day + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def ceil_to_minute(moment: datetime) -> datetime:
    """For messages that name a time to the minute: never name a minute still refused."""
    if moment.second or moment.microsecond:
        return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment


def store_days_back_start(moment: datetime, store_tz: str, days: int) -> datetime:
    """Start (UTC) of the store-local calendar day `days` days before the one of `moment`."""
    zone = ZoneInfo(store_tz)
    local_day = require_utc(moment).astimezone(zone).date() - timedelta(days=days)
    return datetime.combine(local_day, time.min, tzinfo=zone).astimezone(UTC)


def to_store_time(moment: datetime, store_tz: str) -> datetime:
    return require_utc(moment).astimezone(ZoneInfo(store_tz))


def store_date(moment: datetime, store_tz: str) -> date:
    return to_store_time(moment, store_tz).date()


class ManualClock:
    """A clock that moves only when told: for tests, demo histories and replays."""

    def __init__(self, start: datetime) -> None:
        self._now = require_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = require_utc(moment)

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now
