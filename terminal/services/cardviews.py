"""Loading a card inside a unit of work and turning it into a CardView."""

from __future__ import annotations

from datetime import date, datetime

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
from terminal.services.views import CardView
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
        first_name=customer.first_name,
        last_name=customer.last_name,
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
        points_expire_on=points_expire_on(card, ctx),
        enrolled_at_vendor_id=card.enrolled_at_vendor_id,
        enrolled_at_vendor_name=enrolled_at_name(card, ctx),
        last_activity_at=last_activity_shown(card, ctx),
    )


def points_expire_on(card: LoyaltyCard, ctx: TerminalContext) -> date | None:
    """The store date the card's points expire without activity (None: no points)."""
    if card.points_balance <= 0:
        return None
    return points_expiry_date(ctx.program, card.last_activity_at, ctx.store_tz)


def enrolled_at_name(card: LoyaltyCard, ctx: TerminalContext) -> str | None:
    vendor_id = card.enrolled_at_vendor_id
    return ctx.vendor_names.get(vendor_id) if vendor_id is not None else None


def last_activity_shown(card: LoyaltyCard, ctx: TerminalContext) -> datetime | None:
    moment = card.last_activity_at
    return to_store_time(moment, ctx.store_tz) if moment is not None else None
