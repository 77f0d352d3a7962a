"""Store statistics for today, the last 7 and the last 30 days (store calendar days)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, func, select

from terminal.domain.clock import store_days_back_start, to_store_time
from terminal.domain.ledger import TransactionType
from terminal.services.context import ServiceDeps
from terminal.services.views import PeriodStats, StoreStats
from terminal.store.models import LedgerEntry

PERIODS = (1, 7, 30)  # store calendar days, today included; the UI names them
_TYPE = LedgerEntry.type
# What PeriodStats counts, in its field order: (which entries, what each contributes).
_METRICS: tuple[tuple[ColumnElement[bool], ColumnElement[int] | int], ...] = (
    (_TYPE == TransactionType.STAMP_EARNED, LedgerEntry.stamps_delta),
    (_TYPE == TransactionType.POINTS_EARNED, LedgerEntry.points_delta),
    (_TYPE == TransactionType.POINTS_REDEEMED, -LedgerEntry.points_delta),
    (_TYPE.in_([TransactionType.POINTS_REDEEMED, TransactionType.STAMP_REDEEMED]), 1),
    (_TYPE == TransactionType.CARD_CREATED, 1),
)


class StatsService:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    def store_stats(self) -> StoreStats:
        now = self._deps.clock.now()
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            starts = {days: store_days_back_start(now, ctx.store_tz, days - 1) for days in PERIODS}
            columns = [
                func.coalesce(
                    func.sum(case(((LedgerEntry.transaction_at >= since) & kind, value), else_=0)),
                    0,
                )
                for since in starts.values()
                for kind, value in _METRICS
            ]
            row = session.execute(
                select(*columns).where(
                    LedgerEntry.vendor_id == ctx.vendor_id,
                    LedgerEntry.transaction_at >= min(starts.values()),
                )
            ).one()
            periods = []
            for index, (days, since) in enumerate(starts.items()):
                width = len(_METRICS)
                values = [int(v) for v in row[index * width : (index + 1) * width]]
                periods.append(PeriodStats(days, to_store_time(since, ctx.store_tz), *values))
            return StoreStats(ctx.vendor_name, periods)
