"""Back-office operations used by the admin command line (and by the tests to set up data).

Each writes its rows and their change-log entries in the caller's transaction. Changes an
admin makes to existing data also write an audit record (`record_audit`); the program, rewards
and settings changes live in sync.server.program_admin, the terminals' here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.changes import add_recorded, record_change
from sync.server.errors import ApiError
from sync.server.models import (
    AuditRecord,
    Company,
    Program,
    Reward,
    Settings,
    Staff,
    Terminal,
    Vendor,
    fits_integer,
)
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


# --- audited admin changes -------------------------------------------------------------------

MAX_ACTOR_LENGTH = 120
MAX_AUDIT_LIMIT = 1000


@dataclass(frozen=True)
class AdminChange:
    """What an admin change did. `before`/`after`: the fields that changed, as they were and
    as they are (`before` None: the row was created, `after` is all of it); both empty: the
    row already had these values and nothing was written."""

    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any]
    row: dict[str, Any]

    @property
    def changed(self) -> bool:
        return self.before is None or bool(self.after)


@dataclass(frozen=True)
class TerminalView:
    id: str
    name: str
    company_id: int
    vendor_id: int
    vendor_name: str
    activated_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
    is_active: bool

    @property
    def status(self) -> str:
        return "active" if self.is_active else "revoked"


def has_control_characters(text: str) -> bool:
    """NUL and other control characters, lone surrogates, line and paragraph separators:
    nothing a person types into a name, and NUL cannot be stored by PostgreSQL."""
    return any(unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") for char in text)


def check_actor(actor: str) -> str:
    """Who makes a change, as the audit log records it."""
    name = actor.strip() if isinstance(actor, str) else ""
    if not name or len(name) > MAX_ACTOR_LENGTH or has_control_characters(name):
        raise ApiError(
            422,
            "invalid_actor",
            f"The actor must be a name of 1 to {MAX_ACTOR_LENGTH} characters, without control "
            "characters (--actor NAME).",
        )
    return name


def company_or_404(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id) if fits_integer(company_id) else None
    if company is None:
        raise ApiError(404, "company_not_found", f"There is no company {company_id}.")
    return company


def record_audit(
    session: Session,
    *,
    company_id: int | None,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> None:
    session.add(
        AuditRecord(
            company_id=company_id,
            actor=check_actor(actor),
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
            created_at=now,
        )
    )


def list_audit(session: Session, company_id: int, limit: int = 50) -> list[AuditRecord]:
    """The company's audit records, newest first."""
    company_or_404(session, company_id)
    if not 1 <= limit <= MAX_AUDIT_LIMIT:
        raise ApiError(422, "invalid_limit", f"The limit must be from 1 to {MAX_AUDIT_LIMIT}.")
    return list(
        session.scalars(
            select(AuditRecord)
            .where(AuditRecord.company_id == company_id)
            .order_by(AuditRecord.created_at.desc(), AuditRecord.id.desc())
            .limit(limit)
        )
    )


def list_terminals(session: Session, company_id: int | None = None) -> list[TerminalView]:
    """Every terminal (of one company when given), oldest activation first."""
    query = select(Terminal, Vendor.name).join(Vendor, Terminal.vendor_id == Vendor.id)
    if company_id is not None:
        company_or_404(session, company_id)
        query = query.where(Terminal.company_id == company_id)
    rows = session.execute(query.order_by(Terminal.activated_at, Terminal.id)).all()
    return [
        TerminalView(
            id=terminal.id,
            name=terminal.name,
            company_id=terminal.company_id,
            vendor_id=terminal.vendor_id,
            vendor_name=vendor_name,
            activated_at=terminal.activated_at,
            last_seen_at=terminal.last_seen_at,
            revoked_at=terminal.revoked_at,
            is_active=terminal.is_active,
        )
        for terminal, vendor_name in rows
    ]


def revoke_terminal(
    session: Session,
    terminal_id: str,
    *,
    actor: str,
    now: datetime,
    company_id: int | None = None,
) -> AdminChange:
    """Its token stops working with this transaction's commit: the next request is a 401.

    Its activation code stays used, its card-number blocks stay reserved (cards it made keep
    their numbers); to bring the counter back, activate it again with a new code.
    """
    actor = check_actor(actor)
    terminal = session.get(Terminal, terminal_id.strip().lower(), with_for_update=True)
    if terminal is None or (company_id is not None and terminal.company_id != company_id):
        where = f" of company {company_id}" if company_id is not None else ""
        raise ApiError(404, "terminal_not_found", f"There is no terminal {terminal_id}{where}.")
    if not terminal.is_active:
        return AdminChange("terminals", terminal.id, {}, {}, _terminal_data(terminal))
    before = _terminal_data(terminal)
    terminal.is_active = False
    terminal.revoked_at = now
    after = _terminal_data(terminal)
    record_audit(
        session,
        company_id=terminal.company_id,
        actor=actor,
        action="terminal.revoke",
        entity="terminals",
        entity_id=terminal.id,
        before=before,
        after=after,
        now=now,
    )
    # No change-log row: terminals are not an entity of the protocol, and the revoked
    # terminal cannot pull any more anyway.
    return AdminChange("terminals", terminal.id, before, after, after)


def _terminal_data(terminal: Terminal) -> dict[str, Any]:
    revoked = terminal.revoked_at
    return {"is_active": terminal.is_active, "revoked_at": revoked and revoked.isoformat()}
