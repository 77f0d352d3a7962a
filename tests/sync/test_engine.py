"""The sync engine end to end: real terminals (SQLite files, the counter services) and the
real central server over loopback, SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text

from sync.protocol import PushRequest
from sync.server import admin
from terminal.domain.ledger import SyncState
from terminal.services.syncing.store import save_activation
from terminal.store.models import Reward, SyncConflict
from tests.services.helpers import search_cards
from tests.sync.conftest import LiveServer, World
from tests.sync.network import Network
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
    assert search_cards(station, "lovelace").rows  # indexed for search

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


def _reward(till: SyncedTerminal, cost: int) -> int:
    with till.database.reader() as session:
        return session.scalars(select(Reward.id).where(Reward.points_cost == cost)).one()


def _conflicts(till: SyncedTerminal) -> list[tuple[str, str | None]]:
    with till.database.reader() as session:
        return [
            (row.kind, row.code)
            for row in session.scalars(select(SyncConflict).order_by(SyncConflict.id))
        ]


def test_two_stores_spending_the_same_points_offline_is_an_overdraft_shown_to_a_manager(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    card = main.services.enroll.enroll(
        main.actor, first_name="Di", last_name="Ng", email="di@example.com"
    ).card
    main.services.points.earn(main.actor, card.card_id, "60")  # 50 + 60 = 110
    main.sync()
    station.sync()
    pastry = _reward(station, 100)
    main.services.points.redeem(main.actor, card.card_id, pastry)
    station.services.points.redeem(station.actor, card.card_id, pastry)

    main.sync()
    status = station.sync()
    assert status.conflicts == 1
    assert _conflicts(station) == [("overdraft", "overdraft")]
    assert station.states()[SyncState.OVERDRAFT.value] == 1
    main.sync()
    for till in (main, station):
        shown = till.services.lookup.card(card.card_id)
        assert (shown.points_balance, shown.pending_points) == (-90, 0)
    assert_converged(world.server, main, station)


def test_an_enrollment_of_a_known_customer_is_merged_and_its_card_keeps_working(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, station = tills
    first = main.services.enroll.enroll(
        main.actor, first_name="Cy", last_name="Ro", email="cy@example.com"
    ).card
    second = station.services.enroll.enroll(
        station.actor, first_name="Cy", last_name="Ro", email="cy@example.com"
    ).card
    station.services.points.earn(station.actor, second.card_id, "20")
    main.sync()
    status = station.sync()

    assert sorted(_conflicts(station)) == [
        ("merged", None),
        ("rejected", "welcome_bonus_already_granted"),
    ]
    assert status.conflicts == 2
    assert station.card(second.card_id) is None  # its history moved to the customer's card
    merged = station.services.lookup.by_scan(second.qr_token)
    assert merged.card_id == first.card_id
    assert merged.points_balance == 70  # first card's welcome bonus + the 20 earned
    history = station.services.lookup.history(first.card_id)
    # This till's three entries (its enrollment, the refused bonus, the earn), on the one card.
    assert len(history.entries) == 3
    main.sync()
    assert main.services.lookup.by_scan(second.qr_token).card_id == first.card_id
    assert_converged(world.server, main, station)


def test_a_revoked_token_keeps_the_counter_working_and_the_queue_until_reactivation(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal]
) -> None:
    main, _station = tills
    server = world.server
    card = main.services.enroll.enroll(
        main.actor, first_name="Ed", last_name="Ok", email="ed@example.com"
    ).card
    main.sync()
    with server.sessions.begin() as session:
        admin.revoke_terminal(session, main.terminal_id, actor="test", now=server.clock.now())
    main.services.points.earn(main.actor, card.card_id, "10")

    status = main.sync()
    assert status.state == "auth_expired"
    assert status.error_kind == "auth_expired"
    assert status.pending == 1
    main.services.points.earn(main.actor, card.card_id, "5")  # the counter goes on
    assert main.sync().pending == 2  # and nothing is sent until re-activation

    answer = main.client.activate(server.activation_code(world.vendor_a1), "main again")
    save_activation(main.database, answer, server.url, server.clock.now())
    main.engine.set_token(answer.token)
    status = main.sync()
    assert status.state == "online"
    assert status.pending == 0
    assert main.services.lookup.card(card.card_id).points_balance == 65
    assert_converged(server, main)


def test_offline_keeps_everything_and_a_lost_answer_settles_once(
    world: World, tmp_path: Path
) -> None:
    network = Network()
    till = make_terminal(
        world.server, world.vendor_a1, tmp_path, "wobbly", world.staff_a, transport=network
    )
    try:
        card = till.services.enroll.enroll(
            till.actor, first_name="Fa", last_name="Um", email="fa@example.com"
        ).card
        network.down = True
        status = till.sync()
        assert status.state == "offline"
        assert status.error_kind == "offline"
        assert status.pending == 2
        assert status.retry_in_s is not None
        assert 0 <= status.retry_in_s <= 60

        network.down = False
        network.lose_answers = 1  # the push is applied, its answer lost
        assert till.sync().state == "offline"
        assert till.states() == {SyncState.PENDING.value: 2}
        status = till.sync()
        assert status.state == "online"
        assert status.pending == 0
        assert till.states() == {SyncState.ACCEPTED.value: 2}
        assert till.services.lookup.card(card.card_id).points_balance == 50
        assert_converged(world.server, till)
    finally:
        till.close()
        network.close()


def _enroll_and_sync(till: SyncedTerminal, count: int, name: str) -> None:
    for n in range(count):
        till.services.enroll.enroll(
            till.actor, first_name=name.title(), last_name=f"N{n}", email=f"{name}{n}@example.com"
        )
    till.sync()


def _forget_cursor(till: SyncedTerminal) -> None:
    """The server will send a snapshot again (as for a cursor it no longer knows)."""
    with till.database.write() as session:
        session.execute(text("UPDATE sync_cursor SET cursor = NULL"))


def test_pages_are_big_while_the_counter_is_quiet_and_small_while_it_works(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], tmp_path: Path
) -> None:
    main, _station = tills
    _enroll_and_sync(main, 5, "lu")
    network = Network()
    asked: list[int] = []
    network.before = lambda request: (
        asked.append(int(request.url.params["limit"]))
        if request.url.path.endswith("/changes")
        else None
    )
    now = [1000.0]
    till = make_terminal(
        world.server, world.vendor_a2, tmp_path, "adaptive", world.staff_a,
        transport=network, page_size=3, idle_page_size=40, counter_quiet_s=30.0,
        monotonic=lambda: now[0],
    )  # fmt: skip
    try:
        assert asked
        assert set(asked) == {40}  # activated with nobody at the counter
        assert till.engine.page_size() == 40
        till.engine.trigger()  # a counter operation committed
        assert till.engine.page_size() == 3
        now[0] += 29.9
        assert till.engine.page_size() == 3
        now[0] += 0.2  # quiet for 30 s: big pages again
        assert till.engine.page_size() == 40

        till.engine.trigger()
        _forget_cursor(till)  # a new snapshot, pulled by a busy counter
        asked.clear()
        assert till.sync().state == "online"
        assert len(asked) >= 4
        assert set(asked) == {3}
        assert len(till.balances()) == 5
    finally:
        till.close()
        network.close()


def test_stop_in_the_middle_of_a_pull_saves_the_page_in_hand_and_fails_nothing(
    world: World,
    tills: tuple[SyncedTerminal, SyncedTerminal],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """stop() from another thread (the window closing) while a page is on its way: that
    page is saved with its cursor, no next page is asked for, nothing is logged as failed
    (found by the benchmark: asking ahead after the shutdown raised)."""
    main, _station = tills
    _enroll_and_sync(main, 4, "sto")
    network = Network()
    till = make_terminal(
        world.server, world.vendor_a2, tmp_path, "closing", world.staff_a,
        transport=network, idle_page_size=3,
    )  # fmt: skip
    try:
        _forget_cursor(till)
        asked: list[str] = []

        def close_the_window(request: httpx.Request) -> None:
            if request.url.path.endswith("/changes"):
                asked.append("changes")
                if len(asked) == 1:
                    till.engine.stop()

        network.before = close_the_window
        caplog.clear()
        status = till.sync()
        assert asked == ["changes"]  # the page in hand, nothing asked ahead
        assert status.state == "stopped"
        assert "cycle failed" not in caplog.text
        assert till.store.cursor() is not None  # the page was saved with its cursor
    finally:
        till.close()
        network.close()


def test_the_engine_thread_pushes_after_an_operation_and_stops_twice(
    world: World, tmp_path: Path
) -> None:
    till = make_terminal(
        world.server, world.vendor_a1, tmp_path, "threaded", world.staff_a, debounce_s=0.01
    )
    settled = threading.Event()
    till.engine._on_status = lambda status: settled.set() if status.pushed >= 2 else None
    try:
        till.engine.start()
        till.services.enroll.enroll(
            till.actor, first_name="Gu", last_name="Ko", email="gu@example.com"
        )
        till.engine.trigger()
        assert settled.wait(10), till.engine.status
        assert till.states() == {SyncState.ACCEPTED.value: 2}
    finally:
        till.engine.stop()
        till.engine.stop()
        assert till.engine.status.state == "stopped"
        till.close()


def test_the_initial_pull_reports_its_progress_page_by_page(
    world: World, tills: tuple[SyncedTerminal, SyncedTerminal], tmp_path: Path
) -> None:
    main, _station = tills
    _enroll_and_sync(main, 6, "pat")
    late = make_terminal(
        world.server, world.vendor_a2, tmp_path, "late", world.staff_a, idle_page_size=4
    )
    try:
        progress = [s.pulling for s in late.statuses if s.pulling is not None]
        assert len(progress) >= 3
        assert [p.pages for p in progress] == list(range(1, len(progress) + 1))
        assert all(p.snapshot for p in progress)
        total = progress[0].total
        assert total is not None
        assert total >= 12 + 6  # catalogue, six customers, six cards
        assert [p.rows for p in progress] == sorted(p.rows for p in progress)
        assert progress[-1].rows < total
        assert late.statuses[-1].pulling is None  # done
        assert len(late.balances()) == 6
    finally:
        late.close()
