"""Redemptions asked online while the customer waits: the server's answer is final; without
an answer in time the offline rules apply; never counted twice. Real terminals, the real
server over loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.engine import SyncEngine
from sync.server.models import LedgerEntry as ServerEntry
from terminal.domain.errors import (
    CardNotFound,
    LoyaltyError,
    OfflineRedemptionLimit,
    PinLocked,
    RefusedOnline,
)
from terminal.domain.ledger import SyncState
from terminal.services.bundle import counter_services
from terminal.services.views import Actor
from terminal.store.models import LedgerEntry, Reward, TerminalIdentity
from terminal.ui import texts
from tests.services.helpers import search_cards
from tests.sync.conftest import World
from tests.sync.network import Network
from tests.sync.terminals import SyncedTerminal, make_terminal, server_balances


@pytest.fixture
def network() -> Iterator[Network]:
    wire = Network()
    yield wire
    wire.close()


@pytest.fixture
def tills(
    world: World, tmp_path: Path, network: Network
) -> Iterator[tuple[SyncedTerminal, SyncedTerminal]]:
    """Store 1's till asks online (through a network the test can cut); store 2's too."""
    made = [
        make_terminal(
            world.server,
            world.vendor_a1,
            tmp_path,
            "main",
            world.staff_a,
            transport=network,
            online_redemptions=True,
        ),
        make_terminal(
            world.server, world.vendor_a2, tmp_path, "station", world.staff_a,
            online_redemptions=True,
        ),
    ]  # fmt: skip
    yield made[0], made[1]
    for till in made:
        till.close()


def _reward(till: SyncedTerminal, cost: int) -> int:
    with till.database.reader() as session:
        return session.scalars(select(Reward.id).where(Reward.points_cost == cost)).one()


def _entries(till: SyncedTerminal) -> list[tuple[str, str, bool, bool]]:
    with till.database.reader() as session:
        return [
            (str(e.type), str(e.sync_state), e.authorized_online, e.approved_online)
            for e in session.scalars(select(LedgerEntry).order_by(LedgerEntry.terminal_seq))
        ]


def _next_seq(till: SyncedTerminal) -> int:
    with till.database.reader() as session:
        return session.scalars(select(TerminalIdentity.next_seq)).one()


def _server_entries(world: World) -> int:
    with world.server.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(ServerEntry)) or 0)


def test_an_approved_redemption_is_settled_at_once_and_beyond_the_offline_limit(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, _station = tills
    card = main.enroll_card(earn="950")  # 1,000 points; the offline limit is 500 a day
    beans = _reward(main, 500)
    for _ in range(2):
        result = main.services.points.redeem(main.actor, card, beans)
        assert result.card.pending_points == 0  # the server's yes is already saved
    assert result.card.points_balance == 0
    assert _entries(main)[-2:] == [("POINTS_REDEEMED", "accepted", True, True)] * 2
    assert server_balances(world.server)[card] == (0, 0)


def test_the_server_refuses_what_another_store_spent_first_and_nothing_is_recorded(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    card = main.enroll_card(earn="60")  # 110 points
    station.sync()
    pastry = _reward(main, 100)
    station.services.points.redeem(station.actor, card, pastry)  # approved there: 10 left
    assert main.services.lookup.card(card).points_balance == 110  # main has not pulled yet
    entries, seq, on_server = _entries(main), _next_seq(main), _server_entries(world)

    with pytest.raises(RefusedOnline) as refused:
        main.services.points.redeem(main.actor, card, pastry)
    assert refused.value.key == "refused_online_insufficient_balance", refused.value.params
    assert refused.value.params["points_balance"] == 10
    assert "now has 10 points" in texts.error_text(refused.value)
    assert _entries(main) == entries  # nothing recorded, its number free again
    assert _next_seq(main) == seq
    assert _server_entries(world) == on_server
    shown = main.services.lookup.card(card)
    assert (shown.points_balance, shown.pending_points) == (10, 0)  # the server's state
    main.services.points.earn(main.actor, card, "5")  # the next entry takes the freed number
    assert main.sync().pending == 0
    assert main.services.lookup.card(card).points_balance == 15


def test_without_an_answer_the_offline_rules_apply(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    main, _station = tills
    card = main.enroll_card(earn="950")
    beans = _reward(main, 500)
    network.down = True
    main.services.points.redeem(main.actor, card, beans)  # within the offline limit
    assert _entries(main)[-1] == ("POINTS_REDEEMED", "pending", True, False)
    seq = _next_seq(main)
    with pytest.raises(OfflineRedemptionLimit):
        main.services.points.redeem(main.actor, card, beans)
    assert _next_seq(main) == seq  # the refused one left no trace
    assert main.services.lookup.card(card).points_balance == 500
    network.down = False
    assert main.sync().pending == 0
    assert server_balances(world.server)[card] == (0, 500)


def test_a_lost_approval_is_counted_once(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    main, _station = tills
    card = main.enroll_card(earn="60")
    pastry = _reward(main, 100)
    network.lose_answers = 1  # the server applies it; its yes never arrives
    result = main.services.points.redeem(main.actor, card, pastry)
    assert result.card.points_balance == 10
    assert _entries(main)[-1] == ("POINTS_REDEEMED", "pending", True, False)
    assert main.sync().pending == 0  # sent again: `duplicate`, settled
    assert _entries(main)[-1] == ("POINTS_REDEEMED", "accepted", True, False)
    assert main.services.lookup.card(card).points_balance == 10
    assert server_balances(world.server)[card] == (0, 10)


class _PowerCut:
    def can_authorize(self) -> bool:
        return True

    def authorize(self, entry_id: str) -> object:
        raise RuntimeError("the terminal lost power while asking")


def test_a_redemption_left_waiting_by_a_crash_is_sent_at_the_next_start(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, _station = tills
    card = main.enroll_card(earn="60")
    crashing = counter_services(main.database, main.clock, authorizer=_PowerCut())
    with pytest.raises(RuntimeError):
        crashing.points.redeem(main.actor, card, _reward(main, 100))
    assert _entries(main)[-1][1] == SyncState.AUTHORIZING.value
    assert main.services.lookup.card(card).points_balance == 10  # counted, once

    restarted = SyncEngine(main.store, main.client, clock=main.clock)  # the next start
    assert restarted.run_once().pending == 0
    assert _entries(main)[-1][1] == "accepted"
    assert server_balances(world.server)[card] == (0, 10)


def test_a_stamp_reward_is_asked_online_too(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    card = main.enroll_card()
    for day in range(4):  # 10 stamps over four days (3 a day, 5 minutes apart)
        main.clock.advance(timedelta(days=1))
        for _ in range(3 if day < 3 else 1):
            main.services.stamps.add_stamp(main.actor, card)
            main.clock.advance(timedelta(minutes=6))
    main.sync()
    station.sync()
    station.services.stamps.redeem_reward(station.actor, card)  # approved there first
    with pytest.raises(RefusedOnline):
        main.services.stamps.redeem_reward(main.actor, card)
    assert main.services.lookup.card(card).stamp_count == 0
    assert _entries(station)[-1] == ("STAMP_REDEEMED", "accepted", True, True)


def test_a_card_not_in_the_cache_yet_is_looked_up_online_and_cached(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    main, station = tills
    card = station.enroll_card(email="new@example.com")  # main has not pulled since
    qr = station.services.lookup.card(card).qr_token
    network.down = True
    with pytest.raises(CardNotFound):
        main.services.lookup.by_scan(qr)  # offline: not found here, said at once
    network.down = False
    found = main.services.lookup.by_scan(qr)
    assert found.card_id == card
    assert (found.points_balance, found.pending_points) == (110, 0)
    network.down = True
    assert main.services.lookup.by_scan(qr).card_id == card  # cached: offline from now on
    assert main.services.lookup.by_email("new@example.com").card_id == card
    assert search_cards(main, "new@example").rows  # and searchable


def test_a_pin_locked_in_one_store_is_locked_in_the_other(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    card = main.enroll_card(earn="60")
    station.sync()
    pastry = _reward(main, 100)
    wrong = Actor(main.staff_id, "0000")
    for _ in range(5):  # the company's pin_max_failed_attempts
        with pytest.raises(LoyaltyError):
            main.services.points.redeem(wrong, card, pastry)
    with pytest.raises(PinLocked):
        main.services.points.redeem(main.actor, card, pastry)
    main.sync()  # reported to the server
    station.sync()  # and pulled from it
    with pytest.raises(PinLocked):
        station.services.points.redeem(station.actor, card, pastry)


def test_an_unanswered_authorisation_is_never_withdrawn_even_over_the_offline_limit(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    """The server approved it and recorded it under its sequence number, but the answer
    was lost: withdrawing it (the offline limit would refuse it) would give that number to
    the next entry (a conflict) and leave the server's entry unknown here (lost)."""
    main, _station = tills
    card = main.enroll_card(earn="1450")  # 1,500 points
    beans = _reward(main, 500)
    network.down = True
    main.services.points.redeem(main.actor, card, beans)  # offline: 500 of the 500 a day
    network.down = False
    main.sync()
    network.lose_answers = 1  # approved and recorded; the yes never arrives
    main.services.points.redeem(main.actor, card, beans)  # no OfflineRedemptionLimit
    assert _entries(main)[-1] == ("POINTS_REDEEMED", "pending", True, False)
    main.services.points.earn(main.actor, card, "1")  # the next number is its own
    status = main.sync()
    assert status.pending == 0
    assert status.conflicts == 0
    assert server_balances(world.server)[card] == (0, 501)
    assert main.services.lookup.card(card).points_balance == 501
