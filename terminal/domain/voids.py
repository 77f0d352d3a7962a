"""Void (return) rules: reference the original, partial amounts, never more than earned.

Partial returns are computed cumulatively: after returning a total of R out of a purchase of
A that earned P points, exactly floor(P * R / A) points have been taken back, so a purchase
returned in several parts ends with all its points removed, never one more.
"""

from __future__ import annotations

from dataclasses import dataclass

from terminal.domain.errors import VoidRefused, VoidsNotAllowed
from terminal.domain.ledger import TransactionType
from terminal.domain.money import format_amount
from terminal.domain.rules import CompanyRules

VOID_OF = {
    TransactionType.POINTS_EARNED: TransactionType.POINTS_VOIDED,
    TransactionType.STAMP_EARNED: TransactionType.STAMP_VOIDED,
}


@dataclass(frozen=True)
class OriginalEntry:
    """The transaction a void refers to, with what earlier voids already took back."""

    type: TransactionType
    purchase_amount: int | None
    points_delta: int
    stamps_delta: int
    voided_amount: int = 0
    voided_points: int = 0  # removed + shortfall of earlier voids
    voided_stamps: int = 0


@dataclass(frozen=True)
class VoidPlan:
    type: TransactionType
    returned_amount: int | None
    points_removed: int
    stamps_removed: int
    shortfall: int  # what could not be taken back because the customer already spent it

    @property
    def note(self) -> str | None:
        if not self.shortfall:
            return None
        unit = "points" if self.type is TransactionType.POINTS_VOIDED else "stamps"
        return f"Shortfall: {self.shortfall} {unit} already spent, not taken back."


def check_voids_allowed(company: CompanyRules) -> None:
    if not company.allow_void_transactions:
        raise VoidsNotAllowed()


def plan_points_void(
    original: OriginalEntry, *, returned_amount: int | None, points_balance: int
) -> VoidPlan:
    """Points to take back for returning `returned_amount` (None: all that is left)."""
    if original.type is not TransactionType.POINTS_EARNED or not original.purchase_amount:
        raise VoidRefused("Only a points purchase can be returned. Pick the original purchase.")
    returnable = original.purchase_amount - original.voided_amount
    if returnable <= 0:
        raise VoidRefused("This purchase was already fully returned.")
    amount = returnable if returned_amount is None else returned_amount
    if amount <= 0:
        raise VoidRefused("The returned amount must be more than zero.")
    if amount > returnable:
        raise VoidRefused(
            f"Only {format_amount(returnable)} of this purchase can still be returned."
        )
    total_after = original.points_delta * (original.voided_amount + amount)
    total_after //= original.purchase_amount
    to_take = max(total_after - original.voided_points, 0)
    removed = min(to_take, max(points_balance, 0))
    return VoidPlan(
        type=TransactionType.POINTS_VOIDED,
        returned_amount=amount,
        points_removed=removed,
        stamps_removed=0,
        shortfall=to_take - removed,
    )


def plan_stamp_void(original: OriginalEntry, *, count: int | None, stamp_count: int) -> VoidPlan:
    """Stamps to take back from a STAMP_EARNED given by mistake (None: all of it)."""
    if original.type is not TransactionType.STAMP_EARNED:
        raise VoidRefused("Only a stamp can be voided here. Pick the stamp given by mistake.")
    left = original.stamps_delta - original.voided_stamps
    if left <= 0:
        raise VoidRefused("These stamps were already voided.")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
        raise VoidRefused("Type the number of stamps to void as a whole number, e.g. 1.")
    wanted = left if count is None else count
    if wanted <= 0:
        raise VoidRefused("Void at least one stamp.")
    if wanted > left:
        raise VoidRefused(f"Only {left} stamp{'s' if left != 1 else ''} of it can be voided.")
    removed = min(wanted, max(stamp_count, 0))
    return VoidPlan(
        type=TransactionType.STAMP_VOIDED,
        returned_amount=None,
        points_removed=0,
        stamps_removed=removed,
        shortfall=wanted - removed,
    )
