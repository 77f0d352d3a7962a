"""Points rules: earning, redeeming catalogue rewards, location, offline limit, expiry."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from terminal.domain.errors import (
    BelowMinimumRedemption,
    CrossLocationRedemption,
    InsufficientPoints,
    NotInProgram,
    OfflineRedemptionLimit,
    RewardUnavailable,
)
from terminal.domain.points import (
    check_offline_redemption,
    check_points_redemption,
    check_redemption_location,
    points_earned,
    points_expiry_date,
    unaffordable_reason,
)
from terminal.domain.rules import CompanyRules, ProgramRules, ProgramType, RewardRule

PARIS = "Europe/Paris"
DEFAULT = ProgramRules()  # 1 point per 1.00, minimum 100, expiry 365 days
STAMPS_ONLY = ProgramRules(program_type=ProgramType.STAMPS)
PASTRY = RewardRule(1, "Pastry of your choice", 100)
LUNCH = RewardRule(2, "Lunch menu", 250)
CHEAP = RewardRule(3, "Sticker", 50)
RETIRED = RewardRule(4, "Old mug", 100, is_active=False)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- earning --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "amount", "points"),
    [(1, 1299, 12), (1, 99, 0), (1, 100_000, 1000), (3, 1000, 30), (2, 1299, 25)],
)
def test_points_earned_at_the_program_rate(rate: int, amount: int, points: int) -> None:
    program = ProgramRules(points_per_currency_unit=rate)
    assert points_earned(program, amount) == points


@pytest.mark.parametrize("kind", [ProgramType.POINTS, ProgramType.HYBRID])
def test_points_programs_earn(kind: ProgramType) -> None:
    assert points_earned(ProgramRules(program_type=kind), 500) == 5


def test_stamps_only_program_earns_no_points() -> None:
    with pytest.raises(NotInProgram) as info:
        points_earned(STAMPS_ONLY, 1000)
    assert info.value.message == "This loyalty program has no points."


# --- redemption -----------------------------------------------------------------------------


@pytest.mark.parametrize(("reward", "balance"), [(PASTRY, 100), (PASTRY, 1000), (LUNCH, 250)])
def test_redemption_allowed(reward: RewardRule, balance: int) -> None:
    check_points_redemption(program=DEFAULT, reward=reward, balance=balance)
    assert unaffordable_reason(DEFAULT, reward, balance) is None


def test_inactive_reward_is_refused_even_with_enough_points() -> None:
    with pytest.raises(RewardUnavailable) as info:
        check_points_redemption(program=DEFAULT, reward=RETIRED, balance=10_000)
    assert (
        info.value.message == "The reward 'Old mug' is not offered any more. Pick another reward."
    )


def test_reward_unavailable_without_a_name() -> None:
    assert RewardUnavailable().message.startswith("This reward is not offered")


def test_below_minimum_redemption_even_for_a_cheap_reward() -> None:
    with pytest.raises(BelowMinimumRedemption) as info:
        check_points_redemption(program=DEFAULT, reward=CHEAP, balance=80)
    assert info.value.message == "Points can be redeemed from 100 points on; this card has 80."


def test_cheap_reward_allowed_once_the_minimum_is_met() -> None:
    check_points_redemption(program=DEFAULT, reward=CHEAP, balance=100)


def test_insufficient_points() -> None:
    with pytest.raises(InsufficientPoints) as info:
        check_points_redemption(program=DEFAULT, reward=LUNCH, balance=200)
    error = info.value
    assert error.message == (
        "Not enough points: this reward costs 250 and the card has 200 (50 missing)."
    )
    assert (error.balance, error.cost) == (200, 250)
    assert error.code == "insufficient_points"


def test_stamps_only_program_has_no_points_redemption() -> None:
    with pytest.raises(NotInProgram, match="no points"):
        check_points_redemption(program=STAMPS_ONLY, reward=PASTRY, balance=1000)


def test_unaffordable_reason_gives_the_refusal() -> None:
    short = unaffordable_reason(DEFAULT, LUNCH, 200)
    assert isinstance(short, InsufficientPoints)
    assert (short.key, short.params) == (
        "insufficient_points",
        {"balance": 200, "cost": 250, "missing": 50},
    )
    assert short.message == (
        "Not enough points: this reward costs 250 and the card has 200 (50 missing)."
    )
    below = unaffordable_reason(DEFAULT, CHEAP, 10)
    assert isinstance(below, BelowMinimumRedemption)
    assert below.params == {"balance": 10, "minimum": 100}
    retired = unaffordable_reason(DEFAULT, RETIRED, 500)
    assert isinstance(retired, RewardUnavailable)
    assert retired.params == {"name": RETIRED.name}
    no_points = unaffordable_reason(STAMPS_ONLY, PASTRY, 500)
    assert isinstance(no_points, NotInProgram)
    assert no_points.key == "program_without_points"


@given(st.integers(-10, 1000), st.integers(0, 600), st.integers(0, 600), st.booleans())
def test_redemption_allowed_exactly_when_all_conditions_hold(
    balance: int, cost: int, minimum: int, active: bool
) -> None:
    program = ProgramRules(minimum_redemption_points=minimum)
    reward = RewardRule(9, "Anything", cost, is_active=active)
    expected_ok = active and balance >= minimum and balance >= cost
    assert (unaffordable_reason(program, reward, balance) is None) is expected_ok


# --- cross-location -------------------------------------------------------------------------


def test_cross_location_allowed_by_default() -> None:
    check_redemption_location(company=CompanyRules(), enrolled_at_vendor_id=1, vendor_id=2)


def test_cross_location_refused_when_switched_off() -> None:
    company = CompanyRules(allow_cross_location_redemption=False)
    check_redemption_location(company=company, enrolled_at_vendor_id=1, vendor_id=1)
    with pytest.raises(CrossLocationRedemption) as info:
        check_redemption_location(company=company, enrolled_at_vendor_id=1, vendor_id=2)
    assert "only redeem at the store where it was enrolled" in info.value.message


def test_cross_location_unknown_enrolling_store_is_not_refused() -> None:
    company = CompanyRules(allow_cross_location_redemption=False)
    check_redemption_location(company=company, enrolled_at_vendor_id=None, vendor_id=2)


# --- offline limit --------------------------------------------------------------------------


@pytest.mark.parametrize(("redeemed_today", "points"), [(0, 500), (0, 100), (400, 100)])
def test_offline_redemption_within_the_limit(redeemed_today: int, points: int) -> None:
    check_offline_redemption(company=CompanyRules(), redeemed_today=redeemed_today, points=points)


def test_offline_redemption_above_the_limit() -> None:
    with pytest.raises(OfflineRedemptionLimit) as info:
        check_offline_redemption(company=CompanyRules(), redeemed_today=400, points=101)
    assert "at most 500 points a day" in info.value.message
    assert "(100 left today)" in info.value.message


def test_offline_redemption_never_shows_a_negative_remainder() -> None:
    with pytest.raises(OfflineRedemptionLimit) as info:
        check_offline_redemption(company=CompanyRules(), redeemed_today=600, points=1)
    assert "(0 left today)" in info.value.message


def test_offline_limit_follows_the_company_setting() -> None:
    company = CompanyRules(offline_redemption_limit_points=100)
    check_offline_redemption(company=company, redeemed_today=0, points=100)
    with pytest.raises(OfflineRedemptionLimit, match="at most 100 points"):
        check_offline_redemption(company=company, redeemed_today=0, points=250)


@given(st.integers(0, 2000), st.integers(1, 1000), st.integers(0, 1000))
def test_offline_limit_property(redeemed_today: int, points: int, limit: int) -> None:
    company = CompanyRules(offline_redemption_limit_points=limit)
    try:
        check_offline_redemption(company=company, redeemed_today=redeemed_today, points=points)
    except OfflineRedemptionLimit:
        assert redeemed_today + points > limit
    else:
        assert redeemed_today + points <= limit


# --- expiry ---------------------------------------------------------------------------------


def test_zero_expiry_days_means_never() -> None:
    never = ProgramRules(points_expiration_days=0)
    assert points_expiry_date(never, utc(2024, 1, 15, 10, 0), PARIS) is None


def test_no_activity_yet_means_no_expiry_date() -> None:
    assert points_expiry_date(DEFAULT, None, PARIS) is None


def test_expiry_date_after_365_days() -> None:
    # 2024 is a leap year: 365 days after 15 January 2024 is 14 January 2025.
    assert points_expiry_date(DEFAULT, utc(2024, 1, 15, 10, 0), PARIS) == date(2025, 1, 14)
    assert points_expiry_date(DEFAULT, utc(2023, 1, 15, 10, 0), PARIS) == date(2024, 1, 15)


def test_expiry_date_is_the_store_date() -> None:
    program = ProgramRules(points_expiration_days=10)
    late = utc(2024, 1, 15, 23, 30)  # already the 16th in Paris
    assert points_expiry_date(program, late, PARIS) == date(2024, 1, 26)
    assert points_expiry_date(program, late, "UTC") == date(2024, 1, 25)
    assert points_expiry_date(program, late, "America/New_York") == date(2024, 1, 25)


def test_expiry_refuses_naive_activity_time() -> None:
    with pytest.raises(ValueError, match="naive"):
        points_expiry_date(DEFAULT, utc(2024, 1, 15).replace(tzinfo=None), PARIS)


def test_expiry_counts_days_on_the_store_calendar_across_summer_time() -> None:
    # 00:30 in Paris on 10 July is still 9 July in UTC; 180 days on the store's calendar
    # from 10 July is 6 January, whatever the UTC arithmetic would say.
    program = ProgramRules(points_expiration_days=180)
    activity = datetime(2024, 7, 9, 22, 30, tzinfo=UTC)
    assert points_expiry_date(program, activity, "Europe/Paris") == date(2025, 1, 6)
