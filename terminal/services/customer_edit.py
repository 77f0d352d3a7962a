"""A store manager changes a customer's name, email and phone (a CUSTOMER_UPDATED entry).

Checked exactly as an enrollment checks them (terminal.services.customer_checks), since the
email and phone are what finds the customer again and one customer has one card. The
entry carries the new details to the server in a CustomerChangeRecord written with it.

The PIN policy is the deactivation's (PinOperation.DEACTIVATE): the company's settings have
one policy per kind of operation and both are manager operations on a card; a policy of its
own would need a new setting on the server, the wire and every terminal.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from terminal.domain.cards import format_card_number
from terminal.domain.customers import CustomerDetails
from terminal.domain.errors import ContactTaken, InvalidInput
from terminal.domain.ledger import SyncState, TransactionType
from terminal.domain.rules import PinOperation, StaffRole
from terminal.services.cardviews import card_view, require_card
from terminal.services.context import ServiceDeps
from terminal.services.customer_checks import contact_clash, store_customer_details
from terminal.services.ledger_writer import append_entry
from terminal.services.staff import StaffService
from terminal.services.views import Actor, OperationResult
from terminal.store.models import Customer, CustomerChangeRecord, LedgerEntry, LoyaltyCard
from terminal.store.search import index_card


class CustomerEditService:
    def __init__(self, deps: ServiceDeps, staff: StaffService) -> None:
        self._deps = deps
        self._staff = staff

    def update_customer(
        self,
        actor: Actor,
        card_id: str,
        *,
        first_name: str,
        last_name: str,
        email: str | None,
        phone: str | None,
    ) -> OperationResult:
        """`card_id`: the card's uuid (CardView.card_id). Every detail is given, not only
        the changed ones: an empty email or phone removes it."""
        with self._deps.sessions.read() as session:
            store = self._deps.context(session)
        details = store_customer_details(
            store, first_name=first_name, last_name=last_name, email=email, phone=phone
        )
        member = self._staff.authorize(actor, PinOperation.DEACTIVATE, StaffRole.MANAGER)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            customer = card.customer
            if _details_of(customer) == details:
                raise InvalidInput(
                    "These are already the customer's details: nothing to change.",
                    reason="customer_unchanged",
                )
            clash = contact_clash(session, ctx.company_id, details, other_than=customer.id)
            if clash is not None:
                raise ContactTaken(format_card_number(clash.card.card_number), clash.matched_on)
            _freeze_enrollment(session, card, customer)
            customer.first_name = details.first_name
            customer.last_name = details.last_name
            customer.email = details.email
            customer.phone = details.phone
            index_card(
                session,
                card.id,
                first_name=details.first_name,
                last_name=details.last_name,
                email=details.email,
                phone=details.phone,
                card_number=card.card_number,
            )
            entry = append_entry(
                session,
                ctx,
                card,
                TransactionType.CUSTOMER_UPDATED,
                now=now,
                staff_id=member.staff_id,
            )
            session.flush()  # the entry's row first: the record's foreign key names it
            session.add(_record(entry.id, details))
            return OperationResult(entry.id, entry.type, card_view(session, ctx, card))


def _details_of(customer: Customer) -> CustomerDetails:
    return CustomerDetails(customer.first_name, customer.last_name, customer.email, customer.phone)


def _record(entry_id: str, details: CustomerDetails) -> CustomerChangeRecord:
    return CustomerChangeRecord(
        entry_id=entry_id,
        first_name=details.first_name,
        last_name=details.last_name,
        email=details.email,
        phone=details.phone,
    )


def _freeze_enrollment(session: Session, card: LoyaltyCard, customer: Customer) -> None:
    """The card's enrollment not settled yet (perhaps sent, its answer lost) is sent with
    the customers row's details: keep the ones it was enrolled with, so that it goes out
    again unchanged and the change follows it as its own entry."""
    created = session.scalar(
        select(LedgerEntry.id)
        .where(
            LedgerEntry.card_id == card.id,
            LedgerEntry.type == TransactionType.CARD_CREATED,
            LedgerEntry.sync_state == SyncState.PENDING,
        )
        .limit(1)
    )
    if created is None or session.get(CustomerChangeRecord, created) is not None:
        return
    session.add(_record(created, _details_of(customer)))
