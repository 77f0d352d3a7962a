"""The five figures of loyalty activity, counted alike by a terminal (its own ledger) and by
the central server (the company's): what each figure counts is said once, here, so "points
redeemed" means the same on the store's screen and in the company's totals.

Only entries that moved balances count: on the server the applied ones (accepted or
overdraft); a terminal counts its own entries as written (the counter handed them over).
Voids are not subtracted: the figures say what was given at the counter.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Literal

from terminal.domain.ledger import TransactionType

T = TransactionType
Counted = Literal["stamps", "points", "entries"]


@dataclass(frozen=True)
class FigureRule:
    """One figure: the entries it counts, and what each contributes (its stamps delta, its
    points delta, or 1), times `sign` (a redemption's points delta is negative)."""

    name: str  # the ActivityFigures field
    types: frozenset[TransactionType]
    counts: Counted
    sign: int = 1


# In ActivityFigures' field order.
FIGURE_RULES: tuple[FigureRule, ...] = (
    FigureRule("stamps_given", frozenset({T.STAMP_EARNED}), "stamps"),
    FigureRule("points_earned", frozenset({T.POINTS_EARNED}), "points"),  # not the bonus
    FigureRule("points_redeemed", frozenset({T.POINTS_REDEEMED}), "points", -1),
    FigureRule("rewards_redeemed", frozenset({T.POINTS_REDEEMED, T.STAMP_REDEEMED}), "entries"),
    FigureRule("enrollments", frozenset({T.CARD_CREATED}), "entries"),
)
COUNTED_TYPES = frozenset().union(*(rule.types for rule in FIGURE_RULES))


@dataclass(frozen=True)
class ActivityFigures:
    stamps_given: int = 0
    points_earned: int = 0
    points_redeemed: int = 0
    rewards_redeemed: int = 0
    enrollments: int = 0

    def __add__(self, other: ActivityFigures) -> ActivityFigures:
        return ActivityFigures(*(a + b for a, b in zip(self.values(), other.values(), strict=True)))

    def values(self) -> tuple[int, int, int, int, int]:
        a, b, c, d, e = (getattr(self, item.name) for item in fields(self))
        return a, b, c, d, e


def total(items: list[ActivityFigures]) -> ActivityFigures:
    result = ActivityFigures()
    for item in items:
        result = result + item
    return result


@dataclass(frozen=True)
class StoreActivity:
    vendor_id: int
    vendor_name: str
    figures: ActivityFigures


@dataclass(frozen=True)
class DayActivity:
    day: date
    figures: ActivityFigures


@dataclass(frozen=True)
class CompanyActivity:
    """The company's figures as the central server counted them, from `since` to
    `server_time` (both UTC). `days`: one item per UTC calendar day from since's to
    server_time's, zeros included (the stores of a company need not share a calendar day,
    so the server's chart buckets are UTC days)."""

    since: datetime
    server_time: datetime
    total: ActivityFigures
    stores: tuple[StoreActivity, ...]
    days: tuple[DayActivity, ...]
