"""A change of a customer's details pushed by a terminal (a CUSTOMER_UPDATED entry).

The details are checked with the same functions as an enrollment's (terminal.domain.customers:
names, NFC lower-case email, E.164 phone, a phone without its country code read in the
editing store's country), so that a changed email or phone is compared like with like. One
customer, one card: an email or phone another customer of the company holds is refused
(`email_taken`, `phone_taken`), as the terminal refuses it at the counter; it can still
happen when two tills changed two customers offline.

The company setting "email required" is not re-checked, as for an enrollment: a terminal
offline may not have seen it change. Every write happens under the push's lock on the
company's change log (sync.server.changes), so the duplicate check cannot race another push.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import PushEntry
from sync.server.changes import record_change
from sync.server.enrollment import Identifiers, store_country
from sync.server.errors import Refusal
from sync.server.models import Card, Customer, Terminal
from terminal.domain.customers import customer_details
from terminal.domain.errors import LoyaltyError

_TAKEN = {"email": ("email_taken", "email address"), "phone": ("phone_taken", "phone number")}


def change_customer(
    session: Session,
    terminal: Terminal,
    card: Card,
    entry: PushEntry,
    now: datetime,
    *,
    taken: Identifiers | None,
) -> None:
    """Apply the entry's new details to the card's customer and log the change for every
    terminal; raises Refusal and changes nothing when they cannot be taken. `taken`: the
    push's enrollment identifiers if already read (kept in step with the new details)."""
    change = entry.customer_change
    if change is None:
        raise Refusal("invalid_entry", "A CUSTOMER_UPDATED entry must carry the new details.")
    try:
        details = customer_details(
            first_name=change.first_name,
            last_name=change.last_name,
            email=change.email,
            phone=change.phone,
            email_required=False,
            country=store_country(session, terminal),
        )
    except LoyaltyError as err:
        raise Refusal(err.code, err.message) from err
    customer = session.get(Customer, card.customer_id, with_for_update=True)
    assert customer is not None  # a card's customer is never deleted (foreign key)
    for field, value in (("email", details.email), ("phone", details.phone)):
        if value is not None and _held_by_another(session, customer, field, value):
            code, label = _TAKEN[field]
            raise Refusal(code, f"Another customer of the company already has this {label}.")
    if taken is not None:
        taken.contacts_changed(card, customer, details.email, details.phone)
    customer.first_name = details.first_name
    customer.last_name = details.last_name
    customer.email = details.email
    customer.phone = details.phone
    session.flush()
    log_customer(session, customer, now)


def log_customer(session: Session, customer: Customer, now: datetime) -> None:
    """The customer's details as they stand, in the change log for every terminal."""
    record_change(
        session,
        company_id=customer.company_id,
        entity="customers",
        entity_id=customer.id,
        data=customer.to_wire(),
        now=now,
    )


def resend_customer(session: Session, card: Card, now: datetime) -> None:
    """After a refused change: the terminal that sent it shows the new details since the
    manager typed them; this row, pulled once the refusal is saved there, puts the
    company's back (the other terminals take it as the same upsert again)."""
    customer = session.get(Customer, card.customer_id)
    if customer is not None:
        log_customer(session, customer, now)


def _held_by_another(session: Session, customer: Customer, field: str, value: str) -> bool:
    column = Customer.email if field == "email" else Customer.phone
    other = session.scalar(
        select(Customer.id)
        .where(
            Customer.company_id == customer.company_id,
            column == value,
            Customer.id != customer.id,
        )
        .limit(1)
    )
    return other is not None
