"""Customers, their cards, merged-card aliases and the terminal's reserved number blocks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from terminal.store.base import Base, UtcDateTime

UUID_LENGTH = 36


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_company_email", "company_id", "email"),
        Index("ix_customers_company_phone", "company_id", "phone"),
        # the manager's cards table sorted by name (migration 0008)
        Index("ix_customers_name", "last_name", "first_name"),
    )

    # Local integer key (joins, search index rowid); `uuid` is the id every system shares,
    # made where the customer was enrolled, possibly offline.
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), unique=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    first_name: Mapped[str] = mapped_column(String(80), default="")
    last_name: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str | None] = mapped_column(String(254))  # NFC, lower-cased
    phone: Mapped[str | None] = mapped_column(String(16))  # E.164: +33612345678
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class LoyaltyCard(Base):
    __tablename__ = "loyalty_cards"
    __table_args__ = (
        UniqueConstraint("company_id", "customer_id"),
        # The manager's cards table (migration 0008): keyset pages sorted on these columns
        # (SQLite appends the rowid, the card's id, to every index: the keyset tie-breaker).
        Index("ix_loyalty_cards_points", "points_balance"),
        Index("ix_loyalty_cards_stamps", "stamp_count"),
        Index("ix_loyalty_cards_last_activity", "last_activity_at"),
        Index("ix_loyalty_cards_inactive", "id", sqlite_where=text("is_active = 0")),
        Index(
            "ix_loyalty_cards_overdrawn",
            "id",
            sqlite_where=text("points_balance < 0 OR stamp_count < 0"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), unique=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    card_number: Mapped[str] = mapped_column(String(12), unique=True)  # normalised digits
    qr_code_data: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at_vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Balances as this terminal knows them: server-confirmed plus local pending entries.
    stamp_count: Mapped[int] = mapped_column(Integer, default=0)
    total_stamps_earned: Mapped[int] = mapped_column(Integer, default=0)
    stamps_redeemed: Mapped[int] = mapped_column(Integer, default=0)
    points_balance: Mapped[int] = mapped_column(Integer, default=0)
    total_points_earned: Mapped[int] = mapped_column(Integer, default=0)
    points_redeemed: Mapped[int] = mapped_column(Integer, default=0)
    last_activity_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The server-confirmed part of the balances above, kept apart (migration 0006): the
    # columns above are always these plus this terminal's pending entries, so a pulled
    # card state is written here and the pending entries added on top, never counted twice.
    confirmed_stamp_count: Mapped[int] = mapped_column(Integer, default=0)
    confirmed_points_balance: Mapped[int] = mapped_column(Integer, default=0)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # server time

    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)


class CardAlias(Base):
    """A QR token or card number of a card the server merged into another one."""

    __tablename__ = "card_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("loyalty_cards.id"), index=True)
    qr_code_data: Mapped[str | None] = mapped_column(String(64), unique=True)
    card_number: Mapped[str | None] = mapped_column(String(12), unique=True)


class CardNumberBlock(Base):
    """A range of card-number bodies (11 digits, check digit added) the server reserved for
    this terminal, so that enrollment works offline without two terminals colliding."""

    __tablename__ = "card_number_blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_body: Mapped[int] = mapped_column(Integer)
    last_body: Mapped[int] = mapped_column(Integer)
    next_body: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)

    @property
    def remaining(self) -> int:
        return max(self.last_body - self.next_body + 1, 0)
