"""The company's conflicts queue: entries the server applied and flagged for a manager
(overdrafts, limits broken offline), and how a manager resolves one.

- "adjusted": the server writes its own POINTS_ADJUSTMENT entry on the card (points up or
  down, never below zero after it; the reason is the manager's note), sends the card to
  every terminal, and the card is no longer overdrawn once its balance is back at zero or
  more;
- "written_off": the company accepts the entry as it stands; no point moves.

Either way the entry records who, when, how and why (audited as well). A resolved entry
cannot be resolved again.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MAX_DELTA
from sync.server.admin import check_actor, company_or_404, has_control_characters, record_audit
from sync.server.changes import lock_company_log, record_change
from sync.server.errors import ApiError
from sync.server.models import Card, LedgerEntry, Terminal, Vendor, card_version_after
from terminal.domain.cards import format_card_number
from terminal.domain.ledger import TransactionType

RESOLUTIONS = ("adjusted", "written_off")
MAX_NOTE = 500


@dataclass(frozen=True)
class ConflictRow:
    entry_id: str
    at: datetime
    store: str
    terminal: str
    card_number: str
    type: str
    points_delta: int
    balance_now: int
    result: str
    reason: str
    resolution: str | None
    resolved_by: str | None
    resolved_at: datetime | None
    resolution_note: str | None


def list_conflicts(session: Session, company_id: int, *, limit: int = 200) -> list[ConflictRow]:
    """The flagged entries, unresolved first, newest first."""
    company_or_404(session, company_id)
    rows = session.execute(
        select(LedgerEntry, Card.card_number, Card.points_balance, Vendor.name, Terminal.name)
        .outerjoin(Card, Card.id == LedgerEntry.card_id)
        .outerjoin(Vendor, Vendor.id == LedgerEntry.vendor_id)
        .outerjoin(Terminal, Terminal.id == LedgerEntry.terminal_id)
        .where(LedgerEntry.company_id == company_id, LedgerEntry.flagged.is_(True))
        .order_by(LedgerEntry.resolved_at.is_not(None), LedgerEntry.received_at.desc())
        .limit(limit)
    ).all()
    return [
        ConflictRow(
            entry.id,
            entry.transaction_at,
            store or "-",
            till or "-",
            format_card_number(number) if number else entry.card_id,
            entry.type,
            entry.points_delta,
            int(balance or 0),
            entry.result,
            entry.reason or "",
            entry.resolution,
            entry.resolved_by,
            entry.resolved_at,
            entry.resolution_note,
        )
        for entry, number, balance, store, till in rows
    ]


def resolve_conflict(
    session: Session,
    company_id: int,
    entry_id: str,
    *,
    resolution: str,
    note: str,
    points: int | None,
    actor: str,
    now: datetime,
) -> None:
    actor = check_actor(actor)
    note = note.strip()
    problems = []
    if resolution not in RESOLUTIONS:
        problems.append("choose how it was resolved: adjusted or written off")
    if not note or len(note) > MAX_NOTE or has_control_characters(note):
        problems.append(f"a reason of 1 to {MAX_NOTE} characters is needed")
    if resolution == "adjusted" and (
        points is None or points == 0 or not -MAX_DELTA <= points <= MAX_DELTA
    ):
        problems.append("an adjustment needs a number of points other than 0")
    if problems:
        raise ApiError(422, "invalid_value", "Nothing was changed: " + "; ".join(problems) + ".")
    company_or_404(session, company_id)
    lock_company_log(session, company_id)  # first, before any row: the one lock order
    entry = session.get(LedgerEntry, entry_id[:64], populate_existing=True)
    if entry is None or entry.company_id != company_id or not entry.flagged:
        raise ApiError(
            404, "conflict_not_found", f"Company {company_id} has no conflict {entry_id}."
        )
    if entry.resolved_at is not None:
        raise ApiError(409, "already_resolved",
                       f"This conflict was resolved by {entry.resolved_by} already.")  # fmt: skip
    adjustment_id = None
    if resolution == "adjusted":
        assert points is not None
        adjustment_id = _adjust(session, entry, points, note, now)
    entry.resolved_at, entry.resolved_by = now, actor
    entry.resolution, entry.resolution_note = resolution, note
    record_audit(session, company_id=company_id, actor=actor, action="conflict.resolve",
                 entity="ledger_entries", entity_id=entry.id, before=None,
                 after={"resolution": resolution, "points": points, "note": note,
                        "adjustment_entry": adjustment_id}, now=now)  # fmt: skip


def _adjust(session: Session, entry: LedgerEntry, points: int, note: str, now: datetime) -> str:
    card = session.get(Card, entry.card_id, with_for_update=True, populate_existing=True)
    if card is None:
        raise ApiError(404, "card_not_found", "The card of this conflict is gone.")
    if card.points_balance + points < 0:
        raise ApiError(422, "invalid_value",
                       f"Nothing was changed: the card has {card.points_balance} points; an "
                       f"adjustment of {points} would leave it below zero.")  # fmt: skip
    card.points_balance += points
    card.overdrawn = card.points_balance < 0
    card.updated_at = card_version_after(card.updated_at, now)
    adjustment_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"loyalty:conflict-adjustment:{entry.id}"))
    digest = hashlib.sha256(f"server:{adjustment_id}:{points}".encode()).hexdigest()
    session.add(
        LedgerEntry(
            id=adjustment_id, company_id=card.company_id, card_id=card.id, vendor_id=None,
            terminal_id=None, terminal_seq=None, staff_id=None,
            type=TransactionType.POINTS_ADJUSTMENT.value, stamps_delta=0, points_delta=points,
            stamp_count_after=card.stamp_count, points_balance_after=card.points_balance,
            notes=f"Conflict resolved in the back office: {note}"[:500],
            authorized_online=True, transaction_at=now, received_at=now, result="accepted",
            content_hash=digest,
        )
    )  # fmt: skip
    record_change(session, company_id=card.company_id, entity="cards", entity_id=card.id,
                  data=card.to_wire(), now=now)  # fmt: skip
    session.flush()
    return adjustment_id
