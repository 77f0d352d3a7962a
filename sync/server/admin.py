"""Back-office operations used by the admin command line (and by the tests to set up data).

Each writes its rows and their change-log entries in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sync.server.changes import add_recorded, record_change
from sync.server.errors import ApiError
from sync.server.models import Company, Program, Reward, Settings, Staff, Vendor
from sync.server.rules_history import record_rule_version
from terminal.domain.countries import country_for_timezone, normalize_country
from terminal.domain.errors import LoyaltyError
from terminal.domain.pins import hash_pin, validate_new_pin
from terminal.domain.rules import DEMO_REWARDS, CompanyRules, ProgramRules, StaffRole


def create_company(
    session: Session,
    name: str,
    now: datetime,
    *,
    program: ProgramRules | None = None,
    settings: CompanyRules | None = None,
) -> Company:
    """A company with its program, rewards and settings (the demo defaults unless given)."""
    company = Company(name=name.strip() or "Company")
    session.add(company)
    session.flush()
    program_row = Program.from_rules(company.id, "Loyalty program", program or ProgramRules())
    session.add(program_row)
    settings_row = Settings.from_rules(company.id, settings or CompanyRules())
    session.add(settings_row)
    session.flush()
    rewards = [
        Reward(program_id=program_row.id, company_id=company.id, name=title, points_cost=cost)
        for title, cost in DEMO_REWARDS
    ]
    session.add_all(rewards)
    session.flush()
    record_rule_version(
        session,
        company_id=company.id,
        entity="programs",
        entity_id=program_row.id,
        data=program_row.to_wire(),
        now=now,
    )
    for reward in rewards:
        record_rule_version(
            session,
            company_id=company.id,
            entity="rewards",
            entity_id=reward.id,
            data=reward.to_wire(),
            now=now,
        )
    for entity, key, row in (
        ("companies", company.id, company),
        ("programs", program_row.id, program_row),
        ("settings", company.id, settings_row),
        *(("rewards", reward.id, reward) for reward in rewards),
    ):
        record_change(
            session,
            company_id=company.id,
            entity=entity,  # type: ignore[arg-type]
            entity_id=str(key),
            data=row.to_wire(),
            now=now,
        )
    return company


def create_vendor(
    session: Session,
    company_id: int,
    name: str,
    now: datetime,
    *,
    timezone: str = "UTC",
    country: str | None = None,
) -> Vendor:
    """A store. `country` (ISO 3166-1 alpha-2) defaults to its time zone's country
    (terminal.domain.countries); a zone of no country (UTC) needs it given."""
    if session.get(Company, company_id) is None:
        raise ApiError(404, "company_not_found", f"There is no company {company_id}.")
    if country is None:
        country = country_for_timezone(timezone)
        if country is None:
            raise ApiError(
                422,
                "country_required",
                f"The time zone {timezone} does not tell the store's country: give it with "
                "--country, its two-letter ISO 3166 code (e.g. FR).",
            )
    try:
        country = normalize_country(country)
    except LoyaltyError as err:
        raise ApiError(422, err.key, err.message) from err
    vendor = Vendor(
        company_id=company_id, name=name.strip() or "Store", timezone=timezone, country=country
    )
    add_recorded(session, vendor, entity="vendors", company_id=company_id, now=now)
    return vendor


def create_staff(
    session: Session,
    company_id: int,
    name: str,
    pin: str,
    now: datetime,
    *,
    role: StaffRole = StaffRole.CASHIER,
    pin_hash: str | None = None,
) -> Staff:
    """A staff member; only the PIN's slow salted hash is stored (and sent to terminals)."""
    if session.get(Company, company_id) is None:
        raise ApiError(404, "company_not_found", f"There is no company {company_id}.")
    try:
        validate_new_pin(pin)
    except LoyaltyError as err:
        raise ApiError(422, err.code, err.message) from err
    staff = Staff(
        company_id=company_id,
        name=name.strip() or "Staff",
        role=role.value,
        pin_hash=pin_hash or hash_pin(pin),
        is_active=True,
        failed_attempts=0,
    )
    add_recorded(session, staff, entity="staff", company_id=company_id, now=now)
    return staff
