"""Races between companies on identifiers unique across companies (PostgreSQL).

Entry ids and card QR tokens and numbers are unique server-wide, but each company's pushes
are serialized only by that company's lock. Two companies' pushes could both find an id free
and both insert it: the second insert failed with a unique violation, answered as a 500.
Here the other company's transaction is held open at the moment of the insert (a real
second connection), then committed: the push must answer the reuse like any other.
SQLite serializes every writer (BEGIN IMMEDIATE), so the race cannot happen there.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Connection, func, select, text

from sync.server.models import Card, Customer, LedgerEntry
from tests.sync.conftest import START, Term, World

WAIT_S = 20.0


@pytest.fixture
def pg_world(world: World) -> World:
    if world.server.backend != "postgresql":
        pytest.skip("SQLite serializes every writer: no race between companies there")
    return world


@contextmanager
def held_open(world: World) -> Iterator[Connection]:
    """A transaction of another client, open until the block ends (then committed)."""
    with world.server.engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.commit()


def push_when_blocked(world: World, term: Term, entries: list[dict[str, Any]], holder: Any) -> Any:
    """Push in a thread; once its insert waits on the held transaction's row, commit it."""
    answer: dict[str, Any] = {}

    def run() -> None:
        answer["value"] = term.http.post(
            "/v1/sync/push", json={"terminal_id": term.id, "mode": "queue", "entries": entries}
        )

    pusher = threading.Thread(target=run)
    with held_open(world) as connection:
        holder(connection)
        pusher.start()
        _wait_until_blocked_by(world, connection)
    pusher.join(timeout=WAIT_S)
    assert not pusher.is_alive()
    return answer["value"]


def _wait_until_blocked_by(world: World, holder: Connection) -> None:
    """Until a backend waits for the holder's transaction (the push's insert)."""
    holder_pid = holder.execute(text("SELECT pg_backend_pid()")).scalar_one()
    paced = threading.Event()
    with world.server.engine.connect() as probe:
        for _ in range(int(WAIT_S / 0.02)):
            waiting = probe.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE :p = ANY(pg_blocking_pids(pid))"),
                {"p": holder_pid},
            ).scalar_one()
            probe.rollback()  # pg_stat_activity is a snapshot per transaction: a fresh one
            if waiting:
                return
            paced.wait(0.02)
    raise AssertionError("the push never waited on the other transaction")


def test_the_same_entry_id_in_two_companies_at_once(pg_world: World) -> None:
    world = pg_world
    till_a = world.server.activate(world.vendor_a1)
    card_id = till_a.enroll()
    clash = str(uuid.uuid4())
    earn = till_a.entry("POINTS_EARNED", card_id, points_delta=5, purchase_amount=500)
    earn["id"] = clash

    def other_company_inserts(connection: Connection) -> None:
        connection.execute(
            LedgerEntry.__table__.insert().values(
                id=clash,
                company_id=world.company_b,
                card_id=str(uuid.uuid4()),
                type="POINTS_EXPIRED",
                stamps_delta=0,
                points_delta=0,
                shortfall=0,
                authorized_online=True,
                transaction_at=START,
                received_at=START,
                result="accepted",
                content_hash="x" * 64,
                flagged=False,
            )
        )

    answer = push_when_blocked(world, till_a, [earn], other_company_inserts)
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert (result["result"], result["code"]) == ("conflict", "id_conflict")
    with world.server.sessions.begin() as session:
        card = session.get(Card, card_id)
        assert card is not None
        assert card.points_balance == 50  # the clashing earn moved nothing
    # The terminal's queue goes on: the seq is still free for its next entry.
    till_a.seq -= 1
    again = till_a.entry("POINTS_EARNED", card_id, points_delta=5, purchase_amount=500)
    assert till_a.push([again])["results"][0]["result"] == "accepted"


def test_the_same_qr_token_in_two_companies_at_once(pg_world: World) -> None:
    world = pg_world
    till_a = world.server.activate(world.vendor_a1)
    card_id, entries = till_a.enrollment(bonus=0)
    token = entries[0]["new_card"]["qr_code_data"]

    def other_company_enrolls(connection: Connection) -> None:
        customer_id = str(uuid.uuid4())
        connection.execute(
            Customer.__table__.insert().values(
                id=customer_id, company_id=world.company_b, created_at=START
            )
        )
        program_id = connection.execute(
            text("SELECT id FROM programs WHERE company_id = :c"), {"c": world.company_b}
        ).scalar_one()
        connection.execute(
            Card.__table__.insert().values(
                id=str(uuid.uuid4()),
                company_id=world.company_b,
                customer_id=customer_id,
                program_id=program_id,
                card_number="999999999998",
                qr_code_data=token,
                is_active=True,
                stamp_count=0,
                total_stamps_earned=0,
                stamps_redeemed=0,
                points_balance=0,
                total_points_earned=0,
                points_redeemed=0,
                overdrawn=False,
                created_at=START,
                updated_at=START,
            )
        )

    answer = push_when_blocked(world, till_a, entries, other_company_enrolls)
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert (result["result"], result["code"]) == ("rejected", "card_exists")
    with world.server.sessions.begin() as session:
        assert session.get(Card, card_id) is None
        mine = session.scalar(
            select(func.count()).select_from(Card).where(Card.company_id == world.company_a)
        )
        assert mine == 0
