"""The central server's own schema (SQLAlchemy 2.x). Independent of the terminal's store.

Cards and customers are keyed by the UUID made where they were enrolled; ledger entries by
the UUID the terminal made. `to_wire()` gives each catalogue row as the `changes` call sends it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sync.protocol import VendorData
from terminal.domain.rules import (
    CompanyRules,
    PinOperation,
    PinPolicy,
    ProgramRules,
    ProgramType,
    RewardRule,
)

UUID_LENGTH = 36


# Integer (32-bit) id columns: a larger id sent by a terminal cannot name a row, and PostgreSQL
# refuses to compare an INTEGER column with it (a 500), so callers check with `fits_integer`.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1


def fits_integer(value: int) -> bool:
    return INTEGER_MIN <= value <= INTEGER_MAX


def card_version_after(previous: datetime | None, now: datetime) -> datetime:
    """A card's next `updated_at`: `now`, or just after the previous one when a concurrent
    request's clock was behind (its time was read before it waited for the card's lock).
    Terminals keep the card state with the latest `updated_at` (sync.protocol.CardBalances),
    so it must only move forward."""
    if previous is not None and now <= previous:
        return previous + timedelta(microseconds=1)
    return now


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC in Python, naive UTC in the database (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _value(item: Any) -> Any:
    return item.value if isinstance(item, StrEnum) else item


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))

    def to_wire(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # ISO 3166-1 alpha-2: where a phone typed without its country code belongs.
    country: Mapped[str] = mapped_column(String(2))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    def to_wire(self) -> dict[str, Any]:
        return VendorData(
            id=self.id,
            company_id=self.company_id,
            name=self.name,
            timezone=self.timezone,
            country=self.country,
            is_active=self.is_active,
        ).model_dump()


class Program(Base):
    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    program_type: Mapped[str] = mapped_column(String(12))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    stamps_target: Mapped[int] = mapped_column(Integer)
    stamps_reward_description: Mapped[str] = mapped_column(String(120), default="")
    max_daily_stamps: Mapped[int] = mapped_column(Integer)
    stamp_cooldown_minutes: Mapped[int] = mapped_column(Integer)
    points_per_currency_unit: Mapped[int] = mapped_column(Integer)
    minimum_redemption_points: Mapped[int] = mapped_column(Integer)
    welcome_bonus_points: Mapped[int] = mapped_column(Integer)
    points_expiration_days: Mapped[int] = mapped_column(Integer)

    _RULE_FIELDS = (
        "is_active",
        "stamps_target",
        "stamps_reward_description",
        "max_daily_stamps",
        "stamp_cooldown_minutes",
        "points_per_currency_unit",
        "minimum_redemption_points",
        "welcome_bonus_points",
        "points_expiration_days",
    )

    @classmethod
    def from_rules(cls, company_id: int, name: str, rules: ProgramRules) -> Program:
        values = {field: getattr(rules, field) for field in cls._RULE_FIELDS}
        return cls(
            company_id=company_id, name=name, program_type=rules.program_type.value, **values
        )

    def rules(self) -> ProgramRules:
        return self.rules_from_wire(self.to_wire())

    @classmethod
    def rules_from_wire(cls, data: dict[str, Any]) -> ProgramRules:
        """The rules of a `to_wire()` dict (a rule version, sync.server.rules_history)."""
        values = {field: data[field] for field in cls._RULE_FIELDS}
        return ProgramRules(program_type=ProgramType(data["program_type"]), **values)

    def to_wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {field: getattr(self, field) for field in self._RULE_FIELDS}
        data.update(
            id=self.id, company_id=self.company_id, name=self.name, program_type=self.program_type
        )
        return data


class Reward(Base):
    __tablename__ = "rewards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    points_cost: Mapped[int] = mapped_column(Integer)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    def rule(self) -> RewardRule:
        return self.rule_from_wire(self.to_wire())

    @staticmethod
    def rule_from_wire(data: dict[str, Any]) -> RewardRule:
        """The rule of a `to_wire()` dict (a rule version, sync.server.rules_history)."""
        return RewardRule(data["id"], data["name"], data["points_cost"], data["is_active"])

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "program_id": self.program_id,
            "name": self.name,
            "points_cost": self.points_cost,
            "is_active": self.is_active,
        }


class Settings(Base):
    """CompanyLoyaltySettings."""

    __tablename__ = "company_settings"

    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), primary_key=True)
    pin_policy_redeem: Mapped[str] = mapped_column(String(10))
    pin_policy_void: Mapped[str] = mapped_column(String(10))
    pin_policy_deactivate: Mapped[str] = mapped_column(String(10))
    pin_policy_enroll: Mapped[str] = mapped_column(String(10))
    pin_max_failed_attempts: Mapped[int] = mapped_column(Integer)
    pin_lockout_minutes: Mapped[int] = mapped_column(Integer)
    allow_void_transactions: Mapped[bool] = mapped_column(Boolean)
    allow_cross_location_redemption: Mapped[bool] = mapped_column(Boolean)
    offline_redemption_limit_points: Mapped[int] = mapped_column(Integer)
    require_customer_email_on_enroll: Mapped[bool] = mapped_column(Boolean)

    _PLAIN_FIELDS = (
        "pin_max_failed_attempts",
        "pin_lockout_minutes",
        "allow_void_transactions",
        "allow_cross_location_redemption",
        "offline_redemption_limit_points",
        "require_customer_email_on_enroll",
    )

    @classmethod
    def from_rules(cls, company_id: int, rules: CompanyRules) -> Settings:
        values = {field: getattr(rules, field) for field in cls._PLAIN_FIELDS}
        return cls(
            company_id=company_id,
            pin_policy_redeem=rules.pin_policy(PinOperation.REDEEM).value,
            pin_policy_void=rules.pin_policy(PinOperation.VOID).value,
            pin_policy_deactivate=rules.pin_policy(PinOperation.DEACTIVATE).value,
            pin_policy_enroll=rules.pin_policy(PinOperation.ENROLL).value,
            **values,
        )

    def rules(self) -> CompanyRules:
        values = {field: getattr(self, field) for field in self._PLAIN_FIELDS}
        return CompanyRules(
            pin_policies={
                PinOperation.REDEEM: PinPolicy(self.pin_policy_redeem),
                PinOperation.VOID: PinPolicy(self.pin_policy_void),
                PinOperation.DEACTIVATE: PinPolicy(self.pin_policy_deactivate),
                PinOperation.ENROLL: PinPolicy(self.pin_policy_enroll),
            },
            **values,
        )

    def to_wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {field: getattr(self, field) for field in self._PLAIN_FIELDS}
        data.update(
            company_id=self.company_id,
            pin_policy_redeem=self.pin_policy_redeem,
            pin_policy_void=self.pin_policy_void,
            pin_policy_deactivate=self.pin_policy_deactivate,
            pin_policy_enroll=self.pin_policy_enroll,
        )
        return data


class Staff(Base):
    """A company-wide staff member and their PIN hash (never the PIN)."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(10))
    pin_hash: Mapped[str] = mapped_column(String(160))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company_id": self.company_id,
            "name": self.name,
            "role": _value(self.role),
            "pin_hash": self.pin_hash,
            "is_active": self.is_active,
            "failed_attempts": self.failed_attempts,
            "locked_until": _iso(self.locked_until),
        }


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_company_email", "company_id", "email"),
        Index("ix_customers_company_phone", "company_id", "phone"),
        Index("ix_customers_company_id_id", "company_id", "id"),  # snapshot pages, keyset
    )

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    first_name: Mapped[str] = mapped_column(String(80), default="")
    last_name: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str | None] = mapped_column(String(254))  # NFC, lower-cased
    phone: Mapped[str | None] = mapped_column(String(16))  # E.164: +33612345678
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company_id": self.company_id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "created_at": _iso(self.created_at),
        }


class Card(Base):
    """A loyalty card; its balances are the sum of its accepted and overdraft ledger entries."""

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("company_id", "customer_id"),
        Index("ix_cards_company_id_id", "company_id", "id"),  # snapshot pages, keyset
    )

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    card_number: Mapped[str] = mapped_column(String(12), unique=True)
    qr_code_data: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at_vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"))
    created_by_terminal_id: Mapped[str | None] = mapped_column(String(UUID_LENGTH), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    stamp_count: Mapped[int] = mapped_column(Integer, default=0)
    total_stamps_earned: Mapped[int] = mapped_column(Integer, default=0)
    stamps_redeemed: Mapped[int] = mapped_column(Integer, default=0)
    points_balance: Mapped[int] = mapped_column(BigInteger, default=0)
    total_points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    points_redeemed: Mapped[int] = mapped_column(BigInteger, default=0)
    overdrawn: Mapped[bool] = mapped_column(Boolean, default=False)  # flagged for a manager
    last_activity_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    def balances_wire(self) -> dict[str, Any]:
        return {
            "card_id": self.id,
            "is_active": self.is_active,
            "stamp_count": self.stamp_count,
            "total_stamps_earned": self.total_stamps_earned,
            "stamps_redeemed": self.stamps_redeemed,
            "points_balance": self.points_balance,
            "total_points_earned": self.total_points_earned,
            "points_redeemed": self.points_redeemed,
            "last_activity_at": _iso(self.last_activity_at),
        }

    def to_wire(self) -> dict[str, Any]:
        data = self.balances_wire()
        del data["card_id"]
        data.update(
            id=self.id,
            company_id=self.company_id,
            customer_id=self.customer_id,
            program_id=self.program_id,
            card_number=self.card_number,
            qr_code_data=self.qr_code_data,
            enrolled_at_vendor_id=self.enrolled_at_vendor_id,
            overdrawn=self.overdrawn,
            created_at=_iso(self.created_at),
            updated_at=_iso(self.updated_at),
        )
        return data


class CardAlias(Base):
    """A QR token or card number of a card merged into another one: it keeps working."""

    __tablename__ = "card_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id"), index=True)
    merged_card_id: Mapped[str | None] = mapped_column(String(UUID_LENGTH), unique=True)
    qr_code_data: Mapped[str | None] = mapped_column(String(64), unique=True)
    card_number: Mapped[str | None] = mapped_column(String(12), unique=True)

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "card_id": self.card_id,
            "merged_card_id": self.merged_card_id,
            "qr_code_data": self.qr_code_data,
            "card_number": self.card_number,
        }


class CardNumberBlock(Base):
    """Card-number bodies reserved for one terminal (server-wide unique ranges)."""

    __tablename__ = "card_number_blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    # NULL: numbers the server itself handed out (sync.server.importer), never sent to terminals.
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"), index=True)
    first_body: Mapped[int] = mapped_column(BigInteger, unique=True)
    last_body: Mapped[int] = mapped_column(BigInteger)
    allocated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    @property
    def size(self) -> int:
        return self.last_body - self.first_body + 1

    def to_wire(self) -> dict[str, Any]:
        return {"id": self.id, "first_body": self.first_body, "last_body": self.last_body}


class Terminal(Base):
    __tablename__ = "terminals"

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    activated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When it last called the server (kept to the minute: not one write per request).
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # is_active is False
    # When a pull of its last reached the end of the change feed: the rules it had from then
    # on (sync.server.claims judges its offline entries by the rules in force since).
    caught_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ActivationCode(Base):
    __tablename__ = "activation_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex, never the code
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    terminal_id: Mapped[str | None] = mapped_column(String(UUID_LENGTH))


class LedgerEntry(Base):
    """The authoritative ledger. Never updated, never deleted.

    `result` is accepted or overdraft (both move balances) or rejected (kept with its reason,
    moves nothing). `content_hash` is the canonical hash of the entry as pushed, to tell a
    harmless re-send (duplicate) from a different entry reusing an id or seq (conflict).
    """

    __tablename__ = "ledger_entries"
    __table_args__ = (
        UniqueConstraint("terminal_id", "terminal_seq"),
        Index("ix_ledger_entries_card_time", "card_id", "transaction_at"),
        # A company's figures over a period (sync.server.stats, migration 0009).
        Index("ix_ledger_entries_company_time", "company_id", "transaction_at"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    card_id: Mapped[str] = mapped_column(String(UUID_LENGTH))  # no FK: rejected entries too
    # All three NULL for server-made entries (POINTS_EXPIRED): NULLs never clash in the
    # unique (terminal_id, terminal_seq) constraint, which still holds for terminal entries.
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"))
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"))
    terminal_seq: Mapped[int | None] = mapped_column(BigInteger)
    staff_id: Mapped[int | None] = mapped_column(BigInteger)  # as sent: the wire allows 64 bits
    type: Mapped[str] = mapped_column(String(24))
    stamps_delta: Mapped[int] = mapped_column(Integer, default=0)
    points_delta: Mapped[int] = mapped_column(Integer, default=0)
    stamp_count_after: Mapped[int | None] = mapped_column(Integer)
    points_balance_after: Mapped[int | None] = mapped_column(BigInteger)
    purchase_amount: Mapped[int | None] = mapped_column(BigInteger)
    order_reference: Mapped[str | None] = mapped_column(String(64))
    reward_id: Mapped[int | None] = mapped_column(BigInteger)  # as sent: the wire allows 64 bits
    reward_description: Mapped[str | None] = mapped_column(String(120))
    reverses_id: Mapped[str | None] = mapped_column(String(UUID_LENGTH), index=True)
    shortfall: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    authorized_online: Mapped[bool] = mapped_column(Boolean, default=False)
    transaction_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    result: Mapped[str] = mapped_column(String(12))
    reason_code: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    merged_into_card_id: Mapped[str | None] = mapped_column(String(UUID_LENGTH))
    content_hash: Mapped[str] = mapped_column(String(64))
    # A conflict for a manager: applied although the rules say it should not have been
    # (an overdraft, the daily stamp limit exceeded across terminals while offline).
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ChangeLog(Base):
    """What changed, in commit order, for the terminals' `changes` pages.

    `terminal_id` set: a change only that terminal sees (its card-number blocks)."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_company_seq", "company_id", "seq"),
        Index("ix_change_log_created_at", "created_at"),  # the pruning job's cut-off
        {"sqlite_autoincrement": True},  # seqs never reused, even after pruning
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[int] = mapped_column(Integer)
    terminal_id: Mapped[str | None] = mapped_column(String(UUID_LENGTH))
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RuleVersion(Base):
    """The program's or a reward's rules as they stood from `valid_from` on.

    Written with every change (sync.server.rules_history): an entry made offline before a
    change is re-checked against the rules in force at its `transaction_at`."""

    __tablename__ = "rule_versions"
    __table_args__ = (Index("ix_rule_versions_lookup", "entity", "entity_id", "valid_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    entity: Mapped[str] = mapped_column(String(24))  # "programs" or "rewards"
    entity_id: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the row's to_wire()


class AuditRecord(Base):
    """Who changed what, when, with the values before and after (admin changes)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ServerState(Base):
    """One row: how far the change log has been pruned (older cursors get a snapshot)."""

    __tablename__ = "server_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    log_pruned_through: Mapped[int] = mapped_column(Integer, default=0)
