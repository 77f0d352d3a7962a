"""Several terminals pushing at once: nothing lost, balances equal the ledger."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import func, select

from sync.server.models import Card, LedgerEntry
from tests.sync.conftest import World

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
