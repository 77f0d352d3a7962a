"""The company's activity figures for `GET /v1/stats`: one grouped range scan of the ledger.

What each figure counts is terminal.domain.activity's (the terminal's own figures count the
same way); only entries the server applied (ledger.APPLIED: accepted or overdraft) count,
rejected ones moved nothing. The scan reads ix_ledger_entries_company_time (company_id,
transaction_at: migration 0009) over the period only, grouped by store and UTC day, so its
cost follows the period's entries, not the ledger's millions of rows; the per-store and
per-day sums are folded from those few groups in Python.

The days are UTC calendar days: a chain's stores need not share a calendar day, and SQLite
knows no time zones.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal_column, select
from sqlalchemy.orm import Session

from sync.protocol import DayStats, StatsFigures, StatsResponse, StoreStats
from sync.server.ledger import APPLIED
from sync.server.models import LedgerEntry, Vendor
from terminal.domain.activity import COUNTED_TYPES, FIGURE_RULES, ActivityFigures, FigureRule


def _contribution(rule: FigureRule) -> ColumnElement[int]:
    value: ColumnElement[int] | int = {
        "stamps": LedgerEntry.stamps_delta,
        "points": LedgerEntry.points_delta,
        "entries": 1,
    }[rule.counts]
    if rule.sign < 0:
        value = -value
    counted = case((LedgerEntry.type.in_(sorted(t.value for t in rule.types)), value), else_=0)
    return func.coalesce(func.sum(counted), 0)


_SUMS = [_contribution(rule) for rule in FIGURE_RULES]


def _utc_day() -> ColumnElement[object]:
    """The UTC calendar day of an entry: times are stored as naive UTC on both engines, so
    the SQL date() of the column is its UTC day (a 'YYYY-MM-DD' text on SQLite, a date on
    PostgreSQL)."""
    return func.date(LedgerEntry.transaction_at).label("day")


def figures_query(company_id: int, since: datetime) -> Select[Any]:
    """(vendor_id, UTC day, the five sums) of the company's applied entries from `since`."""
    return (
        select(LedgerEntry.vendor_id, _utc_day(), *_SUMS)
        .where(
            LedgerEntry.company_id == company_id,
            LedgerEntry.transaction_at >= since,
            LedgerEntry.result.in_(APPLIED),
            LedgerEntry.type.in_(sorted(t.value for t in COUNTED_TYPES)),
        )
        .group_by(LedgerEntry.vendor_id, literal_column("day"))
    )


def company_stats(
    session: Session, company_id: int, since: datetime, now: datetime
) -> StatsResponse:
    """The figures of `company_id` from `since` to `now` (the server's clock)."""
    rows = session.execute(figures_query(company_id, since)).all()
    last = now.date()
    first = min(since.date(), last)  # `since` may be a little ahead (terminal clock skew)
    by_day = {first + timedelta(days=n): ActivityFigures() for n in range((last - first).days + 1)}
    vendors = session.execute(
        select(Vendor.id, Vendor.name)
        .where(Vendor.company_id == company_id)
        .order_by(Vendor.name, Vendor.id)
    ).all()
    by_store = {vendor_id: ActivityFigures() for vendor_id, _name in vendors}
    for vendor_id, day_value, *values in rows:
        figures = ActivityFigures(*(int(value) for value in values))
        # An entry dated past today's UTC day (a terminal clock ahead, within the skew a
        # push allows) counts on the last day, so the days always add up to the total.
        when = min(_as_date(day_value), last)
        by_day[when] = by_day[when] + figures
        if vendor_id in by_store:  # counted types always name their store
            by_store[vendor_id] = by_store[vendor_id] + figures
    company = ActivityFigures()
    for figures in by_day.values():
        company = company + figures
    return StatsResponse(
        since=since,
        server_time=now,
        company=_wire(company),
        stores=[
            StoreStats(vendor_id=vendor_id, vendor_name=name, figures=_wire(by_store[vendor_id]))
            for vendor_id, name in vendors
        ],
        days=[DayStats(day=when, figures=_wire(figures)) for when, figures in by_day.items()],
    )


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _wire(figures: ActivityFigures) -> StatsFigures:
    return StatsFigures.model_construct(**vars(figures))  # our own ints: nothing to validate
