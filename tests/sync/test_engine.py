"""The sync engine end to end: real terminals (SQLite files, the counter services) and the
real central server over loopback, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.protocol import PushRequest
from terminal.domain.ledger import SyncState
from tests.sync.conftest import LiveServer, World
from tests.sync.terminals import (
    SyncedTerminal,
    make_terminal,
    server_balances,
    server_ledger_sums,
)


@pytest.fixture
def tills(world: World, tmp_path: Path) -> Iterator[tuple[SyncedTerminal, SyncedTerminal]]:
    """A till in each of company A's two stores."""
    made = [
        make_terminal(world.server, world.vendor_a1, tmp_path, "main", world.staff_a),
        make_terminal(world.server, world.vendor_a2, tmp_path, "station", world.staff_a),
    ]
    yield made[0], made[1]
    for till in made:
        till.close()


def assert_converged(server: LiveServer, *tills: SyncedTerminal) -> None:
    truth = server_balances(server)
    assert truth == {
        card: sums for card, sums in server_ledger_sums(server).items() if card in truth
    } | {card: (0, 0) for card in truth if card not in server_ledger_sums(server)}
    for till in tills:
        cached = till.balances()
        assert {uuid: (s, p) for uuid, (s, p, _cs, _cp) in cached.items()} == truth, till.name
        assert {uuid: (cs, cp) for uuid, (_s, _p, cs, cp) in cached.items()} == truth


def test_first_pull_brings_the_company(tills: tuple[SyncedTerminal, SyncedTerminal]) -> None:
    main, _station = tills
    info = main.services.terminal.info()
    assert info.vendor_name == "A Main Street"
    assert info.store_tz == "Europe/Paris"
    assert info.program.welcome_bonus_points == 50
    assert main.statuses[-1].state == "online"
    assert main.statuses[-1].pending == 0


def test_a_card_earned_in_one_store_arrives_in_the_other(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    card = main.services.enroll.enroll(
        main.actor, first_name="Ada", last_name="Lovelace", email="ada@example.com"
    ).card
    main.services.points.earn(main.actor, card.card_id, "12.50")
    shown = main.services.lookup.card(card.card_id)
    assert (shown.points_balance, shown.pending_points) == (62, 62)

    status = main.sync()
    assert status.state == "online"
    assert status.pending == 0
    assert main.states() == {SyncState.ACCEPTED.value: 3}
    shown = main.services.lookup.card(card.card_id)
    assert (shown.points_balance, shown.pending_points) == (62, 0)

    station.sync()
    there = station.services.lookup.card(card.card_id)
    assert (there.points_balance, there.pending_points) == (62, 0)
    assert there.customer_name == "Ada Lovelace"
    assert there.enrolled_at_vendor_name == "A Main Street"
    assert station.services.lookup.search("lovelace")  # indexed for search

    station.services.points.earn(station.actor, card.card_id, "40")
    station.sync()
    main.sync()
    assert main.services.lookup.card(card.card_id).points_balance == 102
    assert_converged(world.server, main, station)


def test_a_lost_answer_is_pushed_again_and_never_counted_twice(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    """The server applied the push but its answer never arrived: the entries stay pending
    (shown once), the next pull waits until a new push settles them as duplicates."""
    main, station = tills
    card = main.services.enroll.enroll(
        main.actor, first_name="Bo", last_name="Li", email="bo@example.com"
    ).card
    main.sync()
    main.services.points.earn(main.actor, card.card_id, "30")
    # What a lost answer leaves: the entry sent (sent_at written), applied on the server.
    batch = main.store.take_push_batch(500, world.server.clock.now())
    applied = main.client.push(PushRequest(terminal_id=main.terminal_id, entries=batch))
    assert [r.result for r in applied.results] == ["accepted"]
    assert main.store.has_unanswered()
    assert main.services.lookup.card(card.card_id).points_balance == 80

    status = main.sync()
    assert status.state == "online"
    assert main.states() == {SyncState.ACCEPTED.value: 3}
    shown = main.services.lookup.card(card.card_id)
    assert (shown.points_balance, shown.pending_points) == (80, 0)
    station.sync()
    assert_converged(world.server, main, station)
