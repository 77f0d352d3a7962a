"""Import customers and their cards from a CSV file (`loyalty-server import-customers`).

The file is UTF-8 (a byte-order mark is accepted) with a header line naming the columns
first_name,last_name,email,phone and optionally card_number, in any order. Each line is
checked with the terminal's own rules (terminal.domain.customers.customer_details, with the
company's require-email setting; terminal.domain.cards for a given card number: 12 digits,
Luhn check). A line whose card_number is empty gets the next number of a server-side block
(a CardNumberBlock with no terminal, taken from the same server-wide range as the terminals'
blocks, so numbers never collide); a given number must not be in use nor inside any block,
and is recorded as a one-number server block so no terminal block is ever given it.
Every card gets a fresh QR token (terminal.domain.cards.new_qr_token).

Emails and phones are stored as terminals store them (terminal.domain.customers: NFC
lower-case emails, E.164 phones). A phone written without its country code is read in the
import's country: `country` (`--country`) when given, else the country of the company's
first store (lowest id). A company with no store yet and no `country` can import lines
without a phone only; lines with one are refused and say so.

Errors are per line ("line N: message", N the file's line number, the header being line 1):
a bad line is skipped and the good lines are still imported. A line whose email or phone
already belongs to a customer of the company (or to an earlier line of the file) is a
duplicate: skipped and reported. The accepted lines are written in one transaction with
their change-log rows (customers then cards), so a crash imports nothing; an unreadable file
(not UTF-8, no header, a missing column) is an error of the whole file and imports nothing.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from sync.server.auth import FIRST_CARD_BODY, LAST_CARD_BODY
from sync.server.changes import lock_company_log, record_change
from sync.server.errors import ApiError
from sync.server.models import (
    Card,
    CardAlias,
    CardNumberBlock,
    Customer,
    Program,
    ServerState,
    Settings,
    Vendor,
)
from terminal.domain.cards import card_number_from_body, new_qr_token, normalize_card_number
from terminal.domain.countries import normalize_country
from terminal.domain.customers import customer_details
from terminal.domain.errors import LoyaltyError

REQUIRED_COLUMNS = ("first_name", "last_name", "email", "phone")
OPTIONAL_COLUMNS = ("card_number",)
MAX_LINE_CHARS = 2_000  # far above any valid line; longer ones are refused unread
NO_COUNTRY_FOR_PHONES = (
    "The company has no store yet, so a phone number cannot be read: import with "
    "--country (the country of the phone numbers, e.g. FR), or create a store first."
)


@dataclass
class ImportReport:
    created: int = 0
    card_ids: list[str] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    card_number: str | None


def import_customers(
    sessions: sessionmaker[Session] | Session,
    company_id: int,
    source: Path | bytes | str,
    now: datetime,
    *,
    country: str | None = None,
) -> ImportReport:
    """Import `source` (a path, the file's bytes, or its text) into `company_id`.
    `country`: of phones written without a country code (default: the first store's)."""
    if country is not None:
        try:
            country = normalize_country(country)
        except LoyaltyError as err:
            raise ApiError(422, err.key, err.message) from err
    report = ImportReport()
    text = _read(source, report)
    if text is None:
        return report
    if isinstance(sessions, Session):
        _import(sessions, company_id, text, now, report, country)
    else:
        with sessions.begin() as session:
            _import(session, company_id, text, now, report, country)
    return report


def _read(source: Path | bytes | str, report: ImportReport) -> str | None:
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    data = source.read_bytes() if isinstance(source, Path) else source
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        report.errors.append((0, f"The file is not UTF-8 text (byte {err.start})."))
        return None


def _import(
    session: Session,
    company_id: int,
    text: str,
    now: datetime,
    report: ImportReport,
    country: str | None,
) -> None:
    settings = session.get(Settings, company_id)
    program = session.scalars(select(Program).where(Program.company_id == company_id)).first()
    if settings is None or program is None:
        raise ApiError(404, "company_not_found", f"There is no company {company_id}.")
    if country is None:
        country = session.scalar(
            select(Vendor.country).where(Vendor.company_id == company_id).order_by(Vendor.id)
        )
    rows = _parse(text, settings.require_customer_email_on_enroll, country, report)
    if not rows:
        return
    lock_company_log(session, company_id)  # before any row lock: the one lock order
    seen_emails: set[str] = set()
    seen_phones: set[str] = set()
    given: set[str] = set()
    accepted: list[_Row] = []
    for row in rows:
        if (row.email and row.email in seen_emails) or (row.phone and row.phone in seen_phones):
            report.duplicates.append((row.line, "same email or phone as an earlier line"))
            continue
        if _customer_exists(session, company_id, row.email, row.phone):
            report.duplicates.append((row.line, "a customer with this email or phone exists"))
            continue
        if row.card_number is not None:
            problem = _number_problem(session, row.card_number, given)
            if problem:
                report.errors.append((row.line, problem))
                continue
            given.add(row.card_number)
        seen_emails.update([row.email] if row.email else [])
        seen_phones.update([row.phone] if row.phone else [])
        accepted.append(row)
    needed = sum(1 for row in accepted if row.card_number is None)
    if accepted:
        session.get(ServerState, 1, with_for_update=True, populate_existing=True)
    for row in accepted:
        if row.card_number is not None:  # a one-number block: no terminal block gets it later
            body = int(row.card_number[:-1])
            session.add(
                CardNumberBlock(
                    company_id=company_id,
                    terminal_id=None,
                    first_body=body,
                    last_body=body,
                    allocated_at=now,
                )
            )
    session.flush()
    bodies = iter(_reserve_bodies(session, company_id, needed, now) if needed else [])
    for row in accepted:
        number = row.card_number or card_number_from_body(next(bodies))
        customer = Customer(
            id=str(uuid.uuid4()),
            company_id=company_id,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            phone=row.phone,
            created_at=now,
        )
        card = Card(
            id=str(uuid.uuid4()),
            company_id=company_id,
            customer_id=customer.id,
            program_id=program.id,
            card_number=number,
            qr_code_data=new_qr_token(),
            enrolled_at_vendor_id=None,
            created_by_terminal_id=None,
            is_active=True,
            stamp_count=0,
            total_stamps_earned=0,
            stamps_redeemed=0,
            points_balance=0,
            total_points_earned=0,
            points_redeemed=0,
            overdrawn=False,
            created_at=now,
            updated_at=now,
        )
        session.add(customer)
        session.flush()
        session.add(card)
        session.flush()
        for entity, entity_id, data in (
            ("customers", customer.id, customer.to_wire()),
            ("cards", card.id, card.to_wire()),
        ):
            record_change(
                session,
                company_id=company_id,
                entity=entity,  # type: ignore[arg-type]
                entity_id=entity_id,
                data=data,
                now=now,
            )
        report.created += 1
        report.card_ids.append(card.id)
    session.flush()


def _parse(
    text: str, email_required: bool, country: str | None, report: ImportReport
) -> list[_Row]:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        report.errors.append((1, "The file is empty: expected a header line."))
        return []
    header = [name.strip().lower() for name in next(csv.reader([lines[0]]))]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        report.errors.append(
            (
                1,
                "The header must name the columns first_name,last_name,email,phone"
                "[,card_number]"
                + (f"; missing: {', '.join(missing)}" if missing else "")
                + (f"; unknown: {', '.join(unknown[:5])}" if unknown else ""),
            )
        )
        return []
    rows: list[_Row] = []
    for index, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            report.errors.append((index, f"The line is too long ({len(line)} characters)."))
            continue
        try:
            values = next(csv.reader(io.StringIO(line)))
        except csv.Error as err:
            report.errors.append((index, f"The line is not valid CSV ({err})."))
            continue
        if len(values) != len(header):
            report.errors.append((index, f"Expected {len(header)} fields, found {len(values)}."))
            continue
        fields = dict(zip(header, (value.strip() for value in values), strict=True))
        if country is None and fields["phone"]:
            report.errors.append((index, NO_COUNTRY_FOR_PHONES))
            continue
        try:
            details = customer_details(
                first_name=fields["first_name"],
                last_name=fields["last_name"],
                email=fields["email"] or None,
                phone=fields["phone"] or None,
                email_required=email_required,
                country=country or "",  # only read for a phone, and then it is known
            )
            raw_number = fields.get("card_number") or ""
            number = normalize_card_number(raw_number) if raw_number else None
        except LoyaltyError as err:
            report.errors.append((index, err.message))
            continue
        rows.append(
            _Row(
                index,
                details.first_name,
                details.last_name,
                details.email,
                details.phone,
                number,
            )
        )
    return rows


def _customer_exists(
    session: Session, company_id: int, email: str | None, phone: str | None
) -> bool:
    matches = []
    if email:
        matches.append(Customer.email == email)
    if phone:
        matches.append(Customer.phone == phone)
    found = session.scalar(
        select(Customer.id).where(Customer.company_id == company_id, or_(*matches)).limit(1)
    )
    return found is not None


def _number_problem(session: Session, number: str, given: set[str]) -> str | None:
    if number in given:
        return "This card number is on an earlier line too."
    taken = session.scalar(select(Card.id).where(Card.card_number == number)) or session.scalar(
        select(CardAlias.id).where(CardAlias.card_number == number)
    )
    if taken is not None:
        return "This card number is already in use."
    body = int(number[:-1])
    in_block = session.scalar(
        select(CardNumberBlock.id).where(
            CardNumberBlock.first_body <= body, CardNumberBlock.last_body >= body
        )
    )
    if in_block is not None:
        return "This card number is reserved for a terminal."
    return None


def _reserve_bodies(session: Session, company_id: int, count: int, now: datetime) -> range:
    """`count` bodies in a new server block (no terminal), serialized as terminal blocks are
    (company log lock, then the server-state row, both taken by the caller)."""
    highest = session.scalar(select(func.max(CardNumberBlock.last_body)))
    first = FIRST_CARD_BODY if highest is None else highest + 1
    last = first + count - 1
    if last > LAST_CARD_BODY:
        raise ApiError(503, "card_numbers_exhausted", "The server has no card numbers left.")
    session.add(
        CardNumberBlock(
            company_id=company_id,
            terminal_id=None,
            first_body=first,
            last_body=last,
            allocated_at=now,
        )
    )
    session.flush()
    return range(first, last + 1)
