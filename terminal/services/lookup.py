"""Finding cards: by scan (QR or number), typed number, email, phone, or a name fragment."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Literal

from sqlalchemy import Select, bindparam, select, tuple_
from sqlalchemy.orm import Session

from terminal.domain.cards import (
    CARD_NUMBER_DIGITS,
    looks_like_card_number,
    normalize_card_number,
    parse_scan,
)
from terminal.domain.clock import to_store_time
from terminal.domain.customers import looks_like_phone, normalize_email, normalize_phone
from terminal.domain.errors import CardNotFound, InvalidInput
from terminal.services.cardviews import card_view, require_card
from terminal.services.context import ServiceDeps, TerminalContext
from terminal.services.inputs import clamp_int, is_row_id
from terminal.services.views import CardView, HistoryEntry, HistoryPage
from terminal.store.models import CardAlias, Customer, LedgerEntry, LoyaltyCard, StaffPin, Vendor

Finder = Callable[[Session, TerminalContext], LoyaltyCard | None]
MAX_QUERY_LENGTH = 254
MAX_PAGE_SIZE = 200


class LookupService:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    # --- the cashier's ways to find one card --------------------------------------------

    def by_scan(self, payload: str) -> CardView:
        """A camera or keyboard-wedge scan: a QR token or a card number."""
        scanned = parse_scan(payload)
        column = "qr_code_data" if scanned.kind == "qr_token" else "card_number"
        what = "this QR code" if scanned.kind == "qr_token" else "this number"
        return self._one(
            lambda s, ctx: _card_by_identifier(s, ctx, column, scanned.value), what, scanned.value
        )

    def by_number(self, text: str) -> CardView:
        number = normalize_card_number(text)  # a typo is reported before any lookup
        return self._one(
            lambda s, ctx: _card_by_identifier(s, ctx, "card_number", number),
            "this card number",
            number,
        )

    def by_email(self, text: str) -> CardView:
        email = normalize_email(text)
        if email is None:
            raise InvalidInput("Type an email address.", reason="email_missing")
        return self._one(lambda s, ctx: _card_by_customer(s, ctx, email=email), "this email", email)

    def by_phone(self, text: str) -> CardView:
        """Any usual way of writing the number; without its country code it is read in the
        store's country (so 06 12 34 56 78 and +33 6 12 34 56 78 find the same card)."""

        def find(session: Session, ctx: TerminalContext) -> LoyaltyCard | None:
            phone = normalize_phone(text, ctx.store_country)
            if phone is None:
                raise InvalidInput("Type a phone number.", reason="phone_missing")
            return _card_by_customer(session, ctx, phone=phone)

        return self._one(find, "this phone", (text or "").strip())

    def find(self, text: str) -> CardView:
        """The idle screen's search box: whatever the cashier typed or a scanner sent.

        An email has an @; 12 digits (spaces or dashes between groups) are a card number,
        a wrong check digit reported as a typo; any other digits written the way phone
        numbers are (spaces, dots, dashes, slashes, brackets, a +) are a phone number;
        everything else is a scan (a QR token).
        """
        query = (text or "").strip()
        if not query:
            raise InvalidInput(
                "Scan the card, or type its number, an email or a phone number.",
                reason="lookup_empty",
            )
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidInput(
                "That is too long for a card number, email or phone number.",
                reason="lookup_too_long",
                max_length=MAX_QUERY_LENGTH,
            )
        if "@" in query:
            return self.by_email(query)
        if looks_like_card_number(query) and _digit_count(query) == CARD_NUMBER_DIGITS:
            return self.by_number(query)
        if looks_like_phone(query):
            return self.by_phone(query)
        return self.by_scan(query)

    def card(self, card_id: str) -> CardView:
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            return card_view(session, ctx, require_card(session, ctx, card_id))

    # --- the manager's history of a card ------------------------------------------------

    def history(
        self, card_id: str, *, before: Sequence[object] | None = None, limit: int = 50
    ) -> HistoryPage:
        """The card's transactions, newest first, with store, staff and sync state; in
        keyset pages (`before`: a page's `next_before`), as cheap deep in a long history as
        at its start."""
        limit = clamp_int(limit, 1, MAX_PAGE_SIZE, 50)
        key = _history_key(before)
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            order = (LedgerEntry.transaction_at, LedgerEntry.terminal_seq, LedgerEntry.id)
            statement = (
                select(LedgerEntry, Vendor.name, StaffPin.name)
                .join(Vendor, Vendor.id == LedgerEntry.vendor_id)
                .outerjoin(StaffPin, StaffPin.id == LedgerEntry.staff_id)
                .where(LedgerEntry.card_id == card.id)
            )
            if key is not None:
                statement = statement.where(tuple_(*order) < tuple_(*key))
            rows = session.execute(
                statement.order_by(*(column.desc() for column in order)).limit(limit + 1)
            ).all()
            entries = [
                _history_entry(e, vendor, staff, ctx.store_tz) for e, vendor, staff in rows[:limit]
            ]
            last = rows[limit - 1][0] if len(rows) > limit else None
            next_before = (
                (last.transaction_at.isoformat(), last.terminal_seq, last.id) if last else None
            )
            return HistoryPage(entries=entries, next_before=next_before)

    def _one(self, find: Finder, what: str, online_query: str | None = None) -> CardView:
        """The card `find` finds here; one this cache does not hold yet (a customer of
        another store, enrolled since the last pull) is asked of the server, briefly."""
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            card = find(session, ctx)
            if card is not None:
                return card_view(session, ctx, card)
        found = None
        online = self._deps.authorizer
        if online_query and online is not None and online.can_authorize():
            found = online.lookup_card(online_query)
        if found is None:
            raise CardNotFound(what)
        return self.card(found)


def _history_key(before: Sequence[object] | None) -> tuple[datetime, int, str] | None:
    """A page's `next_before` back: (time, sequence, id). Anything else: from the newest."""
    if not before or len(before) != 3:
        return None
    moment, seq, entry_id = before
    if not (isinstance(moment, str) and is_row_id(seq) and isinstance(entry_id, str)):
        return None
    try:
        when = datetime.fromisoformat(moment)
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    return when, int(seq), entry_id  # type: ignore[arg-type]


def _digit_count(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _by_identifier(column: str) -> tuple[Select[tuple[LoyaltyCard]], ...]:
    own_company = LoyaltyCard.company_id == bindparam("company_id")
    value = bindparam("value")
    return (
        select(LoyaltyCard).where(getattr(LoyaltyCard, column) == value, own_company),
        select(LoyaltyCard)
        .join(CardAlias, CardAlias.card_id == LoyaltyCard.id)
        .where(getattr(CardAlias, column) == value, own_company),
    )


# Built once: constructing a select() costs more than running it on the scan path.
_BY_IDENTIFIER = {column: _by_identifier(column) for column in ("qr_code_data", "card_number")}


def _card_by_identifier(
    session: Session,
    ctx: TerminalContext,
    column: Literal["qr_code_data", "card_number"],
    value: str,
) -> LoyaltyCard | None:
    """The card holding this QR token or number, or the card it was merged into."""
    params = {"value": value, "company_id": ctx.company_id}
    for statement in _BY_IDENTIFIER[column]:
        card = session.scalar(statement, params)
        if card is not None:
            return card
    return None


def _by_customer(column: str) -> Select[tuple[LoyaltyCard]]:
    company = bindparam("company_id")
    return (
        select(LoyaltyCard)
        .join(Customer, Customer.id == LoyaltyCard.customer_id)
        .where(
            Customer.company_id == company,
            getattr(Customer, column) == bindparam("value"),
            LoyaltyCard.company_id == company,
            Customer.id != bindparam("other_than"),
        )
        .limit(1)
    )


_BY_CUSTOMER = {column: _by_customer(column) for column in ("email", "phone")}


def card_of_customer(
    session: Session,
    company_id: int,
    *,
    email: str | None = None,
    phone: str | None = None,
    other_than: int | None = None,
) -> LoyaltyCard | None:
    """The card of the customer with this normalised email, or else phone (E.164, see
    terminal.domain.customers: the form every phone is stored in). `other_than`: a
    customer's local id left out (a customer changing details does not clash with itself)."""
    column, value = ("email", email) if email is not None else ("phone", phone)
    params = {"company_id": company_id, "value": value, "other_than": other_than or 0}
    return session.scalar(_BY_CUSTOMER[column], params)


def _card_by_customer(
    session: Session, ctx: TerminalContext, *, email: str | None = None, phone: str | None = None
) -> LoyaltyCard | None:
    return card_of_customer(session, ctx.company_id, email=email, phone=phone)


def _history_entry(
    entry: LedgerEntry, vendor_name: str, staff_name: str | None, store_tz: str
) -> HistoryEntry:
    return HistoryEntry(
        entry_id=entry.id,
        type=entry.type,
        transaction_at=to_store_time(entry.transaction_at, store_tz),
        stamps_delta=entry.stamps_delta,
        points_delta=entry.points_delta,
        stamp_count_after=entry.stamp_count_after,
        points_balance_after=entry.points_balance_after,
        purchase_amount=entry.purchase_amount,
        reward_description=entry.reward_description,
        reverses_id=entry.reverses_id,
        notes=entry.notes,
        vendor_name=vendor_name,
        staff_name=staff_name,
        sync_state=entry.sync_state,
        sync_reason=entry.sync_reason,
    )
