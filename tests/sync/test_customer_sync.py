"""A manager's change of a customer's details end to end: real terminals (SQLite files, the
counter services, the sync engine) and the real central server over loopback, SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server.models import Card, Customer
from terminal.domain.errors import CardNotFound
from terminal.domain.ledger import SyncState, TransactionType
from terminal.services.views import Actor, CardView
from tests.services.helpers import search_cards
from tests.sync.conftest import World
from tests.sync.network import Network
from tests.sync.terminals import PIN, SyncedTerminal, make_terminal


@pytest.fixture
def network() -> Iterator[Network]:
    made = Network()
    yield made
    made.close()


@pytest.fixture
def tills(
    world: World, tmp_path: Path, network: Network
) -> Iterator[tuple[SyncedTerminal, SyncedTerminal]]:
    """A till in each of company A's two stores; the first one's network can fail."""
    made = [
        make_terminal(
            world.server, world.vendor_a1, tmp_path, "main", world.staff_a, transport=network
        ),
        make_terminal(world.server, world.vendor_a2, tmp_path, "station", world.staff_a),
    ]
    yield made[0], made[1]
    for till in made:
        till.close()


def _manager(world: World) -> Actor:
    return Actor(world.manager_a, PIN)


def _edit(
    till: SyncedTerminal,
    world: World,
    card_id: str,
    *,
    first_name: str = "Ida",
    last_name: str = "Pan",
    email: str | None = "ida@example.com",
    phone: str | None = None,
) -> CardView:
    """The card's customer changed by company A's manager at `till`."""
    return till.services.customers.update_customer(
        _manager(world),
        card_id,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
    ).card


def _server_customer(world: World, card_id: str) -> tuple[str, str, str | None, str | None]:
    with world.server.sessions.begin() as session:
        customer = session.scalars(
            select(Customer).join(Card, Card.customer_id == Customer.id).where(Card.id == card_id)
        ).one()
        return customer.first_name, customer.last_name, customer.email, customer.phone


def _pull_only(till: SyncedTerminal) -> None:
    """The pull half of a cycle, with nothing pushed first."""
    for _ in range(100):
        page = till.client.changes(till.store.cursor(), 500)
        till.store.save_page(page, till.clock.now())
        if not page.has_more:
            return
    raise AssertionError("changes never ended")


def test_a_change_at_one_store_is_found_by_its_new_email_at_the_other(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    card_id = main.enroll_card(email="ida@example.com")
    station.sync()
    assert station.services.lookup.by_email("ida@example.com").card_id == card_id

    shown = _edit(main, world, card_id, first_name="Iris", last_name="Nakamura",
                  email="Iris.N@Example.com", phone="06 12 34 56 78")  # fmt: skip
    status = main.sync()

    assert status.state == "online"
    assert status.pending == 0
    assert status.conflicts == 0
    assert main.states() == {SyncState.ACCEPTED.value: 4}
    assert _server_customer(world, card_id) == (
        "Iris",
        "Nakamura",
        "iris.n@example.com",
        "+33612345678",
    )
    station.sync()
    there = station.services.lookup.by_email("IRIS.N@example.com")
    assert there.card_id == card_id
    assert (there.customer_name, there.email, there.phone) == (
        shown.customer_name,
        "iris.n@example.com",
        "+33612345678",
    )
    assert there.points_balance == 110  # the balance counted once, unmoved
    assert station.services.lookup.by_phone("0612345678").card_id == card_id
    assert [c.card_id for c in search_cards(station, "nakamura").rows] == [card_id]
    assert search_cards(station, "ida@ex").rows == []
    with pytest.raises(CardNotFound):
        station.services.lookup.by_email("ida@example.com")
    # What the station knows of the change: only its result (the entry is the main till's).
    assert main.services.lookup.history(card_id).entries[0].type is (
        TransactionType.CUSTOMER_UPDATED
    )


def test_an_offline_change_to_an_email_taken_meanwhile_is_rejected_and_listed(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    main, station = tills
    card_id = main.enroll_card(email="ida@example.com")
    network.down = True
    _edit(main, world, card_id, email="kim@example.com")
    assert main.sync().state == "offline"
    assert main.services.lookup.by_email("kim@example.com").card_id == card_id  # at once

    kim = station.services.enroll.enroll(
        station.actor, first_name="Kim", last_name="Lee", email="kim@example.com"
    ).card
    assert station.sync().pending == 0
    network.down = False
    status = main.sync()

    assert status.state == "online"
    assert status.pending == 0
    assert status.conflicts == 1
    (conflict,) = main.services.conflicts.list_conflicts()
    assert (conflict.kind, conflict.code) == ("rejected", "email_taken")
    assert conflict.entry_type is TransactionType.CUSTOMER_UPDATED
    assert conflict.card_number is not None
    assert conflict.reason
    assert _server_customer(world, card_id)[2] == "ida@example.com"
    # The server sent the customer's details again: the till shows the company's once more.
    assert main.services.lookup.card(card_id).email == "ida@example.com"
    assert main.services.lookup.by_email("kim@example.com").card_id == kim.card_id
    assert [c.card_id for c in search_cards(main, "kim@ex").rows] == [kim.card_id]


def test_an_unsent_change_stands_over_an_older_pulled_one(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    main, station = tills
    card_id = main.enroll_card(email="ida@example.com")
    station.sync()
    network.down = True
    _edit(main, world, card_id, first_name="Mai")  # offline: pending here
    _edit(station, world, card_id, first_name="Noa")
    station.sync()
    network.down = False

    _pull_only(main)  # brings the station's change, which the server took first
    assert main.services.lookup.card(card_id).customer_name == "Mai Pan"
    assert main.sync().pending == 0  # the main till's change reaches the server last
    station.sync()

    assert _server_customer(world, card_id)[0] == "Mai"
    for till in tills:
        assert till.services.lookup.card(card_id).customer_name == "Mai Pan", till.name
        assert [c.card_id for c in search_cards(till, "mai pan").rows] == [card_id]


def test_an_enrollment_whose_answer_was_lost_then_changed_is_sent_again_unchanged(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    """The enrollment reached the server, its answer did not; the manager then corrects
    the name. The enrollment is sent again as it was first sent (a duplicate, not a
    conflict), the change after it."""
    main, station = tills
    card = main.services.enroll.enroll(
        main.actor, first_name="Oli", last_name="Typo", email="oli@example.com"
    ).card
    network.lose_answers = 1
    assert main.sync().state == "offline"
    assert main.states() == {SyncState.PENDING.value: 2}

    _edit(main, world, card.card_id, first_name="Oli", last_name="Tipo", email="oli@example.com")
    status = main.sync()

    assert status.state == "online"
    assert status.conflicts == 0
    assert main.states() == {SyncState.ACCEPTED.value: 3}
    assert _server_customer(world, card.card_id)[:2] == ("Oli", "Tipo")
    station.sync()
    assert station.services.lookup.by_email("oli@example.com").customer_name == "Oli Tipo"
