"""The local database behind sync.engine's LocalStore port: one short unit of work per call.

Called on the sync engine's thread only; every call opens its own session (ORM objects never
leave it) and the values it returns are plain.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.port import LocalCounts, PushOutcome
from sync.protocol import (
    ActivateResponse,
    CardBalances,
    CardInfo,
    ChangesResponse,
    PinStatusReport,
    PushEntry,
    PushResponse,
)
from terminal.services.context import Sessions
from terminal.services.syncing import authorization, outbox
from terminal.services.syncing.pull import PageSummary, apply_page, upsert_cards, upsert_customers
from terminal.services.syncing.results import save_push_answer
from terminal.store.models import (
    CardNumberBlock,
    Company,
    LedgerEntry,
    StaffPin,
    SyncConflict,
    SyncCursor,
    TerminalIdentity,
    Vendor,
)

# A store's stand-in country until the server's vendor record arrives with the first page.
UNKNOWN_COUNTRY = "ZZ"


class TerminalSyncStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions
        # Staff PIN states as last reported to the server (this process's memory).
        self._reported: dict[int, tuple[int, datetime | None]] = {}

    def terminal_id(self) -> str | None:
        with self._sessions.read() as session:
            return session.scalar(
                select(TerminalIdentity.terminal_id).where(TerminalIdentity.id == 1)
            )

    def server_url(self) -> str | None:
        with self._sessions.read() as session:
            return session.scalar(
                select(TerminalIdentity.server_url).where(TerminalIdentity.id == 1)
            )

    def take_push_batch(self, limit: int, now: datetime) -> list[PushEntry]:
        """The oldest pending entries, marked as sent in the same transaction."""
        with self._sessions.write() as session:
            entries = outbox.pending_entries(session, limit)
            outbox.mark_sent(session, [entry.id for entry in entries], now)
            return entries

    def save_push(self, answer: PushResponse) -> PushOutcome:
        with self._sessions.write() as session:
            summary = save_push_answer(session, answer)
        return PushOutcome(
            by_result=dict(summary.by_result), conflicts=summary.conflicts, gaps=summary.gaps
        )

    def has_unanswered(self) -> bool:
        with self._sessions.read() as session:
            return outbox.has_unanswered(session)

    def cursor(self) -> str | None:
        with self._sessions.read() as session:
            return session.scalar(select(SyncCursor.cursor).where(SyncCursor.id == 1))

    def save_page(self, page: ChangesResponse, now: datetime) -> dict[str, int]:
        """The page's changes and its cursor, in one transaction."""
        summary = PageSummary()
        with self._sessions.write_cache() as session:
            apply_page(session, page, summary, now)
            cursor = session.get(SyncCursor, 1)
            if cursor is None:
                cursor = SyncCursor(id=1)
                session.add(cursor)
            cursor.cursor = page.next_cursor
            cursor.last_pull_at = now
        return summary.applied

    def note_push(self, now: datetime) -> None:
        with self._sessions.write() as session:
            session.execute(update(SyncCursor).where(SyncCursor.id == 1).values(last_push_at=now))

    def recover_authorizations(self) -> int:
        with self._sessions.write() as session:
            return authorization.recover(session)

    def take_authorization(self, entry_id: str, now: datetime) -> PushEntry | None:
        with self._sessions.write() as session:
            entry = authorization.authorization_entry(session, entry_id)
            if entry is not None:
                outbox.mark_sent(session, [entry_id], now)
            return entry

    def approve(self, entry_id: str) -> None:
        with self._sessions.write() as session:
            authorization.approve(session, entry_id)

    def withdraw_authorization(self, entry_id: str, card: CardBalances | None) -> None:
        with self._sessions.write() as session:
            authorization.withdraw(session, entry_id, card)

    def forget_sent(self, entry_id: str) -> None:
        with self._sessions.write() as session:
            outbox.forget_sent(session, entry_id)

    def cache_card(self, info: CardInfo, now: datetime) -> None:
        """A card found online (not in this cache yet), written as a pull would."""
        customer = info.customer
        card = {
            **info.balances.model_dump(exclude={"card_id"}),
            "id": info.id,
            "company_id": info.company_id,
            "customer_id": customer.id,
            "program_id": info.program_id,
            "card_number": info.card_number,
            "qr_code_data": info.qr_code_data,
            "enrolled_at_vendor_id": info.enrolled_at_vendor_id,
            "created_at": info.created_at,
        }
        with self._sessions.write() as session:
            upsert_customers(
                session,
                [
                    {
                        **customer.model_dump(),
                        "company_id": info.company_id,
                        "created_at": info.created_at,
                    }
                ],
            )
            upsert_cards(session, [card], PageSummary())

    def pin_reports(self, now: datetime) -> list[PinStatusReport]:
        """Staff whose PIN state changed here since it was last reported (at first: every
        failed attempt or lock this cache holds)."""
        with self._sessions.read() as session:
            rows = session.execute(
                select(StaffPin.id, StaffPin.failed_attempts, StaffPin.locked_until)
            ).all()
        reports = []
        for staff_id, attempts, locked_until in rows:
            state = (attempts, locked_until)
            known = self._reported.get(staff_id)
            if known is None and attempts == 0 and locked_until is None:
                self._reported[staff_id] = state
                continue
            if known != state:
                reports.append(
                    PinStatusReport(
                        staff_id=staff_id,
                        failed_attempts=min(attempts, 1000),
                        locked_until=locked_until,
                        observed_at=now,
                    )
                )
        return reports[:100]

    def pins_reported(self, reports: list[PinStatusReport]) -> None:
        for report in reports:
            self._reported[report.staff_id] = (report.failed_attempts, report.locked_until)

    def counts(self) -> LocalCounts:
        with self._sessions.read() as session:
            pending = session.scalar(
                select(func.count())
                .select_from(LedgerEntry)
                .where(LedgerEntry.sync_state.in_(outbox.UNSETTLED))
            )
            conflicts = session.scalar(
                select(func.count()).select_from(SyncConflict).where(SyncConflict.seen_at.is_(None))
            )
            return LocalCounts(pending=int(pending or 0), conflicts=int(conflicts or 0))


def save_activation(
    sessions: Sessions, answer: ActivateResponse, server_url: str, now: datetime
) -> None:
    """The terminal's identity and first number block, from its activation answer. The
    company and store rows are stand-ins that the first pull completes; until the program
    arrives the counter says so (services.context)."""
    with sessions.write() as session:
        if session.get(Company, answer.company_id) is None:
            session.add(Company(id=answer.company_id, name=answer.company_name))
        if session.get(Vendor, answer.vendor_id) is None:
            session.add(
                Vendor(
                    id=answer.vendor_id,
                    company_id=answer.company_id,
                    name=answer.vendor_name,
                    timezone="UTC",
                    country=UNKNOWN_COUNTRY,
                    is_active=True,
                )
            )
        session.flush()
        identity = session.get(TerminalIdentity, 1)
        if identity is None:
            identity = TerminalIdentity(id=1, next_seq=1)
            session.add(identity)
        elif identity.terminal_id != answer.terminal_id:
            identity.next_seq = _renumber_pending(session, answer.terminal_id)
        identity.terminal_id = answer.terminal_id
        identity.name = answer.terminal_name
        identity.company_id = answer.company_id
        identity.vendor_id = answer.vendor_id
        identity.server_url = server_url
        identity.activated_at = now
        block = answer.card_number_block
        if session.get(CardNumberBlock, block.id) is None:
            session.add(
                CardNumberBlock(
                    id=block.id,
                    first_body=block.first_body,
                    last_body=block.last_body,
                    next_body=block.first_body,
                    received_at=now,
                )
            )


def _renumber_pending(session: Session, terminal_id: str) -> int:
    """A re-activation (e.g. after its token was revoked) makes this terminal a new one on
    the server, whose sequence starts at 1: the entries not yet settled move to it, in their
    order, so the queue is kept. Returns the next sequence number. (One the old terminal had
    already delivered without its answer arriving is answered `conflict` under the new id:
    it stays counted once, and the conflicts list shows it.)"""
    pending = session.scalars(
        select(LedgerEntry)
        .where(LedgerEntry.sync_state.in_(outbox.UNSETTLED))
        .order_by(LedgerEntry.terminal_seq)
    ).all()
    for seq, entry in enumerate(pending, start=1):
        entry.terminal_id = terminal_id
        entry.terminal_seq = -seq  # out of the way of the unique (terminal, seq) first
    session.flush()
    for entry in pending:
        entry.terminal_seq = -entry.terminal_seq
    session.flush()
    return len(pending) + 1
