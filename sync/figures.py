"""The company's activity figures as the server sends them (sync.protocol.StatsResponse),
turned into the terminal's domain values (terminal.domain.activity), and why they could
not be had: the sync engine hands the counter's services these, never wire models."""

from __future__ import annotations

from sync.client import AuthExpired, Offline, SyncError
from sync.protocol import StatsFigures, StatsResponse
from terminal.domain.activity import ActivityFigures, CompanyActivity, DayActivity, StoreActivity


def company_activity(answer: StatsResponse) -> CompanyActivity:
    return CompanyActivity(
        since=answer.since,
        server_time=answer.server_time,
        total=_figures(answer.company),
        stores=tuple(
            StoreActivity(store.vendor_id, store.vendor_name, _figures(store.figures))
            for store in answer.stores
        ),
        days=tuple(DayActivity(day.day, _figures(day.figures)) for day in answer.days),
    )


def unavailable_reason(err: SyncError) -> str:
    """Why the figures are missing: "offline" (no answer, or not in time), "auth_expired",
    or "error" for every other failure (the server answered, not with the figures)."""
    if isinstance(err, Offline):
        return "offline"
    if isinstance(err, AuthExpired):
        return "auth_expired"
    return "error"


def _figures(figures: StatsFigures) -> ActivityFigures:
    return ActivityFigures(
        stamps_given=figures.stamps_given,
        points_earned=figures.points_earned,
        points_redeemed=figures.points_redeemed,
        rewards_redeemed=figures.rewards_redeemed,
        enrollments=figures.enrollments,
    )
