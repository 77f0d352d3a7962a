"""A push's answers saved: each entry settled with its result, the cards' confirmed state
written, and everything but a plain acceptance kept in the conflicts list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import EntryResult, PushResponse
from terminal.domain.ledger import SyncState
from terminal.services.syncing.balances import ServerCardState, confirm, unsettled_by_card
from terminal.store.models import LedgerEntry, LoyaltyCard, SyncConflict

# The answer's result (for a duplicate: what it was the first time) -> the entry's state.
_SETTLED = {
    "accepted": SyncState.ACCEPTED,
    "overdraft": SyncState.OVERDRAFT,
    "rejected": SyncState.REJECTED,
    "conflict": SyncState.REJECTED,  # the id or seq holds another entry: this one is not in
}


@dataclass
class PushSummary:
    """What a saved push answer changed, by result (a `duplicate` counts as its original)."""

    by_result: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0  # new rows of the conflicts list
    gaps: int = 0  # entries the server wants after missing ones: sent again


def save_push_answer(session: Session, answer: PushResponse) -> PushSummary:
    summary = PushSummary()
    ids = [result.id for result in answer.results]
    entries = {
        entry.id: entry
        for entry in session.scalars(select(LedgerEntry).where(LedgerEntry.id.in_(ids)))
    }
    states: dict[str, ServerCardState] = {}  # the latest answer's state of each card
    for result in answer.results:
        entry = entries.get(result.id)
        if entry is None:
            continue  # not ours: the server answers only what was sent, so never happens
        kind = _kind(result)
        summary.by_result[kind] = summary.by_result.get(kind, 0) + 1
        if result.card is not None:
            states[result.card.card_id] = ServerCardState.from_wire(result.card.model_dump())
        if kind == "gap":
            entry.sent_at = None  # not applied: nothing to fear from a pull, sent again
            summary.gaps += 1
            continue
        entry.sync_state = _SETTLED[kind]
        entry.sync_reason = result.reason
        entry.received_at = answer.server_time
        conflict = _conflict_kind(kind, result)
        if conflict is not None and _record_conflict(
            session, entry, conflict, result, answer.server_time
        ):
            summary.conflicts += 1
    touched = {entry.card_id for entry in entries.values()}
    cards = {
        card.uuid: card
        for card in session.scalars(
            select(LoyaltyCard).where(
                LoyaltyCard.id.in_(touched) | LoyaltyCard.uuid.in_(list(states))
            )
        )
    }
    unsettled = unsettled_by_card(session, (card.id for card in cards.values()))
    for uuid, card in cards.items():
        confirm(card, states.get(uuid), unsettled.get(card.id, []))
    return summary


def _kind(result: EntryResult) -> str:
    if result.result == "duplicate":
        return result.original_result or "accepted"
    return result.result


def _conflict_kind(kind: str, result: EntryResult) -> str | None:
    if kind == "accepted":
        if result.merged_into_card_id is not None:
            return "merged"
        return "flagged" if result.code else None
    return kind  # overdraft, rejected, conflict


def _record_conflict(
    session: Session, entry: LedgerEntry, kind: str, result: EntryResult, now: datetime
) -> bool:
    """One row per entry (a duplicate answer repeats the first one's: kept once)."""
    if session.scalar(select(SyncConflict.id).where(SyncConflict.entry_id == entry.id)):
        return False
    card_uuid = session.scalar(select(LoyaltyCard.uuid).where(LoyaltyCard.id == entry.card_id))
    session.add(
        SyncConflict(
            entry_id=entry.id,
            kind=kind,
            code=result.code,
            reason=result.reason,
            card_uuid=card_uuid or "",
            merged_into_card_uuid=result.merged_into_card_id,
            recorded_at=now,
        )
    )
    return True
