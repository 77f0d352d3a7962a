"""What the company defines and terminals only read: company, stores, program, rewards,
settings and staff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from terminal.domain.rules import (
    CompanyRules,
    PinOperation,
    PinPolicy,
    ProgramRules,
    ProgramType,
    RewardRule,
    StaffRole,
)
from terminal.store.base import Base, StrEnumType, UtcDateTime


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(120))


class Vendor(Base):
    """A store of the company. Each terminal is bound to exactly one."""

    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # ISO 3166-1 alpha-2: where a phone number typed without its country code belongs.
    country: Mapped[str] = mapped_column(String(2))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class LoyaltyProgram(Base):
    __tablename__ = "loyalty_programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    program_type: Mapped[ProgramType] = mapped_column(StrEnumType(ProgramType, 12))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    stamps_target: Mapped[int] = mapped_column(Integer, default=10)
    stamps_reward_description: Mapped[str] = mapped_column(String(120), default="")
    max_daily_stamps: Mapped[int] = mapped_column(Integer, default=3)
    stamp_cooldown_minutes: Mapped[int] = mapped_column(Integer, default=5)
    points_per_currency_unit: Mapped[int] = mapped_column(Integer, default=1)
    minimum_redemption_points: Mapped[int] = mapped_column(Integer, default=100)
    welcome_bonus_points: Mapped[int] = mapped_column(Integer, default=0)
    points_expiration_days: Mapped[int] = mapped_column(Integer, default=0)

    rewards: Mapped[list[Reward]] = relationship(
        back_populates="program", order_by="Reward.points_cost"
    )

    def rules(self) -> ProgramRules:
        return ProgramRules(
            program_type=self.program_type,
            is_active=self.is_active,
            stamps_target=self.stamps_target,
            stamps_reward_description=self.stamps_reward_description,
            max_daily_stamps=self.max_daily_stamps,
            stamp_cooldown_minutes=self.stamp_cooldown_minutes,
            points_per_currency_unit=self.points_per_currency_unit,
            minimum_redemption_points=self.minimum_redemption_points,
            welcome_bonus_points=self.welcome_bonus_points,
            points_expiration_days=self.points_expiration_days,
        )


class Reward(Base):
    """An entry of the points reward catalogue."""

    __tablename__ = "rewards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    points_cost: Mapped[int] = mapped_column(Integer)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    program: Mapped[LoyaltyProgram] = relationship(back_populates="rewards")

    def rule(self) -> RewardRule:
        return RewardRule(self.id, self.name, self.points_cost, self.is_active)


class CompanySettings(Base):
    """CompanyLoyaltySettings: admin-controlled, read-only on terminals."""

    __tablename__ = "company_settings"

    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), primary_key=True)
    pin_policy_redeem: Mapped[PinPolicy] = mapped_column(StrEnumType(PinPolicy, 10))
    pin_policy_void: Mapped[PinPolicy] = mapped_column(StrEnumType(PinPolicy, 10))
    pin_policy_deactivate: Mapped[PinPolicy] = mapped_column(StrEnumType(PinPolicy, 10))
    pin_policy_enroll: Mapped[PinPolicy] = mapped_column(StrEnumType(PinPolicy, 10))
    pin_max_failed_attempts: Mapped[int] = mapped_column(Integer, default=5)
    pin_lockout_minutes: Mapped[int] = mapped_column(Integer, default=30)
    allow_void_transactions: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_cross_location_redemption: Mapped[bool] = mapped_column(Boolean, default=True)
    offline_redemption_limit_points: Mapped[int] = mapped_column(Integer, default=500)
    require_customer_email_on_enroll: Mapped[bool] = mapped_column(Boolean, default=False)

    def rules(self) -> CompanyRules:
        return CompanyRules(
            pin_policies={
                PinOperation.REDEEM: self.pin_policy_redeem,
                PinOperation.VOID: self.pin_policy_void,
                PinOperation.DEACTIVATE: self.pin_policy_deactivate,
                PinOperation.ENROLL: self.pin_policy_enroll,
            },
            pin_max_failed_attempts=self.pin_max_failed_attempts,
            pin_lockout_minutes=self.pin_lockout_minutes,
            allow_void_transactions=self.allow_void_transactions,
            allow_cross_location_redemption=self.allow_cross_location_redemption,
            offline_redemption_limit_points=self.offline_redemption_limit_points,
            require_customer_email_on_enroll=self.require_customer_email_on_enroll,
        )

    @classmethod
    def from_rules(cls, company_id: int, rules: CompanyRules) -> CompanySettings:
        return cls(
            company_id=company_id,
            pin_policy_redeem=rules.pin_policy(PinOperation.REDEEM),
            pin_policy_void=rules.pin_policy(PinOperation.VOID),
            pin_policy_deactivate=rules.pin_policy(PinOperation.DEACTIVATE),
            pin_policy_enroll=rules.pin_policy(PinOperation.ENROLL),
            pin_max_failed_attempts=rules.pin_max_failed_attempts,
            pin_lockout_minutes=rules.pin_lockout_minutes,
            allow_void_transactions=rules.allow_void_transactions,
            allow_cross_location_redemption=rules.allow_cross_location_redemption,
            offline_redemption_limit_points=rules.offline_redemption_limit_points,
            require_customer_email_on_enroll=rules.require_customer_email_on_enroll,
        )


class StaffPin(Base):
    """A company-wide staff member and their PIN hash (never the PIN)."""

    __tablename__ = "staff_pins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[StaffRole] = mapped_column(StrEnumType(StaffRole, 10))
    pin_hash: Mapped[str] = mapped_column(String(160))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
