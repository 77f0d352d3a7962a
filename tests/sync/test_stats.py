"""`GET /v1/stats`: the company's activity figures over real HTTP, on SQLite and PostgreSQL.

Entries are pushed the way terminals push them; the figures must be what was applied
(accepted or overdraft), for the asking terminal's company only.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sync.client import AuthExpired, Rejected, SyncClient
from sync.protocol import ErrorBody, StatsResponse
from sync.server.db import init_database, make_engine, make_read_sessionmaker, make_sessionmaker
from sync.server.stats import company_stats, figures_query
from tests.sync.conftest import START, Term, World

DAY = timedelta(days=1)
ZERO = {
    "stamps_given": 0,
    "points_earned": 0,
    "points_redeemed": 0,
    "rewards_redeemed": 0,
    "enrollments": 0,
}


def _figures(**counts: int) -> dict[str, int]:
    return {**ZERO, **counts}


def _at(moment: datetime) -> str:
    return moment.isoformat()


def _stats(term: Term, since: datetime) -> dict[str, Any]:
    answer = term.http.get("/v1/stats", params={"since": _at(since)})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _results(answer: dict[str, Any]) -> list[str]:
    return [result["result"] for result in answer["results"]]


def _busy_day(world: World) -> tuple[Term, Term, Term]:
    """Company A's two stores and company B's, a few days after START (the server clock
    is moved on: entries are dated in the rules' lifetime)."""
    clock = world.server.clock
    clock.set(START + 3 * DAY)
    main = world.server.activate(world.vendor_a1)
    station = world.server.activate(world.vendor_a2, "Kiosk")
    other = world.server.activate(world.vendor_b1, "B till")
    return main, station, other


def test_the_figures_are_what_was_applied_per_store_and_per_utc_day(world: World) -> None:
    main, station, other = _busy_day(world)
    day1, day2, day3 = START + DAY, START + 2 * DAY, START + 3 * DAY
    # Main Street: 2 enrollments and a stamp on day 1, a purchase and a redemption on day 2.
    first = main.enroll()
    second = main.enroll()
    assert (
        _results(
            main.push(
                [
                    main.entry("STAMP_EARNED", first, stamps_delta=1, transaction_at=_at(day1)),
                    main.entry("STAMP_EARNED", second, stamps_delta=2, transaction_at=_at(day1)),
                    main.entry(
                        "POINTS_EARNED",
                        first,
                        points_delta=120,
                        purchase_amount=12000,
                        transaction_at=_at(day2),
                    ),
                    main.entry(
                        "POINTS_REDEEMED",
                        first,
                        points_delta=-100,
                        reward_id=1,
                        transaction_at=_at(day2),
                    ),
                ]
            )
        )
        == ["accepted"] * 4
    )
    # The station spends what the card no longer has: an overdraft, applied and counted.
    overdraft = station.push(
        [
            station.entry(
                "POINTS_REDEEMED", first, points_delta=-100, reward_id=1, transaction_at=_at(day3)
            )
        ]
    )
    assert _results(overdraft) == ["overdraft"]
    # Rejected entries moved nothing and count nowhere: a card of another company, an
    # unknown card.
    rejected = station.push(
        [
            station.entry("POINTS_EARNED", "0" * 8 + "-0000-4000-8000-" + "0" * 12, points_delta=7),
            station.entry("STAMP_EARNED", "1" * 8 + "-0000-4000-8000-" + "0" * 12, stamps_delta=1),
        ]
    )
    assert _results(rejected) == ["rejected", "rejected"]
    # Company B's busy day is its own.
    card_b = other.enroll()
    other.push([other.entry("STAMP_EARNED", card_b, stamps_delta=3)])
    other.push([other.entry("POINTS_EARNED", card_b, points_delta=40, purchase_amount=4000)])

    body = _stats(main, START)

    StatsResponse.model_validate(body)
    # The enrollments are dated START (the entries' default), day 0.
    assert body["company"] == _figures(
        stamps_given=3, points_earned=120, points_redeemed=200, rewards_redeemed=2, enrollments=2
    )
    stores = {store["vendor_id"]: store for store in body["stores"]}
    assert set(stores) == {world.vendor_a1, world.vendor_a2}
    assert stores[world.vendor_a1]["vendor_name"] == "A Main Street"
    assert stores[world.vendor_a1]["figures"] == _figures(
        stamps_given=3, points_earned=120, points_redeemed=100, rewards_redeemed=1, enrollments=2
    )
    assert stores[world.vendor_a2]["figures"] == _figures(points_redeemed=100, rewards_redeemed=1)
    assert [day["day"] for day in body["days"]] == [
        (START + n * DAY).date().isoformat() for n in range(4)
    ]
    assert [day["figures"] for day in body["days"]] == [
        _figures(enrollments=2),
        _figures(stamps_given=3),
        _figures(points_earned=120, points_redeemed=100, rewards_redeemed=1),
        _figures(points_redeemed=100, rewards_redeemed=1),  # the station's overdraft
    ]
    assert body["server_time"].startswith(day3.date().isoformat())

    # Company B sees only its own.
    theirs = _stats(other, START)
    assert theirs["company"] == _figures(stamps_given=3, points_earned=40, enrollments=1)
    assert [store["vendor_id"] for store in theirs["stores"]] == [world.vendor_b1]


def test_since_cuts_the_period_and_welcome_bonuses_are_not_purchases(world: World) -> None:
    main, _station, _other = _busy_day(world)
    card = main.enroll()  # at START, with its 50-point welcome bonus
    main.push(
        [
            main.entry(
                "POINTS_EARNED",
                card,
                points_delta=30,
                purchase_amount=3000,
                transaction_at=_at(START + 2 * DAY),
            )
        ]
    )

    body = _stats(main, START + DAY)

    assert body["company"] == _figures(points_earned=30)
    assert len(body["days"]) == 3  # days 1, 2, 3
    assert _stats(main, START)["company"] == _figures(points_earned=30, enrollments=1)


def test_a_store_without_activity_is_listed_with_zeros(world: World) -> None:
    main, _station, _other = _busy_day(world)
    body = _stats(main, START + 3 * DAY - timedelta(hours=1))
    assert [store["figures"] for store in body["stores"]] == [ZERO, ZERO]
    assert body["company"] == ZERO
    assert len(body["days"]) == 1


@pytest.mark.parametrize(
    ("since", "code"),
    [
        ("2026-03-04T09:00:00", "invalid_request"),  # no offset: which moment?
        ("yesterday", "invalid_request"),
        ("", "invalid_request"),
        ("2026-03-05T09:30:00+00:00", "since_in_future"),  # beyond the 10 minutes of skew
        ("2025-01-01T00:00:00Z", "since_too_old"),  # over 400 days back
        ("0001-01-01T00:00:00+00:00", "since_too_old"),
        ("9999-12-31T23:00:00-05:00", "invalid_request"),  # out of range once in UTC
    ],
)
def test_a_bad_since_is_refused_with_its_reason(world: World, since: str, code: str) -> None:
    main, _station, _other = _busy_day(world)
    answer = main.http.get("/v1/stats", params={"since": since})
    assert answer.status_code == 422, answer.text
    assert ErrorBody.model_validate(answer.json()).error == code


def test_since_is_required_and_a_little_skew_is_tolerated(world: World) -> None:
    main, _station, _other = _busy_day(world)
    missing = main.http.get("/v1/stats")
    assert missing.status_code == 422
    assert missing.json()["error"] == "invalid_request"
    # A terminal clock a few minutes ahead asks from "its" midnight: still answered.
    ahead = world.server.clock.now() + timedelta(minutes=5)
    assert _stats(main, ahead)["company"] == ZERO
    # 400 days back is the limit, included.
    assert _stats(main, world.server.clock.now() - timedelta(days=400))["company"] == _figures()


def test_without_a_token_or_with_a_revoked_one_nothing_is_told(world: World) -> None:
    main, _station, _other = _busy_day(world)
    since = {"since": _at(START)}
    for client in (world.server.client(), world.server.client("not-a-token")):
        answer = client.get("/v1/stats", params=since)
        assert answer.status_code == 401
        assert answer.json()["error"] == "unauthorized"
    no_version = world.server.client(main.token, version=None).get("/v1/stats", params=since)
    assert no_version.status_code == 400


def test_the_sync_client_reads_the_figures(world: World) -> None:
    main, _station, _other = _busy_day(world)
    main.enroll()
    with SyncClient(world.server.url, token=main.token) as client:
        answer = client.stats(START, deadline=5.0)
        assert answer.company.enrollments == 1
        assert answer.since == START
        with pytest.raises(Rejected) as refused:
            client.stats(START - timedelta(days=500))
        assert refused.value.code == "since_too_old"
        with pytest.raises(ValueError, match="naive"):
            client.stats(START.replace(tzinfo=None))
    with SyncClient(world.server.url, token="revoked") as client, pytest.raises(AuthExpired):
        client.stats(START)


def test_the_scan_reads_the_company_time_index(tmp_path: Path) -> None:
    """SQLite: the period's entries through (company_id, transaction_at), never the whole
    ledger. (PostgreSQL's plan depends on its statistics; measured in the report.)"""
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        init_database(engine)
        query = figures_query(1, datetime(2026, 3, 1, tzinfo=UTC))
        sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
        with engine.connect() as connection:
            statement = str(connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all())
        assert "ix_ledger_entries_company_time" in statement
    finally:
        engine.dispose()


def test_the_figures_are_read_without_the_write_lock(tmp_path: Path) -> None:
    """SQLite: a push may commit while the figures are being read (WAL reader, DEFERRED)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        init_database(engine)
        now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        with make_read_sessionmaker(engine)() as reading:
            company_stats(reading, 1, now - DAY, now)  # the read transaction is open
            with make_sessionmaker(engine).begin() as writing:
                writing.execute(text("INSERT INTO companies (id, name) VALUES (9, 'Meanwhile')"))
            assert company_stats(reading, 9, now - DAY, now).stores == []
    finally:
        engine.dispose()


def test_a_since_just_past_midnight_ahead_of_the_server_is_answered(world: World) -> None:
    """A terminal clock a few minutes ahead asks from its midnight, still yesterday here."""
    world.server.clock.set(datetime(2026, 3, 5, 23, 55, tzinfo=UTC))
    main = world.server.activate(world.vendor_a1)
    body = _stats(main, datetime(2026, 3, 6, 0, 2, tzinfo=UTC))
    assert body["company"] == ZERO
    assert [day["day"] for day in body["days"]] == ["2026-03-05"]
