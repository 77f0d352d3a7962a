"""A cached card's balances = its server-confirmed state + this terminal's unsettled entries.

The one place that writes a server card state into the cache: a push answer and a pulled
`cards` change both come here, so the rule "shown = confirmed + pending, never an entry
twice" holds whichever arrives first. A state older than the one held (by the server's
`updated_at`, which only moves forward per card) is ignored: a pull can still bring states
from before a push answer this terminal already saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from terminal.domain.ledger import TransactionType as T
from terminal.services.syncing.outbox import UNSETTLED
from terminal.store.models import LedgerEntry, LoyaltyCard

_TOTALS = ("total_stamps_earned", "stamps_redeemed", "total_points_earned", "points_redeemed")


@dataclass(frozen=True)
class ServerCardState:
    """A card as the server holds it (from a push answer or a pulled change)."""

    is_active: bool
    stamp_count: int
    total_stamps_earned: int
    stamps_redeemed: int
    points_balance: int
    total_points_earned: int
    points_redeemed: int
    last_activity_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> ServerCardState:
        return cls(
            is_active=bool(data["is_active"]),
            stamp_count=int(data["stamp_count"]),
            total_stamps_earned=int(data["total_stamps_earned"]),
            stamps_redeemed=int(data["stamps_redeemed"]),
            points_balance=int(data["points_balance"]),
            total_points_earned=int(data["total_points_earned"]),
            points_redeemed=int(data["points_redeemed"]),
            last_activity_at=_time(data.get("last_activity_at")),
            updated_at=_time(data.get("updated_at")),
        )


def _time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def is_newer(state: ServerCardState, confirmed_at: datetime | None) -> bool:
    if confirmed_at is None or state.updated_at is None:
        return True
    return state.updated_at >= confirmed_at


def unsettled_by_card(session: Session, card_ids: Iterable[int]) -> dict[int, list[LedgerEntry]]:
    """This terminal's unsettled entries of these cards, in sequence order."""
    ids = list(set(card_ids))
    found: dict[int, list[LedgerEntry]] = {}
    for start in range(0, len(ids), 500):
        rows = session.scalars(
            select(LedgerEntry)
            .where(
                LedgerEntry.card_id.in_(ids[start : start + 500]),
                LedgerEntry.sync_state.in_(UNSETTLED),
            )
            .order_by(LedgerEntry.terminal_seq)
        )
        for entry in rows:
            found.setdefault(entry.card_id, []).append(entry)
    return found


def confirm(card: LoyaltyCard, state: ServerCardState | None, unsettled: list[LedgerEntry]) -> bool:
    """Write `state` as the card's confirmed part (unless an older one) and its shown
    balances as confirmed + `unsettled`. Without a state, only the shown balances are
    recomputed (an entry left the unsettled set). Returns whether the state was taken."""
    taken = state is not None and is_newer(state, card.confirmed_at)
    if taken:
        assert state is not None
        card.confirmed_stamp_count = state.stamp_count
        card.confirmed_points_balance = state.points_balance
        card.confirmed_at = state.updated_at or card.confirmed_at
        card.is_active = state.is_active
        for name in _TOTALS:
            setattr(card, name, getattr(state, name))
        if state.last_activity_at is not None and (
            card.last_activity_at is None or state.last_activity_at > card.last_activity_at
        ):
            card.last_activity_at = state.last_activity_at
        for entry in unsettled:
            _add_totals(card, entry)
    card.stamp_count = card.confirmed_stamp_count + sum(e.stamps_delta for e in unsettled)
    card.points_balance = card.confirmed_points_balance + sum(e.points_delta for e in unsettled)
    if taken and unsettled:
        _apply_state_changes(card, unsettled)
    return taken


def _add_totals(card: LoyaltyCard, entry: LedgerEntry) -> None:
    """What an unsettled entry adds to the lifetime totals (as the ledger writer counts)."""
    match entry.type:
        case T.STAMP_EARNED:
            card.total_stamps_earned += entry.stamps_delta
        case T.STAMP_VOIDED:
            card.total_stamps_earned += entry.stamps_delta - entry.shortfall
        case T.STAMP_REDEEMED:
            card.stamps_redeemed -= entry.stamps_delta
        case T.POINTS_EARNED | T.WELCOME_BONUS:
            card.total_points_earned += entry.points_delta
        case T.POINTS_VOIDED:
            card.total_points_earned += entry.points_delta - entry.shortfall
        case T.POINTS_REDEEMED:
            card.points_redeemed -= entry.points_delta
        case _:
            pass


def _apply_state_changes(card: LoyaltyCard, unsettled: list[LedgerEntry]) -> None:
    """A deactivation or reactivation this terminal has not yet sent wins over the server's
    older flag: the cashier did it last."""
    for entry in unsettled:
        if entry.type == T.CARD_DEACTIVATED:
            card.is_active = False
        elif entry.type == T.CARD_REACTIVATED:
            card.is_active = True
