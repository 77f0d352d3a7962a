"""A redemption authorised online: the entry that waits for the server's yes or no.

The counter writes the redemption as an AUTHORIZING entry (it holds the next sequence
number and counts in the shown balance), the engine sends it in `authorize` mode, and:
- yes: the push answer settles it as accepted (results.save_push_answer), approved online;
- no: it never happened: `withdraw` deletes it and frees its number (the server records
  nothing for a refusal in authorize mode, so the next entry takes that number there too),
  and the card takes the server's state from the refusal (another store may have spent);
- no answer in time: `fall_back_offline` makes it an ordinary pending entry, sent again
  with the same content (the server may have it already: it answers `duplicate`).
An entry left AUTHORIZING by a crash is an unanswered one: `recover` makes it pending.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.protocol import CardBalances, PushEntry
from terminal.domain.ledger import SyncState
from terminal.services.syncing.balances import ServerCardState, confirm, unsettled_by_card
from terminal.services.syncing.outbox import push_entry
from terminal.store.models import Customer, LedgerEntry, LoyaltyCard, TerminalIdentity


def authorization_entry(session: Session, entry_id: str) -> PushEntry | None:
    row = session.execute(
        select(LedgerEntry, LoyaltyCard, Customer)
        .join(LoyaltyCard, LoyaltyCard.id == LedgerEntry.card_id)
        .join(Customer, Customer.id == LoyaltyCard.customer_id)
        .where(LedgerEntry.id == entry_id, LedgerEntry.sync_state == SyncState.AUTHORIZING)
    ).first()
    return None if row is None else push_entry(*row)


def withdraw(session: Session, entry_id: str, card_state: CardBalances | None) -> None:
    entry = session.get(LedgerEntry, entry_id)
    if entry is None or entry.sync_state != SyncState.AUTHORIZING:
        return
    identity = session.get(TerminalIdentity, 1)
    assert identity is not None
    if identity.next_seq != entry.terminal_seq + 1:
        # Another entry took a later number meanwhile (the counter has one writer, so only
        # a bug gets here): the refused one cannot leave a hole, it stays, refused.
        entry.sync_state = SyncState.REJECTED
        entry.sync_reason = "Refused online; kept because a later entry followed it."
        return
    card = session.get(LoyaltyCard, entry.card_id)
    assert card is not None
    session.delete(entry)
    session.flush()
    identity.next_seq = entry.terminal_seq
    state = None if card_state is None else ServerCardState.from_wire(card_state.model_dump())
    confirm(card, state, unsettled_by_card(session, [card.id]).get(card.id, []))


def approve(session: Session, entry_id: str) -> None:
    session.execute(
        update(LedgerEntry).where(LedgerEntry.id == entry_id).values(approved_online=True)
    )


def fall_back_offline(session: Session, entry_id: str) -> None:
    session.execute(
        update(LedgerEntry)
        .where(LedgerEntry.id == entry_id, LedgerEntry.sync_state == SyncState.AUTHORIZING)
        .values(sync_state=SyncState.PENDING)
    )


def recover(session: Session) -> int:
    result = session.execute(
        update(LedgerEntry)
        .where(LedgerEntry.sync_state == SyncState.AUTHORIZING)
        .values(sync_state=SyncState.PENDING)
    )
    return int(result.rowcount or 0)
