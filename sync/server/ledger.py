"""Applying pushed ledger entries: the authoritative ledger and card balances.

Per terminal, entries are applied strictly in `seq` order (seq = last_seq + 1). For each one:

- id seen before with the same content (and seq): `duplicate`, carrying the first result;
- id or seq seen before with different content: `conflict`, nothing changes;
- seq beyond last_seq + 1: `gap`, nothing changes (so every later entry of the batch is a gap);
- otherwise the terminal's claims are re-checked (sync.server.claims: what no honest terminal
  can produce is refused in both modes; what honest terminals produce while offline, such as
  the daily stamp limit broken across two tills, is applied and flagged in queue mode and
  refused in authorize mode), then the rules with terminal.domain:
  * queue mode (already committed at the counter): a redemption or void the card cannot
    afford is applied anyway and recorded as `overdraft` - the reward was handed over. The
    balance goes negative and the card is flagged `overdrawn` for a manager; the ledger stays
    the truth (balance == sum of accepted + overdraft deltas). An entry that breaks a rule
    which no offline situation explains (unknown card, another vendor, malformed deltas) is
    recorded as `rejected` with its reason and moves nothing; its seq is consumed so the
    terminal's queue never blocks.
  * authorize mode (the counter waits for our answer): anything but a clean acceptance is
    `rejected` with the reason and NOTHING is recorded; the seq stays free for the terminal.

The ledger row, the card's balances, the terminal's last_seq and the change-log rows are all
written in the caller's single database transaction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import CardBalances, EntryResult, PushEntry, PushMode, PushRequest, PushResponse
from sync.server.changes import forget_log_locks, lock_company_log
from sync.server.claims import PushClaims, check_card_claims, check_entry_claims, offline_conflict
from sync.server.customers import change_customer, resend_customer
from sync.server.enrollment import Identifiers, create_card
from sync.server.errors import Refusal
from sync.server.models import (
    Card,
    CardAlias,
    ChangeLog,
    LedgerEntry,
    Program,
    Settings,
    Terminal,
    Vendor,
    card_version_after,
)
from sync.server.rules_history import RulesAt
from terminal.domain.cards import format_card_number
from terminal.domain.errors import LoyaltyError
from terminal.domain.ledger import ACTIVITY_TYPES, TransactionType
from terminal.domain.points import check_points_redemption, check_redemption_location
from terminal.domain.rules import CompanyRules, ProgramRules, RewardRule
from terminal.domain.stamps import check_card_usable, check_stamp_redemption
from terminal.domain.voids import check_voids_allowed

T = TransactionType
APPLIED = ("accepted", "overdraft")
# How far a terminal's clock may run ahead of the server's. Old times are normal (weeks
# offline); a time further in the future than this is refused (it would keep points from
# ever expiring). The rules in force are looked up within the same margin around an entry.
DEFAULT_MAX_CLOCK_SKEW = timedelta(minutes=10)


def content_hash(entry: PushEntry) -> str:
    """The entry's whole content, its new card or new customer details included."""
    content = entry.model_dump(mode="json")
    if content["customer_change"] is None:
        # Left out when absent: every other entry hashes as it did before the field
        # existed, so one pushed then, its answer lost, is still a duplicate when re-sent.
        del content["customer_change"]
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def balances(card: Card | None) -> CardBalances | None:
    # Built from our own row: nothing to validate (a push answers up to 500 of them).
    if card is None:
        return None
    return CardBalances.model_construct(
        card_id=card.id,
        is_active=card.is_active,
        stamp_count=card.stamp_count,
        total_stamps_earned=card.total_stamps_earned,
        stamps_redeemed=card.stamps_redeemed,
        points_balance=card.points_balance,
        total_points_earned=card.total_points_earned,
        points_redeemed=card.points_redeemed,
        last_activity_at=card.last_activity_at,
        updated_at=card.updated_at,
    )


@dataclass
class _PushState:
    """What one push reads once and reuses for all its entries (one transaction).

    `rows`: ledger rows by id - those of the batch's ids (and voided ids) that already
    existed, plus the rows this push added; an id of `known` missing from it is not in the
    ledger. `cards`: the cards locked by this push, by the id they were asked for.

    The rows this push adds are written with one multi-row INSERT (`pending`), not one ORM
    object each: `flush_ledger()` writes them before any query that reads the ledger (the
    claims of a stamp or a welcome bonus, a void's earlier voids) and at the end.
    `card_changes`: each card's state after its last entry of the push, for the change log
    (terminals apply upserts: the intermediate states are not needed).
    """

    session: Session
    known: set[str]
    rows: dict[str, Any]
    rules: tuple[ProgramRules, CompanyRules]
    claims: PushClaims
    cards: dict[str, Card] = field(default_factory=dict)
    pending: list[dict[str, Any]] = field(default_factory=list)
    card_changes: dict[str, Card] = field(default_factory=dict)
    entries: list[PushEntry] = field(default_factory=list)
    taken: Identifiers | None = None

    def identifiers(self) -> Identifiers:
        """What the push's enrollments must not reuse, read at its first enrollment."""
        if self.taken is None:
            self.taken = Identifiers.read(self.session, self.claims.terminal, self.entries)
        return self.taken

    def flush_ledger(self) -> None:
        if not self.pending:
            return
        connection = self.session.connection()
        if connection.dialect.name == "postgresql":
            _copy_ledger_rows(connection, self.pending)
        else:
            # Core, not the ORM's bulk path: these are plain rows (about 3x faster).
            connection.execute(LedgerEntry.__table__.insert(), self.pending)
        self.pending = []


_LEDGER_COLUMNS = tuple(column.name for column in LedgerEntry.__table__.columns)
_UTC_AT = tuple(_LEDGER_COLUMNS.index(name) for name in ("transaction_at", "received_at"))


def _copy_ledger_rows(connection: Any, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: the rows through COPY, in the push's transaction (an INSERT per row, even
    pipelined, was the largest cost of a push there). Times as the UtcDateTime columns store
    them: naive UTC."""
    names = ", ".join(_LEDGER_COLUMNS)
    raw = connection.connection.dbapi_connection
    try:
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY ledger_entries ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                values = [row.get(name) for name in _LEDGER_COLUMNS]
                for at in _UTC_AT:
                    values[at] = values[at].astimezone(UTC).replace(tzinfo=None)
                copy.write_row(values)
    except Exception as err:
        # The driver's own error, outside SQLAlchemy: a constraint (SQLSTATE class 23, e.g.
        # another company's entry with the same id) becomes the IntegrityError the push's
        # retry (apply_push_racing) expects; parameters are not carried (hide_parameters).
        if str(getattr(err, "sqlstate", "")).startswith("23"):
            raise IntegrityError("COPY ledger_entries", None, err) from err
        raise


def apply_push_racing(
    session: Session,
    terminal_id: str,
    request: PushRequest,
    now: datetime,
    *,
    max_clock_skew: timedelta = DEFAULT_MAX_CLOCK_SKEW,
) -> PushResponse:
    """`apply_push`, run a second time if another company's push committed the same entry id
    or card identifier (QR token, number) while this one ran.

    Those are unique across companies, but each company's pushes are serialized only by its
    own lock: on PostgreSQL two companies' pushes can both find an id free and both insert
    it, and the second one's insert fails (it was a 500). The second run sees the committed
    row and answers `conflict` or `card_exists` like any other reuse. SQLite serializes
    every writer, so the race cannot happen there."""
    try:
        with session.begin_nested():
            return apply_push(session, terminal_id, request, now, max_clock_skew=max_clock_skew)
    except IntegrityError:
        forget_log_locks(session)
        return apply_push(session, terminal_id, request, now, max_clock_skew=max_clock_skew)


def apply_push(
    session: Session,
    terminal_id: str,
    request: PushRequest,
    now: datetime,
    *,
    max_clock_skew: timedelta = DEFAULT_MAX_CLOCK_SKEW,
) -> PushResponse:
    # populate_existing: the row was read unlocked when the token was checked; reload it now
    # that it is locked, or a concurrent push's last_seq would be missed (a spurious gap).
    terminal = session.get(Terminal, terminal_id, with_for_update=True, populate_existing=True)
    assert terminal is not None  # authenticated by the caller
    # Before any card lock: one lock order (terminal, company, cards) for every push, so
    # concurrent pushes never deadlock, and enrollment checks see every committed card.
    lock_company_log(session, terminal.company_id)
    # The batch's ids (and the ids it voids), read once: every writer of this company's
    # ledger holds the lock taken above, so what is read here stays true for the whole push.
    known = {entry.id for entry in request.entries}
    known.update(entry.reverses_id for entry in request.entries if entry.reverses_id)
    rows = {
        row.id: row for row in session.scalars(select(LedgerEntry).where(LedgerEntry.id.in_(known)))
    }
    program = session.scalars(
        select(Program).where(Program.company_id == terminal.company_id)
    ).one()
    settings = session.get(Settings, terminal.company_id)
    vendor = session.get(Vendor, terminal.vendor_id)
    assert settings is not None
    assert vendor is not None
    claims = PushClaims(
        session=session,
        terminal=terminal,
        now=now,
        skew=max_clock_skew,
        store_tz=vendor.timezone,
        program=program,
        versions=RulesAt(session),
    )
    state = _PushState(
        session=session,
        known=known,
        rows=rows,
        rules=(program.rules(), settings.rules()),
        claims=claims,
        entries=request.entries,
    )
    claims.before_ledger_query = state.flush_ledger
    # The batch's cards, locked in one query (not one per card, each with its autoflush).
    wanted = {entry.card_id for entry in request.entries if entry.type != T.CARD_CREATED}
    for card in session.scalars(
        select(Card)
        .where(Card.id.in_(wanted), Card.company_id == terminal.company_id)
        .order_by(Card.id)
        .with_for_update()
    ):
        state.cards[card.id] = card
    results = [
        _apply_one(session, state, terminal, entry, request.mode, now) for entry in request.entries
    ]
    state.flush_ledger()
    session.flush()
    if state.card_changes:
        # The card states after the push, as one multi-row insert (the log lock is held
        # since the start of the push; see changes.record_change).
        session.connection().execute(
            ChangeLog.__table__.insert(),
            [
                {
                    "company_id": card.company_id,
                    "terminal_id": None,
                    "entity": "cards",
                    "entity_id": card.id,
                    "op": "upsert",
                    "data": card.to_wire(),
                    "created_at": now,
                }
                for card in state.card_changes.values()
            ],
        )
    return PushResponse.model_construct(
        results=results, acked_through_seq=terminal.last_seq, server_time=now
    )


def resolve_card(
    session: Session, company_id: int, card_id: str, state: _PushState | None = None
) -> Card | None:
    """The company's card with this uuid, following a merge to the card it now lives in.

    With a push's `state`, a card already locked by this push is not read again."""
    if state is not None and card_id in state.cards:
        return state.cards[card_id]
    card = session.get(Card, card_id, with_for_update=True)
    if card is None:
        alias = session.scalars(
            select(CardAlias).where(CardAlias.merged_card_id == card_id)
        ).first()
        card = session.get(Card, alias.card_id, with_for_update=True) if alias else None
    found = card if card is not None and card.company_id == company_id else None
    if state is not None and found is not None:  # a missing card may be enrolled later
        state.cards[card_id] = found
    return found


def _ledger_row(session: Session, state: _PushState, entry_id: str) -> Any:
    """The ledger row of `entry_id` (a LedgerEntry, or a namespace for a row of this push)."""
    if entry_id in state.rows or entry_id in state.known:
        return state.rows.get(entry_id)
    state.flush_ledger()
    return session.get(LedgerEntry, entry_id)


def _apply_one(
    session: Session,
    state: _PushState,
    terminal: Terminal,
    entry: PushEntry,
    mode: PushMode,
    now: datetime,
) -> EntryResult:
    digest = content_hash(entry)
    seen = _ledger_row(session, state, entry.id)
    if seen is not None:
        same = (
            seen.terminal_id == terminal.id
            and seen.terminal_seq == entry.seq
            and seen.content_hash == digest
        )
        if not same:
            return _result(
                entry,
                "conflict",
                "id_conflict",
                "This transaction id was already used for a different transaction.",
            )
        card = resolve_card(session, terminal.company_id, seen.card_id, state)
        return EntryResult.model_construct(
            id=entry.id,
            seq=entry.seq,
            result="duplicate",
            original_result=seen.result,  # type: ignore[arg-type]
            code=seen.reason_code,
            reason=seen.reason,
            merged_into_card_id=seen.merged_into_card_id,
            card=balances(card),
        )
    if entry.seq <= terminal.last_seq:
        return _result(
            entry,
            "conflict",
            "seq_conflict",
            f"Sequence number {entry.seq} of this terminal was already used by another "
            "transaction.",
        )
    if entry.seq > terminal.last_seq + 1:
        return _result(
            entry,
            "gap",
            "gap",
            f"Expected sequence number {terminal.last_seq + 1}; send the missing entries "
            f"{terminal.last_seq + 1}..{entry.seq - 1} first.",
        )
    try:
        card, merged_into, conflict = _check_and_prepare(session, state, terminal, entry, mode, now)
        overdraft = _would_overdraw(card, entry)
        if overdraft and mode == "authorize":
            raise Refusal(
                "insufficient_balance",
                f"Not enough on the card: {overdraft}. Nothing was recorded.",
            )
        _check_range(card, entry)
    except Refusal as refusal:
        if mode == "authorize":
            card = resolve_card(session, terminal.company_id, entry.card_id, state)
            return _result(entry, "rejected", refusal.code, refusal.message, card)
        _record(
            session, state, terminal, entry, digest, now, "rejected", refusal.code, refusal.message
        )
        card = resolve_card(session, terminal.company_id, entry.card_id, state)
        if entry.type == T.CUSTOMER_UPDATED and card is not None:
            resend_customer(session, card, now)
        return _result(entry, "rejected", refusal.code, refusal.message, card)
    result = "overdraft" if overdraft else "accepted"
    code = "overdraft" if overdraft else None
    reason = f"Applied although the card could not afford it: {overdraft}." if overdraft else None
    if conflict is not None and not overdraft:
        code = conflict.code
        reason = f"Applied, and flagged for a manager: {conflict.message}"
    if merged_into is not None:
        reason = (
            f"The customer already had card {format_card_number(card.card_number)}: this new "
            "card was merged into it; its QR code and number keep working."
        )
    _apply_to_card(card, entry, overdraft=bool(overdraft), now=now)
    row = _record(
        session,
        state,
        terminal,
        entry,
        digest,
        now,
        result,
        code,
        reason,
        card=card,
        merged_into=merged_into,
        flagged=bool(overdraft or conflict),
    )
    state.card_changes.pop(card.id, None)  # its latest state goes last
    state.card_changes[card.id] = card
    if entry.type == T.WELCOME_BONUS:
        state.claims.bonus_given.add(card.id)
    return EntryResult.model_construct(
        id=entry.id,
        seq=entry.seq,
        result=result,  # type: ignore[arg-type]
        code=row.reason_code,
        reason=reason,
        merged_into_card_id=merged_into,
        card=balances(card),
    )


def _result(
    entry: PushEntry, kind: str, code: str, reason: str, card: Card | None = None
) -> EntryResult:
    return EntryResult.model_construct(
        id=entry.id,
        seq=entry.seq,
        result=kind,  # type: ignore[arg-type]
        code=code,
        reason=reason,
        card=balances(card),
    )


def _record(
    session: Session,
    state: _PushState,
    terminal: Terminal,
    entry: PushEntry,
    digest: str,
    now: datetime,
    result: str,
    code: str | None,
    reason: str | None,
    *,
    card: Card | None = None,
    merged_into: str | None = None,
    flagged: bool = False,
) -> SimpleNamespace:
    values = dict(
        id=entry.id,
        company_id=terminal.company_id,
        card_id=card.id if card is not None else entry.card_id,
        vendor_id=terminal.vendor_id,
        terminal_id=terminal.id,
        terminal_seq=entry.seq,
        staff_id=entry.staff_id,
        type=entry.type.value,
        stamps_delta=entry.stamps_delta,
        points_delta=entry.points_delta,
        stamp_count_after=card.stamp_count if card is not None else None,
        points_balance_after=card.points_balance if card is not None else None,
        purchase_amount=entry.purchase_amount,
        order_reference=entry.order_reference,
        reward_id=entry.reward_id,
        reward_description=entry.reward_description,
        reverses_id=entry.reverses_id,
        shortfall=entry.shortfall,
        notes=entry.notes,
        authorized_online=entry.authorized_online,
        transaction_at=entry.transaction_at,
        received_at=now,
        result=result,
        reason_code=code,
        reason=reason,
        merged_into_card_id=merged_into,
        content_hash=digest,
        flagged=flagged,
    )
    state.pending.append(values)
    row = SimpleNamespace(**values)
    state.rows[row.id] = row
    terminal.last_seq = entry.seq
    return row


# --- rules ----------------------------------------------------------------------------------

_SIGNS: dict[TransactionType, tuple[str, str]] = {
    # (stamps_delta, points_delta): "+" >= 0, "-" <= 0, "0" zero, "*" any
    T.CARD_CREATED: ("0", "0"),
    T.CARD_DEACTIVATED: ("0", "0"),
    T.CARD_REACTIVATED: ("0", "0"),
    T.WELCOME_BONUS: ("0", "+"),
    T.STAMP_EARNED: ("+", "0"),
    T.STAMP_REDEEMED: ("-", "0"),
    T.STAMP_VOIDED: ("-", "0"),
    T.POINTS_EARNED: ("0", "+"),
    T.POINTS_REDEEMED: ("0", "-"),
    T.POINTS_VOIDED: ("0", "-"),
    T.POINTS_ADJUSTMENT: ("0", "*"),
    T.POINTS_EXPIRED: ("0", "-"),
    T.CUSTOMER_UPDATED: ("0", "0"),
}


def _sign_ok(rule: str, value: int) -> bool:
    return {"+": value >= 0, "-": value <= 0, "0": value == 0, "*": True}[rule]


def _check_and_prepare(
    session: Session,
    state: _PushState,
    terminal: Terminal,
    entry: PushEntry,
    mode: PushMode,
    now: datetime,
) -> tuple[Card, str | None, Refusal | None]:
    """Re-check `entry` against the rules (sync.server.claims); returns the card it applies
    to (created for CARD_CREATED), for a merged enrollment the existing card's id, and the
    offline conflict to flag (queue mode only: authorize mode refuses it)."""
    stamps_rule, points_rule = _SIGNS[entry.type]
    if not (
        _sign_ok(stamps_rule, entry.stamps_delta) and _sign_ok(points_rule, entry.points_delta)
    ):
        raise Refusal(
            "invalid_entry",
            f"The stamp or point change ({entry.stamps_delta}, {entry.points_delta}) does not "
            f"fit a {entry.type.value} entry.",
        )
    if entry.type == T.POINTS_EXPIRED:
        raise Refusal("invalid_entry", "Points expire on the central server only.")
    if (entry.customer_change is not None) != (entry.type == T.CUSTOMER_UPDATED):
        raise Refusal(
            "invalid_entry",
            "New customer details come with a CUSTOMER_UPDATED entry, and always with one.",
        )
    check_entry_claims(state.claims, entry)
    if entry.type == T.CARD_CREATED:
        card, merged_into = create_card(
            session,
            terminal,
            entry,
            now,
            program_id=state.claims.program.id,
            taken=state.identifiers(),
        )
        state.cards[entry.card_id] = card  # what the enrollment's next entries apply to
        if merged_into is None:
            state.claims.enrolled.add(card.id)
        return card, merged_into, None
    if entry.new_card is not None:
        raise Refusal("invalid_entry", "Only CARD_CREATED entries carry new card data.")
    card = resolve_card(session, terminal.company_id, entry.card_id, state)
    if card is None:
        raise Refusal("card_not_found", "No card with this id in the company.")
    rules, company = state.rules
    try:
        if entry.type == T.WELCOME_BONUS and card.id != entry.card_id:
            raise Refusal(
                "welcome_bonus_already_granted",
                "This enrollment was merged into the customer's existing card, "
                "which already had its welcome bonus.",
            )
        reward = check_card_claims(state.claims, card, entry)
        if entry.type in (T.POINTS_VOIDED, T.STAMP_VOIDED):
            _check_void(session, state, card, entry)
            if mode == "authorize":
                check_voids_allowed(company)
        conflict = offline_conflict(state.claims, card, entry, reward)
        if mode == "authorize":
            if conflict is not None:
                raise conflict
            _check_authorized(card, entry, terminal, rules, company, reward)
    except LoyaltyError as err:
        raise Refusal(err.code, err.message) from err
    if entry.type == T.CUSTOMER_UPDATED:
        # Last: nothing after it refuses an entry without deltas, so the change stands.
        change_customer(session, terminal, card, entry, now, taken=state.taken)
    return card, None, conflict


def _check_authorized(
    card: Card,
    entry: PushEntry,
    terminal: Terminal,
    rules: ProgramRules,
    company: CompanyRules,
    reward: RewardRule | None,
) -> None:
    """What the counter waits for in `authorize` mode: the rules as they stand now."""
    if entry.type not in (T.STAMP_EARNED, T.STAMP_REDEEMED, T.POINTS_EARNED, T.POINTS_REDEEMED):
        return
    check_card_usable(
        card_active=card.is_active,
        card_number_shown=format_card_number(card.card_number),
        program=rules,
    )
    if entry.type in (T.STAMP_REDEEMED, T.POINTS_REDEEMED):
        check_redemption_location(
            company=company,
            enrolled_at_vendor_id=card.enrolled_at_vendor_id,
            vendor_id=terminal.vendor_id,
        )
    if entry.type == T.STAMP_REDEEMED:
        check_stamp_redemption(program=rules, stamp_count=card.stamp_count)
    if entry.type == T.POINTS_REDEEMED and reward is not None:
        check_points_redemption(program=rules, reward=reward, balance=card.points_balance)


def _check_void(session: Session, state: _PushState, card: Card, entry: PushEntry) -> None:
    original = _ledger_row(session, state, entry.reverses_id) if entry.reverses_id else None
    wanted = T.POINTS_EARNED if entry.type == T.POINTS_VOIDED else T.STAMP_EARNED
    if (
        original is None
        or original.result not in APPLIED
        or original.type != wanted.value
        or resolve_card(session, card.company_id, original.card_id, state) is not card
    ):
        raise Refusal("void_refused", "A void must reverse an accepted earn entry of this card.")
    column = LedgerEntry.points_delta if entry.type == T.POINTS_VOIDED else LedgerEntry.stamps_delta
    state.flush_ledger()
    already = session.scalar(
        select(func.coalesce(func.sum(column), 0)).where(
            LedgerEntry.reverses_id == original.id, LedgerEntry.result.in_(APPLIED)
        )
    )
    earned = original.points_delta if entry.type == T.POINTS_VOIDED else original.stamps_delta
    taken = -(entry.points_delta if entry.type == T.POINTS_VOIDED else entry.stamps_delta)
    if taken - int(already or 0) > earned:
        raise Refusal("void_refused", "A void cannot take back more than the original earned.")


def _would_overdraw(card: Card, entry: PushEntry) -> str | None:
    if card.points_balance + entry.points_delta < 0:
        return f"points balance {card.points_balance}, change {entry.points_delta}"
    if card.stamp_count + entry.stamps_delta < 0:
        return f"{card.stamp_count} stamps, change {entry.stamps_delta}"
    return None


_COLUMN_MAX = {"stamps": 2**31 - 1, "points": 2**63 - 1}  # the cards table's integer columns


def _check_range(card: Card, entry: PushEntry) -> None:
    """Refuses an entry after which a card counter would not fit its column (a 500 before)."""
    stamps, points = entry.stamps_delta, entry.points_delta
    after = {
        "stamp count": ("stamps", card.stamp_count + stamps),
        "stamps earned": (
            "stamps",
            card.total_stamps_earned + (stamps if entry.type == T.STAMP_EARNED else 0),
        ),
        "stamps redeemed": (
            "stamps",
            card.stamps_redeemed - (stamps if entry.type == T.STAMP_REDEEMED else 0),
        ),
        "points balance": ("points", card.points_balance + points),
        "points earned": (
            "points",
            card.total_points_earned
            + (points if entry.type in (T.POINTS_EARNED, T.WELCOME_BONUS) else 0),
        ),
        "points redeemed": (
            "points",
            card.points_redeemed - (points if entry.type == T.POINTS_REDEEMED else 0),
        ),
    }
    for name, (kind, value) in after.items():
        if abs(value) > _COLUMN_MAX[kind]:
            raise Refusal(
                "out_of_range",
                f"This entry would take the card's {name} to {value}, beyond what a card can "
                f"hold ({_COLUMN_MAX[kind]}).",
            )


def _apply_to_card(card: Card, entry: PushEntry, *, overdraft: bool, now: datetime) -> None:
    if entry.type == T.CARD_DEACTIVATED:
        card.is_active = False
    elif entry.type == T.CARD_REACTIVATED:
        card.is_active = True
    card.stamp_count += entry.stamps_delta
    card.points_balance += entry.points_delta
    if entry.type == T.STAMP_EARNED:
        card.total_stamps_earned += entry.stamps_delta
    elif entry.type == T.STAMP_REDEEMED:
        card.stamps_redeemed -= entry.stamps_delta
    elif entry.type in (T.POINTS_EARNED, T.WELCOME_BONUS):
        card.total_points_earned += entry.points_delta
    elif entry.type == T.POINTS_REDEEMED:
        card.points_redeemed -= entry.points_delta
    if entry.type in ACTIVITY_TYPES and (
        card.last_activity_at is None or entry.transaction_at > card.last_activity_at
    ):
        card.last_activity_at = entry.transaction_at
    if overdraft:
        card.overdrawn = True
    card.updated_at = card_version_after(card.updated_at, now)
