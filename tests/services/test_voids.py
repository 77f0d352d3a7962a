"""Voids and returns: always a new entry referencing the original, never more than earned."""

from __future__ import annotations

from datetime import timedelta

import pytest

from terminal.domain.errors import (
    CardNotFound,
    InvalidAmount,
    PinRequired,
    VoidRefused,
    VoidsNotAllowed,
    WrongPin,
)
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import CompanyRules, ProgramRules
from terminal.services.views import Actor, VoidableEntry
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import card_row, entry, ledger, refused, staff_row

UNLIMITED = ProgramRules(max_daily_stamps=0, stamp_cooldown_minutes=0)


def _purchase(terminal: Terminal, amount: str = "100.00", n: int = 1) -> tuple[str, str]:
    """A card (50 welcome points) and a purchase on it; returns (card id, entry id)."""
    card = terminal.enroll(n)
    earned = terminal.services.points.earn(CASHIER, card.card_id, amount)
    return card.card_id, earned.entry_id


def _void(terminal: Terminal, card_id: str, entry_id: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return terminal.services.voids.void(MANAGER, card_id, entry_id, **kwargs)  # type: ignore[arg-type]


def _removed(terminal: Terminal, original_id: str) -> tuple[int, int]:
    """(points taken back, shortfall) over every void of one original entry."""
    voids = [e for e in ledger(terminal) if e.reverses_id == original_id]
    return -sum(e.points_delta for e in voids), sum(e.shortfall for e in voids)


def test_full_return(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)
    terminal.clock.advance(timedelta(hours=2))

    result = _void(terminal, card_id, original)

    assert result.type is TransactionType.POINTS_VOIDED
    assert (result.points_delta, result.purchase_amount, result.shortfall) == (-100, 10_000, 0)
    assert result.card.points_balance == 50
    row = entry(terminal, result.entry_id)
    assert (row.points_delta, row.purchase_amount, row.reverses_id) == (-100, 10_000, original)
    assert (row.shortfall, row.notes) == (0, None)
    assert row.staff_id == MANAGER.staff_id
    assert entry(terminal, original).points_delta == 100  # the original is never touched
    assert card_row(terminal, card_id).total_points_earned == 50
    assert terminal.services.voids.voidable(card_id) == []


def test_a_cashier_with_a_pin_may_void(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)

    result = terminal.services.voids.void(CASHIER, card_id, original, returned_amount="")

    assert result.card.points_balance == 50
    assert entry(terminal, result.entry_id).staff_id == CASHIER.staff_id


def test_partial_returns_add_up_to_the_original_points(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)

    taken = [
        _void(terminal, card_id, original, returned_amount=part).card.points_balance
        for part in ("33.33", "33,33", "33.34")
    ]

    assert taken == [117, 84, 50]
    assert _removed(terminal, original) == (100, 0)
    with refused(terminal, VoidRefused, "already fully returned"):
        _void(terminal, card_id, original, returned_amount="0.01")
    with refused(terminal, VoidRefused, "already fully returned"):
        _void(terminal, card_id, original)


def test_many_small_returns_never_exceed_the_original(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal, "9.99")  # 9 points
    returned = 0
    for _ in range(9):
        _void(terminal, card_id, original, returned_amount="1.00")
        returned += 100
        removed, _ = _removed(terminal, original)
        assert removed == 9 * returned // 999  # exactly floor(P x R / A) so far

    last = _void(terminal, card_id, original, returned_amount="0.99")

    assert _removed(terminal, original) == (9, 0)
    assert last.card.points_balance == 50


def test_return_of_more_than_is_left(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)
    _void(terminal, card_id, original, returned_amount="50.00")

    with refused(terminal, VoidRefused, r"Only 50\.00 of this purchase can still be returned"):
        _void(terminal, card_id, original, returned_amount="60.00")
    rest = _void(terminal, card_id, original)  # None: all that is left
    assert entry(terminal, rest.entry_id).purchase_amount == 5_000
    assert rest.card.points_balance == 50


def test_bad_returned_amounts(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)

    for typed, message in (
        ("0", "more than zero"),
        ("-10", "negative"),
        ("ten", "as a number"),
        ("1.234", "decimals"),
        ("20000", "above the maximum"),
    ):
        with refused(terminal, InvalidAmount, message, case=typed):
            _void(terminal, card_id, original, returned_amount=typed)


def test_shortfall_when_the_points_were_already_spent(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)  # 150 points
    terminal.services.points.redeem(CASHIER, card_id, 1)  # 50 left

    result = _void(terminal, card_id, original, note="  Customer   returned the kettle ")

    shortfall_note = "Shortfall: 50 points already spent, not taken back."
    assert result.card.points_balance == 0
    assert (result.points_delta, result.purchase_amount, result.shortfall) == (-50, 10_000, 50)
    row = entry(terminal, result.entry_id)
    assert (row.points_delta, row.shortfall) == (-50, 50)
    assert row.notes == f"Customer returned the kettle {shortfall_note}"
    history = terminal.services.lookup.history(card_id).entries
    assert history[0].notes == row.notes
    with refused(terminal, VoidRefused, "already fully returned"):
        _void(terminal, card_id, original)


def test_shortfall_over_several_partial_returns(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)  # 150
    terminal.services.points.redeem(CASHIER, card_id, 1)  # 50

    first = _void(terminal, card_id, original, returned_amount="60.00")  # 60 due, 50 there
    terminal.services.points.earn(CASHIER, card_id, "20.00")  # 20
    second = _void(terminal, card_id, original)  # the other 40 due, 20 there

    assert (entry(terminal, first.entry_id).shortfall, first.card.points_balance) == (10, 0)
    assert (entry(terminal, second.entry_id).shortfall, second.card.points_balance) == (20, 0)
    removed, shortfall = _removed(terminal, original)
    assert removed + shortfall == 100  # never more than the original earned
    assert (removed, shortfall) == (70, 30)


def test_stamp_voided(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    card = terminal.enroll(1)
    stamped = terminal.services.stamps.add_stamp(CASHIER, card.card_id, 2)

    one = _void(terminal, card.card_id, stamped.entry_id, stamps=1)
    assert one.type is TransactionType.STAMP_VOIDED
    assert (one.stamps_delta, one.shortfall, one.purchase_amount) == (-1, 0, None)
    assert one.card.stamp_count == 1
    row = entry(terminal, one.entry_id)
    assert (row.stamps_delta, row.points_delta, row.reverses_id) == (-1, 0, stamped.entry_id)

    with refused(terminal, VoidRefused, "Only 1 stamp of it can be voided"):
        _void(terminal, card.card_id, stamped.entry_id, stamps=2)
    with refused(terminal, VoidRefused, "at least one stamp"):
        _void(terminal, card.card_id, stamped.entry_id, stamps=0)
    rest = _void(terminal, card.card_id, stamped.entry_id)
    assert rest.card.stamp_count == 0
    assert card_row(terminal, card.card_id).total_stamps_earned == 0
    with refused(terminal, VoidRefused, "already voided"):
        _void(terminal, card.card_id, stamped.entry_id)


def test_stamp_void_after_the_stamps_were_redeemed(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    card = terminal.enroll(1)
    terminal.services.stamps.add_stamp(CASHIER, card.card_id, 9)
    last = terminal.services.stamps.add_stamp(CASHIER, card.card_id, 2)
    terminal.services.stamps.redeem_reward(CASHIER, card.card_id)  # 1 stamp left

    result = _void(terminal, card.card_id, last.entry_id)

    assert result.card.stamp_count == 0
    row = entry(terminal, result.entry_id)
    assert (row.stamps_delta, row.shortfall) == (-1, 1)
    assert "Shortfall: 1 stamps already spent" in (row.notes or "")


def test_entries_that_cannot_be_voided(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal, "300.00")
    redeemed = terminal.services.points.redeem(CASHIER, card_id, 1)
    voided = _void(terminal, card_id, original, returned_amount="10.00")
    created, bonus = ledger(terminal, card_id)[:2]

    # It used to say "Only a stamp can be voided here" whatever the entry was.
    for entry_id, key, why in (
        (created.id, "void_of_card_creation", "creation of the card"),
        (bonus.id, "void_of_welcome_bonus", "A welcome bonus cannot be voided"),
        (redeemed.entry_id, "void_of_redemption", "A reward handed over cannot be voided"),
        (voided.entry_id, "void_of_void", "itself a void"),
    ):
        with refused(terminal, VoidRefused, why) as info:
            _void(terminal, card_id, entry_id)
        assert info.value.key == key
        assert "Only stamps given and points earned on a purchase" in info.value.message
    terminal.services.cards.deactivate(MANAGER, card_id)
    status = ledger(terminal, card_id)[-1]
    with refused(terminal, VoidRefused, "card status change") as info:
        _void(terminal, card_id, status.id)
    assert info.value.params == {"entry_type": "CARD_DEACTIVATED"}


def test_entry_of_another_card_or_unknown(terminal: Terminal) -> None:
    card_id, _ = _purchase(terminal, n=1)
    _, other_entry = _purchase(terminal, n=2)

    with refused(terminal, VoidRefused, "not on this card"):
        _void(terminal, card_id, other_entry)
    with refused(terminal, VoidRefused, "not on this card"):
        _void(terminal, card_id, "no-such-entry")
    with refused(terminal, CardNotFound):
        _void(terminal, "no-such-card", other_entry)


def test_void_needs_a_pin(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)

    with refused(terminal, PinRequired):
        terminal.services.voids.void(Actor(2), card_id, original)
    with refused(terminal, WrongPin):
        terminal.services.voids.void(Actor(2, "0000"), card_id, original)


def test_voids_switched_off(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(company=CompanyRules(allow_void_transactions=False)))
    card_id, original = _purchase(terminal)

    with refused(terminal, VoidsNotAllowed, "switched off for this company"):
        _void(terminal, card_id, original)
    # Refused before the PIN is asked for: no PIN attempt is used up either.
    with refused(terminal, VoidsNotAllowed):
        terminal.services.voids.void(Actor(2, "0000"), card_id, original)
    assert staff_row(terminal, 2).failed_attempts == 0


def test_bad_void_notes(terminal: Terminal) -> None:
    card_id, original = _purchase(terminal)

    for note in ("x" * 201, "oops\x07", "\x00"):
        with refused(terminal, VoidRefused, "printable and at most 200", case=note):
            _void(terminal, card_id, original, note=note)


def test_voidable_list_shrinks_as_things_are_returned(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    card_id, first = _purchase(terminal, "10.00")
    terminal.clock.advance(timedelta(minutes=1))
    second = terminal.services.points.earn(CASHIER, card_id, "20.00").entry_id
    terminal.clock.advance(timedelta(minutes=1))
    stamp = terminal.services.stamps.add_stamp(CASHIER, card_id, 2).entry_id
    voidable = terminal.services.voids.voidable
    P, S = TransactionType.POINTS_EARNED, TransactionType.STAMP_EARNED
    minute = timedelta(minutes=1)

    assert voidable(card_id) == [
        VoidableEntry(stamp, S, T0 + 2 * minute, None, None, 0, 2),
        VoidableEntry(second, P, T0 + minute, 2000, 2000, 20, 0),
        VoidableEntry(first, P, T0, 1000, 1000, 10, 0),
    ]
    assert {str(e.transaction_at.tzinfo) for e in voidable(card_id)} == {"Europe/Paris"}

    _void(terminal, card_id, second, returned_amount="5.00")
    assert voidable(card_id) == [
        VoidableEntry(stamp, S, T0 + 2 * minute, None, None, 0, 2),
        VoidableEntry(second, P, T0 + minute, 2000, 1500, 20, 0),
        VoidableEntry(first, P, T0, 1000, 1000, 10, 0),
    ]
    _void(terminal, card_id, first)
    _void(terminal, card_id, stamp, stamps=1)
    assert [(e.entry_id, e.stamps_left) for e in voidable(card_id)] == [(stamp, 1), (second, 0)]
    _void(terminal, card_id, stamp)
    _void(terminal, card_id, second)
    assert voidable(card_id) == []


@pytest.mark.parametrize("stamps", [0.5, "1", 1.5])
def test_stamp_void_count_must_be_a_whole_number(make_term: MakeTerminal, stamps: object) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    card = terminal.enroll(1)
    stamped = terminal.services.stamps.add_stamp(CASHIER, card.card_id, 2)

    with refused(terminal, VoidRefused, exact=False):
        _void(terminal, card.card_id, stamped.entry_id, stamps=stamps)
