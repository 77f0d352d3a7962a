"""The store manager's cards table: the company's cards in keyset pages, searched, filtered
and sorted, as fast on the millionth page as on the first.

Every sort has an index (migration 0008) that SQLite walks from the last row shown, so a
page costs the same wherever it starts; OFFSET would read every row before it. The company
is checked with `+ 0` on its column: without statistics SQLite would otherwise pick the
company-wide index and sort a million rows for every page.

A fragment of 3 characters or more is answered by the trigram index (terminal.store.search);
a shorter one scans the search rows in the page's order and stops when the page is full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, lazyload

from terminal.domain.cards import format_card_number
from terminal.domain.clock import store_days_back_start
from terminal.domain.errors import InvalidInput
from terminal.domain.stamps import stamp_reward_available
from terminal.services.cardviews import enrolled_at_name, last_activity_shown, points_expire_on
from terminal.services.context import ServiceDeps, TerminalContext
from terminal.services.inputs import clamp_int
from terminal.services.views import (
    CardPage,
    CardQuery,
    CardRow,
    CardSort,
    CardStatusFilter,
)
from terminal.store.models import Customer, LoyaltyCard, Reward
from terminal.store.search import cards_containing, normalize_fragment

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
MAX_TEXT_LENGTH = 254
EXPIRY_WINDOW_DAYS = 30

_C, _U = LoyaltyCard, Customer


@dataclass(frozen=True)
class _Segment:
    """A run of rows in one index order. A sort on a column that may be empty has two:
    the rows with a value, and those without (SQLite puts NULLs first going up)."""

    keys: tuple[InstrumentedAttribute[Any], ...]
    where: ColumnElement[bool] | None = None


_SEGMENTS: dict[CardSort, tuple[_Segment, ...]] = {
    CardSort.NEWEST: (_Segment((_C.id,)),),
    # (the customer's id: the name index's own tie-breaker, one card per customer)
    CardSort.NAME: (_Segment((_U.last_name, _U.first_name, _U.id)),),
    CardSort.NUMBER: (_Segment((_C.card_number,)),),
    CardSort.POINTS: (_Segment((_C.points_balance, _C.id)),),
    CardSort.STAMPS: (_Segment((_C.stamp_count, _C.id)),),
    CardSort.LAST_ACTIVITY: (
        _Segment((_C.id,), _C.last_activity_at.is_(None)),
        _Segment((_C.last_activity_at, _C.id), _C.last_activity_at.is_not(None)),
    ),
}


class CardBrowser:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    def page(
        self, query: CardQuery, *, after: Sequence[object] | None = None, limit: int = PAGE_SIZE
    ) -> CardPage:
        """The cards after `after` (a page's `next_after`; None: from the start)."""
        needle = _needle(query.text)
        limit = clamp_int(limit, 1, MAX_PAGE_SIZE, PAGE_SIZE)
        segments = _SEGMENTS[query.sort]
        if query.descending:  # the empty values come last going down
            segments = tuple(reversed(segments))
        start, values = _cursor(after, len(segments))
        now = self._deps.clock.now()
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            threshold = _points_reward_threshold(session, ctx)  # once: filter and rows
            filters = _filters(session, ctx, query, needle, now, threshold)
            rows: list[tuple[int, LoyaltyCard, Customer]] = []  # (segment, card, customer)
            for index in range(start, len(segments)):
                found = _read(
                    session, segments[index], query, filters, values, limit + 1 - len(rows)
                )
                rows.extend((index, card, customer) for card, customer in found)
                values = None
                if len(rows) > limit:
                    break
            page, more = rows[:limit], len(rows) > limit
            next_after = None
            if more and page:
                index, card, customer = page[-1]
                next_after = (index, *_key_values(card, customer, segments[index].keys))
            return CardPage(
                rows=[_row(card, customer, ctx, threshold) for _, card, customer in page],
                next_after=next_after,
            )

    def count(self, query: CardQuery) -> int:
        """How many cards the query matches (a separate read: it visits them all)."""
        needle = _needle(query.text)
        now = self._deps.clock.now()
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            threshold = _points_reward_threshold(session, ctx)
            filters = _filters(session, ctx, query, needle, now, threshold)
            statement = select(func.count()).select_from(_C).join(_U, _U.id == _C.customer_id)
            return int(session.scalar(statement.where(*filters)) or 0)


def _needle(text: str | None) -> str:
    if text is not None and not isinstance(text, str):
        raise InvalidInput("Type a name, card number, email or phone.", reason="search_invalid")
    needle = normalize_fragment(text or "")
    if len(needle) > MAX_TEXT_LENGTH:
        raise InvalidInput(
            "The search text is too long.", reason="search_too_long", max_length=MAX_TEXT_LENGTH
        )
    return needle


def _cursor(after: Sequence[object] | None, segments: int) -> tuple[int, tuple[object, ...] | None]:
    """A page's `next_after` back: (segment, key values...). Anything else starts over."""
    if not after:
        return 0, None
    first = after[0]
    if not isinstance(first, int) or isinstance(first, bool) or not 0 <= first < segments:
        return 0, None
    return first, tuple(after[1:])


def _filters(
    session: Session,
    ctx: TerminalContext,
    query: CardQuery,
    needle: str,
    now: datetime,
    threshold: int | None,
) -> list[ColumnElement[bool]]:
    # `+ 0`: these two must not be used as index lookups (see the module's docstring).
    where: list[ColumnElement[bool]] = [_C.company_id + 0 == ctx.company_id]
    if query.sort is CardSort.NAME:
        where.append(_U.company_id + 0 == ctx.company_id)
    # `= 1` / `= 0` (not IS): the terms the partial index of deactivated cards is for
    if query.status is CardStatusFilter.ACTIVE:
        where.append(_C.is_active == true())
    elif query.status is CardStatusFilter.DEACTIVATED:
        where.append(_C.is_active == false())
    if query.enrolled_here:
        where.append(_C.enrolled_at_vendor_id == ctx.vendor_id)
    if query.overdrawn:
        where.append(or_(_C.points_balance < 0, _C.stamp_count < 0))
    if query.reward_available:
        where.append(_reward_available(ctx, threshold))
    if query.points_expiring:
        where.append(_expiring(ctx, now))
    if needle:
        where.append(cards_containing(session, needle, _C.id))
    return where


def _points_reward_threshold(session: Session, ctx: TerminalContext) -> int | None:
    """The balance that buys a points reward: the cheapest active one, at least the
    program's minimum redemption. None: no points reward can be had."""
    program = ctx.program
    if not program.is_active or not program.uses_points:
        return None
    cheapest = session.scalar(
        select(func.min(Reward.points_cost)).where(
            Reward.program_id == ctx.program_id, Reward.is_active.is_(True)
        )
    )
    return None if cheapest is None else max(cheapest, program.minimum_redemption_points)


def _reward_available(ctx: TerminalContext, threshold: int | None) -> ColumnElement[bool]:
    """A stamp reward is due, or the balance reaches `threshold` (_points_reward_threshold)."""
    program = ctx.program
    either: list[ColumnElement[bool]] = []
    if program.is_active and program.uses_stamps and program.stamps_target > 0:
        either.append(_C.stamp_count >= program.stamps_target)
    if threshold is not None:
        either.append(_C.points_balance >= threshold)
    if not either:
        return _C.id.is_(None)  # nothing can be redeemed: no card matches
    return or_(*either)


def _expiring(ctx: TerminalContext, now: datetime) -> ColumnElement[bool]:
    """Points expire `points_expiration_days` store days after the last activity: those
    that do within the next EXPIRY_WINDOW_DAYS days (today included)."""
    days = ctx.program.points_expiration_days
    if days <= 0:
        return _C.id.is_(None)
    first = store_days_back_start(now, ctx.store_tz, days)
    end = store_days_back_start(now, ctx.store_tz, days - EXPIRY_WINDOW_DAYS - 1)
    return and_(_C.points_balance > 0, _C.last_activity_at >= first, _C.last_activity_at < end)


def _read(
    session: Session,
    segment: _Segment,
    query: CardQuery,
    filters: list[ColumnElement[bool]],
    after: tuple[object, ...] | None,
    limit: int,
) -> list[tuple[LoyaltyCard, Customer]]:
    keys = segment.keys
    statement: Select[tuple[LoyaltyCard, Customer]]
    if query.sort is CardSort.NAME:
        # Walk the customers' name index; each one's card is found by (company, customer).
        statement = (
            select(_C, _U)
            .select_from(_U)
            .join(_C, and_(_C.customer_id == _U.id, _C.company_id == _U.company_id))
        )
    else:
        statement = select(_C, _U).join(_U, _U.id == _C.customer_id)
    # (the cards' own joined load of their customer would join customers a second time)
    statement = statement.options(lazyload(_C.customer)).where(*filters)
    if segment.where is not None:
        statement = statement.where(segment.where)
    if after is not None and len(after) == len(keys):
        row = tuple_(*keys)
        values = tuple_(*after)
        statement = statement.where(row < values if query.descending else row > values)
    # A filter that keeps a handful of cards (deactivated, overdrawn) is answered from its
    # partial index and sorted afterwards: walking a sort's index to find them read every
    # card (8 s for the name sort at a million cards with none to find). The keys written
    # as expressions make SQLite choose that plan.
    ordered = [_unindexed(key) for key in keys] if _few_match(query) else list(keys)
    order = [key.desc() if query.descending else key.asc() for key in ordered]
    found = session.execute(statement.order_by(*order).limit(limit))
    return [(card, customer) for card, customer in found]


def _few_match(query: CardQuery) -> bool:
    return query.status is CardStatusFilter.DEACTIVATED or query.overdrawn


def _unindexed(key: InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """The same order, as an expression no index can give."""
    # (literal SQL: a bound "" would go through the column's type, a datetime's too)
    if key.key in ("last_name", "first_name", "card_number", "last_activity_at"):
        return key.op("||")(literal_column("''"))
    return key.op("+")(literal_column("0"))


def _key_values(
    card: LoyaltyCard, customer: Customer, keys: tuple[InstrumentedAttribute[Any], ...]
) -> list[object]:
    values: list[object] = []
    for key in keys:
        owner = customer if key.class_ is Customer else card
        values.append(getattr(owner, key.key))
    return values


def _row(
    card: LoyaltyCard, customer: Customer, ctx: TerminalContext, threshold: int | None
) -> CardRow:
    return CardRow(
        card_id=card.uuid,
        card_number=format_card_number(card.card_number),
        customer_name=customer.full_name,
        email=customer.email,
        phone=customer.phone,
        stamp_count=card.stamp_count,
        points_balance=card.points_balance,
        is_active=card.is_active,
        enrolled_at_vendor_name=enrolled_at_name(card, ctx),
        last_activity_at=last_activity_shown(card, ctx),
        reward_available=stamp_reward_available(ctx.program, card.stamp_count)
        or (threshold is not None and card.points_balance >= threshold),
        points_expire_on=points_expire_on(card, ctx),
    )
