"""Sync engine benchmark: initial pull, queue drain, online authorisation, counter latency.

    cd /work/main && .venv/bin/python -m tests.bench.bench_sync [--cards 100000,1000000]
        [--drain 10000] [--authorize 200] [--json bench-results/sync.json]

The central server is the real app under uvicorn in its own process on 127.0.0.1 (SQLite,
WAL, synchronous=FULL; tests/bench/bench_server.py's harness). The terminal is the real
thing in this process: its local SQLite file (synchronous=FULL), the sync engine, the HTTP
client, the counter services. Timed with time.perf_counter, each figure beside a baseline
measured in the same run:

- initial pull: --cards customers and cards on the server; a newly activated terminal
  pulls the company from no cursor to the end with nobody at the counter (pages of 5,000
  rows, each page and its cursor one local transaction, the cards indexed for search).
  Baseline: the same customers, cards and search rows inserted raw into an empty terminal
  database (sqlite3, executemany, one transaction). Goals (issue 9): >= 50% of raw;
  1,000,000 cards in < 60 s.
- drain: --drain pending entries (earns, written by the counter services) pushed in batches
  of 500 until none is left. Goal: < 10 s for 10,000.
- authorize: --authorize redemptions asked online one after the other (the customer waits):
  the service's whole call, p50 / p95 / max.
- counter while pulling: earn operations every few milliseconds on the counter's thread while
  the engine's thread pulls the largest chain (each operation triggers the engine, as the
  app does: pages of 100 rows while the counter works): their latency p50 / p99 / max
  (goal: p99 < 50 ms). Baseline: the same operations with the engine idle.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.server import admin
from sync.server.db import init_database, make_sessionmaker
from sync.server.models import Program
from terminal.domain.clock import ManualClock
from terminal.services.bundle import counter_services
from terminal.services.syncing.store import TerminalSyncStore, save_activation
from terminal.services.views import Actor
from terminal.store.models import Reward
from terminal.store.schema import open_current
from terminal.store.search import search_body
from tests.bench.bench_server import (
    NOW,
    Chain,
    Database,
    _activate,
    bulk_insert_cards,
    bulk_rows,
    open_database,
    serving,
)

PIN = "2580"
PULL_SHARE_GOAL, MILLION_SECONDS_GOAL, DRAIN_GOAL_S, COUNTER_P99_GOAL_MS = 0.5, 60.0, 10.0, 50.0


def _chain(db: Database) -> Chain:
    sessions = make_sessionmaker(db.engine)
    init_database(db.engine)
    with sessions.begin() as session:
        company = admin.create_company(session, "Bench", NOW - timedelta(days=2))
        vendor = admin.create_vendor(session, company.id, "Bench store", NOW, country="FR")
        staff = admin.create_staff(session, company.id, "Bench cashier", PIN, NOW)
        program = session.query(Program).filter_by(company_id=company.id).one()
        return Chain(
            company.id,
            vendor.id,
            program.id,
            staff.id,
            program.points_per_currency_unit,
            program.welcome_bonus_points,
        )


class _Terminal:
    def __init__(self, url: str, db: Database, chain: Chain, folder: Path, name: str) -> None:
        sessions = make_sessionmaker(db.engine)
        answer = _activate(url, sessions, chain.vendor_id)
        self.clock = ManualClock(NOW)
        self.database = open_current(folder / f"{name}.db", idle_checkpoints=True)  # as the app
        from sync.protocol import ActivateResponse

        save_activation(
            self.database, ActivateResponse.model_validate(answer), url, self.clock.now()
        )
        self.client = SyncClient(url, token=answer["token"], timeout=60)
        self.statuses: list[Any] = []
        self.engine = SyncEngine(
            TerminalSyncStore(self.database),
            self.client,
            clock=self.clock,
            on_status=self.statuses.append,
        )
        self.services = counter_services(self.database, self.clock, authorizer=self.engine)
        self.actor = Actor(chain.staff_id, PIN)

    def close(self) -> None:
        self.engine.stop()
        self.client.close()
        self.database.dispose()


def raw_terminal_insert(folder: Path, customers: list[Any], cards: list[Any]) -> float:
    """The pulled rows, inserted raw into an empty terminal database: seconds."""
    path = folder / f"raw-terminal-{len(cards)}.db"
    open_current(path).dispose()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("INSERT INTO companies (id, name) VALUES (1, 'Bench')")
    connection.execute(
        "INSERT INTO vendors (id, company_id, name, timezone, country, is_active) "
        "VALUES (1, 1, 'Bench store', 'UTC', 'FR', 1)"
    )
    connection.execute(
        "INSERT INTO loyalty_programs (id, company_id, name, program_type, is_active, "
        "stamps_target, stamps_reward_description, max_daily_stamps, stamp_cooldown_minutes, "
        "points_per_currency_unit, minimum_redemption_points, welcome_bonus_points, "
        "points_expiration_days) VALUES (1, 1, 'P', 'hybrid', 1, 10, '', 3, 5, 1, 100, 50, 0)"
    )
    customer_rows = [(i + 1, *row[:2], *row[2:6], row[6]) for i, row in enumerate(customers)]
    card_rows = [
        (i + 1, card[0], 1, i + 1, 1, card[4], card[5], 1, 1, 3, 3, 0, 120, 120, 0, card[16],
         card[17], card[18], 3, 120, card[18])
        for i, card in enumerate(cards)
    ]  # fmt: skip
    search_rows = [
        (i + 1, search_body(c[2], c[3], c[4], c[5], card[4]))
        for i, (c, card) in enumerate(zip(customers, cards, strict=True))
    ]
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO customers (id, uuid, company_id, first_name, last_name, email, phone, "
        "created_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
        [(r[0], r[1], r[3], r[4], r[5], r[6], r[7]) for r in customer_rows],
    )
    connection.executemany(
        "INSERT INTO loyalty_cards (id, uuid, company_id, customer_id, program_id, card_number, "
        "qr_code_data, enrolled_at_vendor_id, is_active, stamp_count, total_stamps_earned, "
        "stamps_redeemed, points_balance, total_points_earned, points_redeemed, "
        "last_activity_at, created_at, updated_at, confirmed_stamp_count, "
        "confirmed_points_balance, confirmed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        card_rows,
    )
    connection.executemany("INSERT INTO card_search (rowid, body) VALUES (?, ?)", search_rows)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def bench_pull(
    url: str, db: Database, chain: Chain, folder: Path, n: int, rows: list[list[Any]]
) -> dict[str, Any]:
    """`n` more cards on the server (`rows`: every bulk card so far, grown here); a new
    terminal pulls the whole chain."""
    customers, cards = bulk_rows(db, chain, n)
    bulk_insert_cards(db, customers, cards)
    rows[0] += customers
    rows[1] += cards
    raw_s = raw_terminal_insert(folder, rows[0], rows[1])
    terminal = _Terminal(url, db, chain, folder, f"pull-{n}")
    try:
        started = time.perf_counter()
        status = terminal.engine.run_once()
        seconds = time.perf_counter() - started
        assert status.state == "online", status
        with terminal.database.reader() as session:
            from sqlalchemy import func

            from terminal.store.models import LoyaltyCard

            pulled = session.scalar(select(func.count()).select_from(LoyaltyCard))
    finally:
        terminal.close()
    assert pulled >= len(rows[1]), (pulled, len(rows[1]))
    return {
        "cards": pulled,
        "seconds": seconds,
        "rate": pulled / seconds,
        "raw_seconds": raw_s,
        "raw_rate": len(rows[1]) / raw_s,
        "share_of_raw": raw_s / seconds,
        "pages": sum(1 for s in terminal.statuses if s.pulling is not None) + 1,
    }


def bench_drain(url: str, db: Database, chain: Chain, folder: Path, n: int) -> dict[str, Any]:
    terminal = _Terminal(url, db, chain, folder, "drain")
    try:
        terminal.engine.run_once()
        card = terminal.services.enroll.enroll(
            terminal.actor, first_name="Drain", last_name="Bench", email="drain@example.com"
        ).card
        earn = terminal.services.points.earn
        for _ in range(n - 2):
            earn(terminal.actor, card.card_id, "10.00")
        started = time.perf_counter()
        status = terminal.engine.run_once()
        seconds = time.perf_counter() - started
        assert status.pending == 0, status
    finally:
        terminal.close()
    return {"entries": n, "seconds": seconds, "rate": n / seconds}


def bench_authorize(url: str, db: Database, chain: Chain, folder: Path, n: int) -> dict[str, Any]:
    terminal = _Terminal(url, db, chain, folder, "authorize")
    try:
        terminal.engine.run_once()
        card = terminal.services.enroll.enroll(
            terminal.actor, first_name="Ask", last_name="Bench", email="ask@example.com"
        ).card
        for _ in range(n // 90 + 1):  # 100 points a redemption; at most 10,000.00 a purchase
            terminal.services.points.earn(terminal.actor, card.card_id, "9000")
        terminal.engine.run_once()
        with terminal.database.reader() as session:
            pastry = session.scalars(select(Reward.id).where(Reward.points_cost == 100)).one()
        times = []
        for _ in range(n):
            started = time.perf_counter()
            terminal.services.points.redeem(terminal.actor, card.card_id, pastry)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        terminal.close()
    return _latency(times)


def bench_counter_while_pulling(
    url: str, db: Database, chain: Chain, folder: Path, operations: int
) -> dict[str, Any]:
    """The largest chain is already on the server (bench_pull ran); a new terminal pulls it
    while the counter earns on a card of its own."""
    terminal = _Terminal(url, db, chain, folder, "busy")
    try:
        # The first small page (the catalogue comes first in a snapshot): the counter can
        # work from here on, while the rest of the chain comes down.
        first = terminal.client.changes(None, 50)
        TerminalSyncStore(terminal.database).save_page(first, terminal.clock.now())
        card = terminal.services.enroll.enroll(
            terminal.actor, first_name="Busy", last_name="Bench", email="busy@example.com"
        ).card
        earn = terminal.services.points.earn

        def timed(count: int) -> list[float]:
            times = []
            for _ in range(count):
                started = time.perf_counter()
                earn(terminal.actor, card.card_id, "5.00")
                times.append((time.perf_counter() - started) * 1000)
                terminal.engine.trigger()  # as the app does after each counter operation
                time.sleep(0.005)  # a busy counter, not a loop hammering the database
            return times

        idle = timed(operations)
        pulling = threading.Thread(target=terminal.engine.run_once)
        pulling.start()
        busy: list[float] = []
        while pulling.is_alive():
            busy += timed(20)
        pulling.join()
    finally:
        terminal.close()
    return {"idle": _latency(idle), "pulling": _latency(busy)}


def _latency(times: list[float]) -> dict[str, Any]:
    ordered = sorted(times)
    return {
        "n": len(ordered),
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[int(len(ordered) * 0.95) - 1],
        "p99_ms": ordered[max(int(len(ordered) * 0.99) - 1, 0)],
        "max_ms": ordered[-1],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Each chain size on its own server database; drain and authorisation on the first,
    the counter's latency while the largest one is pulled."""
    sizes = [int(size) for size in args.cards.split(",") if size]
    results: dict[str, Any] = {"pull": []}
    for index, size in enumerate(sizes):
        with (
            tempfile.TemporaryDirectory(prefix="bench-sync-") as folder,
            open_database("sqlite", Path(folder), "") as db,
        ):
            chain = _chain(db)
            with serving(db) as url:
                if index == 0:
                    results["drain"] = bench_drain(url, db, chain, Path(folder), args.drain)
                    results["authorize"] = bench_authorize(
                        url, db, chain, Path(folder), args.authorize
                    )
                pull = bench_pull(url, db, chain, Path(folder), size, [[], []])
                pull["cards_in_chain"] = size
                results["pull"].append(pull)
                print(f"pulled {pull['cards']:,} cards in {pull['seconds']:.1f} s", flush=True)
                if index == len(sizes) - 1:
                    results["counter"] = bench_counter_while_pulling(
                        url, db, chain, Path(folder), args.counter
                    )
    return results


def table(results: dict[str, Any]) -> str:
    lines = ["| measure | figure | baseline / goal |", "|---|---|---|"]
    for pull in results["pull"]:
        lines.append(
            f"| initial pull of a chain of {pull['cards']:,} cards "
            f"| {pull['rate']:,.0f} cards/s, {pull['seconds']:.1f} s "
            f"| raw insert {pull['raw_rate']:,.0f} cards/s: {pull['share_of_raw']:.0%} of raw "
            f"(goal >= 50%) |"
        )
    drain = results["drain"]
    lines.append(
        f"| drain of {drain['entries']:,} pending entries | {drain['seconds']:.1f} s "
        f"({drain['rate']:,.0f} entries/s) | goal < {DRAIN_GOAL_S:.0f} s |"
    )
    ask = results["authorize"]
    lines.append(
        f"| online redemption (whole call), {ask['n']} | p50 {ask['p50_ms']:.1f} ms, "
        f"p95 {ask['p95_ms']:.1f} ms, max {ask['max_ms']:.1f} ms | deadline 1,500 ms |"
    )
    idle, busy = results["counter"]["idle"], results["counter"]["pulling"]
    lines.append(
        f"| counter earn during the initial pull, {busy['n']} | p50 {busy['p50_ms']:.1f} ms, "
        f"p99 {busy['p99_ms']:.1f} ms, max {busy['max_ms']:.1f} ms "
        f"| engine idle: p50 {idle['p50_ms']:.1f} ms, p99 {idle['p99_ms']:.1f} ms; "
        f"goal p99 < {COUNTER_P99_GOAL_MS:.0f} ms |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", default="100000,1000000")
    parser.add_argument("--drain", type=int, default=10_000)
    parser.add_argument("--authorize", type=int, default=200)
    parser.add_argument("--counter", type=int, default=200)
    parser.add_argument("--json", type=Path, default=Path("bench-results/sync.json"))
    args = parser.parse_args(argv)
    results = run(args)
    print(table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
