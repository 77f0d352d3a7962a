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


_WHAT_CAN_BE_VOIDED = "Only stamps given and points earned on a purchase can be voided."


def check_voids_allowed(company: CompanyRules) -> None:
    if not company.allow_void_transactions:
        raise VoidsNotAllowed()


def check_voidable(entry_type: TransactionType) -> None:
    """Refuse, saying why, an entry that no void can take back (only VOID_OF types can)."""
    if entry_type in VOID_OF:
        return
    T = TransactionType
    params = {"entry_type": entry_type.value}
    if entry_type in (T.STAMP_REDEEMED, T.POINTS_REDEEMED):
        raise VoidRefused(
            f"A reward handed over cannot be voided. {_WHAT_CAN_BE_VOIDED}",
            reason="void_of_redemption",
            **params,
        )
    if entry_type is T.WELCOME_BONUS:
        raise VoidRefused(
            f"A welcome bonus cannot be voided. {_WHAT_CAN_BE_VOIDED}",
            reason="void_of_welcome_bonus",
            **params,
        )
    if entry_type in (T.STAMP_VOIDED, T.POINTS_VOIDED):
        raise VoidRefused(
            f"This entry is itself a void and cannot be voided. {_WHAT_CAN_BE_VOIDED}",
            reason="void_of_void",
            **params,
        )
    if entry_type is T.CARD_CREATED:
        raise VoidRefused(
            f"The creation of the card cannot be voided. {_WHAT_CAN_BE_VOIDED}",
            reason="void_of_card_creation",
            **params,
        )
    if entry_type in (T.CARD_DEACTIVATED, T.CARD_REACTIVATED):
        raise VoidRefused(
            "A card status change cannot be voided: deactivate or reactivate the card "
            f"instead. {_WHAT_CAN_BE_VOIDED}",
            reason="void_of_card_status_change",
            **params,
        )
    if entry_type is T.POINTS_ADJUSTMENT:
        raise VoidRefused(
            "A points adjustment is made by the head office and cannot be voided here. "
            f"{_WHAT_CAN_BE_VOIDED}",
            reason="void_of_points_adjustment",
            **params,
        )
    if entry_type is T.CUSTOMER_UPDATED:
        raise VoidRefused(
            "A change of the customer's details cannot be voided: change the details again "
            f"instead. {_WHAT_CAN_BE_VOIDED}",
            reason="void_of_customer_change",
            **params,
        )
    if entry_type is T.POINTS_EXPIRED:
        raise VoidRefused(
            f"Expired points cannot be given back by a void. {_WHAT_CAN_BE_VOIDED}",
            reason="void_of_points_expiry",
            **params,
        )
    raise VoidRefused(
        f"This entry cannot be voided. {_WHAT_CAN_BE_VOIDED}", reason="void_of_entry", **params
    )


def plan_void(
    original: OriginalEntry,
    *,
    returned_amount: int | None,
    stamps: int | None,
    points_balance: int,
    stamp_count: int,
) -> VoidPlan:
    """The void of `original`, whatever its type: a return of points, a stamp taken back,
    or the refusal that says why this entry cannot be voided."""
    check_voidable(original.type)
    if original.type is TransactionType.POINTS_EARNED:
        return plan_points_void(
            original, returned_amount=returned_amount, points_balance=points_balance
        )
    return plan_stamp_void(original, count=stamps, stamp_count=stamp_count)


def plan_points_void(
    original: OriginalEntry, *, returned_amount: int | None, points_balance: int
) -> VoidPlan:
    """Points to take back for returning `returned_amount` (None: all that is left)."""
    check_voidable(original.type)
    if original.type is not TransactionType.POINTS_EARNED or not original.purchase_amount:
        raise VoidRefused(
            "Only a points purchase can be returned. Pick the original purchase.",
            reason="void_not_a_purchase",
            entry_type=original.type.value,
        )
    returnable = original.purchase_amount - original.voided_amount
    if returnable <= 0:
        raise VoidRefused(
            "This purchase was already fully returned.", reason="purchase_already_returned"
        )
    amount = returnable if returned_amount is None else returned_amount
    if amount <= 0:
        raise VoidRefused(
            "The returned amount must be more than zero.", reason="returned_amount_not_positive"
        )
    if amount > returnable:
        raise VoidRefused(
            f"Only {format_amount(returnable)} of this purchase can still be returned.",
            reason="returned_amount_above_returnable",
            returnable=returnable,
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
    check_voidable(original.type)
    if original.type is not TransactionType.STAMP_EARNED:
        raise VoidRefused(
            "Only a stamp can be voided here. Pick the stamp given by mistake.",
            reason="void_not_a_stamp",
            entry_type=original.type.value,
        )
    left = original.stamps_delta - original.voided_stamps
    if left <= 0:
        raise VoidRefused("These stamps were already voided.", reason="stamps_already_voided")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
        raise VoidRefused(
            "Type the number of stamps to void as a whole number, e.g. 1.",
            reason="void_stamp_count_not_whole",
        )
    wanted = left if count is None else count
    if wanted <= 0:
        raise VoidRefused("Void at least one stamp.", reason="void_stamp_count_too_small")
    if wanted > left:
        raise VoidRefused(
            f"Only {left} stamp{'s' if left != 1 else ''} of it can be voided.",
            reason="void_stamp_count_above_left",
            left=left,
        )
    removed = min(wanted, max(stamp_count, 0))
    return VoidPlan(
        type=TransactionType.STAMP_VOIDED,
        returned_amount=None,
        points_removed=0,
        stamps_removed=removed,
        shortfall=wanted - removed,
    )
