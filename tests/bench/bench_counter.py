"""Counter benchmark: operation and lookup latency on a large local database.

    cd /work/main && .venv/bin/python -m tests.bench.bench_counter \
        [--cards 1000000 --rows 5000000 --ops 2000 --searches 200 --json FILE --cache-dir DIR]

The dataset (terminal.demo.dataset) is built once and cached, keyed by its sizes, seed,
generator version and schema revision, under ~/.cache/loyalty-terminal/bench (--cache-dir).
Each run copies it to a work file (so every run starts from the same data), opens the copy
as the terminal does (WAL, synchronous=FULL) and times with time.perf_counter:

- stamp, earn, redeem (points reward) and redeem (stamp reward) through the real services,
  on distinct random cards, a ManualClock advancing 30 s between visits. Each figure is the
  whole service call, including its durable COMMIT. The benchmark catalogue sets the REDEEM
  PIN policy to DISABLED, so redeem is timed without the scrypt PIN check, which is slow on
  purpose; that check is timed apart (production cost) and reported as its own row.
- exact lookups by QR token, card number, email and phone (LookupService);
- "regulars" rows: the same stamp and QR scan on cards drawn in proportion to their visits
  (the card of a random ledger entry), as at a real counter where regulars come back;
- manager fragment search, first page (50 cards), for name, email and card-number fragments.

Goals (QUALITY.md) are judged on p99: counter operations < 15 ms, exact lookups < 2 ms,
fragment search first page < 150 ms. The first --warmup iterations of every kind are run but
excluded from the figures. The table goes to stdout and, as JSON, to bench-results/counter.json
(--json). The operating system's file cache is warm (the work copy was just written): the
figures are for a terminal that has been running, not for the first operation after boot.

The database is opened as the terminal app opens it (idle_checkpoints=True: WAL checkpoints
run while the counter is quiet, see terminal/store/checkpoint.py). Every --pause-every visits
(default 10) the counter pauses, as between customers: the idle checkpointer gets its turn,
untimed, on a clock that says the counter was quiet for 2 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs

from terminal.demo.dataset import DATASET_CATALOG, GENERATOR_VERSION, build_large_dataset
from terminal.domain.cards import format_card_number
from terminal.domain.clock import ManualClock
from terminal.domain.pins import SCRYPT_N, hash_pin, verify_pin_hash
from terminal.domain.rules import CompanyRules, PinOperation, PinPolicy
from terminal.services.bundle import counter_services
from terminal.services.views import Actor, CardQuery
from terminal.store.checkpoint import IdleCheckpointer
from terminal.store.schema import head_revision, open_current

BENCH_CATALOG = dataclasses.replace(
    DATASET_CATALOG,
    company=CompanyRules(
        pin_policies={
            PinOperation.REDEEM: PinPolicy.DISABLED,  # time the commit, not scrypt
            PinOperation.VOID: PinPolicy.REQUIRED,
            PinOperation.DEACTIVATE: PinPolicy.REQUIRED,
            PinOperation.ENROLL: PinPolicy.OPTIONAL,
        }
    ),
)
CASHIER = Actor(1)  # no PIN typed: stamp and earn never ask, redeem does not with this policy
OPERATION_GOAL_MS, EXACT_GOAL_MS, SEARCH_GOAL_MS = 15.0, 2.0, 150.0
_ORDER = [
    "stamp",
    "earn",
    "redeem points reward",
    "redeem stamp reward",
    "stamp, regulars",
    "lookup QR scan",
    "lookup card number",
    "lookup email",
    "lookup phone",
    "lookup QR scan, regulars",
    "search name fragment",
    "search email fragment",
    "search card-number fragment",
    "PIN check (scrypt, apart)",
]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    cache_dir = Path(args.cache_dir).expanduser()
    info, built_now = _dataset(cache_dir, args.cards, args.rows, args.seed, args.rebuild)
    work = cache_dir / "work-counter.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    shutil.copyfile(info["path"], work)
    print(f"work copy: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    database = open_current(work, durable=True, idle_checkpoints=True)
    try:
        with database.engine.connect() as connection:
            journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar()
        assert (journal, synchronous) == ("wal", 2), "the benchmark must run durably"
        rows = _measure(database, info, args)
    finally:
        database.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    _print_table(rows, info, built_now, args)
    report = {
        "benchmark": "counter",
        "command": "python -m tests.bench.bench_counter " + " ".join(sys.argv[1:]),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
        },
        "dataset": {**info, "built_in_this_run": built_now, "file_bytes": _size(info["path"])},
        "settings": {
            "journal_mode": journal,
            "synchronous": "FULL",
            "warmup_excluded": args.warmup,
            "redeem_pin_policy": "disabled (scrypt PIN check timed apart)",
            "wal_checkpoints": f"idle checkpointer, a pause every {args.pause_every} visits",
        },
        "results": rows,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nJSON written to {out}")
    return 0 if all(row["passed"] is not False for row in rows) else 1


def _size(path: str) -> int:
    return Path(path).stat().st_size


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=5_000_000, help="ledger rows")
    parser.add_argument("--ops", type=int, default=2_000, help="timed operations per kind")
    parser.add_argument("--searches", type=int, default=200, help="timed searches per kind")
    parser.add_argument("--warmup", type=int, default=50, help="untimed iterations per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cache-dir", default=str(platformdirs.user_cache_path("loyalty-terminal") / "bench")
    )
    parser.add_argument("--rebuild", action="store_true", help="ignore a cached dataset")
    parser.add_argument("--json", default="bench-results/counter.json")
    parser.add_argument(
        "--pause-every",
        type=int,
        default=10,
        metavar="VISITS",
        help="a pause between customers every VISITS visits, in which the idle WAL "
        "checkpointer runs (untimed); default 10",
    )
    return parser.parse_args(argv)


def _dataset(
    cache_dir: Path, cards: int, rows: int, seed: int, rebuild: bool
) -> tuple[dict[str, Any], bool]:
    """The cached dataset's description, building it first when it is missing."""
    key = f"counter-{cards}c-{rows}r-s{seed}-g{GENERATOR_VERSION}-r{head_revision()}-nopin"
    path, meta = cache_dir / f"{key}.db", cache_dir / f"{key}.json"
    if path.exists() and meta.exists() and not rebuild:
        print(f"dataset: reusing {path}", file=sys.stderr)
        return json.loads(meta.read_text()), False
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cache_dir / f"{key}.part.db"
    for stale in (path, meta, partial):
        stale.unlink(missing_ok=True)
    print(f"dataset: building {cards:,} cards and {rows:,} ledger rows", file=sys.stderr)
    info = build_large_dataset(
        partial, cards=cards, ledger_rows=rows, seed=seed, catalog=BENCH_CATALOG,
        progress=_progress_printer(),
    )  # fmt: skip
    partial.rename(path)
    described = dataclasses.asdict(info) | {"path": str(path), "ends_at": info.ends_at}
    meta.write_text(json.dumps(described, indent=2, default=str) + "\n")
    print(f"dataset: built in {info.build_seconds:.1f} s", file=sys.stderr)
    return json.loads(meta.read_text()), True


def _progress_printer() -> Callable[[str, int, int], None]:
    started, shown = time.perf_counter(), set()

    def show(stage: str, done: int, total: int) -> None:
        tenth = done * 10 // total
        if (stage, tenth) not in shown:
            shown.add((stage, tenth))
            elapsed = time.perf_counter() - started
            print(f"  {elapsed:6.1f} s  {stage}: {done:,}/{total:,}", file=sys.stderr)

    return show


def _measure(database: Any, info: dict[str, Any], args: argparse.Namespace) -> list[dict]:
    rng = random.Random(args.seed + 1)
    n, warm = args.ops, args.warmup
    picked = _pick_cards(database, rng, args.cards, n + warm)
    start = datetime.fromisoformat(info["ends_at"]) + timedelta(days=1)
    clock = ManualClock(start.replace(hour=8, minute=0, second=0, microsecond=0))
    services = counter_services(database, clock)
    lookup, timings = services.lookup, {}

    def browse(query: CardQuery) -> Any:  # the manager's first page of a search
        return services.browser.page(query, limit=50)

    def timed(kind: str, keep: bool, call: Callable[..., Any], *args: Any) -> Any:
        began = time.perf_counter()
        result = call(*args)
        elapsed = (time.perf_counter() - began) * 1000
        if keep:
            timings.setdefault(kind, []).append(elapsed)
        return result

    print(f"timing {n:,} operations of each kind (+{warm} warm-up)", file=sys.stderr)
    stamps, points = services.stamps, services.points
    # The app's checkpointer, driven by hand: its thread would run it after a quiet second.
    database.checkpointer.stop()
    quiet = [0.0]
    checkpointer = IdleCheckpointer(
        database.engine,
        database.path.with_name(database.path.name + "-wal"),
        clock=lambda: quiet[0],
    )
    for i in range(n + warm):
        keep = i >= warm
        clock.advance(timedelta(seconds=30))
        checkpointer.note_write()
        if i % args.pause_every == 0:
            quiet[0] += 2.0
            checkpointer.run_once()
        timed("stamp", keep, stamps.add_stamp, CASHIER, picked["stamp"][i])
        timed("earn", keep, points.earn, CASHIER, picked["earn"][i], "23.40")
        if i < len(picked["redeem"]):
            timed("redeem points reward", keep, points.redeem, CASHIER, picked["redeem"][i], 1)
        if i < len(picked["stamp_reward"]):
            card_id = picked["stamp_reward"][i]
            timed("redeem stamp reward", keep, stamps.redeem_reward, CASHIER, card_id)
        qr, number, email, phone = picked["lookup"][i]
        timed("lookup QR scan", keep, lookup.by_scan, qr)
        timed("lookup card number", keep, lookup.by_number, format_card_number(number))
        if email:
            timed("lookup email", keep, lookup.by_email, email)
        if phone:
            timed("lookup phone", keep, lookup.by_phone, "+" + phone)
        if i < len(picked["regulars"]):
            card_id, qr = picked["regulars"][i]
            timed("lookup QR scan, regulars", keep, lookup.by_scan, qr)
            timed("stamp, regulars", keep, stamps.add_stamp, CASHIER, card_id)
    fragments = _fragments(rng, picked["lookup"], picked["names"], args.searches + warm)
    print(f"timing {args.searches} fragment searches of each kind", file=sys.stderr)
    found: dict[str, list[int]] = {}
    for kind, texts in fragments.items():
        for i, text in enumerate(texts):
            page = timed(f"search {kind}", i >= warm, browse, CardQuery(text=text))
            if i >= warm:
                found.setdefault(f"search {kind}", []).append(len(page.rows))
    pin_hash = hash_pin("2468")  # production cost
    for i in range(12):
        timed("PIN check (scrypt, apart)", i >= 2, verify_pin_hash, "2468", pin_hash)
    goals = {"stamp": OPERATION_GOAL_MS, "earn": OPERATION_GOAL_MS, "redeem": OPERATION_GOAL_MS}
    goals |= {"lookup": EXACT_GOAL_MS, "search": SEARCH_GOAL_MS}
    rows = []
    for kind, values in sorted(timings.items(), key=lambda item: _ORDER.index(item[0])):
        goal = next((g for prefix, g in goals.items() if kind.startswith(prefix)), None)
        row = _summary(kind, values, goal)
        if kind in found:
            row["mean_cards_on_page"] = round(sum(found[kind]) / len(found[kind]), 1)
        rows.append(row)
    return rows


def _pick_cards(database: Any, rng: random.Random, cards: int, k: int) -> dict[str, list]:
    """Distinct random cards for every kind of operation, chosen before any timing."""
    with database.engine.connect() as connection:
        sql = connection.exec_driver_sql

        def column(query: str) -> list:
            return [row[0] for row in sql(query)]

        ids = rng.sample(range(1, cards + 1), 3 * k)
        uuids = dict(sql("SELECT id, uuid FROM loyalty_cards").all())
        rich = column("SELECT uuid FROM loyalty_cards WHERE points_balance >= 100")
        full = column("SELECT uuid FROM loyalty_cards WHERE stamp_count >= 10")
        lookups = sql(
            "SELECT c.qr_code_data, c.card_number, u.email, u.phone FROM loyalty_cards c "
            "JOIN customers u ON u.id = c.customer_id "
            "WHERE c.id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids[2 * k :]),),
        ).all()
        names = sql(
            "SELECT first_name, last_name FROM customers "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids[:k]),),
        ).all()
        # regulars: the card of a random ledger entry, so a card with 300 visits is picked
        # 100 times as often as one with 3, as at a real counter
        entries = sql("SELECT max(rowid) FROM loyalty_transactions").scalar()
        visited = sql(
            "SELECT DISTINCT c.uuid, c.qr_code_data FROM loyalty_transactions t "
            "JOIN loyalty_cards c ON c.id = t.card_id "
            "WHERE t.rowid IN (SELECT value FROM json_each(?)) AND c.id NOT IN "
            "(SELECT value FROM json_each(?))",
            (json.dumps(rng.sample(range(1, entries + 1), 2 * k)), json.dumps(ids[:k])),
        ).all()
    rng.shuffle(lookups)
    rng.shuffle(visited)
    return {
        "stamp": [uuids[i] for i in ids[:k]],
        "earn": [uuids[i] for i in ids[k : 2 * k]],
        "redeem": rng.sample(rich, min(k, len(rich))),
        "stamp_reward": rng.sample(full, min(k, len(full))),
        "lookup": [tuple(row) for row in lookups],
        "names": [tuple(row) for row in names],
        "regulars": [tuple(row) for row in visited[:k]],
    }


def _fragments(
    rng: random.Random, customers: list[tuple], names: list[tuple], k: int
) -> dict[str, list[str]]:
    """What a manager types: 3 to 6 letters of a name, a piece of an email (often the
    domain), 4 to 8 digits of a card number."""

    def piece(text: str, shortest: int, longest: int) -> str:
        size = min(len(text), rng.randint(shortest, longest))
        at = rng.randrange(len(text) - size + 1)
        return text[at : at + size]

    emails = [c[2] for c in customers if c[2]]
    words = [word for pair in names for word in pair if len(word) >= 3]
    return {
        "name fragment": [piece(rng.choice(words), 3, 6) for _ in range(k)],
        "email fragment": [piece(rng.choice(emails), 4, 10) for _ in range(k)],
        "card-number fragment": [piece(rng.choice(customers)[1], 4, 8) for _ in range(k)],
    }


def _percentile(ordered: list[float], p: float) -> float:
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _summary(kind: str, values: list[float], goal: float | None) -> dict[str, Any]:
    ordered = sorted(values)
    p99 = _percentile(ordered, 99)
    return {
        "operation": kind,
        "n": len(values),
        "p50_ms": round(_percentile(ordered, 50), 3),
        "p95_ms": round(_percentile(ordered, 95), 3),
        "p99_ms": round(p99, 3),
        "max_ms": round(ordered[-1], 3),
        "goal": f"p99 < {goal:g} ms" if goal else "info",
        "passed": None if goal is None else p99 < goal,
    }


def _print_table(
    rows: list[dict], info: dict[str, Any], built_now: bool, args: argparse.Namespace
) -> None:
    how = "built in this run" if built_now else "cached"
    print(
        f"\nCounter benchmark: {info['cards']:,} cards, {info['ledger_rows']:,} ledger rows "
        f"(dataset {how}; build took {info['build_seconds']:.0f} s); WAL, synchronous=FULL"
    )
    print(f"WAL checkpoints: the idle checkpointer, in a pause every {args.pause_every} visits")
    header = f"{'operation':<28}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    print(f"{header}  {'goal':<16}result")
    for row in rows:
        result = {True: "pass", False: "FAIL", None: "-"}[row["passed"]]
        print(
            f"{row['operation']:<28}{row['n']:>6}{row['p50_ms']:>9.2f}{row['p95_ms']:>9.2f}"
            f"{row['p99_ms']:>9.2f}{row['max_ms']:>9.2f}  {row['goal']:<16}{result}"
        )
    print(
        "redeem: REDEEM PIN policy DISABLED in the benchmark catalogue, so the rows time the "
        f"committed redemption; the PIN check (scrypt n={SCRYPT_N}) adds the row timed apart."
    )


if __name__ == "__main__":
    sys.exit(main())
