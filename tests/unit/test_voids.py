"""Voids (returns): full and partial points voids, shortfalls, stamp voids, refusals."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.errors import VoidRefused, VoidsNotAllowed
from terminal.domain.ledger import TransactionType
from terminal.domain.money import points_for_purchase
from terminal.domain.rules import CompanyRules
from terminal.domain.voids import (
    VOID_OF,
    OriginalEntry,
    VoidPlan,
    check_voids_allowed,
    plan_points_void,
    plan_stamp_void,
    plan_void,
)

T = TransactionType
RICH = 1_000_000  # a balance that never limits a void


def purchase(amount: int = 1299, points: int = 12, **kwargs: int) -> OriginalEntry:
    return OriginalEntry(
        type=T.POINTS_EARNED, purchase_amount=amount, points_delta=points, stamps_delta=0, **kwargs
    )


def stamp_entry(stamps: int = 3, voided: int = 0) -> OriginalEntry:
    return OriginalEntry(
        type=T.STAMP_EARNED,
        purchase_amount=None,
        points_delta=0,
        stamps_delta=stamps,
        voided_stamps=voided,
    )


def after(original: OriginalEntry, plan: VoidPlan) -> OriginalEntry:
    """The original as the store records it once `plan` is written."""
    return replace(
        original,
        voided_amount=original.voided_amount + (plan.returned_amount or 0),
        voided_points=original.voided_points + plan.points_removed + plan.shortfall,
        voided_stamps=original.voided_stamps + plan.stamps_removed + plan.shortfall,
    )


# --- switched off ---------------------------------------------------------------------------


def test_voids_allowed_by_default() -> None:
    check_voids_allowed(CompanyRules())


def test_voids_switched_off() -> None:
    with pytest.raises(VoidsNotAllowed) as info:
        check_voids_allowed(CompanyRules(allow_void_transactions=False))
    assert info.value.message == "Voids and returns are switched off for this company."


def test_void_types() -> None:
    assert VOID_OF == {T.POINTS_EARNED: T.POINTS_VOIDED, T.STAMP_EARNED: T.STAMP_VOIDED}


# --- full and partial points voids ----------------------------------------------------------


def test_full_void_takes_back_all_points() -> None:
    plan = plan_points_void(purchase(), returned_amount=None, points_balance=100)
    assert plan == VoidPlan(
        type=T.POINTS_VOIDED, returned_amount=1299, points_removed=12, stamps_removed=0, shortfall=0
    )
    assert plan.note is None


def test_full_void_by_explicit_amount() -> None:
    plan = plan_points_void(purchase(), returned_amount=1299, points_balance=100)
    assert (plan.returned_amount, plan.points_removed, plan.shortfall) == (1299, 12, 0)


def test_partial_void_floors_the_points_of_the_returned_part() -> None:
    plan = plan_points_void(purchase(1000, 10), returned_amount=250, points_balance=100)
    assert (plan.returned_amount, plan.points_removed) == (250, 2)  # 2.5 -> 2


def test_second_partial_void_is_cumulative() -> None:
    first = purchase(1000, 10)
    plan1 = plan_points_void(first, returned_amount=250, points_balance=100)
    second = after(first, plan1)
    plan2 = plan_points_void(second, returned_amount=250, points_balance=100)
    assert plan2.points_removed == 3  # floor(10 * 500 / 1000) - 2
    plan3 = plan_points_void(after(second, plan2), returned_amount=None, points_balance=100)
    assert (plan3.returned_amount, plan3.points_removed) == (500, 5)
    assert plan1.points_removed + plan2.points_removed + plan3.points_removed == 10


def test_three_equal_thirds_remove_exactly_the_original_points() -> None:
    original = purchase(1299, 12)
    removed = []
    for _ in range(3):
        plan = plan_points_void(original, returned_amount=433, points_balance=RICH)
        removed.append(plan.points_removed)
        original = after(original, plan)
    assert removed == [4, 4, 4]
    assert sum(removed) == 12


def test_many_one_cent_returns_never_take_more_than_earned() -> None:
    original = purchase(150, 1)  # 1.50 earned 1 point
    removed = []
    for _ in range(150):
        plan = plan_points_void(original, returned_amount=1, points_balance=RICH)
        removed.append(plan.points_removed)
        original = after(original, plan)
    assert sum(removed) == 1
    # proportional: floor(1 x returned / 150) reaches 1 only with the last cent
    assert removed.index(1) == 149


def test_points_earned_at_another_rate_use_the_original_delta() -> None:
    # The program rate may change; a void takes back what this purchase really earned.
    plan = plan_points_void(purchase(1000, 30), returned_amount=500, points_balance=RICH)
    assert plan.points_removed == 15


def test_void_of_a_purchase_that_earned_nothing() -> None:
    plan = plan_points_void(purchase(99, 0), returned_amount=None, points_balance=RICH)
    assert (plan.returned_amount, plan.points_removed, plan.shortfall) == (99, 0, 0)


# --- shortfall ------------------------------------------------------------------------------


def test_shortfall_when_points_were_already_spent() -> None:
    plan = plan_points_void(purchase(), returned_amount=None, points_balance=5)
    assert (plan.points_removed, plan.shortfall) == (5, 7)
    assert plan.note == "Shortfall: 7 points already spent, not taken back."


@pytest.mark.parametrize("balance", [0, -3])
def test_balance_is_never_driven_below_zero(balance: int) -> None:
    plan = plan_points_void(purchase(), returned_amount=None, points_balance=balance)
    assert (plan.points_removed, plan.shortfall) == (0, 12)
    assert plan.note == "Shortfall: 12 points already spent, not taken back."


def test_shortfall_is_not_taken_again_by_a_later_partial_void() -> None:
    original = purchase(1000, 10)
    plan1 = plan_points_void(original, returned_amount=500, points_balance=2)
    assert (plan1.points_removed, plan1.shortfall) == (2, 3)
    plan2 = plan_points_void(after(original, plan1), returned_amount=None, points_balance=RICH)
    assert (plan2.points_removed, plan2.shortfall) == (5, 0)


# --- refusals -------------------------------------------------------------------------------


def test_already_fully_returned() -> None:
    done = purchase(1299, 12, voided_amount=1299, voided_points=12)
    with pytest.raises(VoidRefused, match="already fully returned"):
        plan_points_void(done, returned_amount=None, points_balance=RICH)
    with pytest.raises(VoidRefused, match="already fully returned"):
        plan_points_void(done, returned_amount=1, points_balance=RICH)


def test_amount_above_what_is_still_returnable() -> None:
    partly = purchase(1000, 10, voided_amount=400, voided_points=4)
    with pytest.raises(VoidRefused) as info:
        plan_points_void(partly, returned_amount=601, points_balance=RICH)
    assert info.value.message == "Only 6.00 of this purchase can still be returned."
    plan = plan_points_void(partly, returned_amount=600, points_balance=RICH)
    assert plan.points_removed == 6


def test_amount_above_the_whole_purchase_shows_grouped_amount() -> None:
    with pytest.raises(VoidRefused, match=r"Only 1,234\.56 of this purchase"):
        plan_points_void(purchase(123_456, 1234), returned_amount=123_457, points_balance=RICH)


@pytest.mark.parametrize("amount", [0, -1, -1299])
def test_returned_amount_must_be_positive(amount: int) -> None:
    with pytest.raises(VoidRefused, match="more than zero"):
        plan_points_void(purchase(), returned_amount=amount, points_balance=RICH)


def test_only_a_points_purchase_can_be_returned() -> None:
    original = OriginalEntry(
        type=T.STAMP_EARNED, purchase_amount=None, points_delta=0, stamps_delta=1
    )
    with pytest.raises(VoidRefused, match="Only a points purchase can be returned") as info:
        plan_points_void(original, returned_amount=None, points_balance=RICH)
    assert info.value.key == "void_not_a_purchase"


# Voiding anything but a stamp given or points earned said "Only a stamp can be voided here"
# (plan_stamp_void was reached for every non-points type): the refusal names what can be
# voided and why this entry cannot, each with its own key.
UNVOIDABLE = {
    T.STAMP_REDEEMED: ("void_of_redemption", "A reward handed over cannot be voided"),
    T.POINTS_REDEEMED: ("void_of_redemption", "A reward handed over cannot be voided"),
    T.WELCOME_BONUS: ("void_of_welcome_bonus", "A welcome bonus cannot be voided"),
    T.STAMP_VOIDED: ("void_of_void", "itself a void"),
    T.POINTS_VOIDED: ("void_of_void", "itself a void"),
    T.CARD_CREATED: ("void_of_card_creation", "creation of the card cannot be voided"),
    T.CARD_DEACTIVATED: ("void_of_card_status_change", "card status change cannot be voided"),
    T.CARD_REACTIVATED: ("void_of_card_status_change", "card status change cannot be voided"),
    T.POINTS_ADJUSTMENT: ("void_of_points_adjustment", "points adjustment"),
    T.POINTS_EXPIRED: ("void_of_points_expiry", "Expired points"),
    T.CUSTOMER_UPDATED: ("void_of_customer_change", "change of the customer's details"),
}


def test_every_type_that_cannot_be_voided_has_its_refusal() -> None:
    assert set(UNVOIDABLE) | set(VOID_OF) == set(TransactionType)


@pytest.mark.parametrize("kind", list(UNVOIDABLE))
@pytest.mark.parametrize("planner", ["plan_void", "plan_points_void", "plan_stamp_void"])
def test_an_entry_that_cannot_be_voided_says_why_and_what_can(
    kind: TransactionType, planner: str
) -> None:
    original = OriginalEntry(type=kind, purchase_amount=1000, points_delta=-10, stamps_delta=-1)
    plan = {
        "plan_void": lambda: plan_void(
            original, returned_amount=None, stamps=None, points_balance=RICH, stamp_count=10
        ),
        "plan_points_void": lambda: plan_points_void(
            original, returned_amount=None, points_balance=RICH
        ),
        "plan_stamp_void": lambda: plan_stamp_void(original, count=None, stamp_count=10),
    }[planner]
    key, why = UNVOIDABLE[kind]
    with pytest.raises(VoidRefused) as info:
        plan()
    error = info.value
    assert error.key == key
    assert error.params == {"entry_type": kind.value}
    assert why in error.message
    assert "Only stamps given and points earned on a purchase can be voided." in error.message
    assert "Only a stamp can be voided here" not in error.message


def test_plan_void_dispatches_on_the_original_type() -> None:
    points = plan_void(
        purchase(), returned_amount=600, stamps=None, points_balance=RICH, stamp_count=0
    )
    assert (points.type, points.returned_amount) == (T.POINTS_VOIDED, 600)
    stamps = plan_void(
        stamp_entry(3), returned_amount=None, stamps=2, points_balance=0, stamp_count=5
    )
    assert (stamps.type, stamps.stamps_removed) == (T.STAMP_VOIDED, 2)


@pytest.mark.parametrize("amount", [None, 0])
def test_points_entry_without_a_purchase_amount_cannot_be_returned(amount: int | None) -> None:
    original = OriginalEntry(
        type=T.POINTS_EARNED, purchase_amount=amount, points_delta=10, stamps_delta=0
    )
    with pytest.raises(VoidRefused, match="Only a points purchase"):
        plan_points_void(original, returned_amount=None, points_balance=RICH)


# --- properties -----------------------------------------------------------------------------


@st.composite
def purchase_and_split(draw: st.DrawFn) -> tuple[int, int, list[int]]:
    amount = draw(st.integers(min_value=1, max_value=1_000_000))
    rate = draw(st.integers(min_value=1, max_value=10))
    cuts = draw(
        st.lists(st.integers(min_value=1, max_value=max(amount - 1, 1)), max_size=8, unique=True)
    )
    edges = [0, *sorted(c for c in cuts if c < amount), amount]
    parts = [b - a for a, b in itertools.pairwise(edges)]
    return amount, rate, parts


@settings(max_examples=200)
@given(purchase_and_split())
def test_any_split_of_a_return_removes_exactly_the_original_points(
    case: tuple[int, int, list[int]],
) -> None:
    amount, rate, parts = case
    assert sum(parts) == amount
    assert all(p > 0 for p in parts)
    points = points_for_purchase(amount, rate)
    original = purchase(amount, points)
    total = 0
    for part in parts:
        plan = plan_points_void(original, returned_amount=part, points_balance=RICH)
        assert plan.points_removed >= 0
        assert plan.shortfall == 0
        total += plan.points_removed
        assert total <= points  # never more than earned, at any step
        original = after(original, plan)
        # after each part, exactly floor(points * returned / amount) have come back
        assert total == points * original.voided_amount // amount
    assert total == points
    with pytest.raises(VoidRefused, match="already fully returned"):
        plan_points_void(original, returned_amount=None, points_balance=RICH)


@settings(max_examples=200)
@given(purchase_and_split(), st.data())
def test_split_returns_with_spent_points_never_overdraw(
    case: tuple[int, int, list[int]], data: st.DataObject
) -> None:
    amount, rate, parts = case
    points = points_for_purchase(amount, rate)
    original = purchase(amount, points)
    removed_total = shortfall_total = 0
    for part in parts:
        balance = data.draw(st.integers(min_value=-5, max_value=points + 5), label="balance")
        plan = plan_points_void(original, returned_amount=part, points_balance=balance)
        assert 0 <= plan.points_removed <= max(balance, 0)
        assert plan.shortfall >= 0
        assert (plan.note is None) is (plan.shortfall == 0)
        removed_total += plan.points_removed
        shortfall_total += plan.shortfall
        original = after(original, plan)
    assert removed_total + shortfall_total == points


# --- stamp voids ----------------------------------------------------------------------------


def test_full_stamp_void() -> None:
    plan = plan_stamp_void(stamp_entry(3), count=None, stamp_count=5)
    assert plan == VoidPlan(
        type=T.STAMP_VOIDED, returned_amount=None, points_removed=0, stamps_removed=3, shortfall=0
    )
    assert plan.note is None


def test_partial_stamp_voids_add_up() -> None:
    original = stamp_entry(3)
    plan1 = plan_stamp_void(original, count=1, stamp_count=5)
    assert plan1.stamps_removed == 1
    original = after(original, plan1)
    plan2 = plan_stamp_void(original, count=None, stamp_count=4)
    assert plan2.stamps_removed == 2
    with pytest.raises(VoidRefused, match="already voided"):
        plan_stamp_void(after(original, plan2), count=None, stamp_count=2)


def test_stamp_void_shortfall_after_the_reward_was_taken() -> None:
    plan = plan_stamp_void(stamp_entry(3), count=None, stamp_count=1)
    assert (plan.stamps_removed, plan.shortfall) == (1, 2)
    assert plan.note == "Shortfall: 2 stamps already spent, not taken back."


@pytest.mark.parametrize("stamp_count", [0, -1])
def test_stamp_void_never_drives_the_count_below_zero(stamp_count: int) -> None:
    plan = plan_stamp_void(stamp_entry(2), count=None, stamp_count=stamp_count)
    assert (plan.stamps_removed, plan.shortfall) == (0, 2)


@pytest.mark.parametrize(
    ("left_voided", "count", "text"),
    [
        (0, 4, "Only 3 stamps of it can be voided."),
        (2, 2, "Only 1 stamp of it can be voided."),
    ],
)
def test_stamp_void_above_what_is_left(left_voided: int, count: int, text: str) -> None:
    with pytest.raises(VoidRefused) as info:
        plan_stamp_void(stamp_entry(3, voided=left_voided), count=count, stamp_count=10)
    assert info.value.message == text


@pytest.mark.parametrize("count", [0, -2])
def test_stamp_void_needs_at_least_one(count: int) -> None:
    with pytest.raises(VoidRefused, match="Void at least one stamp"):
        plan_stamp_void(stamp_entry(3), count=count, stamp_count=10)


def test_a_purchase_is_returned_not_voided_as_a_stamp() -> None:
    with pytest.raises(VoidRefused, match="Pick the stamp given by mistake") as info:
        plan_stamp_void(purchase(), count=None, stamp_count=10)
    assert info.value.key == "void_not_a_stamp"


@given(st.integers(1, 10), st.lists(st.integers(1, 3), max_size=10), st.integers(-2, 20))
def test_stamp_voids_never_remove_more_than_given(
    given_stamps: int, counts: list[int], stamp_count: int
) -> None:
    original = stamp_entry(given_stamps)
    total = 0
    for count in counts:
        try:
            plan = plan_stamp_void(original, count=count, stamp_count=stamp_count)
        except VoidRefused:
            assert count > given_stamps - original.voided_stamps
            continue
        assert 0 <= plan.stamps_removed <= max(stamp_count, 0)
        total += plan.stamps_removed + plan.shortfall
        original = after(original, plan)
    assert total <= given_stamps
