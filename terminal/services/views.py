"""Plain values the services hand out: no ORM object ever leaves a unit of work.

They carry codes and numbers, never sentences: the UI builds every text with tr(). Every
datetime in a view is timezone-aware and in the store's time zone, ready to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from terminal.domain.ledger import SyncState, TransactionType
from terminal.domain.rules import CompanyRules, ProgramRules, StaffRole


@dataclass(frozen=True)
class CardView:
    card_id: str  # the card's shared uuid
    card_number: str  # shown form, 1234-5678-9012
    qr_token: str  # what the card's QR code holds (to print or send a new card)
    customer_name: str
    email: str | None
    phone: str | None
    is_active: bool
    stamp_count: int
    stamps_target: int
    stamp_reward_available: bool
    stamp_reward_description: str
    points_balance: int
    pending_points: int  # part of points_balance not yet confirmed by the server
    pending_stamps: int
    points_expire_on: date | None
    enrolled_at_vendor_id: int | None
    enrolled_at_vendor_name: str | None
    last_activity_at: datetime | None  # store time


@dataclass(frozen=True)
class OperationResult:
    """What the cashier is told after an operation: the entry written, what it changed
    and the card after it. The UI turns this into a sentence (terminal/ui/texts.py)."""

    entry_id: str
    type: TransactionType
    card: CardView
    stamps_delta: int = 0
    points_delta: int = 0
    purchase_amount: int | None = None  # minor units: bought (earn) or returned (void)
    reward_description: str | None = None
    shortfall: int = 0  # a void: stamps or points already spent, not taken back
    welcome_bonus: int = 0  # an enrollment: the welcome bonus points written with it


@dataclass(frozen=True)
class RewardOption:
    reward_id: int
    name: str
    points_cost: int
    available: bool
    reason: str | None  # why it is disabled: the key of the refusal (LoyaltyError.key)
    reason_params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class VoidableEntry:
    """A recent entry of a card that a void or return can still take back."""

    entry_id: str
    type: TransactionType  # POINTS_EARNED or STAMP_EARNED
    transaction_at: datetime  # store time
    purchase_amount: int | None  # the original purchase (minor units), points entries only
    returnable_amount: int | None  # what of it can still be returned
    points_delta: int  # points the original earned
    stamps_left: int  # stamps of it not yet voided


@dataclass(frozen=True)
class TerminalInfo:
    """Who and where this terminal is, and the rules the screens need to plan an operation."""

    terminal_name: str
    vendor_id: int
    vendor_name: str
    store_tz: str
    country: str  # ISO 3166 alpha-2 of the store, for phone numbers
    program: ProgramRules
    company: CompanyRules


@dataclass(frozen=True)
class HistoryEntry:
    entry_id: str
    type: TransactionType
    transaction_at: datetime  # in the store's time zone, for display
    stamps_delta: int
    points_delta: int
    stamp_count_after: int
    points_balance_after: int
    purchase_amount: int | None
    reward_description: str | None
    reverses_id: str | None
    notes: str | None
    vendor_name: str
    staff_name: str | None
    sync_state: SyncState
    sync_reason: str | None


@dataclass(frozen=True)
class HistoryPage:
    entries: list[HistoryEntry]
    next_offset: int | None  # pass back to get the next (older) page; None on the last


@dataclass(frozen=True)
class CardSummary:
    card_id: str
    card_number: str
    customer_name: str
    email: str | None
    phone: str | None
    is_active: bool
    points_balance: int
    stamp_count: int


@dataclass(frozen=True)
class SearchPage:
    cards: list[CardSummary]
    next_before: int | None  # opaque: pass back for the next page; None on the last page


@dataclass(frozen=True)
class StaffMember:
    staff_id: int
    name: str
    role: StaffRole
    locked_until: datetime | None


@dataclass(frozen=True)
class Actor:
    """Who does an operation: the staff member picked on screen, and the PIN typed if any."""

    staff_id: int
    pin: str | None = None


@dataclass(frozen=True)
class PeriodStats:
    days: int  # 1 = today, 7 = the last 7 store days (today included), ...
    since: datetime
    stamps_given: int
    points_earned: int
    points_redeemed: int
    rewards_redeemed: int
    enrollments: int


@dataclass(frozen=True)
class StoreStats:
    vendor_name: str
    periods: list[PeriodStats]


@dataclass(frozen=True)
class ConflictView:
    """One row of the conflicts list (terminal.store.models.conflicts): what the server did
    with an entry this terminal sent, when it was not a plain acceptance. `kind` and `code`
    are codes for the UI; `reason` is the server's own sentence, shown as the detail."""

    conflict_id: int
    kind: str  # overdraft, rejected, merged, conflict, flagged
    code: str | None
    reason: str | None
    entry_type: TransactionType
    stamps_delta: int
    points_delta: int
    transaction_at: datetime  # store time
    recorded_at: datetime  # store time (the server's answer)
    card_number: str | None  # shown form; None when the card is gone from this cache
    customer_name: str | None
    seen: bool
