"""Server-side scheduled jobs: the daily points expiry and the change-log pruning.

Points expire after `points_expiration_days` without activity (earn or redeem, see
`terminal.domain.ledger.ACTIVITY_TYPES`); only the central server expires them, by writing a
POINTS_EXPIRED entry for the whole balance. The expiry date is the one the terminal shows
(`terminal.domain.points.points_expiry_date`), counted on the calendar of the store that
enrolled the card (UTC when unknown); the balance expires when that store-local date is
reached.

Server-made entries have no terminal: `terminal_id`, `terminal_seq` and `vendor_id` are NULL
(the unique (terminal_id, terminal_seq) constraint still holds for terminal entries). Each
entry's id is a UUID5 of (card, expiry date), so a second run the same day — or a re-run
after a crash — writes nothing new. Cards are handled in batches of `batch_size`, one
transaction per batch: the entry, the card's balances and its change-log row are committed
together.

The change log (what terminals pull) would grow forever: `prune_changes` forgets the rows
older than a kept window (`loyalty-server prune-changes`, daily, after expire-points; see
`sync.server.cli_jobs`). A terminal whose cursor is behind the pruned point is answered a
snapshot (sync.server.changes.read_page), so pruning never costs correctness, only a bigger
download for a terminal offline for longer than the window.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from sync.server.changes import lock_company_log, prune_change_log, record_change
from sync.server.models import (
    Card,
    ChangeLog,
    LedgerEntry,
    Program,
    ServerState,
    Vendor,
    card_version_after,
)
from terminal.domain.clock import require_utc, store_date
from terminal.domain.ledger import TransactionType
from terminal.domain.points import points_expiry_date

EXPIRY_NAMESPACE = uuid.UUID("6f1c2a5e-1d7b-4f57-9a3c-2d1e5b8c7a40")
DEFAULT_BATCH_SIZE = 500
# Pre-filter slack: a store calendar is at most ~14 hours off UTC.
_TZ_SLACK = timedelta(days=1)


@dataclass
class ExpiryReport:
    cards_checked: int = 0
    cards_expired: int = 0
    points_expired: int = 0
    entry_ids: list[str] = field(default_factory=list)


def expiry_entry_id(card_id: str, expires_on: date) -> str:
    return str(uuid.uuid5(EXPIRY_NAMESPACE, f"{card_id}:{expires_on.isoformat()}"))


def expire_points(
    sessions: sessionmaker[Session] | Session,
    now: datetime,
    *,
    company_id: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ExpiryReport:
    """Expire every balance whose store-local expiry date has come; see the module doc.

    Given a session, everything is written in it (the caller commits); given a
    sessionmaker, each batch is its own transaction.
    """
    now = require_utc(now)
    report = ExpiryReport()
    after: str | None = None
    while True:
        if isinstance(sessions, Session):
            ids = _candidates(sessions, now, company_id, after, batch_size)
            _expire_batch(sessions, ids, now, report)
        else:
            with sessions.begin() as session:
                ids = _candidates(session, now, company_id, after, batch_size)
                _expire_batch(session, ids, now, report)
        if len(ids) < batch_size:
            return report
        after = ids[-1][0]


def _candidates(
    session: Session, now: datetime, company_id: int | None, after: str | None, limit: int
) -> list[tuple[str, int]]:
    query = (
        select(Card.id, Card.company_id)
        .join(Program, Program.id == Card.program_id)
        .where(
            Program.points_expiration_days > 0,
            Card.points_balance > 0,
            Card.last_activity_at.is_not(None),
        )
    )
    # Coarse SQL filter (whole days plus time-zone slack); the exact test is in Python.
    # Portable: compare against the smallest window of the candidate programs.
    smallest = session.scalar(
        select(Program.points_expiration_days)
        .where(Program.points_expiration_days > 0)
        .order_by(Program.points_expiration_days)
        .limit(1)
    )
    if smallest is None:
        return []
    query = query.where(Card.last_activity_at < now - timedelta(days=smallest) + _TZ_SLACK)
    if company_id is not None:
        query = query.where(Card.company_id == company_id)
    if after is not None:
        query = query.where(Card.id > after)
    return [(row[0], row[1]) for row in session.execute(query.order_by(Card.id).limit(limit))]


def _expire_batch(
    session: Session, ids: list[tuple[str, int]], now: datetime, report: ExpiryReport
) -> None:
    programs: dict[int, Program] = {}
    zones: dict[int | None, str] = {None: "UTC"}
    for card_id, card_company in ids:
        report.cards_checked += 1
        # The one lock order everywhere: the company's change log, then its rows.
        lock_company_log(session, card_company)
        card = session.get(Card, card_id, with_for_update=True, populate_existing=True)
        if card is None or card.points_balance <= 0:
            continue
        if card.program_id not in programs:
            program_row = session.get(Program, card.program_id)
            assert program_row is not None
            programs[card.program_id] = program_row
        rules = programs[card.program_id].rules()
        vendor_id = card.enrolled_at_vendor_id
        if vendor_id not in zones:
            vendor = session.get(Vendor, vendor_id)
            zones[vendor_id] = vendor.timezone if vendor is not None else "UTC"
        tz = zones[vendor_id]
        expires_on = points_expiry_date(rules, card.last_activity_at, tz)
        if expires_on is None or store_date(now, tz) < expires_on:
            continue
        entry_id = expiry_entry_id(card.id, expires_on)
        if session.get(LedgerEntry, entry_id) is not None:
            continue  # already expired for this date (balance came back without activity)
        report.points_expired += card.points_balance
        _write_expiry(session, card, entry_id, expires_on, now)
        report.cards_expired += 1
        report.entry_ids.append(entry_id)


def _write_expiry(
    session: Session, card: Card, entry_id: str, expires_on: date, now: datetime
) -> None:
    amount = card.points_balance
    card.points_balance = 0
    card.updated_at = card_version_after(card.updated_at, now)
    notes = f"Points expired on {expires_on.isoformat()} (no activity since the window)."
    digest = hashlib.sha256(f"server:{entry_id}:{amount}".encode()).hexdigest()
    session.add(
        LedgerEntry(
            id=entry_id,
            company_id=card.company_id,
            card_id=card.id,
            vendor_id=None,
            terminal_id=None,
            terminal_seq=None,
            staff_id=None,
            type=TransactionType.POINTS_EXPIRED.value,
            stamps_delta=0,
            points_delta=-amount,
            stamp_count_after=card.stamp_count,
            points_balance_after=0,
            notes=notes,
            authorized_online=True,
            transaction_at=now,
            received_at=now,
            result="accepted",
            content_hash=digest,
        )
    )
    record_change(
        session,
        company_id=card.company_id,
        entity="cards",
        entity_id=card.id,
        data=card.to_wire(),
        now=now,
    )
    session.flush()


# --- change-log pruning ---------------------------------------------------------------------

DEFAULT_KEEP_DAYS = 90
DEFAULT_PRUNE_BATCH_SIZE = 1000
_DEADLOCK_RETRIES = 3
_RETRYABLE_SQLSTATES = ("40P01", "40001")  # deadlock detected, serialization failure


@dataclass
class PruneReport:
    cutoff: datetime
    pruned_before: int  # log_pruned_through when the job started
    pruned_through: int  # ... when it ended
    rows_deleted: int = 0
    batches: int = 0


def prune_changes(
    sessions: sessionmaker[Session],
    now: datetime,
    *,
    keep_days: int = DEFAULT_KEEP_DAYS,
    batch_size: int = DEFAULT_PRUNE_BATCH_SIZE,
) -> PruneReport:
    """Delete the change-log rows created more than `keep_days` before `now`, in batches.

    The pruned point is the highest seq created before the cut-off that lies below every
    younger row (so no row of the kept window is deleted even if the writers' clocks
    disagreed); it goes through `changes.prune_change_log`, which records it, so cursors
    behind it get a snapshot. Each batch of at most `batch_size` rows is one transaction.

    Locks: a reader checks `log_pruned_through` and then reads the rows after its cursor,
    under its company's shared log lock. Without a lock here, a delete committing between
    those two statements (PostgreSQL, READ COMMITTED) would answer a delta page that silently
    lacks the pruned rows. So each batch first takes the exclusive log lock of every company
    with rows in it, in company-id order (the documented order: company log first, then
    rows), and holds it only for that batch's delete. A company with no row in the batch is
    not locked: its readers miss nothing, at worst they get a snapshot they did not need.
    """
    now = require_utc(now)
    if keep_days < 0:
        raise ValueError("keep_days must be >= 0")
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    cutoff = now - timedelta(days=keep_days)
    with sessions.begin() as session:
        before = _pruned_through(session)
        target = _prune_target(session, cutoff)
    report = PruneReport(cutoff=cutoff, pruned_before=before, pruned_through=before)
    while target > report.pruned_through:
        batch_end, deleted = _with_retries(
            sessions, lambda session: _prune_batch(session, target, batch_size)
        )
        if batch_end is None:  # nothing left at or below the target (a concurrent prune)
            break
        report.rows_deleted += deleted
        report.batches += 1
        report.pruned_through = max(report.pruned_through, batch_end)
    with sessions.begin() as session:
        report.pruned_through = _pruned_through(session)
    return report


def _pruned_through(session: Session) -> int:
    state = session.get(ServerState, 1)
    return state.log_pruned_through if state is not None else 0


def _prune_target(session: Session, cutoff: datetime) -> int:
    first_young = session.scalar(
        select(func.min(ChangeLog.seq)).where(ChangeLog.created_at >= cutoff)
    )
    query = select(func.max(ChangeLog.seq)).where(ChangeLog.created_at < cutoff)
    if first_young is not None:
        query = query.where(ChangeLog.seq < first_young)
    return int(session.scalar(query) or 0)


def _prune_batch(session: Session, target: int, batch_size: int) -> tuple[int | None, int]:
    rows = session.execute(
        select(ChangeLog.seq, ChangeLog.company_id)
        .where(ChangeLog.seq <= target)
        .order_by(ChangeLog.seq)
        .limit(batch_size)
    ).all()
    if not rows:
        return None, 0
    batch_end = rows[-1][0] if len(rows) == batch_size else target
    for company_id in sorted({row[1] for row in rows}):
        lock_company_log(session, company_id)
    # Rows committed meanwhile at or below batch_end (by a writer that held a company lock
    # when the rows were read) are deleted too: their readers get a snapshot, never a hole.
    return batch_end, prune_change_log(session, batch_end)


def _with_retries(sessions: sessionmaker[Session], work: Any) -> Any:
    """Run `work(session)` in a transaction; retried when PostgreSQL picked it as a deadlock
    victim (possible only against another multi-company job such as expire_points)."""
    for attempt in range(_DEADLOCK_RETRIES):
        try:
            with sessions.begin() as session:
                return work(session)
        except DBAPIError as err:
            code = getattr(err.orig, "sqlstate", None) or getattr(err.orig, "pgcode", None)
            if code not in _RETRYABLE_SQLSTATES or attempt == _DEADLOCK_RETRIES - 1:
                raise
    raise AssertionError("unreachable")
