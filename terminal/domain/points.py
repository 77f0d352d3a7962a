"""Points rules: earning from purchases, redeeming catalogue rewards, expiry, offline limit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from terminal.domain.clock import store_date
from terminal.domain.errors import (
    BelowMinimumRedemption,
    CrossLocationRedemption,
    InsufficientPoints,
    LoyaltyError,
    NotInProgram,
    OfflineRedemptionLimit,
    RewardUnavailable,
)
from terminal.domain.money import points_for_purchase
from terminal.domain.rules import CompanyRules, ProgramRules, RewardRule


def points_earned(program: ProgramRules, amount_minor: int) -> int:
    if not program.uses_points:
        raise NotInProgram("points", reason="program_without_points")
    return points_for_purchase(amount_minor, program.points_per_currency_unit)


def check_points_redemption(*, program: ProgramRules, reward: RewardRule, balance: int) -> None:
    if not program.uses_points:
        raise NotInProgram("points", reason="program_without_points")
    if not reward.is_active:
        raise RewardUnavailable(reward.name)
    if balance < program.minimum_redemption_points:
        raise BelowMinimumRedemption(balance, program.minimum_redemption_points)
    if balance < reward.points_cost:
        raise InsufficientPoints(balance, reward.points_cost)


def unaffordable_reason(
    program: ProgramRules, reward: RewardRule, balance: int
) -> LoyaltyError | None:
    """Why a catalogue entry is disabled for this balance (the refusal redeeming it would
    give), or None when it can be redeemed."""
    try:
        check_points_redemption(program=program, reward=reward, balance=balance)
    except (BelowMinimumRedemption, InsufficientPoints, RewardUnavailable, NotInProgram) as err:
        return err
    return None


def check_redemption_location(
    *, company: CompanyRules, enrolled_at_vendor_id: int | None, vendor_id: int
) -> None:
    if company.allow_cross_location_redemption or enrolled_at_vendor_id is None:
        return
    if enrolled_at_vendor_id != vendor_id:
        raise CrossLocationRedemption()


def check_offline_redemption(*, company: CompanyRules, redeemed_today: int, points: int) -> None:
    """The per-card, per-day cap on points redeemed on this terminal while offline."""
    limit = company.offline_redemption_limit_points
    if redeemed_today + points > limit:
        raise OfflineRedemptionLimit(limit, limit - redeemed_today)


def points_expiry_date(
    program: ProgramRules, last_activity_at: datetime | None, store_tz: str
) -> date | None:
    """The store-local date the balance expires without further activity (None: never)."""
    if program.points_expiration_days <= 0 or last_activity_at is None:
        return None
    # Counted on the store's calendar, as customers read it (not in 24-hour UTC days).
    return store_date(last_activity_at, store_tz) + timedelta(days=program.points_expiration_days)
