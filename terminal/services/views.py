"""Plain values the services hand out: no ORM object ever leaves a unit of work.

They carry codes and numbers, never sentences: the UI builds every text with tr(). Every
datetime in a view is timezone-aware and in the store's time zone, ready to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from terminal.domain.activity import ActivityFigures, DayActivity, StoreActivity
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
    first_name: str = ""  # the customer's name in its two parts (the manager edits them)
    last_name: str = ""


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
    # Opaque: pass back as `before` for the next (older) page; None on the last page.
    next_before: tuple[object, ...] | None


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
    card_id: str | None = None  # the card's uuid, to open it (None: gone from this cache)
    handled_at: datetime | None = None  # store time
    handled_by: str | None = None  # the manager's name
    handled_note: str | None = None


# --- the store manager's cards table ---------------------------------------------------------


class CardSort(StrEnum):
    """The columns the cards table sorts on (each one has an index: keyset pages)."""

    NEWEST = "newest"  # enrolled most recently first (the card's local id)
    NAME = "name"  # last name, then first name
    NUMBER = "number"
    POINTS = "points"
    STAMPS = "stamps"
    LAST_ACTIVITY = "last_activity"


class CardStatusFilter(StrEnum):
    ALL = "all"
    ACTIVE = "active"
    DEACTIVATED = "deactivated"


@dataclass(frozen=True)
class CardQuery:
    """What the manager asked the cards table for. Empty `text`: every card."""

    text: str = ""
    status: CardStatusFilter = CardStatusFilter.ALL
    enrolled_here: bool = False
    reward_available: bool = False
    points_expiring: bool = False  # expire in the next EXPIRY_WINDOW_DAYS days
    overdrawn: bool = False  # a balance below zero (an offline redemption overtaken)
    sort: CardSort = CardSort.NEWEST
    descending: bool = True


@dataclass(frozen=True)
class CardRow:
    """One line of the cards table."""

    card_id: str  # the card's shared uuid
    card_number: str  # shown form
    customer_name: str
    email: str | None
    phone: str | None
    stamp_count: int
    points_balance: int
    is_active: bool
    enrolled_at_vendor_name: str | None
    last_activity_at: datetime | None  # store time
    reward_available: bool
    points_expire_on: date | None


@dataclass(frozen=True)
class CardPage:
    rows: list[CardRow]
    # Opaque: pass back as `after` for the next page; None when this was the last page.
    next_after: tuple[object, ...] | None


# --- the store manager's Activity view and exports -------------------------------------------


@dataclass(frozen=True)
class ActivityDay:
    """One store calendar day of this store's activity, for the chart."""

    day: date  # the store's calendar date
    stamps_given: int
    points_earned: int
    points_redeemed: int
    rewards_redeemed: int
    enrollments: int


@dataclass(frozen=True)
class CompanyFigures:
    """The whole company's figures as the central server counted them (entries it applied,
    from every store), over the same moments as this store's figures."""

    since: datetime  # store time: the first day's midnight here
    as_of: datetime  # store time: the server's clock when it answered
    total: ActivityFigures
    stores: list[StoreActivity]  # every store of the company, by name
    # The server's chart buckets are UTC calendar days (a company's stores need not share
    # a calendar day): from since's UTC day to as_of's, zeros included.
    utc_days: list[DayActivity]


@dataclass(frozen=True)
class ActivityView:
    """The manager's Activity view: the last `days` store days (today included)."""

    days: int  # 1, 7 or 30
    since: datetime  # store time: midnight starting the first day
    vendor_name: str
    store: ActivityFigures  # this store, from the local ledger (every entry written here)
    series: list[ActivityDay]  # one per store day, oldest first, days without activity too
    company: CompanyFigures | None  # None: see company_unavailable_reason
    # Why `company` is None: "no_server", "offline", "auth_expired" or "error".
    company_unavailable_reason: str | None


# The card list export's columns in file order (terminal.services.card_export).
CARD_COLUMNS = (
    "card_number",
    "customer_name",
    "email",
    "phone",
    "stamps",
    "points",
    "active",  # 1 or 0
    "enrolled_at",  # the enrolling store's name
    "last_activity_at",  # store time, ISO 8601 with its offset
    "points_expire_on",  # ISO date
)


# The transaction export's columns in file order (terminal.services.export): stable codes,
# each given its translated header label by the UI.
TRANSACTION_COLUMNS = (
    "transaction_at",  # store time, ISO 8601 with its offset
    "store",
    "staff",
    "type",  # the TransactionType code
    "card_number",  # shown form, 1234-5678-9012
    "customer_name",
    "stamps_delta",
    "points_delta",
    "purchase_amount",  # a decimal number, 12.50 (12,50 with the ";" separator)
    "reward",
    "sync_state",  # the SyncState code
    "sync_reason",  # the server's reason, for a rejected or overdrawn entry
    "notes",
)


@dataclass(frozen=True)
class ExportResult:
    rows: int  # data rows written (the header not counted)
    path: Path  # the file written, complete
