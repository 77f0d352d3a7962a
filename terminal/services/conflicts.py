"""The conflicts list a manager reviews: overdrafts, rejected entries, merged enrollments."""

from __future__ import annotations

from sqlalchemy import select, update

from terminal.domain.cards import format_card_number
from terminal.domain.clock import to_store_time
from terminal.services.context import ServiceDeps
from terminal.services.views import ConflictView
from terminal.store.models import Customer, LedgerEntry, LoyaltyCard, SyncConflict


class ConflictsService:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    def list_conflicts(self, limit: int = 200) -> list[ConflictView]:
        """Newest first."""
        with self._deps.sessions.read() as session:
            tz = self._deps.context(session).store_tz
            rows = session.execute(
                select(SyncConflict, LedgerEntry, LoyaltyCard.card_number, Customer)
                .join(LedgerEntry, LedgerEntry.id == SyncConflict.entry_id)
                .outerjoin(LoyaltyCard, LoyaltyCard.id == LedgerEntry.card_id)
                .outerjoin(Customer, Customer.id == LoyaltyCard.customer_id)
                .order_by(SyncConflict.id.desc())
                .limit(limit)
            ).all()
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
                )
                for conflict, entry, number, customer in rows
            ]

    def mark_seen(self) -> int:
        """A manager opened the list: the status bar stops counting these. Returns how many."""
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            result = session.execute(
                update(SyncConflict).where(SyncConflict.seen_at.is_(None)).values(seen_at=now)
            )
            return int(result.rowcount or 0)
