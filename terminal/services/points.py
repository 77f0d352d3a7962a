"""Earning points on a purchase and redeeming catalogue rewards."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from terminal.domain.clock import store_day_bounds
from terminal.domain.errors import InvalidInput, RewardUnavailable
from terminal.domain.ledger import TransactionType
from terminal.domain.money import DEFAULT_MAX_AMOUNT_MINOR, parse_amount
from terminal.domain.points import (
    check_offline_redemption,
    check_points_redemption,
    check_redemption_location,
    points_earned,
    unaffordable_reason,
)
from terminal.domain.rules import PinOperation
from terminal.services.cardviews import card_view, check_usable, require_card
from terminal.services.context import ServiceDeps, TerminalContext
from terminal.services.inputs import is_row_id
from terminal.services.ledger_writer import append_entry
from terminal.services.online import asks_online, initial_state, settle_online
from terminal.services.staff import StaffService
from terminal.services.views import Actor, OperationResult, RewardOption
from terminal.store.models import LedgerEntry, LoyaltyCard, Reward

ORDER_REFERENCE_MAX = 64


class PointsService:
    def __init__(
        self,
        deps: ServiceDeps,
        staff: StaffService,
        *,
        max_amount_minor: int = DEFAULT_MAX_AMOUNT_MINOR,
    ) -> None:
        self._deps = deps
        self._staff = staff
        self._max_amount = max_amount_minor

    def earn(
        self, actor: Actor, card_id: str, amount: str, order_reference: str | None = None
    ) -> OperationResult:
        """Points for a purchase; `amount` is what the cashier typed (12.50 or 12,50)."""
        amount_minor = parse_amount(amount, max_minor=self._max_amount)
        reference = _clean_reference(order_reference)
        member = self._staff.authorize(actor, None)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            check_usable(card, ctx)
            points = points_earned(ctx.program, amount_minor)
            entry = append_entry(
                session,
                ctx,
                card,
                TransactionType.POINTS_EARNED,
                now=now,
                staff_id=member.staff_id,
                points_delta=points,
                purchase_amount=amount_minor,
                order_reference=reference,
            )
            view = card_view(session, ctx, card)
            return OperationResult(
                entry.id, entry.type, view, points_delta=points, purchase_amount=amount_minor
            )

    def rewards(self, card_id: str) -> list[RewardOption]:
        """The catalogue for this card: unaffordable rewards come with the reason."""
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            options = []
            for reward in _catalogue(session, ctx):
                refusal = unaffordable_reason(ctx.program, reward.rule(), card.points_balance)
                options.append(
                    RewardOption(
                        reward.id,
                        reward.name,
                        reward.points_cost,
                        available=refusal is None,
                        reason=refusal.key if refusal else None,
                        reason_params=dict(refusal.params) if refusal else {},
                    )
                )
            return options

    def redeem(
        self, actor: Actor, card_id: str, reward_id: int, *, authorized_online: bool = False
    ) -> OperationResult:
        """Redeem a catalogue reward. With an authorizer that is online, the server is asked
        first (terminal.services.online); without an answer, or offline, the daily offline
        limit applies. `authorized_online=True`: the server already said yes elsewhere."""
        member = self._staff.authorize(actor, PinOperation.REDEEM)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            check_usable(card, ctx)
            reward = session.get(Reward, reward_id) if is_row_id(reward_id) else None
            if reward is None or reward.program_id != ctx.program_id:
                raise RewardUnavailable()
            check_redemption_location(
                company=ctx.company,
                enrolled_at_vendor_id=card.enrolled_at_vendor_id,
                vendor_id=ctx.vendor_id,
            )
            check_points_redemption(
                program=ctx.program, reward=reward.rule(), balance=card.points_balance
            )
            online = not authorized_online and asks_online(self._deps)
            if not authorized_online and not online:
                check_offline_redemption(
                    company=ctx.company,
                    redeemed_today=_redeemed_offline_today(session, ctx, card, now),
                    points=reward.points_cost,
                )
            entry = append_entry(
                session,
                ctx,
                card,
                TransactionType.POINTS_REDEEMED,
                now=now,
                staff_id=member.staff_id,
                points_delta=-reward.points_cost,
                reward_id=reward.id,
                reward_description=reward.name,
                authorized_online=authorized_online or online,
                approved_online=authorized_online,
                sync_state=initial_state(online),
            )
            entry_id, card_row_id, cost, name = entry.id, card.id, reward.points_cost, reward.name
            if not online:
                return OperationResult(
                    entry.id,
                    entry.type,
                    card_view(session, ctx, card),
                    points_delta=-cost,
                    reward_description=name,
                )

        def offline_rules(session: Session) -> None:
            ctx = self._deps.context(session)
            card = session.get(LoyaltyCard, card_row_id)
            assert card is not None
            check_offline_redemption(
                company=ctx.company,
                redeemed_today=_redeemed_offline_today(session, ctx, card, now) - cost,
                points=cost,
            )

        settle_online(self._deps, entry_id, card_row_id, offline_rules)
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            card = session.get(LoyaltyCard, card_row_id)
            assert card is not None
            return OperationResult(
                entry_id,
                TransactionType.POINTS_REDEEMED,
                card_view(session, ctx, card),
                points_delta=-cost,
                reward_description=name,
            )


def _catalogue(session: Session, ctx: TerminalContext) -> list[Reward]:
    return list(
        session.scalars(
            select(Reward)
            .where(Reward.program_id == ctx.program_id, Reward.is_active.is_(True))
            .order_by(Reward.points_cost, Reward.id)
        )
    )


def _redeemed_offline_today(
    session: Session, ctx: TerminalContext, card: LoyaltyCard, now: datetime
) -> int:
    day_start, day_end = store_day_bounds(now, ctx.store_tz)
    spent = session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.points_delta), 0)).where(
            LedgerEntry.card_id == card.id,
            LedgerEntry.type == TransactionType.POINTS_REDEEMED,
            LedgerEntry.transaction_at >= day_start,
            LedgerEntry.transaction_at < day_end,
            LedgerEntry.terminal_id == ctx.terminal_id,
            LedgerEntry.approved_online.is_(False),
        )
    )
    return -int(spent or 0)


def _clean_reference(reference: str | None) -> str | None:
    text = " ".join((reference or "").split())
    if not text:
        return None
    if len(text) > ORDER_REFERENCE_MAX or not text.isprintable():
        raise InvalidInput(
            f"The order reference must be printable and at most {ORDER_REFERENCE_MAX} long.",
            reason="order_reference_invalid",
            max_length=ORDER_REFERENCE_MAX,
        )
    return text
