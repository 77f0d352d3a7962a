"""Terminal credentials: one-time activation codes and bearer tokens, both stored hashed.

A token is 32 random bytes (urlsafe base64); the database keeps only its sha256, so a copy of
the database does not let anyone act as a terminal. Tokens are never logged. Activation codes
are short enough to type, random, single-use and expire.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.changes import add_recorded, lock_company_log
from sync.server.errors import ApiError
from sync.server.models import (
    ActivationCode,
    Card,
    CardNumberBlock,
    ServerState,
    Terminal,
    Vendor,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand
CODE_LENGTH = 12
DEFAULT_CODE_VALIDITY = timedelta(hours=24)
DEFAULT_BLOCK_SIZE = 1000
FIRST_CARD_BODY = 10_000_000_000  # 11-digit bodies: numbers 1000-0000-000x upwards
LAST_CARD_BODY = 99_999_999_999
LAST_SEEN_RESOLUTION = timedelta(minutes=1)  # last contact is kept to the minute


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalize_code(text: str) -> str:
    return "".join(char for char in text.upper() if char.isalnum())


def new_activation_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def create_activation_code(
    session: Session, vendor: Vendor, now: datetime, valid_for: timedelta = DEFAULT_CODE_VALIDITY
) -> str:
    """A new code for a terminal of `vendor`; returns the code (only its hash is stored)."""
    code = new_activation_code()
    session.add(
        ActivationCode(
            code_hash=sha256_hex(normalize_code(code)),
            company_id=vendor.company_id,
            vendor_id=vendor.id,
            created_at=now,
            expires_at=now + valid_for,
        )
    )
    return code


def activate_terminal(
    session: Session, code: str, terminal_name: str, now: datetime, block_size: int
) -> tuple[Terminal, str, CardNumberBlock]:
    """Consume `code` and register a terminal; returns it, its token and its first block."""
    refused = ApiError(
        401,
        "activation_refused",
        "This activation code is unknown, already used or expired. "
        "Ask the back office for a new code.",
    )
    record = session.scalars(
        select(ActivationCode)
        .where(ActivationCode.code_hash == sha256_hex(normalize_code(code)))
        .with_for_update()
    ).first()
    if record is None or record.used_at is not None or now >= record.expires_at:
        raise refused
    vendor = session.get(Vendor, record.vendor_id)
    if vendor is None or not vendor.is_active:
        raise refused
    lock_company_log(session, record.company_id)  # before the block allocation's locks
    token = new_token()
    terminal = Terminal(
        id=str(uuid.uuid4()),
        name=terminal_name.strip() or "Terminal",
        company_id=record.company_id,
        vendor_id=record.vendor_id,
        token_hash=sha256_hex(token),
        last_seq=0,
        activated_at=now,
        last_seen_at=now,  # activating is a contact
    )
    session.add(terminal)
    record.used_at = now
    record.terminal_id = terminal.id
    session.flush()
    block = allocate_block(session, terminal, now, block_size)
    return terminal, token, block


def authenticate(session: Session, token: str, now: datetime) -> Terminal | None:
    """The active terminal of `token`, or None (unknown, or revoked: refused at once).

    Notes its last contact when that is missing or older than LAST_SEEN_RESOLUTION, so a
    busy terminal costs one write a minute, not one per request; the request's transaction
    commits it (and a refused or failed request leaves it as it was).
    """
    digest = sha256_hex(token)
    terminal = session.scalars(select(Terminal).where(Terminal.token_hash == digest)).first()
    if terminal is None or not terminal.is_active:
        return None
    # The lookup is by hash already; compare again in constant time for good measure.
    if not hmac.compare_digest(terminal.token_hash, digest):
        return None
    seen = terminal.last_seen_at
    if seen is None or now - seen >= LAST_SEEN_RESOLUTION:
        terminal.last_seen_at = now
        # Now, not at commit: the terminal row is locked first, as a push locks it first
        # (sync.server.ledger), never after the company's log lock.
        session.flush()
    return terminal


def allocate_block(
    session: Session, terminal: Terminal, now: datetime, size: int = DEFAULT_BLOCK_SIZE
) -> CardNumberBlock:
    """Reserve the next `size` card-number bodies, server-wide unique, for `terminal`.

    Allocations are serialized server-wide by a row lock on the server-state row (taken after
    the company's log lock, the one lock order everywhere), so two concurrent allocations, even
    for different companies, never read the same highest body and collide on the unique
    `first_body` (which was a 500 on PostgreSQL). SQLite's IMMEDIATE transactions serialize
    them anyway.
    """
    lock_company_log(session, terminal.company_id)
    state = session.get(ServerState, 1, with_for_update=True, populate_existing=True)
    if state is None:  # a database made without init_database: create the row to lock on
        session.add(ServerState(id=1, log_pruned_through=0))
        session.flush()
    highest = session.scalar(select(func.max(CardNumberBlock.last_body)))
    first = FIRST_CARD_BODY if highest is None else highest + 1
    last = first + size - 1
    if last > LAST_CARD_BODY:
        raise ApiError(503, "card_numbers_exhausted", "The server has no card numbers left.")
    block = CardNumberBlock(
        company_id=terminal.company_id,
        terminal_id=terminal.id,
        first_body=first,
        last_body=last,
        allocated_at=now,
    )
    add_recorded(
        session,
        block,
        entity="card_number_blocks",
        company_id=terminal.company_id,
        now=now,
        terminal_id=terminal.id,
    )
    return block


def refill_blocks(
    session: Session, terminal: Terminal, now: datetime, size: int = DEFAULT_BLOCK_SIZE
) -> None:
    """A new block when fewer than half a block of this terminal's numbers look unused.

    The server only sees numbers once their cards are pushed, so this errs on the generous side.
    """
    reserved = session.scalar(
        select(
            func.coalesce(func.sum(CardNumberBlock.last_body - CardNumberBlock.first_body + 1), 0)
        ).where(CardNumberBlock.terminal_id == terminal.id)
    )
    used = session.scalar(
        select(func.count()).select_from(Card).where(Card.created_by_terminal_id == terminal.id)
    )
    if int(reserved or 0) - int(used or 0) < size // 2:
        allocate_block(session, terminal, now, size)


def reserved_blocks(session: Session, terminal: Terminal) -> list[tuple[int, int]]:
    """The terminal's card-number blocks, (first body, last body) each."""
    rows = session.execute(
        select(CardNumberBlock.first_body, CardNumberBlock.last_body).where(
            CardNumberBlock.terminal_id == terminal.id
        )
    )
    return [(first, last) for first, last in rows]
