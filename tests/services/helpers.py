"""Helpers for the service tests: database snapshots, refusals that must change nothing,
ledger invariants, and direct ORM edits that stand in for what the central server sends."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, literal_column, select, table, update

from terminal.domain.cards import card_number_from_body, new_qr_token
from terminal.domain.errors import LoyaltyError
from terminal.domain.ledger import SyncState, TransactionType
from terminal.domain.rules import ProgramType
from terminal.services.views import CardPage, CardQuery
from terminal.store.models import (
    CardAlias,
    CardNumberBlock,
    Company,
    Customer,
    LedgerEntry,
    LoyaltyCard,
    LoyaltyProgram,
    Reward,
    StaffPin,
    TerminalIdentity,
    Vendor,
)
from terminal.store.search import index_card
from tests.factories import Terminal

PARIS = ZoneInfo("Europe/Paris")
OTHER_COMPANY_ID = 2
OTHER_VENDOR_ID = 30
REMOTE_TERMINAL_ID = "00000000-0000-4000-8000-000000000001"


def paris(*args: int) -> datetime:
    """A Paris wall-clock time as the aware UTC moment the clock and storage use."""
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)  # type: ignore[misc]


def digits(card_number_shown: str) -> str:
    return card_number_shown.replace("-", "")


# --- reading the real database ---------------------------------------------------------------


def snapshot(term: Terminal) -> dict[str, Any]:
    """Everything a refused counter operation must leave exactly as it was."""
    with term.database.reader() as session:
        cards = {
            card.uuid: (
                card.is_active,
                card.stamp_count,
                card.total_stamps_earned,
                card.stamps_redeemed,
                card.points_balance,
                card.total_points_earned,
                card.points_redeemed,
                card.last_activity_at,
                card.updated_at,
            )
            for card in session.scalars(select(LoyaltyCard))
        }
        return {
            "cards": cards,
            "ledger_rows": session.scalar(select(func.count()).select_from(LedgerEntry)),
            "next_seq": session.scalar(select(TerminalIdentity.next_seq)),
            "customers": session.scalar(select(func.count()).select_from(Customer)),
            "search_rows": session.scalar(select(func.count()).select_from(table("card_search"))),
            "number_blocks": list(session.execute(select(CardNumberBlock.next_body)).scalars()),
        }


@contextmanager
def refused(
    term: Terminal,
    error: type[LoyaltyError],
    match: str | None = None,
    *,
    exact: bool = True,
    case: object = None,
) -> Iterator[pytest.ExceptionInfo[LoyaltyError]]:
    """The block must raise `error` (with a cashier-readable message) and change nothing.
    `case` names the input in failure messages when one test loops over many inputs."""
    label = "" if case is None else f"case {case!r}: "
    before = snapshot(term)
    try:
        with pytest.raises(error, match=match) as info:
            yield info
    except (AssertionError, pytest.fail.Exception) as failure:
        if case is None:
            raise
        raise AssertionError(f"{label}{failure}") from failure
    got = f"{label}{type(info.value).__name__}: {info.value.message}"
    if exact:
        assert type(info.value) is error, got
    assert isinstance(info.value.message, str), got
    assert info.value.message.strip(), got
    assert snapshot(term) == before, f"{label}a refused operation changed the database"


def ledger(term: Terminal, card_id: str | None = None) -> list[LedgerEntry]:
    """Ledger entries in the order they were written (SQLite rowid)."""
    with term.database.reader() as session:
        query = select(LedgerEntry).order_by(literal_column("loyalty_transactions.rowid"))
        if card_id is not None:
            query = query.join(LoyaltyCard, LoyaltyCard.id == LedgerEntry.card_id).where(
                LoyaltyCard.uuid == card_id
            )
        return list(session.scalars(query))


def ledger_types(term: Terminal, card_id: str) -> list[TransactionType]:
    return [entry.type for entry in ledger(term, card_id)]


def entry(term: Terminal, entry_id: str) -> LedgerEntry:
    with term.database.reader() as session:
        found = session.get(LedgerEntry, entry_id)
        assert found is not None
        return found


def card_row(term: Terminal, card_id: str) -> LoyaltyCard:
    with term.database.reader() as session:
        card = session.scalar(select(LoyaltyCard).where(LoyaltyCard.uuid == card_id))
        assert card is not None
        return card


def staff_row(term: Terminal, staff_id: int) -> StaffPin:
    with term.database.reader() as session:
        staff = session.get(StaffPin, staff_id)
        assert staff is not None
        return staff


def next_seq(term: Terminal) -> int:
    with term.database.reader() as session:
        return int(session.scalar(select(TerminalIdentity.next_seq)) or 0)


def assert_ledger_invariants(term: Terminal) -> None:
    """Balances equal the ledger sums, running balances match *_after, the terminal's
    sequence is 1..N without gaps, every entry names its staff member."""
    with term.database.reader() as session:
        identity = session.get(TerminalIdentity, 1)
        assert identity is not None
        entries = list(
            session.scalars(
                select(LedgerEntry).order_by(literal_column("loyalty_transactions.rowid"))
            )
        )
        running: dict[int, tuple[int, int]] = {}
        for row in entries:
            stamps, points = running.get(row.card_id, (0, 0))
            stamps += row.stamps_delta
            points += row.points_delta
            running[row.card_id] = (stamps, points)
            assert (row.stamp_count_after, row.points_balance_after) == (stamps, points), row.type
            assert row.staff_id is not None, f"{row.type} without staff"
            assert row.shortfall >= 0
        for card in session.scalars(select(LoyaltyCard)):
            assert (card.stamp_count, card.points_balance) == running.get(card.id, (0, 0))
            assert card.stamp_count >= 0
            assert card.points_balance >= 0
        local = [row.terminal_seq for row in entries if row.terminal_id == identity.terminal_id]
        assert sorted(local) == list(range(1, len(local) + 1))
        assert identity.next_seq == len(local) + 1


# --- what the central server would have sent: direct ORM edits -------------------------------


def set_card(term: Terminal, card_id: str, **values: object) -> None:
    with term.database.writer.begin() as session:
        session.execute(update(LoyaltyCard).where(LoyaltyCard.uuid == card_id).values(**values))


def set_program(term: Terminal, **values: object) -> None:
    with term.database.writer.begin() as session:
        session.execute(update(LoyaltyProgram).values(**values))


def set_reward(term: Terminal, reward_id: int, **values: object) -> None:
    with term.database.writer.begin() as session:
        session.execute(update(Reward).where(Reward.id == reward_id).values(**values))


def add_staff(
    term: Terminal, staff_id: int, *, company_id: int = 1, active: bool = True, name: str = "Sam"
) -> None:
    """A staff member copied from an existing one (same PIN hash as the cashier)."""
    with term.database.writer.begin() as session:
        cashier = session.get(StaffPin, 1)
        assert cashier is not None
        session.add(
            StaffPin(
                id=staff_id,
                company_id=company_id,
                name=name,
                role=cashier.role,
                pin_hash=cashier.pin_hash,
                is_active=active,
                failed_attempts=0,
            )
        )


def add_other_company(term: Terminal) -> None:
    """Another company with a store and a program, in the same local database."""
    with term.database.writer.begin() as session:
        if session.get(Company, OTHER_COMPANY_ID) is not None:
            return
        session.add(Company(id=OTHER_COMPANY_ID, name="Other Bakery Ltd"))
        session.flush()
        session.add(
            Vendor(
                id=OTHER_VENDOR_ID,
                company_id=OTHER_COMPANY_ID,
                name="Other Bakery",
                timezone="Europe/Paris",
                country="FR",
            )
        )
        session.add(
            LoyaltyProgram(
                id=OTHER_COMPANY_ID,
                company_id=OTHER_COMPANY_ID,
                name="Other rewards",
                program_type=ProgramType.HYBRID,
            )
        )
        session.flush()
        session.add(
            Reward(id=50, program_id=OTHER_COMPANY_ID, name="Other company's cake", points_cost=1)
        )


def add_foreign_card(
    term: Terminal,
    body: int,
    *,
    first_name: str = "Ana",
    last_name: str = "Foreign",
    email: str | None = None,
    phone: str | None = None,
) -> dict[str, str]:
    """A card of ANOTHER company, written the way a sync pull would (indexed for search)."""
    add_other_company(term)
    number = card_number_from_body(body)
    qr = new_qr_token()
    card_uuid = str(uuid.uuid4())
    now = term.clock.now()
    with term.database.writer.begin() as session:
        customer = Customer(
            uuid=str(uuid.uuid4()),
            company_id=OTHER_COMPANY_ID,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            created_at=now,
        )
        session.add(customer)
        session.flush()
        card = LoyaltyCard(
            uuid=card_uuid,
            company_id=OTHER_COMPANY_ID,
            customer_id=customer.id,
            program_id=OTHER_COMPANY_ID,
            card_number=number,
            qr_code_data=qr,
            enrolled_at_vendor_id=OTHER_VENDOR_ID,
            is_active=True,
            created_at=now,
            updated_at=now,
        )
        session.add(card)
        session.flush()
        index_card(
            session,
            card.id,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            card_number=number,
        )
    return {"card_id": card_uuid, "number": number, "qr": qr}


def add_alias(
    term: Terminal, card_id: str, *, qr: str | None = None, number: str | None = None
) -> None:
    """A merged card's old QR token / number, now pointing at `card_id`."""
    with term.database.writer.begin() as session:
        card = session.scalar(select(LoyaltyCard).where(LoyaltyCard.uuid == card_id))
        assert card is not None
        session.add(CardAlias(card_id=card.id, qr_code_data=qr, card_number=number))


_remote_seq = iter(range(1, 1_000_000))


def add_remote_entry(
    term: Terminal,
    card_id: str,
    type_: TransactionType,
    *,
    at: datetime,
    vendor_id: int = 2,
    stamps_delta: int = 0,
    points_delta: int = 0,
    staff_id: int = 2,
    **fields: object,
) -> str:
    """An entry written by another terminal and pulled from the server: the card's balances
    move with it, as the sync engine applies it, so the ledger invariant keeps holding."""
    with term.database.writer.begin() as session:
        card = session.scalar(select(LoyaltyCard).where(LoyaltyCard.uuid == card_id))
        assert card is not None
        card.stamp_count += stamps_delta
        card.points_balance += points_delta
        row = LedgerEntry(
            id=str(uuid.uuid4()),
            company_id=card.company_id,
            card_id=card.id,
            vendor_id=vendor_id,
            terminal_id=REMOTE_TERMINAL_ID,
            terminal_seq=next(_remote_seq),
            staff_id=staff_id,
            type=type_,
            stamps_delta=stamps_delta,
            points_delta=points_delta,
            stamp_count_after=card.stamp_count,
            points_balance_after=card.points_balance,
            transaction_at=at,
            received_at=at,
            sync_state=SyncState.ACCEPTED,
            **fields,
        )
        session.add(row)
        return row.id


def search_cards(
    term: Terminal, text: str, *, before: tuple[object, ...] | None = None, limit: int = 50
) -> CardPage:
    """The manager's search (the cards table with only a search text), one page."""
    return term.services.browser.page(CardQuery(text=text), after=before, limit=limit)
