"""Enrollment pushed by a terminal: a CARD_CREATED entry creates customer and card, or merges
into the customer's existing card (one card per customer per company, matched on email or
phone): the new number and QR become aliases of the existing card and keep working.

Email and phone are normalised with the terminal's own functions (terminal.domain.customers),
a phone typed without its country code read in the enrolling store's country, so that
06 12 34 56 78 pushed by a French store and +33 6 12 34 56 78 are one customer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.protocol import PushEntry
from sync.server.auth import body_reserved_for
from sync.server.changes import add_recorded, record_change
from sync.server.errors import Refusal
from sync.server.models import Card, CardAlias, Customer, Program, Terminal, Vendor
from terminal.domain.cards import format_card_number, is_qr_token, normalize_card_number
from terminal.domain.customers import clean_name, normalize_email, normalize_phone
from terminal.domain.errors import LoyaltyError


def create_card(
    session: Session,
    terminal: Terminal,
    entry: PushEntry,
    now: datetime,
    *,
    program_id: int | None = None,
) -> tuple[Card, str | None]:
    new = entry.new_card
    if new is None:
        raise Refusal("invalid_entry", "A CARD_CREATED entry must carry the new card's data.")
    try:
        number = normalize_card_number(new.card_number)
        first_name = clean_name(new.first_name, "first name")
        last_name = clean_name(new.last_name, "last name")
        email = normalize_email(new.email)
        phone = normalize_phone(new.phone, _store_country(session, terminal))
    except LoyaltyError as err:
        raise Refusal(err.code, err.message) from err
    if not is_qr_token(new.qr_code_data):
        raise Refusal("invalid_qr_token", "The card's QR token is not in the expected format.")
    if new.enrolled_at_vendor_id not in (None, terminal.vendor_id):
        raise Refusal("vendor_mismatch", "A terminal enrolls cards for its own store only.")
    if not body_reserved_for(session, terminal, int(number[:-1])):
        raise Refusal(
            "card_number_not_reserved",
            f"Card number {format_card_number(number)} is not from this terminal's blocks.",
        )
    if session.get(Card, entry.card_id) is not None or _identifier_taken(
        session, number, new.qr_code_data
    ):
        raise Refusal("card_exists", "A card with this id, number or QR token already exists.")
    existing = _existing_card_of_customer(session, terminal.company_id, email, phone)
    if existing is not None:
        return _merge_into(session, existing, entry, number, now), existing.id
    if session.get(Customer, new.customer_id) is not None:
        raise Refusal("customer_exists", "A customer with this id already exists.")
    if program_id is None:
        program_id = session.scalars(
            select(Program.id).where(Program.company_id == terminal.company_id)
        ).one()
    customer = Customer(
        id=new.customer_id,
        company_id=terminal.company_id,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        created_at=entry.transaction_at,
    )
    card = Card(
        id=entry.card_id,
        company_id=terminal.company_id,
        customer_id=customer.id,
        program_id=program_id,
        card_number=number,
        qr_code_data=new.qr_code_data,
        enrolled_at_vendor_id=terminal.vendor_id,
        created_by_terminal_id=terminal.id,
        is_active=True,
        stamp_count=0,
        total_stamps_earned=0,
        stamps_redeemed=0,
        points_balance=0,
        total_points_earned=0,
        points_redeemed=0,
        overdrawn=False,
        created_at=entry.transaction_at,
        updated_at=now,
    )
    # The customer first (no ORM relationship tells the unit of work that the card's foreign
    # key needs it); the card goes with the push's next flush.
    session.add(customer)
    session.flush()
    session.add(card)
    record_change(
        session,
        company_id=terminal.company_id,
        entity="customers",
        entity_id=customer.id,
        data=customer.to_wire(),
        now=now,
    )
    return card, None


def _store_country(session: Session, terminal: Terminal) -> str:
    vendor = session.get(Vendor, terminal.vendor_id)
    assert vendor is not None  # a terminal's vendor is never deleted (foreign key)
    return vendor.country


def _identifier_taken(session: Session, number: str, qr: str) -> bool:
    in_cards = session.scalar(
        select(Card.id).where(or_(Card.card_number == number, Card.qr_code_data == qr))
    )
    in_aliases = session.scalar(
        select(CardAlias.id).where(
            or_(CardAlias.card_number == number, CardAlias.qr_code_data == qr)
        )
    )
    return in_cards is not None or in_aliases is not None


def _existing_card_of_customer(
    session: Session, company_id: int, email: str | None, phone: str | None
) -> Card | None:
    matches = []
    if email:
        matches.append(Customer.email == email)
    if phone:
        matches.append(Customer.phone == phone)
    if not matches:
        return None
    return session.scalars(
        select(Card)
        .join(Customer, Card.customer_id == Customer.id)
        .where(Card.company_id == company_id, or_(*matches))
        .order_by(Card.created_at)
        .with_for_update()
    ).first()


def _merge_into(
    session: Session, existing: Card, entry: PushEntry, number: str, now: datetime
) -> Card:
    """The customer already has a card: the new number and QR become aliases of it."""
    assert entry.new_card is not None
    alias = CardAlias(
        company_id=existing.company_id,
        card_id=existing.id,
        merged_card_id=entry.card_id,
        qr_code_data=entry.new_card.qr_code_data,
        card_number=number,
    )
    add_recorded(session, alias, entity="card_aliases", company_id=existing.company_id, now=now)
    # The terminal's provisional card and customer are replaced by the existing ones.
    for entity, entity_id in (
        ("cards", entry.card_id),
        ("customers", entry.new_card.customer_id),
    ):
        record_change(
            session,
            company_id=existing.company_id,
            entity=entity,  # type: ignore[arg-type]
            entity_id=entity_id,
            data=None,
            op="delete",
            now=now,
        )
    return existing
