"""The manager's Activity view: this store's figures and daily series from the local ledger,
and the whole company's from the central server when it answers in time.

The local part is the store's own truth (every entry written here, sent or not) and is
always there; the company part is asked of the server through a port (the sync engine,
wired in terminal.app) with a short deadline, after the local read transaction has ended,
and is None with a reason code when it cannot be had. Runs on a read thread, never on the
GUI thread (the online part may take up to its deadline).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from terminal.domain.activity import CompanyActivity, total
from terminal.domain.clock import store_date, to_store_time
from terminal.domain.errors import CompanyFiguresUnavailable, InvalidInput
from terminal.services.context import ServiceDeps
from terminal.services.stats import PERIODS, daily_figures, store_day_starts
from terminal.services.views import ActivityDay, ActivityView, CompanyFigures


class CompanyFiguresSource(Protocol):
    """The central server's figures for the whole company (the sync engine,
    sync.engine.SyncEngine.company_activity): within its own short deadline, the figures
    from `since` (UTC) on, or CompanyFiguresUnavailable with its `why`."""

    def company_activity(self, since: datetime) -> CompanyActivity: ...


class ActivityService:
    def __init__(self, deps: ServiceDeps, company: CompanyFiguresSource | None = None) -> None:
        """`company`: None on a terminal without a central server (company figures are
        then always unavailable, "no_server")."""
        self._deps = deps
        self._company = company

    def activity(self, days: int) -> ActivityView:
        """The last `days` store calendar days, today included: 1, 7 or 30."""
        if type(days) is not int or days not in PERIODS:  # not True, 7.0 or "7"
            raise InvalidInput(
                "Activity is shown for today, the last 7 or the last 30 days.",
                reason="activity_days_invalid",
                allowed=PERIODS,
            )
        now = self._deps.clock.now()
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            starts = store_day_starts(now, ctx.store_tz, days)
            figures = daily_figures(session, ctx.vendor_id, starts)
        series = [
            ActivityDay(store_date(start, ctx.store_tz), *day.values())
            for start, day in zip(starts, figures, strict=True)
        ]
        company, why = self._company_figures(starts[0], ctx.store_tz)
        return ActivityView(
            days=days,
            since=to_store_time(starts[0], ctx.store_tz),
            vendor_name=ctx.vendor_name,
            store=total(figures),
            series=series,
            company=company,
            company_unavailable_reason=why,
        )

    def _company_figures(
        self, since: datetime, store_tz: str
    ) -> tuple[CompanyFigures | None, str | None]:
        if self._company is None:
            return None, "no_server"
        try:
            answer = self._company.company_activity(since)
        except CompanyFiguresUnavailable as err:
            return None, err.why
        figures = CompanyFigures(
            since=to_store_time(answer.since, store_tz),
            as_of=to_store_time(answer.server_time, store_tz),
            total=answer.total,
            stores=sorted(answer.stores, key=lambda store: (store.vendor_name, store.vendor_id)),
            utc_days=list(answer.days),
        )
        return figures, None
