"""Central server benchmark: push drain and changes paging on SQLite, over real loopback HTTP.

    cd /work/main && .venv/bin/python -m tests.bench.bench_server [--entries 10000]
        [--batch 500] [--cards 100000] [--page 1000] [--json bench-results/server.json]

The server is the real app under uvicorn in a thread, on 127.0.0.1, over a SQLite file in a
temporary directory (WAL, synchronous=FULL, as `loyalty-server serve` runs it). Timed with
time.perf_counter:

- push: one terminal drains --entries pending entries (a few enrollments, then POINTS_EARNED
  entries on those cards) in batches of --batch through POST /v1/sync/push, each batch one
  HTTP call and one server transaction. Goal (QUALITY.md): 10,000 entries in < 10 s, server
  >= 2,000 entries/s.
- changes: a snapshot of --cards cards (customers + cards inserted directly in the server DB
  in bulk) paged through GET /v1/sync/changes with limit --page by a second terminal, from no
  cursor to has_more=false; reported as cards/s.
- raw insert: the time the bulk insert of those same customer and card rows took
  (sqlite3 executemany in one transaction), for comparison.

The table goes to stdout, JSON to bench-results/server.json (--json).
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from sync.protocol import PROTOCOL_HEADER
from sync.server import admin, auth
from sync.server.app import create_app
from sync.server.db import make_engine, make_sessionmaker
from sync.server.models import Vendor
from terminal.domain.cards import card_number_from_body, new_qr_token
from terminal.domain.clock import ManualClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CARDS_PER_ENROLLMENT = 100  # the push run spreads its earns over this many cards
BULK_BODY_BASE = 500_000_000  # card-number bodies for the bulk rows, far from any block


def _start_server(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="bench-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def _activate(url: str, sessions: Any, vendor_id: int, now: datetime) -> dict[str, Any]:
    with sessions.begin() as session:
        vendor = session.get(Vendor, vendor_id)
        code = auth.create_activation_code(session, vendor, now, timedelta(hours=1))
    answer = httpx.post(
        f"{url}/v1/terminals/activate",
        json={"code": code, "terminal_name": "bench"},
        headers={PROTOCOL_HEADER: "1"},
    )
    answer.raise_for_status()
    return answer.json()


def _push_entries(terminal: dict[str, Any], vendor_id: int, total: int) -> list[dict[str, Any]]:
    body = terminal["card_number_block"]["first_body"]
    last = terminal["card_number_block"]["last_body"]
    cards: list[str] = []
    entries: list[dict[str, Any]] = []
    seq = 0

    def add(type_: str, card_id: str, **fields: Any) -> None:
        nonlocal seq
        seq += 1
        entries.append(
            {
                "id": str(uuid.uuid4()),
                "seq": seq,
                "type": type_,
                "card_id": card_id,
                "transaction_at": (START + timedelta(seconds=seq)).isoformat(),
                **fields,
            }
        )

    n_cards = min(max(1, total // CARDS_PER_ENROLLMENT), last - body + 1)
    for index in range(n_cards):
        card_id = str(uuid.uuid4())
        cards.append(card_id)
        add(
            "CARD_CREATED",
            card_id,
            new_card={
                "card_number": card_number_from_body(body + index),
                "qr_code_data": new_qr_token(),
                "customer_id": str(uuid.uuid4()),
                "first_name": "Bench",
                "last_name": f"Customer {index}",
                "email": f"bench{index}@example.com",
                "enrolled_at_vendor_id": vendor_id,
            },
        )
    while len(entries) < total:
        add(
            "POINTS_EARNED",
            cards[len(entries) % len(cards)],
            points_delta=10,
            purchase_amount=1000,
        )
    return entries


def bench_push(
    url: str, terminal: dict[str, Any], vendor_id: int, total: int, batch: int
) -> dict[str, Any]:
    entries = _push_entries(terminal, vendor_id, total)
    headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {terminal['token']}"}
    timings: list[float] = []
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        started = time.perf_counter()
        for offset in range(0, len(entries), batch):
            chunk = entries[offset : offset + batch]
            t0 = time.perf_counter()
            answer = client.post(
                "/v1/sync/push",
                json={"terminal_id": terminal["terminal_id"], "mode": "queue", "entries": chunk},
            )
            timings.append(time.perf_counter() - t0)
            answer.raise_for_status()
            bad = [r for r in answer.json()["results"] if r["result"] != "accepted"]
            if bad:
                raise RuntimeError(f"push refused entries: {bad[:3]}")
        elapsed = time.perf_counter() - started
    return {
        "entries": len(entries),
        "batch": batch,
        "seconds": elapsed,
        "entries_per_s": len(entries) / elapsed,
        "batch_ms_max": max(timings) * 1000,
        "batch_ms_mean": sum(timings) / len(timings) * 1000,
        "goal_met": elapsed < 10 and len(entries) / elapsed >= 2000,
    }


def bulk_insert_cards(db_path: Path, company_id: int, program_id: int, n: int) -> dict[str, Any]:
    now = START.replace(tzinfo=None).isoformat(sep=" ")
    customers = []
    cards = []
    for index in range(n):
        customer_id = str(uuid.uuid4())
        customers.append(
            (
                customer_id,
                company_id,
                "Bulk",
                f"Customer {index}",
                f"bulk{index}@example.com",
                f"5550{index:07d}",
                now,
            )
        )
        cards.append(
            (
                str(uuid.uuid4()),
                company_id,
                customer_id,
                program_id,
                card_number_from_body(BULK_BODY_BASE + index),
                new_qr_token(),
                None,
                None,
                1,
                3,
                3,
                0,
                120,
                120,
                0,
                0,
                now,
                now,
                now,
            )
        )
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO customers (id, company_id, first_name, last_name, email, phone, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        customers,
    )
    connection.executemany(
        "INSERT INTO cards (id, company_id, customer_id, program_id, card_number, qr_code_data,"
        " enrolled_at_vendor_id, created_by_terminal_id, is_active, stamp_count,"
        " total_stamps_earned, stamps_redeemed, points_balance, total_points_earned,"
        " points_redeemed, overdrawn, last_activity_at, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        cards,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return {"cards": n, "seconds": elapsed, "cards_per_s": n / elapsed}


def bench_changes(url: str, terminal: dict[str, Any], page: int) -> dict[str, Any]:
    headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {terminal['token']}"}
    cards = rows = pages = 0
    cursor: str | None = None
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        started = time.perf_counter()
        while True:
            params: dict[str, Any] = {"limit": page}
            if cursor is not None:
                params["cursor"] = cursor
            answer = client.get("/v1/sync/changes", params=params)
            answer.raise_for_status()
            body = answer.json()
            pages += 1
            rows += len(body["changes"])
            cards += sum(1 for change in body["changes"] if change["entity"] == "cards")
            cursor = body["next_cursor"]
            if not body["has_more"]:
                break
        elapsed = time.perf_counter() - started
    return {
        "cards": cards,
        "rows": rows,
        "pages": pages,
        "page_limit": page,
        "seconds": elapsed,
        "cards_per_s": cards / elapsed,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-server-") as folder:
        db_path = Path(folder) / "server.db"
        engine = make_engine(f"sqlite:///{db_path}")
        app = create_app(engine, clock=ManualClock(START), block_size=1000)
        sessions = make_sessionmaker(engine)
        with sessions.begin() as session:
            company = admin.create_company(session, "Bench", START)
            vendor = admin.create_vendor(session, company.id, "Bench store", START, country="FR")
            company_id, vendor_id = company.id, vendor.id
        server, thread, url = _start_server(app)
        try:
            pusher = _activate(url, sessions, vendor_id, START)
            push = bench_push(url, pusher, vendor_id, args.entries, args.batch)
            from sqlalchemy import text

            with engine.connect() as connection:
                program_id = connection.execute(
                    text("SELECT id FROM programs WHERE company_id = :c"), {"c": company_id}
                ).scalar_one()
            raw = bulk_insert_cards(db_path, company_id, program_id, args.cards)
            reader = _activate(url, sessions, vendor_id, START)
            paging = bench_changes(url, reader, args.page)
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            engine.dispose()
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.machine(),
        "push": push,
        "changes": paging,
        "raw_insert": raw,
    }


def _table(result: dict[str, Any]) -> str:
    push, paging, raw = result["push"], result["changes"], result["raw_insert"]
    lines = [
        f"{'measure':<44} {'count':>9} {'seconds':>8} {'rate/s':>10}",
        f"{'push drain (batches of ' + str(push['batch']) + ')':<44} {push['entries']:>9} "
        f"{push['seconds']:>8.2f} {push['entries_per_s']:>10.0f}",
        f"{'changes snapshot paging (cards, limit ' + str(paging['page_limit']) + ')':<44} "
        f"{paging['cards']:>9} {paging['seconds']:>8.2f} {paging['cards_per_s']:>10.0f}",
        f"{'raw SQLite insert (customers + cards)':<44} {raw['cards']:>9} "
        f"{raw['seconds']:>8.2f} {raw['cards_per_s']:>10.0f}",
        f"push goal (10,000 < 10 s, >= 2,000/s): {'met' if push['goal_met'] else 'MISSED'}; "
        f"batch mean {push['batch_ms_mean']:.0f} ms, max {push['batch_ms_max']:.0f} ms",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=1000)
    parser.add_argument("--json", type=Path, default=Path("bench-results/server.json"))
    args = parser.parse_args(argv)
    result = run(args)
    print(_table(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
