"""Central server benchmark: push, snapshot paging and delta paging, SQLite and PostgreSQL.

    cd /work/main && .venv/bin/python -m tests.bench.bench_server [--backend both]
        [--entries 10000] [--batch 500] [--pushers 4] [--cards 100000] [--deltas 100000]
        [--page 5000]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
        [--json bench-results/server.json]

Per engine the real app runs under uvicorn in its own process (as deployed: the bench's client
does not share the server's interpreter lock), with a manual clock and no rate limits, on
127.0.0.1: SQLite on a file in a
temporary directory (WAL, synchronous=FULL, as `loyalty-server serve` runs it), PostgreSQL in
a fresh schema (selected by the connection's search_path) dropped afterwards. Timed with
time.perf_counter, each figure beside a raw baseline measured in the same run, on the same
database (the DB-API driver itself: sqlite3 / psycopg, executemany in one transaction):

- push: one terminal drains --entries entries (enrollments: CARD_CREATED + WELCOME_BONUS, then
  POINTS_EARNED with a purchase amount, all with a real staff id: valid claims) in batches of
  --batch through POST /v1/sync/push, each batch one HTTP call and one server transaction.
  Then --pushers terminals drain --entries between them at the same time (the server's
  throughput: one terminal alone waits for each answer, so it measures the latency).
  Baseline: the same ledger rows (read back, given new ids and another terminal) inserted raw.
- snapshot: --cards customers + cards inserted raw (the baseline), then paged through
  GET /v1/sync/changes with limit --page (rows per page; the protocol's largest, as an
  initial pull asks) by a new terminal from no cursor to has_more=false, each page
  validated as the protocol's ChangesResponse (customers and cards come as row batches; the keyset
  pages use the (company_id, id) indexes; their plans are printed).
- delta: --deltas `cards` upserts written raw to change_log (the baseline), then read by a
  terminal whose cursor is just before them (a terminal catching up).

The table goes to stdout, JSON to bench-results/server.json (--json). Goals (QUALITY.md):
push >= 5,000 entries/s, snapshot paging >= 50,000 cards/s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import socket
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from sync.protocol import PROTOCOL_HEADER, ChangesResponse, RowBatch
from sync.server import admin, auth
from sync.server.app import create_app
from sync.server.db import init_database, make_engine, make_sessionmaker
from sync.server.models import Program, Vendor
from terminal.domain.cards import card_number_from_body, new_qr_token
from terminal.domain.clock import ManualClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # the entries' times start here
NOW = START + timedelta(days=1)  # the server clock: no entry is in its future
CARDS_PER_ENROLLMENT = 100  # the push run spreads its earns over this many cards
BULK_BODY_BASE = 500_000_000  # card-number bodies for the bulk rows, far from any block
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PURCHASE_AMOUNT = 1000  # minor units
PUSH_GOAL, SNAPSHOT_GOAL = 5_000, 50_000
# --- databases ------------------------------------------------------------------------------


@dataclass
class Database:
    backend: str
    engine: Engine
    raw: Callable[[], Any]  # a new DB-API connection to the same database
    placeholder: str  # "?" or "%s"
    options: str | None  # PostgreSQL: the connection options choosing the bench's schema

    def begin(self, connection: Any) -> None:
        if self.backend == "sqlite":
            connection.execute("BEGIN IMMEDIATE")

    def stamp(self, moment: datetime) -> Any:
        """A naive-UTC time as the driver stores it in a UtcDateTime column."""
        naive = moment.astimezone(UTC).replace(tzinfo=None)
        if self.backend == "sqlite":
            return naive.isoformat(sep=" ", timespec="microseconds")
        return naive


@contextmanager
def open_database(backend: str, folder: Path, pg_url: str) -> Iterator[Database]:
    if backend == "sqlite":
        db_path = folder / "server.db"
        engine = make_engine(f"sqlite:///{db_path}")

        def raw_sqlite() -> Any:
            connection = sqlite3.connect(db_path, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            return connection

        try:
            yield Database(backend, engine, raw_sqlite, "?", None)
        finally:
            engine.dispose()
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex}"
    admin_engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    options = f"-csearch_path={schema}"
    engine = make_engine(pg_url, connect_args={"options": options})
    plain = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        yield Database(
            backend, engine, lambda: psycopg.connect(plain, options=options), "%s", options
        )
    finally:
        engine.dispose()
        with admin_engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin_engine.dispose()


def raw_insert(db: Database, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> float:
    """executemany of `rows` in one transaction through the bare driver; seconds taken."""
    marks = ", ".join([db.placeholder] * len(columns))
    # The bench's own table and column names, never input.
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    connection = db.raw()
    try:
        started = time.perf_counter()
        db.begin(connection)
        cursor = connection.cursor()
        cursor.executemany(sql, rows)
        connection.commit() if db.backend != "sqlite" else connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


# --- server ---------------------------------------------------------------------------------


def _serve_in_child(url: str, connect_args: dict[str, Any], port: int) -> None:
    """The server process: the real app under uvicorn, a manual clock, no rate limits."""
    from sync.server.cli_serve import tune_garbage_collector
    from sync.server.ratelimit import RateLimits

    engine = make_engine(url, connect_args=connect_args) if connect_args else make_engine(url)
    app = create_app(
        engine,
        clock=ManualClock(NOW),
        block_size=1000,
        rate_limits=RateLimits(enabled=False),
    )
    tune_garbage_collector()  # as `loyalty-server serve` does
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")


@contextmanager
def serving(db: Database) -> Iterator[str]:
    """The server in its own process (as deployed: the bench's client does not share its
    GIL), on a free loopback port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = db.engine.url.render_as_string(hide_password=False)
    connect_args = {"options": db.options} if db.options else {}
    child = multiprocessing.get_context("spawn").Process(
        target=_serve_in_child, args=(url, connect_args, port), daemon=True
    )
    child.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or not child.is_alive():
            raise RuntimeError("the server process did not start")
        time.sleep(0.05)
    try:
        yield base
    finally:
        child.terminate()
        child.join(timeout=30)


def _activate(url: str, sessions: Any, vendor_id: int) -> dict[str, Any]:
    with sessions.begin() as session:
        vendor = session.get(Vendor, vendor_id)
        code = auth.create_activation_code(session, vendor, NOW, timedelta(hours=1))
    answer = httpx.post(
        f"{url}/v1/terminals/activate",
        json={"code": code, "terminal_name": "bench"},
        headers={PROTOCOL_HEADER: "1"},
    )
    answer.raise_for_status()
    return answer.json()


# --- push -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chain:
    company_id: int
    vendor_id: int
    program_id: int
    staff_id: int
    points_per_currency_unit: int
    welcome_bonus_points: int


class PushRefused(Exception):
    pass


def push_entries(terminal: dict[str, Any], chain: Chain, total: int) -> list[dict[str, Any]]:
    """Valid claims: every entry by a staff member, points matching amount x rate, one
    welcome bonus per card of exactly the program's amount, no time after the server clock."""
    body = terminal["card_number_block"]["first_body"]
    last = terminal["card_number_block"]["last_body"]
    cards: list[str] = []
    entries: list[dict[str, Any]] = []

    def add(type_: str, card_id: str, **fields: Any) -> None:
        seq = len(entries) + 1
        entries.append(
            {
                "id": str(uuid.uuid4()),
                "seq": seq,
                "type": type_,
                "card_id": card_id,
                "staff_id": chain.staff_id,
                "transaction_at": (START + timedelta(milliseconds=seq)).isoformat(),
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
                "email": f"bench{index}.{terminal['terminal_id'][:8]}@example.com",
                "enrolled_at_vendor_id": chain.vendor_id,
            },
        )
        if chain.welcome_bonus_points:
            add("WELCOME_BONUS", card_id, points_delta=chain.welcome_bonus_points)
    points = PURCHASE_AMOUNT * chain.points_per_currency_unit // 100
    while len(entries) < total:
        card_id = cards[len(entries) % len(cards)]
        add("POINTS_EARNED", card_id, points_delta=points, purchase_amount=PURCHASE_AMOUNT)
    return entries[:total]


def _drain(
    url: str, terminal: dict[str, Any], entries: list[dict[str, Any]], batch: int
) -> list[float]:
    """Push `entries` in batches, one HTTP call each; returns each batch's seconds."""
    headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {terminal['token']}"}
    timings: list[float] = []
    with httpx.Client(base_url=url, headers=headers, timeout=300) as client:
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
                raise PushRefused(
                    f"the push refused {len(bad)} entries of batch {offset // batch}; "
                    f"first: {json.dumps(bad[:3])}"
                )
    return timings


def bench_push_together(
    url: str, terminals: list[dict[str, Any]], chain: Chain, args: Any
) -> dict[str, Any]:
    """Several terminals of the chain draining their queues at the same time: the server's
    throughput (one terminal alone waits for each answer, so it measures latency)."""
    share = args.entries // len(terminals)
    work = [(terminal, push_entries(terminal, chain, share)) for terminal in terminals]
    failures: list[BaseException] = []

    def run(terminal: dict[str, Any], entries: list[dict[str, Any]]) -> None:
        try:
            _drain(url, terminal, entries, args.batch)
        except BaseException as err:  # reported by the main thread
            failures.append(err)

    threads = [threading.Thread(target=run, args=item) for item in work]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise failures[0]
    total = sum(len(entries) for _, entries in work)
    return {"entries": total, "terminals": len(terminals), "seconds": elapsed,
            "rate": total / elapsed}  # fmt: skip


def bench_push(url: str, terminal: dict[str, Any], chain: Chain, args: Any) -> dict[str, Any]:
    entries = push_entries(terminal, chain, args.entries)
    started = time.perf_counter()
    timings = _drain(url, terminal, entries, args.batch)
    elapsed = time.perf_counter() - started
    return {
        "entries": len(entries),
        "batch": args.batch,
        "seconds": elapsed,
        "rate": len(entries) / elapsed,
        "batch_ms_max": max(timings) * 1000,
        "batch_ms_mean": sum(timings) / len(timings) * 1000,
    }


def raw_ledger_insert(db: Database, pusher_id: str, other_terminal_id: str) -> dict[str, Any]:
    """The rows the first terminal pushed, again (new ids, another terminal: the same unique
    keys stay free), inserted raw into the same table."""
    connection = db.raw()
    try:
        cursor = connection.cursor()
        cursor.execute(
            "SELECT * FROM ledger_entries WHERE terminal_id = "  # noqa: S608 (a placeholder)
            f"{db.placeholder} ORDER BY terminal_seq",
            (pusher_id,),
        )
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        connection.rollback() if db.backend != "sqlite" else None
    finally:
        connection.close()
    id_at, terminal_at = columns.index("id"), columns.index("terminal_id")
    copies = []
    for row in rows:
        values = list(row)
        values[id_at], values[terminal_at] = str(uuid.uuid4()), other_terminal_id
        copies.append(tuple(values))
    seconds = raw_insert(db, "ledger_entries", columns, copies)
    return {"rows": len(copies), "seconds": seconds, "rate": len(copies) / seconds}


# --- snapshot and delta paging --------------------------------------------------------------

CUSTOMER_COLUMNS = ["id", "company_id", "first_name", "last_name", "email", "phone", "created_at"]
CARD_COLUMNS = [
    "id", "company_id", "customer_id", "program_id", "card_number", "qr_code_data",
    "enrolled_at_vendor_id", "created_by_terminal_id", "is_active", "stamp_count",
    "total_stamps_earned", "stamps_redeemed", "points_balance", "total_points_earned",
    "points_redeemed", "overdrawn", "last_activity_at", "created_at", "updated_at",
]  # fmt: skip


def bulk_rows(db: Database, chain: Chain, n: int) -> tuple[list[tuple[Any, ...]], ...]:
    now = db.stamp(START)
    true, false = (1, 0) if db.backend == "sqlite" else (True, False)
    customers, cards = [], []
    for index in range(n):
        customer_id = str(uuid.uuid4())
        customers.append(
            (customer_id, chain.company_id, "Bulk", f"Customer {index}",
             f"bulk{index}@example.com", f"+3361{index:07d}", now)
        )  # fmt: skip
        cards.append(
            (str(uuid.uuid4()), chain.company_id, customer_id, chain.program_id,
             card_number_from_body(BULK_BODY_BASE + index), new_qr_token(), chain.vendor_id,
             None, true, 3, 3, 0, 120, 120, 0, false, now, now, now)
        )  # fmt: skip
    return customers, cards


def bulk_insert_cards(db: Database, customers: list[Any], cards: list[Any]) -> dict[str, Any]:
    seconds = raw_insert(db, "customers", CUSTOMER_COLUMNS, customers)
    seconds += raw_insert(db, "cards", CARD_COLUMNS, cards)
    return {"cards": len(cards), "seconds": seconds, "rate": len(cards) / seconds}


def raw_change_log_insert(db: Database, chain: Chain, cards: list[Any], n: int) -> dict[str, Any]:
    """`n` cards upserts (the data a balance change logs) written raw to change_log."""
    created = db.stamp(NOW)
    rows = []
    for index in range(n):
        card = dict(zip(CARD_COLUMNS, cards[index % len(cards)], strict=True))
        data = {
            "is_active": True, "stamp_count": 3, "total_stamps_earned": 3, "stamps_redeemed": 0,
            "points_balance": 120 + index, "total_points_earned": 120 + index,
            "points_redeemed": 0, "last_activity_at": START.isoformat(), "id": card["id"],
            "company_id": chain.company_id, "customer_id": card["customer_id"],
            "program_id": chain.program_id, "card_number": card["card_number"],
            "qr_code_data": card["qr_code_data"], "enrolled_at_vendor_id": chain.vendor_id,
            "overdrawn": False, "created_at": START.isoformat(), "updated_at": NOW.isoformat(),
        }  # fmt: skip
        rows.append(
            (chain.company_id, None, "cards", card["id"], "upsert", json.dumps(data), created)
        )
    columns = ["company_id", "terminal_id", "entity", "entity_id", "op", "data", "created_at"]
    seconds = raw_insert(db, "change_log", columns, rows)
    return {"rows": n, "seconds": seconds, "rate": n / seconds}


def page_through(
    url: str, terminal: dict[str, Any], page: int, cursor: str | None = None
) -> dict[str, Any]:
    headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {terminal['token']}"}
    cards = rows = pages = 0
    with httpx.Client(base_url=url, headers=headers, timeout=300) as client:
        started = time.perf_counter()
        while True:
            params: dict[str, Any] = {"limit": page}
            if cursor is not None:
                params["cursor"] = cursor
            answer = client.get("/v1/sync/changes", params=params)
            answer.raise_for_status()
            # Validated as the terminal's engine reads it (the protocol model).
            body = ChangesResponse.model_validate_json(answer.content)
            pages += 1
            for change in body.changes:  # a row batch (snapshot) or one change (delta)
                count = len(change.rows) if isinstance(change, RowBatch) else 1
                rows += count
                cards += count if change.entity == "cards" else 0
            cursor = body.next_cursor
            if not body.has_more:
                break
        elapsed = time.perf_counter() - started
    return {
        "cards": cards,
        "rows": rows,
        "pages": pages,
        "page_limit": page,
        "seconds": elapsed,
        "rate": cards / elapsed,
    }


def query_plan(db: Database, company_id: int) -> str:
    """How the database runs a snapshot page of customers and of cards (the keyset query)."""
    explain = "EXPLAIN QUERY PLAN " if db.backend == "sqlite" else "EXPLAIN "
    plans = []
    with db.engine.connect() as connection:
        for table in ("customers", "cards"):
            where = "WHERE company_id = :c AND id > :k ORDER BY id LIMIT 1000"
            query = f"SELECT * FROM {table} {where}"  # noqa: S608 (the bench's own names)
            rows = connection.execute(text(explain + query), {"c": company_id, "k": ""}).all()
            plans.append(f"{table}: " + " | ".join(str(row[-1]).strip() for row in rows))
    return "; ".join(plans)


# --- one engine -----------------------------------------------------------------------------


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    with (
        tempfile.TemporaryDirectory(prefix="bench-server-") as folder,
        open_database(backend, Path(folder), args.pg_url) as db,
    ):
        return _run_on(db, args)


def _run_on(db: Database, args: argparse.Namespace) -> dict[str, Any]:
    sessions = make_sessionmaker(db.engine)
    init_database(db.engine)
    with sessions.begin() as session:
        company = admin.create_company(session, "Bench", NOW)
        vendor = admin.create_vendor(session, company.id, "Bench store", NOW, country="FR")
        staff = admin.create_staff(session, company.id, "Bench cashier", "2580", NOW)
        program = session.query(Program).filter_by(company_id=company.id).one()
        chain = Chain(
            company.id,
            vendor.id,
            program.id,
            staff.id,
            program.points_per_currency_unit,
            program.welcome_bonus_points,
        )
    with serving(db) as url:
        pusher = _activate(url, sessions, chain.vendor_id)
        push = bench_push(url, pusher, chain, args)
        together = bench_push_together(
            url,
            [_activate(url, sessions, chain.vendor_id) for _ in range(args.pushers)],
            chain,
            args,
        )
        other = _activate(url, sessions, chain.vendor_id)
        raw_push = raw_ledger_insert(db, pusher["terminal_id"], other["terminal_id"])

        customers, cards = bulk_rows(db, chain, args.cards)
        raw_cards = bulk_insert_cards(db, customers, cards)
        if db.backend == "postgresql":  # what autovacuum would have done by the next pull
            with db.engine.begin() as connection:
                connection.execute(text("ANALYZE"))
        plan_indexed = query_plan(db, chain.company_id)
        indexed = page_through(url, _activate(url, sessions, chain.vendor_id), args.page)

        catcher = _activate(url, sessions, chain.vendor_id)
        with db.engine.connect() as connection:
            before = connection.execute(text("SELECT max(seq) FROM change_log")).scalar_one()
        raw_log = raw_change_log_insert(db, chain, cards or customers, args.deltas)
        delta = page_through(url, catcher, args.page, cursor=f"c{before}")
    return {
        "backend": db.backend,
        "push": push,
        "push_together": together,
        "raw_push": raw_push,
        "snapshot": indexed,
        "raw_cards": raw_cards,
        "delta": delta,
        "raw_change_log": raw_log,
        "plan": plan_indexed,
    }


# --- report ---------------------------------------------------------------------------------


def _rows(result: dict[str, Any]) -> list[tuple[str, ...]]:
    push, snapshot, delta = result["push"], result["snapshot"], result["delta"]
    together = result["push_together"]
    items = [
        (f"push over HTTP (batches of {push['batch']})", push["entries"], push["seconds"],
         push["rate"], result["raw_push"], "entries", PUSH_GOAL),
        (f"push, {together['terminals']} terminals at once", together["entries"],
         together["seconds"], together["rate"], result["raw_push"], "entries", PUSH_GOAL),
        (f"snapshot paging (limit {snapshot['page_limit']})", snapshot["cards"],
         snapshot["seconds"], snapshot["rate"], result["raw_cards"], "cards", SNAPSHOT_GOAL),
        (f"delta paging (catch up, limit {delta['page_limit']})", delta["rows"],
         delta["seconds"], delta["rows"] / delta["seconds"], result["raw_change_log"],
         "changes", None),
    ]  # fmt: skip
    rows = []
    for name, count, seconds, rate, raw, unit, goal in items:
        verdict = "-" if goal is None else ("met" if rate >= goal else "MISSED")
        rows.append(
            (result["backend"], name, unit, f"{count}", f"{seconds:.2f}", f"{rate:,.0f}",
             f"{raw['rate']:,.0f}", f"{rate / raw['rate']:.2f}",
             "-" if goal is None else f">= {goal:,}", verdict)
        )  # fmt: skip
    return rows


def table(results: list[dict[str, Any]]) -> str:
    header = ("engine", "measure", "unit", "count", "seconds", "rate/s", "raw insert/s",
              "ratio", "goal", "")  # fmt: skip
    rows = [header] + [row for result in results for row in _rows(result)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {3, 4, 5, 6, 7}
    lines = [
        "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    notes = [
        "raw insert/s: the same rows (ledger rows / customers+cards / change_log rows) inserted"
        " by the bare driver, executemany in one transaction, same database, same run;"
        " ratio = rate / raw.",
    ]
    for result in results:
        push, snapshot = result["push"], result["snapshot"]
        notes.append(
            f"{result['backend']}: push batch mean {push['batch_ms_mean']:.0f} ms, max "
            f"{push['batch_ms_max']:.0f} ms; snapshot of {snapshot['cards']:,} cards: "
            f"{snapshot['seconds']:.1f} s"
        )
        notes.append(f"{result['backend']}: page plans: {result['plan']}")
    return "\n".join([*lines, "", *notes])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--pushers", type=int, default=4, help="terminals pushing at once")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--deltas", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=5000, help="rows per changes page")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--json", type=Path, default=Path("bench-results/server.json"))
    args = parser.parse_args(argv)
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results = []
    try:
        for backend in backends:
            results.append(run_backend(backend, args))
    except PushRefused as err:
        print(f"push refused: {err}", file=sys.stderr)
        return 1
    print(table(results))
    document = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.machine(),
        "args": {k: str(v) for k, v in vars(args).items()},
        "results": results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n")
    print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
