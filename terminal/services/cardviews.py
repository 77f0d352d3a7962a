"""Loading a card inside a unit of work and turning it into a CardView."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from terminal.domain.cards import format_card_number
from terminal.domain.clock import to_store_time
from terminal.domain.errors import CardNotFound
from terminal.domain.ledger import SyncState
from terminal.domain.points import points_expiry_date
from terminal.domain.stamps import check_card_usable, stamp_reward_available
from terminal.services.context import TerminalContext
from terminal.services.inputs import is_uuid_text
from terminal.services.views import CardSummary, CardView
from terminal.store.models import LedgerEntry, LoyaltyCard

# Built once (see context.py): these run on every scan and every operation.
_CARD_BY_UUID = select(LoyaltyCard).where(
    LoyaltyCard.uuid == bindparam("uuid"), LoyaltyCard.company_id == bindparam("company_id")
)
_PENDING = select(
    func.coalesce(func.sum(LedgerEntry.points_delta), 0),
    func.coalesce(func.sum(LedgerEntry.stamps_delta), 0),
).where(LedgerEntry.card_id == bindparam("card_id"), LedgerEntry.sync_state == SyncState.PENDING)


def require_card(session: Session, ctx: TerminalContext, card_id: str) -> LoyaltyCard:
    """The card with this uuid in the terminal's company; other companies' cards are unknown."""
    if not is_uuid_text(card_id):
        raise CardNotFound()
    card = session.scalar(_CARD_BY_UUID, {"uuid": card_id, "company_id": ctx.company_id})
    if card is None:
        raise CardNotFound()
    return card


def check_usable(card: LoyaltyCard, ctx: TerminalContext) -> None:
    """Every earn or redeem needs an active program and an active card."""
    check_card_usable(
        card_active=card.is_active,
        card_number_shown=format_card_number(card.card_number),
        program=ctx.program,
    )


def card_view(session: Session, ctx: TerminalContext, card: LoyaltyCard) -> CardView:
    pending_points, pending_stamps = session.execute(_PENDING, {"card_id": card.id}).one()
    customer = card.customer
    return CardView(
        card_id=card.uuid,
        card_number=format_card_number(card.card_number),
        qr_token=card.qr_code_data,
        customer_name=customer.full_name,
        email=customer.email,
        phone=customer.phone,
        is_active=card.is_active,
        stamp_count=card.stamp_count,
        stamps_target=ctx.program.stamps_target,
        stamp_reward_available=stamp_reward_available(ctx.program, card.stamp_count),
        stamp_reward_description=ctx.program.stamps_reward_description,
        points_balance=card.points_balance,
        pending_points=int(pending_points),
        pending_stamps=int(pending_stamps),
        points_expire_on=points_expiry_date(ctx.program, card.last_activity_at, ctx.store_tz)
        if card.points_balance > 0
        else None,
        enrolled_at_vendor_id=card.enrolled_at_vendor_id,
        enrolled_at_vendor_name=ctx.vendor_names.get(card.enrolled_at_vendor_id)
        if card.enrolled_at_vendor_id is not None
        else None,
        last_activity_at=to_store_time(card.last_activity_at, ctx.store_tz)
        if card.last_activity_at is not None
        else None,
    )


def card_summary(card: LoyaltyCard) -> CardSummary:
    return CardSummary(
        card_id=card.uuid,
        card_number=format_card_number(card.card_number),
        customer_name=card.customer.full_name,
        email=card.customer.email,
        phone=card.customer.phone,
        is_active=card.is_active,
        points_balance=card.points_balance,
        stamp_count=card.stamp_count,
    )
