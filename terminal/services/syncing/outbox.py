"""Pending ledger entries as the server receives them (sync.protocol.PushEntry)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from sync.protocol import CustomerChange, NewCard, PushEntry
from terminal.domain.ledger import SyncState, TransactionType
from terminal.store.models import Customer, CustomerChangeRecord, LedgerEntry, LoyaltyCard

UNSETTLED = (SyncState.PENDING, SyncState.AUTHORIZING)


def pending_entries(session: Session, limit: int) -> list[PushEntry]:
    """The oldest `limit` pending entries in sequence order (never one being authorised
    online: that one is the authoriser's)."""
    rows = session.execute(
        select(LedgerEntry, LoyaltyCard, Customer, CustomerChangeRecord)
        .join(LoyaltyCard, LoyaltyCard.id == LedgerEntry.card_id)
        .join(Customer, Customer.id == LoyaltyCard.customer_id)
        .outerjoin(CustomerChangeRecord, CustomerChangeRecord.entry_id == LedgerEntry.id)
        .where(LedgerEntry.sync_state == SyncState.PENDING)
        .order_by(LedgerEntry.terminal_seq)
        .limit(limit)
    ).all()
    return [push_entry(*row) for row in rows]


def push_entry(
    entry: LedgerEntry,
    card: LoyaltyCard,
    customer: Customer,
    frozen: CustomerChangeRecord | None = None,
) -> PushEntry:
    """The entry exactly as it is sent every time: its content never changes once sent (the
    server answers `conflict` to the same id with different content). `frozen`: the
    customer details stored with the entry, if any (terminal.store.models.customer_changes):
    they, not the customers row, which a later change of details moves, are what it sends."""
    new_card = None
    customer_change = None
    if entry.type == TransactionType.CARD_CREATED:
        named = frozen if frozen is not None else customer
        new_card = NewCard(
            card_number=card.card_number,
            qr_code_data=card.qr_code_data,
            customer_id=customer.uuid,
            first_name=named.first_name,
            last_name=named.last_name,
            email=named.email,
            phone=named.phone,
            enrolled_at_vendor_id=card.enrolled_at_vendor_id,
        )
    elif entry.type == TransactionType.CUSTOMER_UPDATED:
        assert frozen is not None  # written with the entry (terminal.services.customer_edit)
        customer_change = CustomerChange(
            first_name=frozen.first_name,
            last_name=frozen.last_name,
            email=frozen.email,
            phone=frozen.phone,
        )
    return PushEntry(
        id=entry.id,
        seq=entry.terminal_seq,
        type=entry.type,
        card_id=card.uuid,
        staff_id=entry.staff_id,
        stamps_delta=entry.stamps_delta,
        points_delta=entry.points_delta,
        purchase_amount=entry.purchase_amount,
        order_reference=entry.order_reference,
        reward_id=entry.reward_id,
        reward_description=entry.reward_description,
        reverses_id=entry.reverses_id,
        shortfall=entry.shortfall,
        notes=entry.notes,
        authorized_online=entry.authorized_online,
        transaction_at=entry.transaction_at,
        new_card=new_card,
        customer_change=customer_change,
    )


def mark_sent(session: Session, entry_ids: list[str], now: datetime) -> None:
    """Before the request leaves: from here on the server may hold these entries even if
    no answer comes back (see `has_unanswered`)."""
    if entry_ids:
        session.execute(
            update(LedgerEntry).where(LedgerEntry.id.in_(entry_ids)).values(sent_at=now)
        )


def forget_sent(session: Session, entry_id: str) -> None:
    """The server answered without applying it (a gap): no longer a risk for pulls."""
    session.execute(update(LedgerEntry).where(LedgerEntry.id == entry_id).values(sent_at=None))


def has_unanswered(session: Session) -> bool:
    """Whether a push carried a pending entry whose answer never came back. Then the server
    may already count it: a pulled card state could include it, and adding it again as
    pending would count it twice, so the engine pushes again before it pulls."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    LedgerEntry.sync_state.in_(UNSETTLED), LedgerEntry.sent_at.is_not(None)
                )
            )
        )
    )
