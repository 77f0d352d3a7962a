"""A company's catalogue in a local database: program, rewards, settings, stores, staff,
and this terminal's identity and card-number block. Used by the demo and the tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from terminal.domain.pins import hash_pin
from terminal.domain.rules import DEMO_REWARDS, CompanyRules, ProgramRules, StaffRole
from terminal.store.models import (
    CardNumberBlock,
    Company,
    CompanySettings,
    LoyaltyProgram,
    Reward,
    StaffPin,
    TerminalIdentity,
    Vendor,
)


@dataclass(frozen=True)
class StaffSeed:
    staff_id: int
    name: str
    role: StaffRole
    pin: str


@dataclass(frozen=True)
class CatalogSeed:
    company_id: int = 1
    company_name: str = "Demo Coffee Company"
    # (id, name, IANA time zone, ISO 3166-1 alpha-2 country)
    vendors: tuple[tuple[int, str, str, str], ...] = (
        (1, "Main Street", "Europe/Paris", "FR"),
        (2, "Station Kiosk", "Europe/Paris", "FR"),
    )
    terminal_vendor_id: int = 1
    program: ProgramRules = field(default_factory=ProgramRules)
    company: CompanyRules = field(default_factory=CompanyRules)
    rewards: tuple[tuple[str, int], ...] = DEMO_REWARDS
    staff: tuple[StaffSeed, ...] = (
        StaffSeed(1, "Alex Martin", StaffRole.CASHIER, "2468"),
        StaffSeed(2, "Morgan Leroy", StaffRole.MANAGER, "1357"),
    )
    card_block: tuple[int, int] = (40_000_000_000, 40_000_099_999)
    terminal_name: str = "Counter 1"
    pin_hash_n: int = 2**14  # tests lower it: scrypt at full cost is slow on purpose


def install_catalog(session: Session, seed: CatalogSeed, now: datetime) -> str:
    """Write the catalogue into an empty local database; returns the new terminal id."""
    session.add(Company(id=seed.company_id, name=seed.company_name))
    session.flush()
    for vendor_id, name, tz, country in seed.vendors:
        session.add(
            Vendor(
                id=vendor_id, company_id=seed.company_id, name=name, timezone=tz, country=country
            )
        )
    rules = seed.program
    program = LoyaltyProgram(
        id=seed.company_id,
        company_id=seed.company_id,
        name="Demo rewards",
        program_type=rules.program_type,
        is_active=rules.is_active,
        stamps_target=rules.stamps_target,
        stamps_reward_description=rules.stamps_reward_description,
        max_daily_stamps=rules.max_daily_stamps,
        stamp_cooldown_minutes=rules.stamp_cooldown_minutes,
        points_per_currency_unit=rules.points_per_currency_unit,
        minimum_redemption_points=rules.minimum_redemption_points,
        welcome_bonus_points=rules.welcome_bonus_points,
        points_expiration_days=rules.points_expiration_days,
    )
    session.add(program)
    session.flush()
    for index, (name, cost) in enumerate(seed.rewards, start=1):
        session.add(Reward(id=index, program_id=program.id, name=name, points_cost=cost))
    session.add(CompanySettings.from_rules(seed.company_id, seed.company))
    for staff in seed.staff:
        session.add(
            StaffPin(
                id=staff.staff_id,
                company_id=seed.company_id,
                name=staff.name,
                role=staff.role,
                pin_hash=hash_pin(staff.pin, n=seed.pin_hash_n),
                is_active=True,
                failed_attempts=0,
            )
        )
    terminal_id = str(uuid.uuid4())
    session.flush()
    session.add(
        TerminalIdentity(
            id=1,
            terminal_id=terminal_id,
            name=seed.terminal_name,
            company_id=seed.company_id,
            vendor_id=seed.terminal_vendor_id,
            next_seq=1,
            activated_at=now,
        )
    )
    first, last = seed.card_block
    session.add(CardNumberBlock(first_body=first, last_body=last, next_body=first, received_at=now))
    return terminal_id
