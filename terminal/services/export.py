"""The manager's export of this store's transactions for a period, as a CSV file.

One row per ledger entry written at this store, oldest first, in store time. The entries
are read in keyset pages of ix_loyalty_transactions_vendor_time (never OFFSET, never all
at once) inside ONE read transaction: the count behind the progress bar and the rows are
the same snapshot, and the counter keeps writing meanwhile (WAL readers never block it).
How the file is written (encoding, separator, temporary file, formula guard, cancel):
terminal.services.csv_writer.

Runs on a background thread (a large export takes seconds); `progress` and `cancelled`
are called on it. Cancelling raises ExportCancelled and leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import Session

from terminal.domain.cards import format_card_number
from terminal.domain.clock import to_store_time
from terminal.domain.errors import InvalidInput
from terminal.services.context import ServiceDeps, TerminalContext
from terminal.services.csv_writer import (
    CHUNK_ROWS,
    Cancelled,
    Progress,
    check_separator,
    minor_units,
    write_csv,
)
from terminal.services.views import TRANSACTION_COLUMNS, ExportResult
from terminal.store.models import Customer, LedgerEntry, LoyaltyCard, StaffPin

MAX_EXPORT_DAYS = 366

_ROW = (
    LedgerEntry.transaction_at,
    LedgerEntry.terminal_id,
    LedgerEntry.terminal_seq,
    StaffPin.name.label("staff_name"),
    LedgerEntry.type,
    LoyaltyCard.card_number,
    Customer.first_name,
    Customer.last_name,
    LedgerEntry.stamps_delta,
    LedgerEntry.points_delta,
    LedgerEntry.purchase_amount,
    LedgerEntry.reward_description,
    LedgerEntry.sync_state,
    LedgerEntry.sync_reason,
    LedgerEntry.notes,
)


class TransactionExport:
    def __init__(self, deps: ServiceDeps, *, chunk_rows: int = CHUNK_ROWS) -> None:
        self._deps = deps
        self._chunk_rows = chunk_rows

    def export_transactions(
        self,
        path: Path,
        since: date,
        until: date,
        *,
        separator: str,
        labels: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult:
        """This store's entries from `since` to `until`, store calendar dates, both
        included, written to `path`. `labels`: the header, by column code
        (TRANSACTION_COLUMNS; a code without a label is its own header). Refuses (nothing
        written) a period that ends before it starts or is over MAX_EXPORT_DAYS days, and
        a separator csv_writer does not offer."""
        _check_period(since, until)
        check_separator(separator)
        header = [(labels or {}).get(code, code) for code in TRANSACTION_COLUMNS]
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            start, end = _utc_bounds(since, until, ctx.store_tz)
            total = (
                session.scalar(
                    select(func.count()).where(
                        LedgerEntry.vendor_id == ctx.vendor_id,
                        LedgerEntry.transaction_at >= start,
                        LedgerEntry.transaction_at < end,
                    )
                )
                or 0
            )
            rows = _rows(session, ctx, start, end, self._chunk_rows)
            written = write_csv(
                path,
                header,
                rows,
                separator=separator,
                total=total,
                progress=progress,
                cancelled=cancelled,
                chunk_rows=self._chunk_rows,
            )
        return ExportResult(rows=written, path=Path(path))


def _check_period(since: date, until: date) -> None:
    for value in (since, until):
        # A datetime is a date to Python: a moment here would silently lose its time zone.
        if isinstance(value, datetime) or not isinstance(value, date):
            raise TypeError("the export period is given as store calendar dates")
    if until < since:
        raise InvalidInput(
            "The period ends before it starts. Pick the first day, then the last one.",
            reason="export_period_reversed",
        )
    if (until - since).days + 1 > MAX_EXPORT_DAYS:
        raise InvalidInput(
            f"A transaction export covers at most {MAX_EXPORT_DAYS} days. Export a shorter period.",
            reason="export_period_too_long",
            max_days=MAX_EXPORT_DAYS,
        )


def _utc_bounds(since: date, until: date, store_tz: str) -> tuple[datetime, datetime]:
    """The store's midnight starting `since` and the one ending `until`, in UTC."""
    zone = ZoneInfo(store_tz)
    start = datetime.combine(since, time.min, tzinfo=zone)
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _rows(
    session: Session,
    ctx: TerminalContext,
    start: datetime,
    end: datetime,
    chunk_rows: int,
) -> Iterator[list[object]]:
    """The rows, one keyset page at a time, in (transaction_at, terminal_id, terminal_seq)
    order, which is unique: entries of the same instant (an enrollment and its welcome
    bonus) come in the order their terminal wrote them, and no page repeats or skips one."""
    after: tuple[datetime, str, int] | None = None
    while True:
        # One lower bound only, the page's: given the period's start too, SQLite ranged
        # the index from it, and every page read again all the pages before it (a year's
        # export took minutes instead of seconds).
        lower = start if after is None else after[0]
        query = (
            select(*_ROW)
            .join(LoyaltyCard, LoyaltyCard.id == LedgerEntry.card_id)
            .join(Customer, Customer.id == LoyaltyCard.customer_id)
            .outerjoin(StaffPin, StaffPin.id == LedgerEntry.staff_id)
            .where(
                LedgerEntry.vendor_id == ctx.vendor_id,
                LedgerEntry.transaction_at >= lower,
                LedgerEntry.transaction_at < end,
            )
            .order_by(LedgerEntry.transaction_at, LedgerEntry.terminal_id, LedgerEntry.terminal_seq)
            .limit(chunk_rows)
        )
        if after is not None:
            at, terminal_id, seq = after
            # Within the index range from `at`, what the last page had is skipped.
            query = query.where(
                or_(
                    LedgerEntry.transaction_at > at,
                    LedgerEntry.terminal_id > terminal_id,
                    and_(LedgerEntry.terminal_id == terminal_id, LedgerEntry.terminal_seq > seq),
                ),
            )
        page = session.execute(query).all()
        for row in page:
            yield _cells(row, ctx)
        if len(page) < chunk_rows:
            return
        last = page[-1]
        after = (last.transaction_at, last.terminal_id, last.terminal_seq)


def _cells(row: Row[Any], ctx: TerminalContext) -> list[object]:
    """One entry's cells, in TRANSACTION_COLUMNS order."""
    return [
        to_store_time(row.transaction_at, ctx.store_tz),
        ctx.vendor_name,  # the period's entries are all this store's
        row.staff_name,
        row.type,
        format_card_number(row.card_number),
        f"{row.first_name} {row.last_name}".strip(),
        row.stamps_delta,
        row.points_delta,
        minor_units(row.purchase_amount),
        row.reward_description,
        row.sync_state,
        row.sync_reason,
        row.notes,
    ]
