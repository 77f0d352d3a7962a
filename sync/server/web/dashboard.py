"""The programs dashboard: the company's program and its figures for a period, per store and
per day (one grouped scan, sync.server.stats), with the cards and the points that expired.

Plain values for the template; the chart is drawn here as an SVG of bars, so the page needs
no JavaScript. Days are UTC calendar days, as in /v1/stats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup, escape
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sync.server.ledger import APPLIED
from sync.server.models import Card, LedgerEntry, Program
from sync.server.stats import company_stats
from terminal.domain.ledger import TransactionType

PERIODS = (7, 30, 365)
STORE_HEADINGS = ("Stamps given", "Points earned", "Points redeemed", "Rewards", "Enrollments")


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class StoreRow:
    name: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class ProgramView:
    name: str
    summary: str


@dataclass(frozen=True)
class Dashboard:
    program: ProgramView
    figures: list[Figure]
    stores: list[StoreRow]
    chart: Markup


def _number(value: int) -> str:
    return f"{value:,}"


def dashboard(session: Session, company_id: int, days: int, now: datetime) -> Dashboard:
    since = now - timedelta(days=days)
    stats = company_stats(session, company_id, since, now)
    program = session.scalar(select(Program).where(Program.company_id == company_id))
    cards, active = session.execute(
        select(func.count(), func.coalesce(func.sum(case((Card.is_active, 1), else_=0)), 0)).where(
            Card.company_id == company_id
        )
    ).one()
    expired = session.scalar(
        select(func.coalesce(func.sum(-LedgerEntry.points_delta), 0)).where(
            LedgerEntry.company_id == company_id,
            LedgerEntry.type == TransactionType.POINTS_EXPIRED.value,
            LedgerEntry.result.in_(APPLIED),
            LedgerEntry.transaction_at >= since,
        )
    )
    total = stats.company
    figures = [
        Figure("cards", _number(int(cards))),
        Figure("active cards", _number(int(active))),
        Figure("stamps given", _number(total.stamps_given)),
        Figure("points earned", _number(total.points_earned)),
        Figure("points redeemed", _number(total.points_redeemed)),
        Figure("points expired", _number(int(expired or 0))),
        Figure("rewards redeemed", _number(total.rewards_redeemed)),
        Figure("enrollments", _number(total.enrollments)),
    ]
    stores = [
        StoreRow(
            store.vendor_name,
            tuple(
                _number(value)
                for value in (
                    store.figures.stamps_given,
                    store.figures.points_earned,
                    store.figures.points_redeemed,
                    store.figures.rewards_redeemed,
                    store.figures.enrollments,
                )
            ),
        )
        for store in stats.stores
    ]
    per_day = [(day.day.isoformat(), day.figures.points_earned) for day in stats.days]
    return Dashboard(
        program=_program_view(program),
        figures=figures,
        stores=stores,
        chart=bar_chart(per_day, "Points earned per day"),
    )


def _program_view(program: Program | None) -> ProgramView:
    if program is None:
        return ProgramView("No program yet", "")
    summary = (
        f"{program.stamps_target} stamps for {program.stamps_reward_description or 'a reward'}"
        f" · {program.points_per_currency_unit} point(s) per currency unit"
        f" · welcome bonus {program.welcome_bonus_points} points"
        f" · points expire after {program.points_expiration_days} days"
    )
    return ProgramView(program.name, summary)


def bar_chart(values: list[tuple[str, int]], title: str) -> Markup:
    """An accessible SVG bar chart (a title, and each bar's value in its own title)."""
    width, height, left, bottom = 720, 180, 8, 22
    count = max(len(values), 1)
    highest = max((value for _label, value in values), default=0) or 1
    slot = (width - left * 2) / count
    bars = []
    for index, (label, value) in enumerate(values):
        bar = max(0.0, (height - bottom - 10) * value / highest)
        x = left + index * slot
        bars.append(
            f'<rect class="bar" x="{x + slot * 0.15:.1f}" y="{height - bottom - bar:.1f}" '
            f'width="{max(slot * 0.7, 1):.1f}" height="{bar:.1f}">'
            f"<title>{escape(label)}: {value:,}</title></rect>"
        )
    ticks = [values[0], values[-1]] if values else []
    labels = [
        f'<text x="{left if n == 0 else width - left}" y="{height - 6}" '
        f'text-anchor="{"start" if n == 0 else "end"}">{escape(label)}</text>'
        for n, (label, _value) in enumerate(ticks)
    ]
    return Markup(  # noqa: S704 - every text in it went through escape(); the rest are numbers
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        + "".join(bars)
        + "".join(labels)
        + f'<text x="{left}" y="12">max {highest:,}</text></svg>'
    )
