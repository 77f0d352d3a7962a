"""The conflicts list a manager reviews: overdrafts, rejected entries, merged enrollments."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import aliased

from terminal.domain.cards import format_card_number
from terminal.domain.clock import to_store_time
from terminal.domain.errors import InvalidInput
from terminal.domain.rules import PinOperation, StaffRole
from terminal.services.context import ServiceDeps
from terminal.services.inputs import is_row_id
from terminal.services.staff import StaffService
from terminal.services.views import Actor, ConflictView
from terminal.store.models import Customer, LedgerEntry, LoyaltyCard, StaffPin, SyncConflict

NOTE_MAX = 200
_HANDLER = aliased(StaffPin)


class ConflictNotFound(InvalidInput):
    code = "conflict_not_found"


class ConflictsService:
    def __init__(self, deps: ServiceDeps, staff: StaffService) -> None:
        self._deps = deps
        self._staff = staff

    def list_conflicts(
        self, limit: int = 200, *, unhandled_only: bool = False, conflict_id: int | None = None
    ) -> list[ConflictView]:
        """Newest first (`conflict_id`: that one only)."""
        with self._deps.sessions.read() as session:
            tz = self._deps.context(session).store_tz
            statement = (
                select(
                    SyncConflict,
                    LedgerEntry,
                    LoyaltyCard.card_number,
                    LoyaltyCard.uuid,
                    Customer,
                    _HANDLER.name,
                )
                .join(LedgerEntry, LedgerEntry.id == SyncConflict.entry_id)
                .outerjoin(LoyaltyCard, LoyaltyCard.id == LedgerEntry.card_id)
                .outerjoin(Customer, Customer.id == LoyaltyCard.customer_id)
                .outerjoin(_HANDLER, _HANDLER.id == SyncConflict.handled_by_staff_id)
            )
            if conflict_id is not None:
                statement = statement.where(SyncConflict.id == conflict_id)
            if unhandled_only:
                statement = statement.where(SyncConflict.handled_at.is_(None))
            rows = session.execute(statement.order_by(SyncConflict.id.desc()).limit(limit)).all()
            return [
                ConflictView(
                    conflict_id=conflict.id,
                    kind=conflict.kind,
                    code=conflict.code,
                    reason=conflict.reason,
                    entry_type=entry.type,
                    stamps_delta=entry.stamps_delta,
                    points_delta=entry.points_delta,
                    transaction_at=to_store_time(entry.transaction_at, tz),
                    recorded_at=to_store_time(conflict.recorded_at, tz),
                    card_number=format_card_number(number) if number else None,
                    customer_name=customer.full_name if customer is not None else None,
                    seen=conflict.seen_at is not None,
                    card_id=card_uuid,
                    handled_at=to_store_time(conflict.handled_at, tz)
                    if conflict.handled_at is not None
                    else None,
                    handled_by=handler,
                    handled_note=conflict.handled_note,
                )
                for conflict, entry, number, card_uuid, customer, handler in rows
            ]

    def mark_handled(self, actor: Actor, conflict_id: int, note: str | None = None) -> ConflictView:
        """A manager dealt with it: who, when and what they did are kept with it. Marking it
        again keeps the first record (someone already took care of it)."""
        text = " ".join((note or "").split()) or None
        if text is not None and (len(text) > NOTE_MAX or not text.isprintable()):
            raise InvalidInput(
                f"The note must be printable and at most {NOTE_MAX} characters long.",
                reason="conflict_note_invalid",
                max_length=NOTE_MAX,
            )
        member = self._staff.authorize(actor, PinOperation.DEACTIVATE, StaffRole.MANAGER)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            conflict = session.get(SyncConflict, conflict_id) if is_row_id(conflict_id) else None
            if conflict is None:
                raise ConflictNotFound("No such conflict.", reason="conflict_not_found")
            if conflict.handled_at is None:
                conflict.handled_at = now
                conflict.handled_by_staff_id = member.staff_id
                conflict.handled_note = text
                conflict.seen_at = conflict.seen_at or now
        return self.list_conflicts(conflict_id=conflict_id)[0]

    def mark_seen(self) -> int:
        """A manager opened the list: the status bar stops counting these. Returns how many."""
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            result = session.execute(
                update(SyncConflict).where(SyncConflict.seen_at.is_(None)).values(seen_at=now)
            )
            return int(result.rowcount or 0)
