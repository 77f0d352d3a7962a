"""Enrolling a customer: one card per customer per company, number from the reserved block."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from terminal.domain.cards import card_number_from_body, format_card_number, new_qr_token
from terminal.domain.errors import (
    CardNumberBlockExhausted,
    CustomerAlreadyEnrolled,
    ProgramInactive,
)
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import PinOperation
from terminal.services.cardviews import card_view
from terminal.services.context import ServiceDeps
from terminal.services.customer_checks import contact_clash, store_customer_details
from terminal.services.ledger_writer import append_entry
from terminal.services.staff import StaffService
from terminal.services.views import Actor, OperationResult
from terminal.store.models import CardNumberBlock, Customer, LoyaltyCard
from terminal.store.search import index_card


class EnrollService:
    def __init__(self, deps: ServiceDeps, staff: StaffService) -> None:
        self._deps = deps
        self._staff = staff

    def enroll(
        self,
        actor: Actor,
        *,
        first_name: str | None,
        last_name: str | None,
        email: str | None = None,
        phone: str | None = None,
    ) -> OperationResult:
        with self._deps.sessions.read() as session:
            store = self._deps.context(session)
        details = store_customer_details(
            store, first_name=first_name, last_name=last_name, email=email, phone=phone
        )
        member = self._staff.authorize(actor, PinOperation.ENROLL)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            if not ctx.program.is_active:
                raise ProgramInactive()
            clash = contact_clash(session, ctx.company_id, details)
            if clash is not None:
                raise CustomerAlreadyEnrolled(
                    format_card_number(clash.card.card_number), clash.matched_on
                )
            customer = Customer(
                uuid=str(uuid.uuid4()),
                company_id=ctx.company_id,
                first_name=details.first_name,
                last_name=details.last_name,
                email=details.email,
                phone=details.phone,
                created_at=now,
            )
            session.add(customer)
            session.flush()
            card = LoyaltyCard(
                uuid=str(uuid.uuid4()),
                company_id=ctx.company_id,
                customer_id=customer.id,
                program_id=ctx.program_id,
                card_number=_take_card_number(session),
                qr_code_data=new_qr_token(),
                enrolled_at_vendor_id=ctx.vendor_id,
                is_active=True,
                stamp_count=0,
                total_stamps_earned=0,
                stamps_redeemed=0,
                points_balance=0,
                total_points_earned=0,
                points_redeemed=0,
                created_at=now,
                updated_at=now,
            )
            session.add(card)
            session.flush()
            index_card(
                session,
                card.id,
                first_name=customer.first_name,
                last_name=customer.last_name,
                email=customer.email,
                phone=customer.phone,
                card_number=card.card_number,
            )
            entry = append_entry(
                session, ctx, card, TransactionType.CARD_CREATED, now=now, staff_id=member.staff_id
            )
            bonus = ctx.program.welcome_bonus_points if ctx.program.uses_points else 0
            if bonus > 0:
                append_entry(
                    session,
                    ctx,
                    card,
                    TransactionType.WELCOME_BONUS,
                    now=now,
                    staff_id=member.staff_id,
                    points_delta=bonus,
                    notes="Welcome bonus on enrollment",
                )
            session.flush()
            return OperationResult(
                entry.id,
                entry.type,
                card_view(session, ctx, card),
                welcome_bonus=max(bonus, 0),
            )


def _take_card_number(session: Session) -> str:
    block = session.scalars(
        select(CardNumberBlock)
        .where(CardNumberBlock.next_body <= CardNumberBlock.last_body)
        .order_by(CardNumberBlock.id)
        .limit(1)
    ).first()
    if block is None:
        raise CardNumberBlockExhausted()
    number = card_number_from_body(block.next_body)
    block.next_body += 1
    return number
