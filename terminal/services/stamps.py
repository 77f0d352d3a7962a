"""Giving stamps and redeeming the stamp reward."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from terminal.domain.clock import store_day_bounds
from terminal.domain.ledger import TransactionType
from terminal.domain.points import check_redemption_location
from terminal.domain.rules import PinOperation
from terminal.domain.stamps import check_stamp, check_stamp_redemption
from terminal.services.cardviews import card_view, check_usable, require_card
from terminal.services.context import ServiceDeps
from terminal.services.ledger_writer import append_entry
from terminal.services.online import asks_online, initial_state, settle_online
from terminal.services.staff import StaffService
from terminal.services.views import Actor, OperationResult
from terminal.store.models import LedgerEntry, LoyaltyCard


class StampService:
    def __init__(self, deps: ServiceDeps, staff: StaffService) -> None:
        self._deps = deps
        self._staff = staff

    def add_stamp(self, actor: Actor, card_id: str, count: int = 1) -> OperationResult:
        member = self._staff.authorize(actor, None)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            check_usable(card, ctx)
            day_start, _ = store_day_bounds(now, ctx.store_tz)
            check_stamp(
                program=ctx.program,
                count=count,
                stamps_today=_stamps_since(session, card, day_start),
                last_stamp_at=_last_stamp_at(session, card),
                now=now,
                store_tz=ctx.store_tz,
            )
            entry = append_entry(
                session,
                ctx,
                card,
                TransactionType.STAMP_EARNED,
                now=now,
                staff_id=member.staff_id,
                stamps_delta=count,
            )
            view = card_view(session, ctx, card)
            return OperationResult(entry.id, entry.type, view, stamps_delta=count)

    def redeem_reward(self, actor: Actor, card_id: str) -> OperationResult:
        member = self._staff.authorize(actor, PinOperation.REDEEM)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            check_usable(card, ctx)
            check_redemption_location(
                company=ctx.company,
                enrolled_at_vendor_id=card.enrolled_at_vendor_id,
                vendor_id=ctx.vendor_id,
            )
            check_stamp_redemption(program=ctx.program, stamp_count=card.stamp_count)
            online = asks_online(self._deps)
            entry = append_entry(
                session,
                ctx,
                card,
                TransactionType.STAMP_REDEEMED,
                now=now,
                staff_id=member.staff_id,
                stamps_delta=-ctx.program.stamps_target,
                reward_description=ctx.program.stamps_reward_description,
                authorized_online=online,
                sync_state=initial_state(online),
            )
            target, description = ctx.program.stamps_target, ctx.program.stamps_reward_description
            entry_id, card_row_id = entry.id, card.id
            if not online:
                return OperationResult(
                    entry.id,
                    entry.type,
                    card_view(session, ctx, card),
                    stamps_delta=-target,
                    reward_description=description,
                )
        settle_online(self._deps, entry_id, card_row_id)  # no offline limit on stamp rewards
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            card = session.get(LoyaltyCard, card_row_id)
            assert card is not None
            return OperationResult(
                entry_id,
                TransactionType.STAMP_REDEEMED,
                card_view(session, ctx, card),
                stamps_delta=-target,
                reward_description=description,
            )


def _stamps_since(session: Session, card: LoyaltyCard, since: datetime) -> int:
    """Stamps given since `since`, less those voided as given by mistake."""
    given_since = (
        select(LedgerEntry.id, LedgerEntry.stamps_delta)
        .where(
            LedgerEntry.card_id == card.id,
            LedgerEntry.type == TransactionType.STAMP_EARNED,
            LedgerEntry.transaction_at >= since,
        )
        .subquery()
    )
    given = session.scalar(select(func.coalesce(func.sum(given_since.c.stamps_delta), 0)))
    voided = session.scalar(
        select(func.coalesce(func.sum(-LedgerEntry.stamps_delta + LedgerEntry.shortfall), 0)).where(
            LedgerEntry.card_id == card.id,
            LedgerEntry.reverses_id.in_(select(given_since.c.id)),
        )
    )
    return int(given or 0) - int(voided or 0)


def _last_stamp_at(session: Session, card: LoyaltyCard) -> datetime | None:
    return session.scalar(
        select(func.max(LedgerEntry.transaction_at)).where(
            LedgerEntry.card_id == card.id, LedgerEntry.type == TransactionType.STAMP_EARNED
        )
    )
