"""Deactivating and reactivating cards: manager only, ledger entries, refusals meanwhile."""

from __future__ import annotations

from datetime import timedelta

from terminal.domain.errors import (
    CardInactive,
    CardNotFound,
    CardStatusUnchanged,
    InvalidInput,
    ManagerRequired,
    PinRequired,
    WrongPin,
)
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import ProgramRules
from terminal.services.views import Actor
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import (
    add_foreign_card,
    card_row,
    digits,
    entry,
    ledger_types,
    refused,
    search_cards,
)


def _card(terminal: Terminal) -> str:
    card = terminal.enroll(1)
    terminal.services.points.earn(CASHIER, card.card_id, "200.00")
    terminal.services.stamps.add_stamp(CASHIER, card.card_id)
    return card.card_id


def test_manager_deactivates_a_card(terminal: Terminal) -> None:
    card_id = _card(terminal)
    before = card_row(terminal, card_id)
    terminal.clock.advance(timedelta(hours=1))

    result = terminal.services.cards.deactivate(MANAGER, card_id, "  lost \n card ")

    assert result.type is TransactionType.CARD_DEACTIVATED
    assert (result.stamps_delta, result.points_delta) == (0, 0)
    assert not result.card.is_active
    assert (result.card.points_balance, result.card.stamp_count) == (250, 1)
    row = entry(terminal, result.entry_id)
    assert (row.stamps_delta, row.points_delta) == (0, 0)
    assert row.notes == "lost card"
    assert row.staff_id == MANAGER.staff_id
    assert row.transaction_at == T0 + timedelta(hours=1)
    # Not an activity: it does not push the points' expiry date.
    after = card_row(terminal, card_id)
    assert after.last_activity_at == before.last_activity_at
    assert ledger_types(terminal, card_id)[-1] is TransactionType.CARD_DEACTIVATED


def test_deactivation_without_a_reason(terminal: Terminal) -> None:
    card_id = _card(terminal)

    result = terminal.services.cards.deactivate(MANAGER, card_id)

    assert entry(terminal, result.entry_id).notes is None


def test_deactivation_needs_a_manager(terminal: Terminal) -> None:
    card_id = _card(terminal)

    with refused(terminal, ManagerRequired, "Only a manager"):
        terminal.services.cards.deactivate(CASHIER, card_id, "lost")
    with refused(terminal, PinRequired):
        terminal.services.cards.deactivate(Actor(2), card_id, "lost")
    with refused(terminal, WrongPin, "4 attempts left"):
        terminal.services.cards.deactivate(Actor(2, "0000"), card_id, "lost")
    with refused(terminal, ManagerRequired):
        terminal.services.cards.reactivate(CASHIER, card_id)


def test_deactivated_card_is_found_but_cannot_earn_or_redeem(make_term: MakeTerminal) -> None:
    terminal = make_term(
        seed_with(program=ProgramRules(max_daily_stamps=0, stamp_cooldown_minutes=0))
    )
    card = terminal.enroll(1, phone="0611223344")
    card_id = card.card_id
    terminal.services.points.earn(CASHIER, card_id, "500.00")
    terminal.services.stamps.add_stamp(CASHIER, card_id, 10)
    terminal.services.cards.deactivate(MANAGER, card_id, "fraud suspected")
    lookup = terminal.services.lookup
    qr = card_row(terminal, card_id).qr_code_data

    for found in (
        lookup.by_scan(qr),
        lookup.by_number(card.card_number),
        lookup.by_email(card.email or ""),
        lookup.by_phone("0611223344"),
        lookup.find(digits(card.card_number)),
        lookup.card(card_id),
    ):
        assert found.card_id == card_id
        assert found.is_active is False
    assert [(c.card_id, c.is_active) for c in search_cards(terminal, "customer1").rows] == [
        (card_id, False)
    ]

    message = f"Card {card.card_number} is deactivated: it cannot earn or redeem"
    with refused(terminal, CardInactive, message):
        terminal.services.stamps.add_stamp(CASHIER, card_id)
    with refused(terminal, CardInactive, message):
        terminal.services.points.earn(CASHIER, card_id, "10.00")
    with refused(terminal, CardInactive, message):
        terminal.services.points.redeem(CASHIER, card_id, 1)
    with refused(terminal, CardInactive, message):
        terminal.services.points.redeem(CASHIER, card_id, 1, authorized_online=True)
    with refused(terminal, CardInactive, message):
        terminal.services.stamps.redeem_reward(CASHIER, card_id)


def test_reactivated_card_works_again(terminal: Terminal) -> None:
    card_id = _card(terminal)
    terminal.services.cards.deactivate(MANAGER, card_id, "lost")
    terminal.clock.advance(timedelta(days=1))

    result = terminal.services.cards.reactivate(MANAGER, card_id, "found again")

    assert result.type is TransactionType.CARD_REACTIVATED
    assert (result.stamps_delta, result.points_delta) == (0, 0)
    assert result.card.is_active
    assert entry(terminal, result.entry_id).notes == "found again"
    assert terminal.services.points.earn(CASHIER, card_id, "10").card.points_balance == 260
    assert ledger_types(terminal, card_id)[-3:] == [
        TransactionType.CARD_DEACTIVATED,
        TransactionType.CARD_REACTIVATED,
        TransactionType.POINTS_EARNED,
    ]
    history = [e.type for e in terminal.services.lookup.history(card_id).entries]
    assert history[:3] == [
        TransactionType.POINTS_EARNED,
        TransactionType.CARD_REACTIVATED,
        TransactionType.CARD_DEACTIVATED,
    ]


def test_already_in_that_state(terminal: Terminal) -> None:
    card_id = _card(terminal)
    number = terminal.services.lookup.card(card_id).card_number

    with refused(terminal, CardStatusUnchanged, f"Card {number} is already active"):
        terminal.services.cards.reactivate(MANAGER, card_id)
    terminal.services.cards.deactivate(MANAGER, card_id)
    with refused(terminal, CardStatusUnchanged, f"Card {number} is already deactivated"):
        terminal.services.cards.deactivate(MANAGER, card_id)


def test_bad_reasons_are_refused(terminal: Terminal) -> None:
    card_id = _card(terminal)

    for reason in ("x" * 201, "lost\x00", "lost\x1b[2J"):
        with refused(terminal, InvalidInput, "printable and at most 200", case=reason):
            terminal.services.cards.deactivate(MANAGER, card_id, reason)


def test_unknown_or_foreign_card(terminal: Terminal) -> None:
    foreign = add_foreign_card(terminal, 50_000_000_000)

    for card_id in ("no-such-card", foreign["card_id"]):
        with refused(terminal, CardNotFound):
            terminal.services.cards.deactivate(MANAGER, card_id)
        with refused(terminal, CardNotFound):
            terminal.services.cards.reactivate(MANAGER, card_id)
