"""The company's loyalty program and settings as plain values, with the demo defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ProgramType(StrEnum):
    STAMPS = "stamps"
    POINTS = "points"
    HYBRID = "hybrid"


class PinPolicy(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    DISABLED = "disabled"


class PinOperation(StrEnum):
    REDEEM = "redeem"
    VOID = "void"
    DEACTIVATE = "deactivate"
    ENROLL = "enroll"


class StaffRole(StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"


@dataclass(frozen=True)
class ProgramRules:
    program_type: ProgramType = ProgramType.HYBRID
    is_active: bool = True
    stamps_target: int = 10
    stamps_reward_description: str = "Free coffee"
    max_daily_stamps: int = 3
    stamp_cooldown_minutes: int = 5
    points_per_currency_unit: int = 1
    minimum_redemption_points: int = 100
    welcome_bonus_points: int = 50
    points_expiration_days: int = 365

    @property
    def uses_stamps(self) -> bool:
        return self.program_type in (ProgramType.STAMPS, ProgramType.HYBRID)

    @property
    def uses_points(self) -> bool:
        return self.program_type in (ProgramType.POINTS, ProgramType.HYBRID)


def _default_pin_policies() -> dict[PinOperation, PinPolicy]:
    return {
        PinOperation.REDEEM: PinPolicy.REQUIRED,
        PinOperation.VOID: PinPolicy.REQUIRED,
        PinOperation.DEACTIVATE: PinPolicy.REQUIRED,
        PinOperation.ENROLL: PinPolicy.OPTIONAL,
    }


@dataclass(frozen=True)
class CompanyRules:
    """CompanyLoyaltySettings: admin-controlled; terminals only read them."""

    pin_policies: dict[PinOperation, PinPolicy] = field(default_factory=_default_pin_policies)
    pin_max_failed_attempts: int = 5
    pin_lockout_minutes: int = 30
    allow_void_transactions: bool = True
    allow_cross_location_redemption: bool = True
    offline_redemption_limit_points: int = 500
    require_customer_email_on_enroll: bool = False

    def pin_policy(self, operation: PinOperation) -> PinPolicy:
        return self.pin_policies.get(operation, PinPolicy.REQUIRED)


@dataclass(frozen=True)
class RewardRule:
    reward_id: int
    name: str
    points_cost: int
    is_active: bool = True


DEMO_REWARDS = (
    ("Pastry of your choice", 100),
    ("Lunch menu", 250),
    ("Coffee beans, 500 g", 500),
)
