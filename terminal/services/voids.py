"""Voids and returns: always a new entry that references the original."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from terminal.domain.clock import to_store_time
from terminal.domain.errors import VoidRefused
from terminal.domain.ledger import TransactionType
from terminal.domain.money import DEFAULT_MAX_AMOUNT_MINOR, parse_amount
from terminal.domain.rules import PinOperation
from terminal.domain.voids import (
    VOID_OF,
    OriginalEntry,
    check_voids_allowed,
    plan_void,
)
from terminal.services.cardviews import card_view, require_card
from terminal.services.context import ServiceDeps
from terminal.services.inputs import is_uuid_text
from terminal.services.ledger_writer import append_entry
from terminal.services.staff import StaffService
from terminal.services.views import Actor, OperationResult, VoidableEntry
from terminal.store.models import LedgerEntry

VOIDABLE_SCAN = 500  # recent earn entries looked at; older returns go through a manager


class VoidService:
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

    def void(
        self,
        actor: Actor,
        card_id: str,
        original_entry_id: str,
        *,
        returned_amount: str | None = None,
        stamps: int | None = None,
        note: str | None = None,
    ) -> OperationResult:
        """Void a stamp given by mistake, or take back the points of a (partly) returned
        purchase. `returned_amount` is typed by the cashier; None returns all that is left."""
        with self._deps.sessions.read() as session:
            check_voids_allowed(self._deps.context(session).company)
        amount = (
            None
            if returned_amount in (None, "")
            else parse_amount(returned_amount, max_minor=self._max_amount)
        )
        member = self._staff.authorize(actor, PinOperation.VOID)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            check_voids_allowed(ctx.company)
            card = require_card(session, ctx, card_id)
            original = (
                session.get(LedgerEntry, original_entry_id)
                if is_uuid_text(original_entry_id)
                else None
            )
            if original is None or original.card_id != card.id:
                raise VoidRefused(
                    "This transaction is not on this card. Pick it from the list.",
                    reason="void_entry_not_on_card",
                )
            plan = plan_void(
                _original_state(session, original),
                returned_amount=amount,
                stamps=stamps,
                points_balance=card.points_balance,
                stamp_count=card.stamp_count,
            )
            notes = " ".join(part for part in (_clean_note(note), plan.note) if part) or None
            entry = append_entry(
                session,
                ctx,
                card,
                plan.type,
                now=now,
                staff_id=member.staff_id,
                stamps_delta=-plan.stamps_removed,
                points_delta=-plan.points_removed,
                purchase_amount=plan.returned_amount,
                reverses_id=original.id,
                shortfall=plan.shortfall,
                notes=notes,
            )
            return OperationResult(
                entry.id,
                entry.type,
                card_view(session, ctx, card),
                stamps_delta=-plan.stamps_removed,
                points_delta=-plan.points_removed,
                purchase_amount=plan.returned_amount,
                shortfall=plan.shortfall,
            )

    def voidable(self, card_id: str, limit: int = 20) -> list[VoidableEntry]:
        """Recent entries of the card that can still be voided, newest first."""
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            rows = session.scalars(
                select(LedgerEntry)
                .where(
                    LedgerEntry.card_id == card.id,
                    LedgerEntry.type.in_(list(VOID_OF)),
                )
                .order_by(LedgerEntry.transaction_at.desc())
                .limit(VOIDABLE_SCAN)
            )
            result: list[VoidableEntry] = []
            for entry in rows:
                if len(result) >= limit:
                    break
                state = _original_state(session, entry)
                if entry.type is TransactionType.POINTS_EARNED:
                    left = (entry.purchase_amount or 0) - state.voided_amount
                    if left <= 0:
                        continue
                    returnable: int | None = left
                    stamps_left = 0
                else:
                    stamps_left = entry.stamps_delta - state.voided_stamps
                    if stamps_left <= 0:
                        continue
                    returnable = None
                result.append(
                    VoidableEntry(
                        entry_id=entry.id,
                        type=entry.type,
                        transaction_at=to_store_time(entry.transaction_at, ctx.store_tz),
                        purchase_amount=entry.purchase_amount,
                        returnable_amount=returnable,
                        points_delta=entry.points_delta,
                        stamps_left=stamps_left,
                    )
                )
            return result


def _original_state(session: Session, original: LedgerEntry) -> OriginalEntry:
    amount, points, stamps = session.execute(
        select(
            func.coalesce(func.sum(LedgerEntry.purchase_amount), 0),
            func.coalesce(func.sum(-LedgerEntry.points_delta + LedgerEntry.shortfall), 0),
            func.coalesce(func.sum(-LedgerEntry.stamps_delta + LedgerEntry.shortfall), 0),
        ).where(LedgerEntry.reverses_id == original.id)
    ).one()
    is_points = original.type is TransactionType.POINTS_EARNED
    return OriginalEntry(
        type=original.type,
        purchase_amount=original.purchase_amount,
        points_delta=original.points_delta,
        stamps_delta=original.stamps_delta,
        voided_amount=int(amount),
        voided_points=int(points) if is_points else 0,
        voided_stamps=int(stamps) if not is_points else 0,
    )


def _clean_note(note: str | None) -> str | None:
    text = " ".join((note or "").split())
    if len(text) > 200 or not text.isprintable():
        raise VoidRefused(
            "The note must be printable and at most 200 characters.",
            reason="void_note_invalid",
            max_length=200,
        )
    return text or None
