"""The one place where a ledger entry is written and a cached card's balances change.

Keeping both in one function, inside the caller's transaction, is what keeps the invariant
"balances equal the sum of the ledger deltas" true for every operation.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from terminal.domain.ledger import ACTIVITY_TYPES, SyncState, TransactionType
from terminal.services.context import TerminalContext
from terminal.store.models import LedgerEntry, LoyaltyCard, TerminalIdentity


def next_terminal_seq(session: Session) -> int:
    """Take the next per-terminal sequence number; gap-free because it rolls back with the
    entry it numbers (the writer session holds the write lock from BEGIN IMMEDIATE)."""
    seq = session.execute(
        update(TerminalIdentity)
        .where(TerminalIdentity.id == 1)
        .values(next_seq=TerminalIdentity.next_seq + 1)
        .returning(TerminalIdentity.next_seq - 1)
    ).scalar_one()
    return int(seq)


def append_entry(
    session: Session,
    ctx: TerminalContext,
    card: LoyaltyCard,
    type_: TransactionType,
    *,
    now: datetime,
    staff_id: int | None,
    stamps_delta: int = 0,
    points_delta: int = 0,
    sync_state: SyncState = SyncState.PENDING,
    **fields: Any,
) -> LedgerEntry:
    _apply_to_card(card, type_, stamps_delta, points_delta, now, fields.get("shortfall", 0))
    entry = LedgerEntry(
        id=str(uuid.uuid4()),
        company_id=ctx.company_id,
        card_id=card.id,
        vendor_id=ctx.vendor_id,
        terminal_id=ctx.terminal_id,
        terminal_seq=next_terminal_seq(session),
        staff_id=staff_id,
        type=type_,
        stamps_delta=stamps_delta,
        points_delta=points_delta,
        stamp_count_after=card.stamp_count,
        points_balance_after=card.points_balance,
        transaction_at=now,
        sync_state=sync_state,
        **fields,
    )
    session.add(entry)
    return entry


def _apply_to_card(
    card: LoyaltyCard,
    type_: TransactionType,
    stamps_delta: int,
    points_delta: int,
    now: datetime,
    shortfall: int,
) -> None:
    card.stamp_count += stamps_delta
    card.points_balance += points_delta
    # A card can be below zero only by the server's word (an overdraft another store's
    # spending caused): an entry of this terminal never takes a balance below zero.
    if (stamps_delta < 0 and card.stamp_count < 0) or (
        points_delta < 0 and card.points_balance < 0
    ):
        raise AssertionError("a ledger entry would drive a balance below zero")
    match type_:
        case TransactionType.STAMP_EARNED:
            card.total_stamps_earned += stamps_delta
        case TransactionType.STAMP_VOIDED:
            card.total_stamps_earned += stamps_delta - shortfall
        case TransactionType.STAMP_REDEEMED:
            card.stamps_redeemed -= stamps_delta
        case TransactionType.POINTS_EARNED | TransactionType.WELCOME_BONUS:
            card.total_points_earned += points_delta
        case TransactionType.POINTS_VOIDED:
            card.total_points_earned += points_delta - shortfall
        case TransactionType.POINTS_REDEEMED:
            card.points_redeemed -= points_delta
        case _:
            pass
    if type_ in ACTIVITY_TYPES:
        card.last_activity_at = now
    card.updated_at = now
