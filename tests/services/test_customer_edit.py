"""A store manager changes a customer's name, email and phone: checked as enrollment checks
them, a CUSTOMER_UPDATED entry with its details stored beside it, every refusal changes
nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from terminal.domain.errors import (
    CardNotFound,
    ContactTaken,
    InvalidCustomerDetails,
    InvalidInput,
    LoyaltyError,
    ManagerRequired,
    PinRequired,
    WrongPin,
)
from terminal.domain.ledger import SyncState, TransactionType
from terminal.domain.rules import CompanyRules
from terminal.services.syncing.outbox import pending_entries
from terminal.services.views import Actor, CardView
from terminal.store.models import Customer, CustomerChangeRecord, LedgerEntry
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import (
    add_foreign_card,
    card_row,
    entry,
    ledger_types,
    refused,
    search_cards,
)

NEW = {"first_name": "Léa", "last_name": "Durand", "email": "lea@example.com", "phone": None}


def _change(terminal: Terminal, card: CardView, actor: Actor = MANAGER, **details: Any) -> Any:
    fields = {**NEW, **details}
    return terminal.services.customers.update_customer(actor, card.card_id, **fields)


def _customers(terminal: Terminal) -> list[tuple[str, str, str | None, str | None]]:
    with terminal.database.reader() as session:
        return [
            (c.first_name, c.last_name, c.email, c.phone)
            for c in session.scalars(select(Customer).order_by(Customer.id))
        ]


def _records(terminal: Terminal) -> list[CustomerChangeRecord]:
    with terminal.database.reader() as session:
        return list(session.scalars(select(CustomerChangeRecord)))


def _found(terminal: Terminal, fragment: str) -> list[str]:
    return [card.card_id for card in search_cards(terminal, fragment).rows]


@contextmanager
def unchanged(
    terminal: Terminal, error: type[LoyaltyError], key: str | None = None
) -> Iterator[pytest.ExceptionInfo[LoyaltyError]]:
    """Refused (tests.services.helpers.refused: no entry, no balance moved, same search
    rows), and the customers' details and the stored change records as they were."""
    customers, records = _customers(terminal), len(_records(terminal))
    with refused(terminal, error) as info:
        yield info
    if key is not None:
        assert info.value.key == key
    assert _customers(terminal) == customers
    assert len(_records(terminal)) == records


def test_a_manager_changes_the_customers_details(terminal: Terminal) -> None:
    card = terminal.enroll(1, phone="06 11 22 33 44")
    before = card_row(terminal, card.card_id)
    terminal.clock.advance(timedelta(hours=2))

    result = _change(
        terminal, card, first_name=" Léa ", last_name="Durand", email=" LEA@Example.com "
    )

    assert result.type is TransactionType.CUSTOMER_UPDATED
    assert (result.stamps_delta, result.points_delta) == (0, 0)
    assert result.card.card_id == card.card_id
    assert (result.card.customer_name, result.card.email, result.card.phone) == (
        "Léa Durand",
        "lea@example.com",
        None,
    )
    assert result.card.points_balance == card.points_balance
    row = entry(terminal, result.entry_id)
    assert (row.stamps_delta, row.points_delta, row.staff_id) == (0, 0, MANAGER.staff_id)
    assert row.transaction_at == T0 + timedelta(hours=2)
    assert row.sync_state is SyncState.PENDING
    assert ledger_types(terminal, card.card_id)[-1] is TransactionType.CUSTOMER_UPDATED
    assert _customers(terminal) == [("Léa", "Durand", "lea@example.com", None)]
    # The details go out with the entry, stored beside it.
    records = {record.entry_id: record for record in _records(terminal)}
    stored = records[result.entry_id]
    assert (stored.first_name, stored.last_name, stored.email, stored.phone) == (
        "Léa",
        "Durand",
        "lea@example.com",
        None,
    )
    # Not an activity: the points' expiry date does not move.
    assert card_row(terminal, card.card_id).last_activity_at == before.last_activity_at
    lookup = terminal.services.lookup
    assert lookup.by_email("lea@example.com").card_id == card.card_id
    with pytest.raises(CardNotFound):
        lookup.by_email("ana1@example.com")
    with pytest.raises(CardNotFound):
        lookup.by_phone("06 11 22 33 44")


def test_the_search_finds_the_new_name_and_not_the_old_one(terminal: Terminal) -> None:
    card = terminal.enroll(1, first_name="Ana", last_name="Customer1")
    other = terminal.enroll(2, first_name="Bea", last_name="Other")
    assert _found(terminal, "customer1") == [card.card_id]

    _change(terminal, card, first_name="José", last_name="Álvarez", phone="+49 30 1234567")

    assert _found(terminal, "alvarez") == [card.card_id]  # accent-free, as enrollment's
    assert _found(terminal, "jose alv") == [card.card_id]
    assert _found(terminal, "030 1234567") == [card.card_id]  # the national digits too
    assert _found(terminal, "customer1") == []
    assert _found(terminal, "ana1@") == []
    assert _found(terminal, "other") == [other.card_id]


def test_the_phone_is_stored_in_e164_read_in_the_stores_country(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    result = _change(terminal, card, email=None, phone="(06) 12.34.56.78")

    assert (result.card.email, result.card.phone) == (None, "+33612345678")
    assert terminal.services.lookup.by_phone("+33 6 12 34 56 78").card_id == card.card_id


def test_keeping_the_own_email_or_phone_is_no_clash(terminal: Terminal) -> None:
    card = terminal.enroll(1, email="ana@example.com", phone="0611223344")

    result = _change(terminal, card, first_name="Anna", email="ana@example.com", phone="0611223344")

    assert result.card.customer_name == "Anna Durand"
    assert (result.card.email, result.card.phone) == ("ana@example.com", "+33611223344")


def test_a_deactivated_cards_customer_can_be_changed(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.services.cards.deactivate(MANAGER, card.card_id, "lost")

    result = _change(terminal, card)

    assert result.card.is_active is False
    assert result.card.email == "lea@example.com"


def test_only_a_manager_with_the_pin_changes_details(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    with unchanged(terminal, ManagerRequired):
        _change(terminal, card, CASHIER)
    with unchanged(terminal, PinRequired):
        _change(terminal, card, Actor(MANAGER.staff_id))
    with unchanged(terminal, WrongPin) as info:
        _change(terminal, card, Actor(MANAGER.staff_id, "0000"))
    assert "4 attempts left" in info.value.message


@pytest.mark.parametrize(
    ("details", "key"),
    [
        ({"email": "lea@"}, "email_invalid"),
        ({"email": "lea @example.com"}, "email_invalid"),
        ({"phone": "06 12 ab"}, "phone_not_digits"),
        ({"phone": "01 02"}, "phone_digit_count"),
        ({"phone": "06 12 34 56 7"}, "phone_invalid_for_country"),
        ({"first_name": "", "last_name": "  "}, "customer_name_missing"),
        ({"last_name": "x" * 81}, "customer_name_too_long"),
        ({"first_name": "Lé\x07a"}, "customer_name_unprintable"),
        ({"email": None, "phone": ""}, "customer_contact_missing"),
    ],
)
def test_invalid_details_are_refused_as_at_enrollment(
    terminal: Terminal, details: dict[str, Any], key: str
) -> None:
    card = terminal.enroll(1)

    with unchanged(terminal, InvalidCustomerDetails, key):
        _change(terminal, card, **details)


def test_the_email_of_another_customer_is_refused(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    other = terminal.enroll(2, email="taken@example.com")

    with unchanged(terminal, ContactTaken, "email_taken") as info:
        _change(terminal, card, email="  TAKEN@example.com")
    assert info.value.params == {
        "holder_card_number": other.card_number,
        "matched_on": "email",
    }
    assert other.card_number in info.value.message


def test_the_phone_of_another_customer_is_refused_however_it_is_written(
    terminal: Terminal,
) -> None:
    card = terminal.enroll(1)
    other = terminal.enroll(2, phone="06 11 22 33 44")

    with unchanged(terminal, ContactTaken, "phone_taken") as info:
        _change(terminal, card, phone="+33 6 11 22 33 44")
    assert info.value.params["holder_card_number"] == other.card_number


def test_another_companys_customer_does_not_take_an_email(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    add_foreign_card(terminal, 1, email="lea@example.com")

    assert _change(terminal, card).card.email == "lea@example.com"


def test_unchanged_details_are_refused(terminal: Terminal) -> None:
    card = terminal.enroll(1, phone="0611223344")

    with unchanged(terminal, InvalidInput, "customer_unchanged"):
        # The same details as stored, written otherwise: nothing would change.
        _change(
            terminal,
            card,
            first_name=" Ana ",
            last_name="Customer1",
            email="ANA1@example.com",
            phone="+33 6 11 22 33 44",
        )


@pytest.mark.parametrize("card_id", [str(uuid.uuid4()), "not-a-uuid", ""])
def test_an_unknown_card_is_refused(terminal: Terminal, card_id: str) -> None:
    terminal.enroll(1)

    with unchanged(terminal, CardNotFound):
        terminal.services.customers.update_customer(MANAGER, card_id, **NEW)


def test_another_companys_card_is_unknown(terminal: Terminal) -> None:
    foreign = add_foreign_card(terminal, 1, email="ana@elsewhere.com")

    with unchanged(terminal, CardNotFound):
        terminal.services.customers.update_customer(MANAGER, foreign["card_id"], **NEW)


def test_the_email_is_required_when_the_company_says_so(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(company=CompanyRules(require_customer_email_on_enroll=True)))
    card = terminal.enroll(1)

    with unchanged(terminal, InvalidCustomerDetails, "customer_email_required"):
        _change(terminal, card, email=" ", phone="0611223344")
    assert _change(terminal, card, phone="0611223344").card.phone == "+33611223344"


def test_the_pending_enrollment_goes_out_as_it_was_enrolled(terminal: Terminal) -> None:
    """An entry's content never changes once sent: the enrollment, still pending (perhaps
    sent, its answer lost), keeps the details it was enrolled with; the change follows."""
    card = terminal.enroll(1, phone="0611223344")
    first = _change(terminal, card, first_name="Lou")
    second = _change(terminal, card, first_name="Zoé", email="zoe@example.com")

    with terminal.database.reader() as session:
        entries = pending_entries(session, 500)
    by_type = [(e.type, e.new_card, e.customer_change) for e in entries]
    assert [kind for kind, _, _ in by_type] == [
        TransactionType.CARD_CREATED,
        TransactionType.WELCOME_BONUS,
        TransactionType.CUSTOMER_UPDATED,
        TransactionType.CUSTOMER_UPDATED,
    ]
    created = entries[0].new_card
    assert created is not None
    assert (created.first_name, created.last_name, created.email, created.phone) == (
        "Ana",
        "Customer1",
        "ana1@example.com",
        "+33611223344",
    )
    changes = [e.customer_change for e in entries[2:]]
    assert [(c.first_name, c.email) for c in changes if c is not None] == [
        ("Lou", "lea@example.com"),
        ("Zoé", "zoe@example.com"),
    ]
    assert [e.id for e in entries[2:]] == [first.entry_id, second.entry_id]
    assert all(e.new_card is None for e in entries[1:])
    assert all(e.customer_change is None for e in entries[:2])
    # Read again, the batch is the same, byte for byte.
    with terminal.database.reader() as session:
        again = pending_entries(session, 500)
    assert [e.model_dump_json() for e in again] == [e.model_dump_json() for e in entries]


def test_a_settled_enrollment_is_not_frozen(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    with terminal.database.writer.begin() as session:
        for row in session.scalars(select(LedgerEntry)):
            row.sync_state = SyncState.ACCEPTED

    result = _change(terminal, card)

    assert [record.entry_id for record in _records(terminal)] == [result.entry_id]
