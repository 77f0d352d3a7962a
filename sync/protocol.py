"""Wire protocol v1 between terminals and the central server (pydantic v2 models).

Shared by both ends: the terminal's sync engine builds requests from these models and the
reference server validates them. Conventions: cards and customers are identified by their
UUID (made where they were enrolled), staff, vendors, programs and rewards by integers,
times are ISO-8601 UTC, money is integer minor units. Nothing here knows about a database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from terminal.domain.ledger import TransactionType

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (1,)
PROTOCOL_HEADER = "X-Loyalty-Protocol"

MAX_PUSH_ENTRIES = 500
MAX_CHANGES_LIMIT = 5000  # rows per `changes` page (an initial pull asks for big pages)
DEFAULT_CHANGES_LIMIT = 500
MAX_DELTA = 1_000_000_000  # far above any real delta, below 32-bit integer columns
MAX_AMOUNT_MINOR = 1_000_000_000

PushMode = Literal["queue", "authorize"]
EntryResultKind = Literal["accepted", "duplicate", "rejected", "overdraft", "gap", "conflict"]
ChangeOp = Literal["upsert", "delete"]
Entity = Literal[
    "companies",
    "vendors",
    "programs",
    "rewards",
    "settings",
    "staff",
    "customers",
    "cards",
    "card_aliases",
    "card_number_blocks",
]


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a time must carry its UTC offset, e.g. 2026-01-31T09:30:00Z")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:00:00-05:00: not a datetime once in UTC
        raise ValueError(
            "this time is out of range once converted to UTC (years 0001 to 9999)"
        ) from None


def no_nul(text: str) -> str:
    """Text must not hold NUL characters: PostgreSQL cannot store them in text columns."""
    if "\x00" in text:
        raise ValueError("text must not contain NUL characters (\\x00)")
    return text


UtcTime = Annotated[datetime, AfterValidator(_utc)]
Uuid = Annotated[str, AfterValidator(lambda text: str(UUID(text)))]  # canonical lower-case
Delta = Annotated[int, Field(ge=-MAX_DELTA, le=MAX_DELTA)]
ShortText = Annotated[str, Field(max_length=120)]
# Ids and sequence numbers are 64-bit signed in the databases: larger ones are invalid input.
DbInt = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
# ISO 3166-1 alpha-2, upper case: a store's country, where phones without a + belong.
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _text_without_nul(cls, value: Any) -> Any:
        # Every text field of every message, on both database engines alike.
        return no_nul(value) if isinstance(value, str) else value


# --- errors ---------------------------------------------------------------------------------


class ErrorBody(WireModel):
    """Every non-2xx answer: a stable machine code and a sentence for people."""

    error: str
    message: str


# --- activation -----------------------------------------------------------------------------


class ActivateRequest(WireModel):
    code: Annotated[str, Field(min_length=1, max_length=64)]
    terminal_name: Annotated[str, Field(min_length=1, max_length=80)]


class CardNumberBlockInfo(WireModel):
    """Card-number bodies (11 digits; the Luhn digit is appended) reserved for one terminal."""

    id: int
    first_body: int
    last_body: int


class ActivateResponse(WireModel):
    terminal_id: str
    terminal_name: str
    company_id: int
    company_name: str
    vendor_id: int
    vendor_name: str
    token: str
    card_number_block: CardNumberBlockInfo
    server_time: datetime


# --- push -----------------------------------------------------------------------------------


class NewCard(WireModel):
    """What a CARD_CREATED entry carries so that the server can create customer and card."""

    card_number: Annotated[str, Field(min_length=12, max_length=14)]
    qr_code_data: Annotated[str, Field(min_length=1, max_length=64)]
    customer_id: Uuid
    first_name: Annotated[str, Field(max_length=80)] = ""
    last_name: Annotated[str, Field(max_length=80)] = ""
    email: Annotated[str | None, Field(max_length=254)] = None
    phone: Annotated[str | None, Field(max_length=32)] = None
    enrolled_at_vendor_id: DbInt | None = None


class CustomerChange(WireModel):
    """What a CUSTOMER_UPDATED entry carries: the customer's details after the change, all of
    them (not a difference), as the terminal stored them; the same shapes as NewCard's."""

    first_name: Annotated[str, Field(max_length=80)] = ""
    last_name: Annotated[str, Field(max_length=80)] = ""
    email: Annotated[str | None, Field(max_length=254)] = None
    phone: Annotated[str | None, Field(max_length=32)] = None


class PushEntry(WireModel):
    """One ledger entry as the terminal committed it."""

    id: Uuid
    seq: Annotated[int, Field(ge=1, le=2**63 - 1)]
    type: TransactionType
    card_id: Uuid
    staff_id: DbInt | None = None
    stamps_delta: Delta = 0
    points_delta: Delta = 0
    purchase_amount: Annotated[int | None, Field(ge=0, le=MAX_AMOUNT_MINOR)] = None
    order_reference: Annotated[str | None, Field(max_length=64)] = None
    reward_id: DbInt | None = None
    reward_description: ShortText | None = None
    reverses_id: Uuid | None = None
    shortfall: Annotated[int, Field(ge=0, le=MAX_DELTA)] = 0
    notes: Annotated[str | None, Field(max_length=2000)] = None
    authorized_online: bool = False
    transaction_at: UtcTime
    new_card: NewCard | None = None
    # Only on (and always on) CUSTOMER_UPDATED entries; optional, so version 1 still holds.
    customer_change: CustomerChange | None = None


class PushRequest(WireModel):
    terminal_id: Uuid
    mode: PushMode = "queue"
    entries: Annotated[list[PushEntry], Field(min_length=1, max_length=MAX_PUSH_ENTRIES)]


class CardBalances(WireModel):
    """A card's server-confirmed state.

    `updated_at` is the state's version: the server moves it forward on every change of the
    card, never back (a later state always has a later time, whatever the clocks of
    concurrent requests did), and a `cards` change carries the same value. A terminal keeps
    the state with the latest `updated_at` and ignores older ones that a pull may still
    bring.
    """

    card_id: str
    is_active: bool
    stamp_count: int
    total_stamps_earned: int
    stamps_redeemed: int
    points_balance: int
    total_points_earned: int
    points_redeemed: int
    last_activity_at: datetime | None
    updated_at: datetime | None = None


class EntryResult(WireModel):
    id: str
    seq: int
    result: EntryResultKind
    reason: str | None = None  # a sentence for people
    code: str | None = None  # a stable machine name for rejections
    original_result: EntryResultKind | None = None  # for `duplicate`: what it was the first time
    merged_into_card_id: str | None = None  # enrollment merged into the customer's existing card
    card: CardBalances | None = None


class PushResponse(WireModel):
    results: list[EntryResult]
    acked_through_seq: int  # every entry of this terminal up to here is settled on the server
    server_time: datetime


# --- changes --------------------------------------------------------------------------------


class Change(WireModel):
    entity: Entity
    id: str
    op: ChangeOp
    data: dict[str, Any] | None = None


class RowBatch(WireModel):
    """Snapshot pages send the big entities (customers, cards, card aliases) as row batches:
    `columns` once, then each row's values in that order. Row i is the upsert of
    `dict(zip(columns, rows[i]))`, keyed by its `id`, exactly the `data` an `upsert` change
    of that entity would carry (`expand_changes` turns a batch into those changes). About
    half the bytes of one change per row, and cheap for both ends to build and read: a
    1,000,000-card chain's initial pull depends on it."""

    entity: Entity
    op: Literal["upsert_rows"]
    columns: list[str]
    rows: list[list[Any]]


def expand_changes(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page's `changes` (as decoded JSON) with every row batch replaced by the `upsert`
    changes of its rows, in order: one change per row, as deltas carry them."""
    out: list[dict[str, Any]] = []
    for change in changes:
        if change.get("op") != "upsert_rows":
            out.append(change)
            continue
        columns, entity = change["columns"], change["entity"]
        for values in change["rows"]:
            data = dict(zip(columns, values, strict=True))
            out.append({"entity": entity, "id": str(data["id"]), "op": "upsert", "data": data})
    return out


class VendorData(WireModel):
    """`data` of a `vendors` change: a store of the company.

    `country` is where a phone number typed without its country code belongs: terminals
    read and store customers' phones in E.164 with it (terminal.domain.customers).
    """

    id: int
    company_id: int
    name: str
    timezone: str  # IANA, e.g. Europe/Paris: the store's calendar day
    country: CountryCode
    is_active: bool


class ChangesResponse(WireModel):
    # In log order; a snapshot page's big entities come as row batches (RowBatch).
    changes: list[Annotated[Change | RowBatch, Field(discriminator="op")]]
    next_cursor: str
    has_more: bool
    snapshot: bool  # True while the pages are a full snapshot (the cache starts from them)
    server_time: datetime
    # On a snapshot's first page: how many rows the whole snapshot holds (a progress bar).
    snapshot_rows: int | None = None


# --- lookup ---------------------------------------------------------------------------------


class CustomerInfo(WireModel):
    id: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None


class CardInfo(WireModel):
    """A card for a terminal that does not have it cached yet."""

    id: str
    company_id: int
    program_id: int
    card_number: str
    qr_code_data: str
    enrolled_at_vendor_id: int | None
    customer: CustomerInfo
    balances: CardBalances
    created_at: datetime


# --- staff PIN lockouts -----------------------------------------------------------------------


class PinStatusReport(WireModel):
    """A staff PIN's failed-attempt state as one terminal saw it."""

    staff_id: DbInt
    failed_attempts: Annotated[int, Field(ge=0, le=1000)]
    locked_until: UtcTime | None = None
    observed_at: UtcTime


class PinStatusRequest(WireModel):
    terminal_id: Uuid
    reports: Annotated[list[PinStatusReport], Field(min_length=1, max_length=100)]


class PinStatus(WireModel):
    staff_id: int
    failed_attempts: int
    locked_until: datetime | None


class PinStatusResponse(WireModel):
    """The company-wide state after the reports (unknown staff are left out)."""

    staff: list[PinStatus]
    server_time: datetime


# --- activity figures (the store manager's Activity view) ------------------------------------

MAX_STATS_DAYS_BACK = 400  # how far back `since` may go: a year and its same weeks before


class StatsFigures(WireModel):
    """The five activity figures (terminal.domain.activity says what each counts), over the
    entries the server applied (accepted or overdraft)."""

    stamps_given: int = 0
    points_earned: int = 0
    points_redeemed: int = 0
    rewards_redeemed: int = 0
    enrollments: int = 0


class StoreStats(WireModel):
    vendor_id: int
    vendor_name: str
    figures: StatsFigures


class DayStats(WireModel):
    day: date  # a UTC calendar day
    figures: StatsFigures


class StatsResponse(WireModel):
    """`GET /v1/stats?since=`: the terminal's company from `since` on (entries dated from
    then, including any dated after server_time within the clock skew allowed). `stores`:
    every store of the company, zeros included; `days`: every UTC day from since's to
    server_time's, zeros included (the sum of the days is `company`)."""

    since: datetime
    server_time: datetime
    company: StatsFigures
    stores: list[StoreStats]
    days: list[DayStats]
