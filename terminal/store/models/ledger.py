"""The immutable local ledger, and the terminal's identity and sync cursor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from terminal.domain.ledger import SyncState, TransactionType
from terminal.store.base import Base, StrEnumType, UtcDateTime
from terminal.store.models.cards import UUID_LENGTH


class LedgerEntry(Base):
    """LoyaltyTransaction. Never updated but for its sync columns, never deleted."""

    __tablename__ = "loyalty_transactions"
    __table_args__ = (
        UniqueConstraint("terminal_id", "terminal_seq"),
        Index("ix_loyalty_transactions_card_time", "card_id", "transaction_at"),
        Index("ix_loyalty_transactions_card_type_time", "card_id", "type", "transaction_at"),
        Index("ix_loyalty_transactions_vendor_time", "vendor_id", "transaction_at"),
        Index("ix_loyalty_transactions_reverses", "reverses_id"),
        Index(
            "ix_loyalty_transactions_pending",
            "terminal_seq",
            sqlite_where=text("sync_state = 'pending'"),
        ),
        Index(  # covers the card view's sum of pending deltas
            "ix_loyalty_transactions_card_pending",
            "card_id",
            "points_delta",
            "stamps_delta",
            sqlite_where=text("sync_state = 'pending'"),
        ),
    )

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)  # made locally
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    card_id: Mapped[int] = mapped_column(ForeignKey("loyalty_cards.id"))
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"))
    terminal_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    terminal_seq: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_pins.id"))
    type: Mapped[TransactionType] = mapped_column(StrEnumType(TransactionType, 24))
    stamps_delta: Mapped[int] = mapped_column(Integer, default=0)
    points_delta: Mapped[int] = mapped_column(Integer, default=0)
    stamp_count_after: Mapped[int] = mapped_column(Integer)
    points_balance_after: Mapped[int] = mapped_column(Integer)
    purchase_amount: Mapped[int | None] = mapped_column(Integer)  # minor units
    order_reference: Mapped[str | None] = mapped_column(String(64))
    reward_id: Mapped[int | None] = mapped_column(Integer)
    reward_description: Mapped[str | None] = mapped_column(String(120))
    reverses_id: Mapped[str | None] = mapped_column(
        ForeignKey("loyalty_transactions.id"), default=None
    )
    shortfall: Mapped[int] = mapped_column(Integer, default=0)  # a void could not take back
    notes: Mapped[str | None] = mapped_column(Text)
    # Sent to be authorised online (part of the entry's content, as the server hashes it).
    authorized_online: Mapped[bool] = mapped_column(Boolean, default=False)
    transaction_at: Mapped[datetime] = mapped_column(UtcDateTime)  # terminal clock
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # server clock
    sync_state: Mapped[SyncState] = mapped_column(
        StrEnumType(SyncState, 10), default=SyncState.PENDING
    )
    sync_reason: Mapped[str | None] = mapped_column(Text)
    # When a push first carried it (migration 0006). Pending and sent: the server may have
    # applied it with the answer lost, so the engine pushes it again (a `duplicate` answer
    # settles it) before it pulls card states that could already include it.
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The server said yes while the customer waited (migration 0007). An entry sent for
    # authorisation without an answer in time fell back to the offline rules: it counts
    # towards the offline redemption limit even though `authorized_online` is set.
    approved_online: Mapped[bool] = mapped_column(Boolean, default=False)


class TerminalIdentity(Base):
    """Who this terminal is (one row): set by activation, read by every operation."""

    __tablename__ = "terminal_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    terminal_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    name: Mapped[str] = mapped_column(String(80))
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"))
    next_seq: Mapped[int] = mapped_column(Integer, default=1)
    server_url: Mapped[str | None] = mapped_column(String(300))
    activated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncCursor(Base):
    """The server change-log position this cache is at (one row)."""

    __tablename__ = "sync_cursor"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    cursor: Mapped[str | None] = mapped_column(String(200))
    last_pull_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_push_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CatalogVersion(Base):
    """Bumped by triggers on every catalogue change (migration 0003): one integer tells
    whether a cached terminal context is still current."""

    __tablename__ = "catalog_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    version: Mapped[int] = mapped_column(Integer)
