"""Program and company rule values, the ledger vocabulary, and the error catalogue."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest

from terminal.domain import errors
from terminal.domain.errors import (
    CardNotFound,
    CustomerAlreadyEnrolled,
    LoyaltyError,
    StampLimitReached,
)
from terminal.domain.ledger import (
    ACTIVITY_TYPES,
    REDEMPTION_TYPES,
    SyncState,
    TransactionType,
)
from terminal.domain.rules import (
    DEMO_REWARDS,
    CompanyRules,
    PinOperation,
    PinPolicy,
    ProgramRules,
    ProgramType,
)

T = TransactionType


def _error_classes() -> list[type[LoyaltyError]]:
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, LoyaltyError)
    ]


# --- rules ----------------------------------------------------------------------------------


def test_program_defaults_are_the_demo_defaults() -> None:
    program = ProgramRules()
    assert program.program_type is ProgramType.HYBRID
    assert program.is_active
    assert program.stamps_target == 10
    assert program.stamps_reward_description == "Free coffee"
    assert program.max_daily_stamps == 3
    assert program.stamp_cooldown_minutes == 5
    assert program.points_per_currency_unit == 1
    assert program.minimum_redemption_points == 100
    assert program.welcome_bonus_points == 50
    assert program.points_expiration_days == 365


def test_company_defaults_are_the_demo_defaults() -> None:
    company = CompanyRules()
    for operation in (PinOperation.REDEEM, PinOperation.VOID, PinOperation.DEACTIVATE):
        assert company.pin_policy(operation) is PinPolicy.REQUIRED
    assert company.pin_max_failed_attempts == 5
    assert company.pin_lockout_minutes == 30
    assert company.allow_void_transactions
    assert company.allow_cross_location_redemption
    assert company.offline_redemption_limit_points == 500
    assert not company.require_customer_email_on_enroll


def test_company_defaults_are_not_shared_between_instances() -> None:
    first, second = CompanyRules(), CompanyRules()
    first.pin_policies[PinOperation.REDEEM] = PinPolicy.DISABLED
    assert second.pin_policy(PinOperation.REDEEM) is PinPolicy.REQUIRED


def test_demo_rewards() -> None:
    assert [cost for _, cost in DEMO_REWARDS] == [100, 250, 500]


@pytest.mark.parametrize(
    ("kind", "stamps", "points"),
    [
        (ProgramType.STAMPS, True, False),
        (ProgramType.POINTS, False, True),
        (ProgramType.HYBRID, True, True),
    ],
)
def test_program_type_decides_stamps_and_points(
    kind: ProgramType, stamps: bool, points: bool
) -> None:
    program = ProgramRules(program_type=kind)
    assert (program.uses_stamps, program.uses_points) == (stamps, points)


def test_rules_are_frozen() -> None:
    with pytest.raises(AttributeError):
        ProgramRules().stamps_target = 1  # type: ignore[misc]


# --- ledger ---------------------------------------------------------------------------------


def test_transaction_types_are_the_documented_twelve_and_the_customer_change() -> None:
    assert {t.value for t in TransactionType} == {
        "CARD_CREATED",
        "CARD_DEACTIVATED",
        "CARD_REACTIVATED",
        "WELCOME_BONUS",
        "STAMP_EARNED",
        "STAMP_REDEEMED",
        "STAMP_VOIDED",
        "POINTS_EARNED",
        "POINTS_REDEEMED",
        "POINTS_VOIDED",
        "POINTS_ADJUSTMENT",
        "POINTS_EXPIRED",
        "CUSTOMER_UPDATED",
    }


def test_activity_is_earning_or_redeeming() -> None:
    assert {T.POINTS_EARNED, T.POINTS_REDEEMED, T.STAMP_EARNED, T.STAMP_REDEEMED} <= ACTIVITY_TYPES
    for passive in (
        T.POINTS_EXPIRED,
        T.POINTS_VOIDED,
        T.STAMP_VOIDED,
        T.POINTS_ADJUSTMENT,
        T.CARD_CREATED,
        T.CARD_DEACTIVATED,
        T.CARD_REACTIVATED,
        T.CUSTOMER_UPDATED,
    ):
        assert passive not in ACTIVITY_TYPES


def test_redemption_types() -> None:
    assert frozenset({T.STAMP_REDEEMED, T.POINTS_REDEEMED}) == REDEMPTION_TYPES


def test_sync_states() -> None:
    assert {s.value for s in SyncState} == {
        "pending", "authorize", "accepted", "rejected", "overdraft",
    }  # fmt: skip
    # Stored in a 10-character column.
    assert max(len(s.value) for s in SyncState) <= 10


# --- errors ---------------------------------------------------------------------------------


def test_error_codes_are_unique_stable_names() -> None:
    classes = _error_classes()
    assert len(classes) > 20
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code.replace("_", "").isalpha()
        assert code == code.lower()


def test_every_error_has_a_readable_message() -> None:
    samples: list[LoyaltyError] = [
        errors.CardNumberTypo(),
        errors.InvalidScan(),
        errors.CardNotFound(),
        errors.CardInactive("1234-5678-9015"),
        errors.ProgramInactive(),
        errors.NotInProgram("stamps"),
        errors.CustomerAlreadyEnrolled("1234-5678-9015", "email"),
        errors.CardNumberBlockExhausted(),
        errors.StampLimitReached(3, 3),
        errors.StampCooldown(5, datetime(2024, 1, 15, 10, 5, tzinfo=UTC)),
        errors.StampRewardNotReady(3, 10),
        errors.RewardUnavailable("Mug"),
        errors.InsufficientPoints(10, 100),
        errors.BelowMinimumRedemption(10, 100),
        errors.OfflineRedemptionLimit(500, 100),
        errors.CrossLocationRedemption(),
        errors.VoidsNotAllowed(),
        errors.StaffNotFound(),
        errors.PinRequired(),
        errors.WrongPin(3),
        errors.PinLocked(datetime(2024, 1, 15, 10, 30, tzinfo=UTC)),
        errors.ManagerRequired(),
    ]
    for error in samples:
        assert isinstance(error, LoyaltyError)
        assert error.message == str(error)
        assert error.message[0].isupper()
        assert error.message.rstrip().endswith(".")
        assert "Error" not in error.message
        assert "None" not in error.message


def test_card_not_found_names_what_was_searched() -> None:
    assert CardNotFound("this email").message.startswith("No loyalty card found for this email.")


def test_customer_already_enrolled_offers_the_existing_card() -> None:
    error = CustomerAlreadyEnrolled("1234-5678-9015", "phone")
    assert (error.existing_card_number, error.matched_on) == ("1234-5678-9015", "phone")
    assert "already has card 1234-5678-9015 (same phone)" in error.message


def test_stamp_limit_message_when_over_the_limit() -> None:
    assert "reached (3)" in StampLimitReached(3, 5).message
