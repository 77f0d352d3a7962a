"""The Activity view's company figures: real terminals, the real server over loopback
(SQLite and PostgreSQL), through the port app.py wires (the sync engine)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.domain.activity import ActivityFigures
from terminal.services.activity import ActivityService
from terminal.services.bundle import counter_services
from tests.sync.conftest import World
from tests.sync.network import Network
from tests.sync.terminals import SyncedTerminal, make_terminal


@pytest.fixture
def network() -> Iterator[Network]:
    wire = Network()
    yield wire
    wire.close()


@pytest.fixture
def tills(
    world: World, tmp_path: Path, network: Network
) -> Iterator[tuple[SyncedTerminal, SyncedTerminal]]:
    """Main Street's till (behind a network the test can cut) and the station's."""
    made = [
        make_terminal(
            world.server, world.vendor_a1, tmp_path, "main", world.staff_a, transport=network
        ),
        make_terminal(world.server, world.vendor_a2, tmp_path, "station", world.staff_a),
    ]
    yield made[0], made[1]
    for till in made:
        till.close()


def _activity(till: SyncedTerminal) -> ActivityService:
    """The till's Activity service as app.py wires it: the sync engine as its port."""
    return counter_services(till.database, till.clock, company_figures=till.engine).activity


def test_the_company_figures_come_from_the_server(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    main.enroll_card("ada@example.com", earn="60")
    station.enroll_card("bea@example.com", earn="25")
    station.enroll_card("cy@example.com", earn="10")
    # Company B is another company: never in A's figures.
    other = world.server.activate(world.vendor_b1, "B till")
    other.enroll()

    view = _activity(main).activity(7)

    assert view.store == ActivityFigures(points_earned=60, enrollments=1)  # the local ledger
    assert view.company_unavailable_reason is None
    company = view.company
    assert company is not None
    assert company.total == ActivityFigures(points_earned=95, enrollments=3)
    assert company.since == view.since  # the same moments as the store's figures
    assert str(company.as_of.tzinfo) == "Europe/Paris"  # store time
    assert [(s.vendor_id, s.figures) for s in company.stores] == [
        (world.vendor_a1, ActivityFigures(points_earned=60, enrollments=1)),
        (world.vendor_a2, ActivityFigures(points_earned=35, enrollments=2)),
    ]
    assert sum((day.figures for day in company.utc_days), ActivityFigures()) == company.total
    assert company.utc_days[-1].day == world.server.clock.now().date()


def test_offline_the_local_figures_stand_alone(
    tills: tuple[SyncedTerminal, SyncedTerminal], network: Network
) -> None:
    main, _station = tills
    main.enroll_card()
    network.down = True
    # The engine still believes it is online: the request fails at once, the view stands.
    view = _activity(main).activity(1)
    assert view.company is None
    assert view.company_unavailable_reason == "offline"
    assert view.store == ActivityFigures(points_earned=60, enrollments=1)
    # Once a cycle saw the network down, the server is not even asked.
    assert main.sync().state == "offline"
    asked = len(network.requests)
    view = _activity(main).activity(30)
    assert view.company_unavailable_reason == "offline"
    assert len(network.requests) == asked
    network.down = False
    assert main.sync().state == "online"
    assert _activity(main).activity(30).company is not None


def test_a_refused_token_says_so(tills: tuple[SyncedTerminal, SyncedTerminal]) -> None:
    main, _station = tills
    main.client.set_token("not-this-terminals-token")
    view = _activity(main).activity(7)
    assert view.company is None
    assert view.company_unavailable_reason == "auth_expired"
