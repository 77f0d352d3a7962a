"""What enrollment and a change of a customer's details both check, in one place.

The details as the store reads them (terminal.domain.customers.customer_details with the
company's email setting and the store's country), and one customer, one card: an email or
phone another customer of the company already has. Enrollment refuses a clash by offering
that customer's card (CustomerAlreadyEnrolled), a change of details as a detail taken
(ContactTaken): the check is the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from terminal.domain.customers import CustomerDetails, customer_details
from terminal.services.context import TerminalContext
from terminal.services.lookup import card_of_customer
from terminal.store.models import LoyaltyCard


@dataclass(frozen=True)
class ContactClash:
    matched_on: str  # "email" or "phone"
    card: LoyaltyCard  # the card of the customer who has it


def store_customer_details(
    ctx: TerminalContext,
    *,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    phone: str | None,
) -> CustomerDetails:
    """The typed details checked and normalised: the phone in E.164 (read in the store's
    country when typed without its code), the email in one Unicode form, which is what the
    clash check below compares. Raises InvalidCustomerDetails."""
    return customer_details(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        email_required=ctx.company.require_customer_email_on_enroll,
        country=ctx.store_country,
    )


def contact_clash(
    session: Session,
    company_id: int,
    details: CustomerDetails,
    *,
    other_than: int | None = None,
) -> ContactClash | None:
    """The first of the email and the phone that another customer of the company has, or
    None. `other_than`: the local id of the customer whose details these are, if any."""
    for field, value in (("email", details.email), ("phone", details.phone)):
        if value is None:
            continue
        card = card_of_customer(session, company_id, other_than=other_than, **{field: value})
        if card is not None:
            return ContactClash(field, card)
    return None
