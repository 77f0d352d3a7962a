"""Store statistics for today, the last 7 and the last 30 days (store calendar days)."""

from __future__ import annotations

from sqlalchemy import case, func, select

from terminal.domain.clock import store_days_back_start
from terminal.domain.ledger import TransactionType
from terminal.services.context import ServiceDeps
from terminal.services.views import PeriodStats, StoreStats
from terminal.store.models import LedgerEntry

PERIODS = (("Today", 1), ("Last 7 days", 7), ("Last 30 days", 30))


class StatsService:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    def store_stats(self) -> StoreStats:
        now = self._deps.clock.now()
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            starts = {
                label: store_days_back_start(now, ctx.store_tz, days - 1) for label, days in PERIODS
            }
            t = LedgerEntry.type
            columns = []
            for since in starts.values():
                recent = LedgerEntry.transaction_at >= since

                def total(condition, value, recent=recent):  # type: ignore[no-untyped-def]
                    return func.coalesce(func.sum(case((recent & condition, value), else_=0)), 0)

                columns += [
                    total(t == TransactionType.STAMP_EARNED, LedgerEntry.stamps_delta),
                    total(t == TransactionType.POINTS_EARNED, LedgerEntry.points_delta),
                    total(t == TransactionType.POINTS_REDEEMED, -LedgerEntry.points_delta),
                    total(
                        t.in_([TransactionType.POINTS_REDEEMED, TransactionType.STAMP_REDEEMED]), 1
                    ),
                    total(t == TransactionType.CARD_CREATED, 1),
                ]
            row = session.execute(
                select(*columns).where(
                    LedgerEntry.vendor_id == ctx.vendor_id,
                    LedgerEntry.transaction_at >= min(starts.values()),
                )
            ).one()
            periods = []
            for index, (label, since) in enumerate(starts.items()):
                values = [int(v) for v in row[index * 5 : index * 5 + 5]]
                periods.append(PeriodStats(label, since, *values))
            return StoreStats(ctx.vendor_name, periods)
