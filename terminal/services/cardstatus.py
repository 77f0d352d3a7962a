"""Deactivating and reactivating a card (manager only; both are ledger entries)."""

from __future__ import annotations

from terminal.domain.cards import format_card_number
from terminal.domain.errors import CardStatusUnchanged, InvalidInput
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import PinOperation, StaffRole
from terminal.services.cardviews import card_view, require_card
from terminal.services.context import ServiceDeps
from terminal.services.ledger_writer import append_entry
from terminal.services.staff import StaffService
from terminal.services.views import Actor, OperationResult

REASON_MAX = 200


class CardStatusService:
    def __init__(self, deps: ServiceDeps, staff: StaffService) -> None:
        self._deps = deps
        self._staff = staff

    def deactivate(self, actor: Actor, card_id: str, reason: str | None = None) -> OperationResult:
        return self._set_active(actor, card_id, False, reason)

    def reactivate(self, actor: Actor, card_id: str, reason: str | None = None) -> OperationResult:
        return self._set_active(actor, card_id, True, reason)

    def _set_active(
        self, actor: Actor, card_id: str, active: bool, reason: str | None
    ) -> OperationResult:
        note = " ".join((reason or "").split()) or None
        if note is not None and (len(note) > REASON_MAX or not note.isprintable()):
            raise InvalidInput(
                f"The reason must be printable and at most {REASON_MAX} long.",
                reason="status_reason_invalid",
                max_length=REASON_MAX,
            )
        member = self._staff.authorize(actor, PinOperation.DEACTIVATE, StaffRole.MANAGER)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            shown = format_card_number(card.card_number)
            if card.is_active == active:
                raise CardStatusUnchanged(shown, active)
            card.is_active = active
            type_ = TransactionType.CARD_REACTIVATED if active else TransactionType.CARD_DEACTIVATED
            entry = append_entry(
                session, ctx, card, type_, now=now, staff_id=member.staff_id, notes=note
            )
            return OperationResult(entry.id, entry.type, card_view(session, ctx, card))
