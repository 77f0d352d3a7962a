"""Enrollment pushed by a terminal: a CARD_CREATED entry creates customer and card, or merges
into the customer's existing card (one card per customer per company, matched on email or
phone): the new number and QR become aliases of the existing card and keep working.

Email and phone are normalised with the terminal's own functions (terminal.domain.customers),
a phone typed without its country code read in the enrolling store's country, so that
06 12 34 56 78 pushed by a French store and +33 6 12 34 56 78 are one customer."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.protocol import PushEntry
from sync.server.auth import reserved_blocks
from sync.server.changes import add_recorded, record_change
from sync.server.errors import Refusal
from sync.server.models import Card, CardAlias, Customer, Terminal, Vendor
from terminal.domain.cards import format_card_number, is_qr_token, normalize_card_number
from terminal.domain.customers import clean_name, normalize_email, normalize_phone
from terminal.domain.errors import LoyaltyError


@dataclass
class Identifiers:
    """What a push's enrollments must not reuse, read for all its CARD_CREATED entries at
    once (a few queries, not five per enrollment) and kept up to date as the push enrolls:
    card ids, card numbers and QR tokens (of cards and aliases of every company: they are
    unique server-wide) and customer ids; with the terminal's card-number blocks and the
    company's cards whose customer has one of the enrollments' emails or phones (locked:
    an enrollment may merge into them), the oldest card first, as one query per enrollment
    would find them.

    Read under the push's locks (the terminal's row, the company's log); another company's
    push may still take a number or token meanwhile, which the unique constraints catch
    (sync.server.ledger.apply_push_racing runs the push again)."""

    card_ids: set[str]
    numbers: set[str]
    qr_tokens: set[str]
    customer_ids: set[str]
    blocks: list[tuple[int, int]]
    by_email: dict[str, Card]
    by_phone: dict[str, Card]

    @classmethod
    def read(cls, session: Session, terminal: Terminal, entries: list[PushEntry]) -> Identifiers:
        new = [entry for entry in entries if entry.new_card is not None]
        numbers: set[str] = set()
        for entry in new:
            assert entry.new_card is not None
            with suppress(LoyaltyError):  # refused when its turn comes
                numbers.add(normalize_card_number(entry.new_card.card_number))
        qr_tokens = {entry.new_card.qr_code_data for entry in new if entry.new_card}
        ids = {entry.card_id for entry in new}
        customers = {entry.new_card.customer_id for entry in new if entry.new_card}
        emails: set[str] = set()
        phones: set[str] = set()
        country = store_country(session, terminal)
        for entry in new:
            assert entry.new_card is not None
            with suppress(LoyaltyError):
                if email := normalize_email(entry.new_card.email):
                    emails.add(email)
            with suppress(LoyaltyError):
                if phone := normalize_phone(entry.new_card.phone, country):
                    phones.add(phone)
        taken = cls(
            card_ids=set(session.scalars(select(Card.id).where(Card.id.in_(ids)))),
            numbers=set(),
            qr_tokens=set(),
            customer_ids=set(
                session.scalars(select(Customer.id).where(Customer.id.in_(customers)))
            ),
            blocks=reserved_blocks(session, terminal),
            by_email={},
            by_phone={},
        )
        if emails or phones:
            matches = session.execute(
                select(Card, Customer.email, Customer.phone)
                .join(Customer, Card.customer_id == Customer.id)
                .where(
                    Card.company_id == terminal.company_id,
                    or_(Customer.email.in_(emails), Customer.phone.in_(phones)),
                )
                .order_by(Card.created_at)
                .with_for_update()
            )
            for card, email, phone in matches:
                if email in emails:
                    taken.by_email.setdefault(email, card)
                if phone in phones:
                    taken.by_phone.setdefault(phone, card)
        for model in (Card, CardAlias):
            for number, qr in session.execute(
                select(model.card_number, model.qr_code_data).where(
                    or_(model.card_number.in_(numbers), model.qr_code_data.in_(qr_tokens))
                )
            ):
                taken.numbers.add(number)
                taken.qr_tokens.add(qr)
        return taken

    def reserved(self, body: int) -> bool:
        return any(first <= body <= last for first, last in self.blocks)

    def card_taken(self, card_id: str, number: str, qr: str) -> bool:
        return card_id in self.card_ids or number in self.numbers or qr in self.qr_tokens

    def customer_card(self, email: str | None, phone: str | None) -> Card | None:
        """The oldest card of a customer with this email or phone, or None."""
        found = [
            card
            for card in (self.by_email.get(email or ""), self.by_phone.get(phone or ""))
            if card is not None
        ]
        return min(found, key=lambda card: card.created_at) if found else None

    def contacts_changed(
        self, card: Card, customer: Customer, email: str | None, phone: str | None
    ) -> None:
        """The card's customer takes this email and phone (a CUSTOMER_UPDATED of this push):
        a later enrollment of the push merges on the new ones, no longer on the old ones."""
        for found, old, new in (
            (self.by_email, customer.email, email),
            (self.by_phone, customer.phone, phone),
        ):
            if old and old != new and found.get(old) is card:
                del found[old]
            if new:
                found.setdefault(new, card)

    def note(self, card: Card, customer: Customer) -> None:
        """A card this push enrolled: its identifiers are taken from now on."""
        self.card_ids.add(card.id)
        self.numbers.add(card.card_number)
        self.qr_tokens.add(card.qr_code_data)
        self.customer_ids.add(customer.id)
        if customer.email:
            self.by_email.setdefault(customer.email, card)
        if customer.phone:
            self.by_phone.setdefault(customer.phone, card)


def create_card(
    session: Session,
    terminal: Terminal,
    entry: PushEntry,
    now: datetime,
    *,
    program_id: int,
    taken: Identifiers,
) -> tuple[Card, str | None]:
    """The card of a CARD_CREATED entry (new, or the customer's existing one it merges
    into, with that card's id); `taken`: the push's identifiers, brought up to date."""
    new = entry.new_card
    if new is None:
        raise Refusal("invalid_entry", "A CARD_CREATED entry must carry the new card's data.")
    try:
        number = normalize_card_number(new.card_number)
        first_name = clean_name(new.first_name, "first name")
        last_name = clean_name(new.last_name, "last name")
        email = normalize_email(new.email)
        phone = normalize_phone(new.phone, store_country(session, terminal))
    except LoyaltyError as err:
        raise Refusal(err.code, err.message) from err
    if not is_qr_token(new.qr_code_data):
        raise Refusal("invalid_qr_token", "The card's QR token is not in the expected format.")
    if new.enrolled_at_vendor_id not in (None, terminal.vendor_id):
        raise Refusal("vendor_mismatch", "A terminal enrolls cards for its own store only.")
    if not taken.reserved(int(number[:-1])):
        raise Refusal(
            "card_number_not_reserved",
            f"Card number {format_card_number(number)} is not from this terminal's blocks.",
        )
    if taken.card_taken(entry.card_id, number, new.qr_code_data):
        raise Refusal("card_exists", "A card with this id, number or QR token already exists.")
    existing = taken.customer_card(email, phone)
    if existing is not None:
        taken.numbers.add(number)  # now an alias's
        taken.qr_tokens.add(new.qr_code_data)
        return _merge_into(session, existing, entry, number, now), existing.id
    if new.customer_id in taken.customer_ids:
        raise Refusal("customer_exists", "A customer with this id already exists.")
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
    taken.note(card, customer)
    record_change(
        session,
        company_id=terminal.company_id,
        entity="customers",
        entity_id=customer.id,
        data=customer.to_wire(),
        now=now,
    )
    return card, None


def store_country(session: Session, terminal: Terminal) -> str:
    vendor = session.get(Vendor, terminal.vendor_id)
    assert vendor is not None  # a terminal's vendor is never deleted (foreign key)
    return vendor.country


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
