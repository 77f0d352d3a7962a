"""Store statistics for today, the last 7 and the last 30 days (store calendar days).

`daily_figures` is the one query of this store's activity: the manager's Activity view
(terminal.services.activity) reads its per-day series through it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, literal, literal_column, select
from sqlalchemy.orm import Session

from terminal.domain.activity import FIGURE_RULES, ActivityFigures, FigureRule, total
from terminal.domain.clock import store_days_back_start, to_store_time
from terminal.services.context import ServiceDeps
from terminal.services.views import PeriodStats, StoreStats
from terminal.store.models import LedgerEntry

PERIODS = (1, 7, 30)  # store calendar days, today included; the UI names them


def _contribution(rule: FigureRule) -> ColumnElement[int]:
    value: ColumnElement[int] | int = {
        "stamps": LedgerEntry.stamps_delta,
        "points": LedgerEntry.points_delta,
        "entries": 1,
    }[rule.counts]
    if rule.sign < 0:
        value = -value
    counted = case((LedgerEntry.type.in_(sorted(rule.types)), value), else_=0)
    return func.coalesce(func.sum(counted), 0)


_SUMS = [_contribution(rule) for rule in FIGURE_RULES]


def store_day_starts(now: datetime, store_tz: str, days: int) -> list[datetime]:
    """The UTC starts of the last `days` store calendar days (today included), oldest first;
    through the zone, so days of 23 or 25 hours (DST changes) are right."""
    return [store_days_back_start(now, store_tz, back) for back in range(days - 1, -1, -1)]


def daily_figures(
    session: Session, vendor_id: int, day_starts: Sequence[datetime]
) -> list[ActivityFigures]:
    """The store's figures of each day starting at `day_starts` (UTC, ascending), in one
    range scan of ix_loyalty_transactions_vendor_time. The last day is open-ended: an entry
    dated later (a clock set ahead) counts today, as it always did."""
    if not day_starts:
        return []
    day = _day_index(day_starts, 0, len(day_starts) - 1).label("day")
    rows = session.execute(
        select(day, *_SUMS)
        .where(LedgerEntry.vendor_id == vendor_id, LedgerEntry.transaction_at >= day_starts[0])
        .group_by(literal_column("day"))  # the label: the CASE is not computed twice
    ).all()
    figures = [ActivityFigures()] * len(day_starts)
    for index, *values in rows:
        figures[int(index)] = ActivityFigures(*(int(value) for value in values))
    return figures


def _day_index(starts: Sequence[datetime], low: int, high: int) -> ColumnElement[int]:
    """Which of the days low..high an entry belongs to, as a CASE that halves the days at
    each step (5 comparisons for 30 days, a third faster than trying them in turn over a
    month of a busy store). The boundaries come from the zone in Python: SQLite knows no
    time zones."""
    if low == high:
        return literal(low)
    middle = (low + high + 1) // 2
    return case(
        (LedgerEntry.transaction_at >= starts[middle], _day_index(starts, middle, high)),
        else_=_day_index(starts, low, middle - 1),
    )


class StatsService:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    def store_stats(self) -> StoreStats:
        now = self._deps.clock.now()
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            starts = store_day_starts(now, ctx.store_tz, max(PERIODS))
            days = daily_figures(session, ctx.vendor_id, starts)
        periods = []
        for length in PERIODS:
            figures = total(days[-length:])
            since = to_store_time(starts[-length], ctx.store_tz)
            periods.append(PeriodStats(length, since, *figures.values()))
        return StoreStats(ctx.vendor_name, periods)
