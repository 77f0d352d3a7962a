"""Redemptions authorised online while the customer waits, offline rules when no answer.

The counter service writes the redemption as an AUTHORIZING entry and hands it to the
Authorizer (the sync engine, sync.engine.SyncEngine.authorize), which asks the server in
`authorize` mode with a short deadline and saves the answer. Approved: done. Refused:
the engine withdrew the entry; the cashier is told why (another store may have spent the
points: the card now shows the server's balance). No answer in time: the offline rules
apply to the entry as it stands (the daily offline limit for points), then it waits in the
queue like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.status import AuthorizationVerdict
from terminal.domain.errors import LoyaltyError, RefusedOnline
from terminal.domain.ledger import SyncState
from terminal.services.context import ServiceDeps
from terminal.services.syncing.authorization import fall_back_offline, withdraw
from terminal.store.models import LedgerEntry, LoyaltyCard


class Authorizer(Protocol):
    """The central server while the customer waits (the sync engine)."""

    def can_authorize(self) -> bool: ...

    def authorize(self, entry_id: str) -> AuthorizationVerdict: ...

    def lookup_card(self, query: str) -> str | None: ...


def asks_online(deps: ServiceDeps) -> bool:
    authorizer = deps.authorizer
    return authorizer is not None and authorizer.can_authorize()


def initial_state(online: bool) -> SyncState:
    return SyncState.AUTHORIZING if online else SyncState.PENDING


def settle_online(
    deps: ServiceDeps,
    entry_id: str,
    card_id: int,
    offline_rules: Callable[[Session], None] | None = None,
) -> None:
    """After the AUTHORIZING entry `entry_id` was committed: ask, and settle it. Raises
    RefusedOnline (nothing recorded), or the offline rule's refusal (entry withdrawn)."""
    authorizer = deps.authorizer
    assert authorizer is not None
    verdict = authorizer.authorize(entry_id)
    if verdict.kind == "approved":
        return
    if verdict.kind == "refused":
        with deps.sessions.read() as session:
            balance = session.scalar(
                select(LoyaltyCard.points_balance).where(LoyaltyCard.id == card_id)
            )
        raise RefusedOnline(verdict.code, verdict.reason, int(balance or 0))
    refusal: LoyaltyError | None = None
    with deps.sessions.write() as session:
        entry = session.get(LedgerEntry, entry_id)
        if entry is None or entry.sync_state != SyncState.AUTHORIZING:
            return  # settled meanwhile (e.g. its answer arrived after all)
        # Sent without an answer: the server may have approved and recorded it, so it is
        # never withdrawn (its number would go to another entry); it waits in the queue
        # and the server settles it (a `duplicate`, or applied now, an overdraft flagged).
        maybe_on_server = entry.sent_at is not None
        if offline_rules is not None and not maybe_on_server:
            try:
                offline_rules(session)
            except LoyaltyError as err:
                refusal = err
        if refusal is None:
            fall_back_offline(session, entry_id)
        else:  # committed with this transaction, then the cashier is told why
            withdraw(session, entry_id, None)
    if refusal is not None:
        raise refusal
