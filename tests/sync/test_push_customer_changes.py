"""CUSTOMER_UPDATED pushed to the server over real HTTP (SQLite and PostgreSQL): a manager's
change of a customer's details, checked as enrollment checks them, logged for every terminal;
refused with a code for a cashier, a missing or misplaced payload, a taken email or phone,
bad values."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from sync.protocol import PushEntry
from sync.server.ledger import content_hash
from sync.server.models import Card, Customer, LedgerEntry
from tests.sync.conftest import Term, World
from tests.sync.test_changes import pull_all

ADA = {"first_name": "Ada", "last_name": "Byron", "email": "ada@example.com", "phone": None}


def _manager_till(world: World) -> Term:
    return world.server.activate(world.vendor_a1, staff_id=world.manager_a)


def _change(term: Term, card_id: str, **details: Any) -> dict[str, Any]:
    return term.entry("CUSTOMER_UPDATED", card_id, customer_change={**ADA, **details})


def _one(term: Term, entry: dict[str, Any]) -> dict[str, Any]:
    return term.push([entry])["results"][0]


def _customer(world: World, card_id: str) -> tuple[str, str, str | None, str | None]:
    """The details of the card's customer on the server."""
    with world.server.sessions.begin() as session:
        customer = session.scalars(
            select(Customer).join(Card, Card.customer_id == Customer.id).where(Card.id == card_id)
        ).one()
        return customer.first_name, customer.last_name, customer.email, customer.phone


def _customer_changes(term: Term, cursor: str) -> list[dict[str, Any]]:
    changes, _ = pull_all(term, cursor)
    return [change for change in changes if change["entity"] == "customers"]


def test_a_managers_change_is_applied_and_logged_for_every_terminal(world: World) -> None:
    till = _manager_till(world)
    other = world.server.activate(world.vendor_a2, "Kiosk")
    card_id = till.enroll(email="old@example.com")
    _, cursor = pull_all(other)

    result = _one(till, _change(till, card_id, email=" ADA@Example.com ", phone="06 12 34 56 78"))

    assert (result["result"], result["code"]) == ("accepted", None)
    assert result["card"]["points_balance"] == 50  # nothing else moved
    # The store's own form: NFC lower-case email, E.164 phone read in the store's country.
    assert _customer(world, card_id) == ("Ada", "Byron", "ada@example.com", "+33612345678")
    logged = _customer_changes(other, cursor)
    assert [(c["op"], c["data"]["email"], c["data"]["phone"]) for c in logged] == [
        ("upsert", "ada@example.com", "+33612345678")
    ]
    with world.server.sessions.begin() as session:
        row = session.get(LedgerEntry, result["id"])
        assert row is not None
        assert (row.type, row.staff_id, row.stamps_delta, row.points_delta) == (
            "CUSTOMER_UPDATED",
            world.manager_a,
            0,
            0,
        )


def test_a_cashiers_change_is_refused(world: World) -> None:
    till = world.server.activate(world.vendor_a1)  # its entries name Alice, a cashier
    card_id = till.enroll(email="old@example.com")

    result = _one(till, _change(till, card_id))

    assert (result["result"], result["code"]) == ("rejected", "manager_required")
    assert _customer(world, card_id)[2] == "old@example.com"


def test_a_change_without_its_details_is_refused(world: World) -> None:
    till = _manager_till(world)
    card_id = till.enroll(email="old@example.com")

    result = _one(till, till.entry("CUSTOMER_UPDATED", card_id))

    assert (result["result"], result["code"]) == ("rejected", "invalid_entry")
    assert _customer(world, card_id)[2] == "old@example.com"


@pytest.mark.parametrize("kind", ["CARD_DEACTIVATED", "POINTS_ADJUSTMENT", "STAMP_EARNED"])
def test_details_on_another_kind_of_entry_are_refused(world: World, kind: str) -> None:
    till = _manager_till(world)
    card_id = till.enroll(email="old@example.com")
    # Each entry as it would be accepted without the details.
    fields = {"POINTS_ADJUSTMENT": {"notes": "why"}, "STAMP_EARNED": {"stamps_delta": 1}}

    result = _one(till, till.entry(kind, card_id, customer_change=ADA, **fields.get(kind, {})))

    assert (result["result"], result["code"]) == ("rejected", "invalid_entry")
    assert result["card"]["is_active"] is True
    assert _customer(world, card_id)[2] == "old@example.com"


def test_details_on_an_enrollment_are_refused(world: World) -> None:
    till = _manager_till(world)
    _, (created,) = till.enrollment(email="new@example.com", bonus=0)

    result = _one(till, {**created, "customer_change": ADA})

    assert (result["result"], result["code"]) == ("rejected", "invalid_entry")


@pytest.mark.parametrize(
    ("details", "code"),
    [
        ({"email": "taken@example.com"}, "email_taken"),
        ({"email": "TAKEN@example.com"}, "email_taken"),
        ({"phone": "+33 6 11 22 33 44"}, "phone_taken"),
        ({"phone": "06 11 22 33 44"}, "phone_taken"),  # read in the store's country
        ({"email": "not an email"}, "invalid_customer"),
        ({"phone": "12"}, "invalid_customer"),
        ({"first_name": "", "last_name": ""}, "invalid_customer"),
        ({"email": None, "phone": None}, "invalid_customer"),
        ({"first_name": "A\x07"}, "invalid_customer"),
    ],
)
def test_a_change_the_company_cannot_take_is_refused_and_the_details_sent_again(
    world: World, details: dict[str, Any], code: str
) -> None:
    till = _manager_till(world)
    till.enroll(email="taken@example.com", phone="+33611223344")
    card_id = till.enroll(email="old@example.com")
    _, cursor = pull_all(till)

    result = _one(till, _change(till, card_id, **details))

    assert (result["result"], result["code"]) == ("rejected", code)
    assert result["reason"]
    assert _customer(world, card_id) == ("Ada", "Lovelace", "old@example.com", None)
    # The terminal shows what its manager typed: the company's details come back to it.
    logged = _customer_changes(till, cursor)
    assert [c["data"]["email"] for c in logged] == ["old@example.com"]


def test_another_companys_customer_does_not_take_an_email(world: World) -> None:
    world.server.activate(world.vendor_b1).enroll(email="ada@example.com")
    till = _manager_till(world)
    card_id = till.enroll(email="old@example.com")

    assert _one(till, _change(till, card_id))["result"] == "accepted"
    assert _customer(world, card_id)[2] == "ada@example.com"


def test_a_change_sent_again_is_a_duplicate_and_other_details_a_conflict(world: World) -> None:
    till = _manager_till(world)
    card_id = till.enroll(email="old@example.com")
    change = _change(till, card_id)
    assert _one(till, change)["result"] == "accepted"

    again = _one(till, change)
    assert (again["result"], again["original_result"]) == ("duplicate", "accepted")
    other = _one(till, {**change, "customer_change": {**ADA, "email": "eve@example.com"}})
    assert (other["result"], other["code"]) == ("conflict", "id_conflict")
    assert _customer(world, card_id)[2] == "ada@example.com"


def test_the_hash_of_an_entry_without_details_is_the_one_it_always_had() -> None:
    """An entry pushed before CUSTOMER_UPDATED existed, its answer lost, is still a
    duplicate when sent again: its content hash did not move with the new field."""
    entry = PushEntry(
        id="6b1c1f8e-7a51-4c55-9a3e-0d2f4f1a9b01",
        seq=7,
        type="CARD_DEACTIVATED",  # type: ignore[arg-type]
        card_id="2f0e7b9c-1d3a-4b6e-8f5a-9c8d7e6f5a41",
        staff_id=2,
        notes="lost",
        transaction_at="2026-03-02T09:00:00Z",  # type: ignore[arg-type]
    )
    assert content_hash(entry) == "06afcb0924c6c039149eb1ec9e5ae573a38bb4fcc7b6627c3aeaad3fb3e8e9d3"
    content = {**entry.model_dump(mode="json"), "type": "CUSTOMER_UPDATED"}
    with_details = PushEntry.model_validate({**content, "customer_change": ADA})
    other_details = PushEntry.model_validate(
        {**content, "customer_change": {**ADA, "email": "eve@example.com"}}
    )
    assert len({content_hash(e) for e in (entry, with_details, other_details)}) == 3


def test_a_merged_cards_change_reaches_the_customers_card(world: World) -> None:
    till = _manager_till(world)
    kept = till.enroll(email="ada@example.com")
    merged_id, entries = till.enrollment(email="ada@example.com", bonus=0)
    assert till.push(entries)["results"][0]["merged_into_card_id"] == kept

    result = _one(till, _change(till, merged_id, first_name="Augusta", email="ada@example.com"))

    assert result["result"] == "accepted"
    assert result["card"]["card_id"] == kept
    assert _customer(world, kept)[:2] == ("Augusta", "Byron")


def test_an_enrollment_after_a_change_in_one_push_merges_on_the_new_details(
    world: World,
) -> None:
    """The push read its enrollments' emails and phones once, before the change: an
    enrollment after it matches the customer on the new email, no longer on the old one."""
    till = _manager_till(world)
    card_id = till.enroll(email="old@example.com")
    _, (first,) = till.enrollment(email="first@example.com", bonus=0)
    change = _change(till, card_id, email="new@example.com")
    new_id, (on_new,) = till.enrollment(email="new@example.com", bonus=0)
    old_id, (on_old,) = till.enrollment(email="old@example.com", bonus=0)

    results = till.push([first, change, on_new, on_old])["results"]

    assert [r["result"] for r in results] == ["accepted"] * 4
    assert results[2]["merged_into_card_id"] == card_id  # the customer who now has it
    assert results[3]["merged_into_card_id"] is None  # a new customer: nobody has it now
    assert _customer(world, old_id)[2] == "old@example.com"
    assert _customer(world, card_id)[2] == "new@example.com"
    assert new_id != card_id


def test_an_unknown_card_is_refused(world: World) -> None:
    till = _manager_till(world)

    result = _one(till, _change(till, str(uuid.uuid4())))

    assert (result["result"], result["code"]) == ("rejected", "card_not_found")
