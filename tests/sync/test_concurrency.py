"""Several terminals pushing at once: nothing lost, balances equal the ledger."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, or_, select

from sync.server.models import Card, CardAlias, ChangeLog, Customer, LedgerEntry
from tests.sync.conftest import Term, World

PUSHES_PER_TERMINAL = 15


def test_concurrent_pushes_to_one_card_converge(world: World) -> None:
    tills = [world.server.activate(world.vendor_a1, f"Till {n}") for n in range(4)]
    card_id = tills[0].enroll()
    batches = {
        till.id: [
            till.entry("POINTS_EARNED", card_id, points_delta=3, purchase_amount=300)
            for _ in range(PUSHES_PER_TERMINAL)
        ]
        for till in tills
    }
    failures: list[BaseException] = []

    def run(till) -> None:
        try:
            for entry in batches[till.id]:
                assert till.push([entry])["results"][0]["result"] == "accepted"
        except BaseException as err:  # reported to the test thread below
            failures.append(err)

    threads = [threading.Thread(target=run, args=(till,)) for till in tills]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    with world.server.sessions() as session:
        card = session.get(Card, card_id)
        assert card is not None
        assert card.points_balance == 50 + 3 * PUSHES_PER_TERMINAL * len(tills)
        total = session.scalar(
            select(func.sum(LedgerEntry.points_delta)).where(LedgerEntry.card_id == card_id)
        )
        assert total == card.points_balance


def test_tokens_and_codes_never_reach_the_logs(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    code = world.server.activation_code(world.vendor_a1)
    answer = world.server.client().post(
        "/v1/terminals/activate", json={"code": code, "terminal_name": "Till"}
    )
    token = answer.json()["token"]
    client = world.server.client(token)
    client.get("/v1/sync/changes")
    world.server.client("wrong-token").get("/v1/sync/changes")
    assert token not in caplog.text
    assert code not in caplog.text
    assert "wrong-token" not in caplog.text


def _run_together(jobs: list[Callable[[], None]]) -> list[BaseException]:
    """Run `jobs` on threads released at the same moment; the exceptions they raised."""
    failures: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def run(job: Callable[[], None]) -> None:
        try:
            start.wait(timeout=30)
            job()
        except BaseException as err:  # reported to the test thread
            failures.append(err)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return failures


def test_concurrent_activations_get_disjoint_card_number_blocks(world: World) -> None:
    server = world.server
    vendors = [world.vendor_a1, world.vendor_a2, world.vendor_b1] * 2
    codes = [server.activation_code(vendor) for vendor in vendors]
    answers: list[httpx.Response] = []

    def activate(code: str) -> Callable[[], None]:
        def job() -> None:
            answers.append(
                server.client().post(
                    "/v1/terminals/activate", json={"code": code, "terminal_name": "Till"}
                )
            )

        return job

    assert not _run_together([activate(code) for code in codes])
    assert [answer.status_code for answer in answers] == [200] * len(codes), [
        answer.text for answer in answers if answer.status_code != 200
    ]
    blocks = sorted(
        (
            answer.json()["card_number_block"]["first_body"],
            answer.json()["card_number_block"]["last_body"],
        )
        for answer in answers
    )
    for (_, last), (first, _) in itertools.pairwise(blocks):
        assert last < first, blocks


def test_concurrent_enrollments_of_one_customer_make_one_card(world: World) -> None:
    tills = [world.server.activate(world.vendor_a1, f"Till {n}") for n in range(4)]
    pushed: list[dict[str, Any]] = []

    def enroll(till: Term) -> Callable[[], None]:
        def job() -> None:
            _, entries = till.enrollment(email="ada@example.com", bonus=0)
            pushed.append(till.push(entries))

        return job

    assert not _run_together([enroll(till) for till in tills])
    outcomes = [result["result"] for push in pushed for result in push["results"]]
    assert set(outcomes) == {"accepted"}, pushed
    with world.server.sessions() as session:
        customers = session.scalars(
            select(Customer).where(Customer.email == "ada@example.com")
        ).all()
        assert len(customers) == 1
        cards = session.scalar(
            select(func.count()).select_from(Card).where(Card.customer_id == customers[0].id)
        )
        assert cards == 1
        aliases = session.scalar(select(func.count()).select_from(CardAlias))
        assert aliases == len(tills) - 1


def test_pulls_during_concurrent_pushes_never_skip_a_change(world: World) -> None:
    """A terminal pulling while others push receives every change-log row, in seq order."""
    tills = [world.server.activate(world.vendor_a1, f"Till {n}") for n in range(3)]
    reader = world.server.activate(world.vendor_a2, "Reader")
    cards = [till.enroll() for till in tills]
    cursor = None
    page = reader.changes(cursor)
    while page["has_more"]:
        page = reader.changes(page["next_cursor"])
    start_cursor = cursor = page["next_cursor"]
    received: list[tuple[str, str]] = []
    finished: list[str] = []  # appends are atomic

    def writer(till: Term, card_id: str) -> Callable[[], None]:
        def job() -> None:
            try:
                for _ in range(PUSHES_PER_TERMINAL):
                    entry = till.entry(
                        "POINTS_EARNED", card_id, points_delta=1, purchase_amount=100
                    )
                    assert till.push([entry])["results"][0]["result"] == "accepted"
            finally:
                finished.append(till.id)

        return job

    def pull() -> None:
        nonlocal cursor
        while True:
            busy = len(finished) < len(tills)
            page = reader.changes(cursor, limit=7)
            received.extend((change["entity"], change["id"]) for change in page["changes"])
            assert not page["snapshot"]
            cursor = page["next_cursor"]
            if not busy and not page["has_more"]:
                return

    jobs = [writer(till, card) for till, card in zip(tills, cards, strict=True)]
    assert not _run_together([*jobs, pull])
    after = int(start_cursor[1:])
    with world.server.sessions() as session:
        logged = session.execute(
            select(ChangeLog.entity, ChangeLog.entity_id)
            .where(
                ChangeLog.seq > after,
                ChangeLog.company_id == world.company_a,
                or_(ChangeLog.terminal_id.is_(None), ChangeLog.terminal_id == reader.id),
            )
            .order_by(ChangeLog.seq)
        ).all()
    assert received == [tuple(row) for row in logged]
    assert len(received) >= PUSHES_PER_TERMINAL * len(tills)
