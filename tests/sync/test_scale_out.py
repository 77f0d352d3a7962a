"""Several real server processes on ONE PostgreSQL database, driven by many terminals at once.

The chain set-up of SYNC.md: `loyalty-server serve` started three times (subprocesses, each
its own engine and pool) on one database, terminals sending each request to a randomly
chosen process (seeded). Checks the guarantees across processes: ids unique and nothing
applied twice, duplicates answered `duplicate`, `authorize` redemptions never overdraw,
every terminal's change feed neither skips nor repeats a log row while writes happen and
converges to the server's cards, balances equal the ledger.

PostgreSQL only (LOYALTY_TEST_POSTGRES_URL); each test gets its own schema, passed to the
processes in the URL (`?options=-csearch_path%3D<schema>`), dropped with CASCADE at the end.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, func, or_, select, text
from sqlalchemy.engine import make_url

from sync.protocol import PROTOCOL_HEADER, expand_changes
from sync.server import admin, auth
from sync.server.db import init_database, make_engine, make_sessionmaker
from sync.server.models import Card, ChangeLog, LedgerEntry, Reward, Terminal, Vendor
from terminal.domain.cards import card_number_from_body, new_qr_token
from terminal.domain.pins import hash_pin
from terminal.domain.rules import StaffRole
from tests.sync.conftest import POSTGRES_URL_ENV, _postgres_unavailable

pytestmark = pytest.mark.slow

PROCESSES = 3
TERMINALS = 12
CARDS_PER_TERMINAL = 2
OPERATIONS_PER_TERMINAL = 30
PAGE_LIMIT = 25
SEED = 20261201
STARTUP_DEADLINE_S = 60.0
HTTP_TIMEOUT_S = 60.0
SERVER_BIN = Path(sys.executable).with_name("loyalty-server")
REDEEM_REFUSALS = {"insufficient_points", "below_minimum_redemption", "insufficient_balance"}
APPLIED = ("accepted", "overdraft")


# --- the database and the processes ----------------------------------------------------------


@dataclass
class Schema:
    url: str  # with the schema's search_path, for the processes and the test's engine
    engine: Engine


@contextmanager
def _schema() -> Iterator[Schema]:
    base = os.environ.get(POSTGRES_URL_ENV)
    problem = _postgres_unavailable(base)
    if problem:
        pytest.skip(problem)
    assert base is not None
    name = f"t_scale_{uuid.uuid4().hex}"
    url = make_url(base).update_query_dict({"options": f"-csearch_path={name}"})
    rendered = url.render_as_string(hide_password=False)
    admin_engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    engine = make_engine(rendered)
    try:
        with engine.connect() as connection:  # psycopg took the option from the URL
            assert connection.execute(text("SELECT current_schema()")).scalar_one() == name
        yield Schema(rendered, engine)
    finally:
        engine.dispose()
        with admin_engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin_engine.dispose()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Process:
    url: str
    popen: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@contextmanager
def _processes(database_url: str, folder: Path, count: int = PROCESSES) -> Iterator[list[Process]]:
    """`count` server processes started at the same moment; yields once all answer /health."""
    started: list[Process] = []
    with ExitStack() as files:
        try:
            for n in range(count):
                port = _free_port()
                log = folder / f"server-{n}.log"
                out = files.enter_context(log.open("wb"))
                command = [str(SERVER_BIN), "--database", database_url, "serve"]
                command += ["--host", "127.0.0.1", "--port", str(port)]
                popen = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603 (our own argv, no shell)
                started.append(Process(f"http://127.0.0.1:{port}", popen, log))
            for process in started:
                _wait_until_healthy(process, started)
            yield started
        finally:
            for process in started:
                process.popen.terminate()
            for process in started:
                try:
                    process.popen.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.popen.kill()
                    process.popen.wait(timeout=15)


def _wait_until_healthy(process: Process, everyone: list[Process]) -> None:
    deadline = datetime.now(UTC) + timedelta(seconds=STARTUP_DEADLINE_S)
    with httpx.Client(base_url=process.url, timeout=2.0) as client:
        while True:
            try:
                if client.get("/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if datetime.now(UTC) > deadline:
                pytest.fail(f"{process.url} not healthy in time:\n{process.output()}")
            try:  # paces the poll: returns at once if the process died
                process.popen.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            logs = "\n".join(f"--- {p.url}\n{p.output()}" for p in everyone)
            pytest.fail(f"server process exited ({process.popen.returncode}) on start:\n{logs}")


# --- the company -------------------------------------------------------------------------------


@dataclass
class Company:
    company_id: int
    vendors: list[int]
    cashier: int
    manager: int
    rewards: dict[int, int]  # reward id -> points cost


def _set_up_company(engine: Engine, created: datetime) -> Company:
    init_database(engine)
    cheap = hash_pin("2468", n=2**4)
    with make_sessionmaker(engine).begin() as session:
        company = admin.create_company(session, "Chain", created)
        vendors = [
            admin.create_vendor(session, company.id, name, created, country="FR").id
            for name in ("North", "South")
        ]
        cashier = admin.create_staff(session, company.id, "Cat", "2468", created, pin_hash=cheap)
        manager = admin.create_staff(
            session, company.id, "Max", "2468", created, role=StaffRole.MANAGER, pin_hash=cheap
        )
        rewards = {
            reward.id: reward.points_cost
            for reward in session.scalars(select(Reward).where(Reward.company_id == company.id))
        }
        return Company(company.id, vendors, cashier.id, manager.id, rewards)


def _activation_codes(engine: Engine, vendors: list[int], now: datetime) -> list[str]:
    with make_sessionmaker(engine).begin() as session:
        return [
            auth.create_activation_code(session, session.get_one(Vendor, vendor), now)
            for vendor in vendors
        ]


# --- terminals ---------------------------------------------------------------------------------


@dataclass
class Sent:
    """A push as first sent, and what each entry got."""

    entries: list[dict[str, Any]]
    mode: str
    results: list[dict[str, Any]]


@dataclass
class Feed:
    """A terminal's pulls: its local view and every delta change after its first snapshot."""

    view: dict[tuple[str, str], Any] = field(default_factory=dict)
    cursor: str | None = None
    base: int | None = None  # the log position its first snapshot ended on
    deltas: list[tuple[str, str, str, Any]] = field(default_factory=list)
    snapshots_after_base: int = 0


class Till:
    """An honest terminal: entries as terminal.domain makes them, each request to a random
    process."""

    def __init__(
        self,
        activation: dict[str, Any],
        processes: list[Process],
        rng: random.Random,
        staff_id: int,
    ) -> None:
        self.id: str = activation["terminal_id"]
        self.vendor_id: int = activation["vendor_id"]
        self.next_body: int = activation["card_number_block"]["first_body"]
        self.rng = rng
        self.staff_id = staff_id
        headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {activation['token']}"}
        self.clients = [
            httpx.Client(base_url=p.url, headers=headers, timeout=HTTP_TIMEOUT_S) for p in processes
        ]
        self.seq = 0
        self.sent: list[Sent] = []
        self.resends: list[tuple[Sent, dict[str, Any]]] = []  # (original, answer)
        self.racing: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []
        self.feed = Feed()

    def close(self) -> None:
        for client in self.clients:
            client.close()

    def client(self) -> httpx.Client:
        return self.rng.choice(self.clients)

    def entry(self, type_: str, card_id: str, at: datetime, **fields: Any) -> dict[str, Any]:
        self.seq += 1
        return {
            "id": str(uuid.uuid4()),
            "seq": self.seq,
            "type": type_,
            "card_id": card_id,
            "staff_id": self.staff_id,
            "transaction_at": at.isoformat(),
            **fields,
        }

    def post_push(
        self, client: httpx.Client, entries: list[dict[str, Any]], mode: str
    ) -> dict[str, Any]:
        answer = client.post(
            "/v1/sync/push", json={"terminal_id": self.id, "mode": mode, "entries": entries}
        )
        assert answer.status_code == 200, f"{client.base_url}: {answer.status_code} {answer.text}"
        return answer.json()

    def push(self, entries: list[dict[str, Any]], mode: str = "queue") -> Sent:
        body = self.post_push(self.client(), entries, mode)
        sent = Sent(entries, mode, body["results"])
        if mode == "authorize":
            # Refused in authorize mode: nothing recorded, the seq stays free for the next one.
            refused = [r for r in sent.results if r["result"] != "accepted"]
            self.seq -= len(refused)
        self.sent.append(sent)
        return sent

    def resend(self) -> None:
        """A batch sent again (a lost answer): only batches that were recorded."""
        recorded = [s for s in self.sent if all(r["result"] in APPLIED for r in s.results)]
        if recorded:
            original = self.rng.choice(recorded)
            self.resends.append(
                (original, self.post_push(self.client(), original.entries, original.mode))
            )

    def race(self, entries: list[dict[str, Any]], pool: ThreadPoolExecutor) -> None:
        """The same new batch to two processes at once (a retry overtaking a slow answer)."""
        first, second = self.rng.sample(self.clients, 2)
        answers = [pool.submit(self.post_push, c, entries, "queue") for c in (first, second)]
        self.racing.append((entries, [answer.result()["results"] for answer in answers]))

    def pull(self) -> None:
        """Pages until the server has nothing more; each page from a random process."""
        while True:
            params: dict[str, Any] = {"limit": PAGE_LIMIT}
            if self.feed.cursor is not None:
                params["cursor"] = self.feed.cursor
            answer = self.client().get("/v1/sync/changes", params=params)
            assert answer.status_code == 200, answer.text
            page = answer.json()
            for change in expand_changes(page["changes"]):
                key = (change["entity"], change["id"])
                if change["op"] == "delete":
                    self.feed.view.pop(key, None)
                else:
                    self.feed.view[key] = change["data"]
                if self.feed.base is not None:
                    row = (change["entity"], change["id"], change["op"], change["data"])
                    self.feed.deltas.append(row)
            if self.feed.base is not None and page["snapshot"]:
                self.feed.snapshots_after_base += 1
            self.feed.cursor = page["next_cursor"]
            if not page["has_more"]:
                if self.feed.base is None:
                    assert self.feed.cursor is not None
                    assert self.feed.cursor.startswith("c")
                    self.feed.base = int(self.feed.cursor[1:])
                return


class StampBook:
    """Stamp times per card that every till respects: at most 3 stamps a store day (UTC
    stores) and 10 minutes apart, as honest terminals that see each other's stamps give."""

    def __init__(self, first_day: datetime) -> None:
        self.first_day = first_day
        self.lock = threading.Lock()
        self.next: dict[str, tuple[int, int, int]] = {}  # card -> (day, stamps, slot)

    def take(self, card_id: str, stamps: int) -> datetime:
        with self.lock:
            day, given, slot = self.next.get(card_id, (0, 0, 0))
            if given + stamps > 3:
                day, given, slot = day + 1, 0, 0
            self.next[card_id] = (day, given + stamps, slot + 1)
            return self.first_day + timedelta(days=day, minutes=10 * slot)


# --- the tests ---------------------------------------------------------------------------------


def test_processes_start_together_on_an_empty_schema(tmp_path: Path) -> None:
    """Three processes creating the schema at once (each runs init_database) all come up,
    and the schema they made is complete and usable."""
    with _schema() as schema, _processes(schema.url, tmp_path) as processes:
        company = _set_up_company(schema.engine, datetime.now(UTC) - timedelta(days=1))
        codes = _activation_codes(schema.engine, company.vendors[:1] * PROCESSES, datetime.now(UTC))
        for process, code in zip(processes, codes, strict=True):
            with httpx.Client(base_url=process.url, headers={PROTOCOL_HEADER: "1"}) as client:
                answer = client.post(
                    "/v1/terminals/activate", json={"code": code, "terminal_name": "Till"}
                )
                assert answer.status_code == 200, answer.text
        assert all(p.popen.poll() is None for p in processes)


def test_many_terminals_on_several_processes_keep_every_guarantee(tmp_path: Path) -> None:
    real_now = datetime.now(UTC).replace(microsecond=0)
    with _schema() as schema:
        # The company first (as an operator would), then the processes.
        company = _set_up_company(schema.engine, real_now - timedelta(days=90))
        with _processes(schema.url, tmp_path) as processes:
            try:
                _drive(schema.engine, company, processes, real_now)
            except BaseException:
                for process in processes:
                    print(f"--- {process.url}\n{process.output()}")
                raise


def _drive(engine: Engine, company: Company, processes: list[Process], real_now: datetime) -> None:
    master = random.Random(SEED)
    vendors = [company.vendors[n % len(company.vendors)] for n in range(TERMINALS)]
    codes = _activation_codes(engine, vendors, real_now)
    tills: list[Till] = []
    for n, code in enumerate(codes):
        process = processes[n % len(processes)]  # activations spread round-robin
        with httpx.Client(base_url=process.url, headers={PROTOCOL_HEADER: "1"}) as client:
            answer = client.post(
                "/v1/terminals/activate", json={"code": code, "terminal_name": f"Till {n}"}
            )
        assert answer.status_code == 200, answer.text
        tills.append(
            Till(answer.json(), processes, random.Random(master.random()), company.cashier)
        )
    stamps = StampBook((real_now - timedelta(days=60)).replace(hour=8, minute=0, second=0))
    cards: list[str] = []
    cards_lock = threading.Lock()
    enrolled = threading.Barrier(TERMINALS, timeout=120)
    failures: list[BaseException] = []
    pool = ThreadPoolExecutor(max_workers=2 * TERMINALS)
    oldest, newest = real_now - timedelta(days=59), real_now - timedelta(hours=1)

    def moment(till: Till) -> datetime:
        return oldest + (newest - oldest) * till.rng.random()

    def work(till: Till) -> None:
        try:
            till.pull()  # the first snapshot
            for _ in range(CARDS_PER_TERMINAL):
                card_id = str(uuid.uuid4())
                number = card_number_from_body(till.next_body)
                till.next_body += 1
                at = real_now - timedelta(days=80)
                created = till.entry(
                    "CARD_CREATED",
                    card_id,
                    at,
                    new_card={
                        "card_number": number,
                        "qr_code_data": new_qr_token(),
                        "customer_id": str(uuid.uuid4()),
                        "first_name": "Grace",
                        "last_name": f"Hopper {number}",
                        "enrolled_at_vendor_id": till.vendor_id,
                    },
                )
                bonus = till.entry("WELCOME_BONUS", card_id, at, points_delta=50)
                till.push([created, bonus])
                with cards_lock:
                    cards.append(card_id)
            enrolled.wait()  # from here on every till works on every card
            for _ in range(OPERATIONS_PER_TERMINAL):
                _operation(till, cards, stamps, company, moment, pool)
        except BaseException as err:  # reported by the test thread
            failures.append(err)
            enrolled.abort()

    threads = [threading.Thread(target=work, args=(till,), daemon=True) for till in tills]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not any(thread.is_alive() for thread in threads), "a terminal hung"
        assert not failures, failures
        for till in tills:  # the network is quiet: a last pull each
            till.pull()
        _check(engine, company, tills, cards)
    finally:
        pool.shutdown(wait=True)
        for till in tills:
            till.close()


def _operation(
    till: Till,
    cards: list[str],
    stamps: StampBook,
    company: Company,
    moment: Any,
    pool: ThreadPoolExecutor,
) -> None:
    rng = till.rng
    kind = rng.choices(
        ["earn", "stamp", "redeem", "resend", "race", "pull"], weights=[28, 14, 26, 12, 6, 14]
    )[0]
    if kind == "earn":
        entries = []
        for _ in range(rng.randint(1, 3)):
            amount = rng.randint(500, 20_000)
            entries.append(
                till.entry(
                    "POINTS_EARNED",
                    rng.choice(cards),
                    moment(till),
                    points_delta=amount // 100,  # 1 point per 1.00, in minor units
                    purchase_amount=amount,
                )
            )
        till.push(entries)
    elif kind == "stamp":
        card_id = rng.choice(cards)
        count = rng.choice([1, 1, 2])
        till.push([till.entry("STAMP_EARNED", card_id, stamps.take(card_id, count),
                              stamps_delta=count)])  # fmt: skip
    elif kind == "redeem":
        reward_id = rng.choice(sorted(company.rewards))
        entry = till.entry(
            "POINTS_REDEEMED",
            rng.choice(cards),
            moment(till),
            points_delta=-company.rewards[reward_id],
            reward_id=reward_id,
            authorized_online=True,
        )
        till.push([entry], mode="authorize")
    elif kind == "resend":
        till.resend()
    elif kind == "race":
        amount = rng.randint(500, 5_000)
        entry = till.entry(
            "POINTS_EARNED",
            rng.choice(cards),
            moment(till),
            points_delta=amount // 100,
            purchase_amount=amount,
        )
        till.race([entry], pool)
    else:
        till.pull()


# --- the checks --------------------------------------------------------------------------------


def _check(engine: Engine, company: Company, tills: list[Till], cards: list[str]) -> None:
    sessions = make_sessionmaker(engine)
    recorded: dict[str, int] = {}  # entry id -> points delta, as the tills were answered
    recorded_stamps: dict[str, int] = {}
    card_of: dict[str, str] = {}
    outcomes: Counter[str] = Counter()
    for till in tills:
        for sent in till.sent:
            for entry, result in zip(sent.entries, sent.results, strict=True):
                assert result["id"] == entry["id"]
                outcomes[f"{sent.mode}:{entry['type']}:{result['result']}"] += 1
                if sent.mode == "queue":
                    assert result["result"] == "accepted", (entry, result)
                else:  # authorize: accepted, or refused with nothing recorded, never overdraft
                    assert result["result"] in ("accepted", "rejected"), (entry, result)
                    if result["result"] == "rejected":
                        assert result["code"] in REDEEM_REFUSALS, (entry, result)
                        continue
                recorded[entry["id"]] = entry.get("points_delta", 0)
                recorded_stamps[entry["id"]] = entry.get("stamps_delta", 0)
                card_of[entry["id"]] = entry["card_id"]
        for original, answer in till.resends:
            for entry, first, again in zip(
                original.entries, original.results, answer["results"], strict=True
            ):
                assert again["result"] == "duplicate", (entry, again)
                assert again["original_result"] == first["result"]
            outcomes["resend:duplicate"] += len(original.entries)
        for entries, (one, two) in till.racing:
            for entry, a, b in zip(entries, one, two, strict=True):
                assert sorted([a["result"], b["result"]]) == ["accepted", "duplicate"], (a, b)
                recorded[entry["id"]] = entry["points_delta"]
                recorded_stamps[entry["id"]] = 0
                card_of[entry["id"]] = entry["card_id"]
            outcomes["race:accepted+duplicate"] += len(entries)
    print(f"outcomes: {dict(sorted(outcomes.items()))}")  # shown on failure or with -s
    # The mix really happened (or the test proves little).
    assert outcomes["authorize:POINTS_REDEEMED:accepted"] > 0, outcomes
    assert outcomes["authorize:POINTS_REDEEMED:rejected"] > 0, outcomes
    assert outcomes["queue:STAMP_EARNED:accepted"] > 0, outcomes
    assert outcomes["resend:duplicate"] > 0, outcomes
    assert outcomes["race:accepted+duplicate"] > 0, outcomes

    with sessions() as session:
        ledger = session.execute(
            select(
                LedgerEntry.id,
                LedgerEntry.card_id,
                LedgerEntry.points_delta,
                LedgerEntry.stamps_delta,
                LedgerEntry.result,
                LedgerEntry.terminal_id,
                LedgerEntry.terminal_seq,
                LedgerEntry.points_balance_after,
            ).where(LedgerEntry.company_id == company.company_id)
        ).all()
        # Each entry exactly once: the ledger is the set of entries answered as recorded.
        assert len(ledger) == len({row.id for row in ledger}) == len(recorded)
        assert {row.id: row.points_delta for row in ledger} == recorded
        assert {row.id: row.stamps_delta for row in ledger} == recorded_stamps
        assert {row.result for row in ledger} == {"accepted"}
        assert min(row.points_balance_after for row in ledger) >= 0
        # Per terminal: seqs 1..last_seq without a gap or a repeat.
        seqs: dict[str, list[int]] = defaultdict(list)
        for row in ledger:
            seqs[row.terminal_id].append(row.terminal_seq)
        for till in tills:
            terminal = session.get_one(Terminal, till.id)
            assert (
                sorted(seqs[till.id])
                == list(range(1, till.seq + 1))
                == list(range(1, terminal.last_seq + 1))
            )
        # Balances: the server's cards equal their ledger and what the tills were answered.
        server_cards = {
            card.id: card
            for card in session.scalars(select(Card).where(Card.company_id == company.company_id))
        }
        assert sorted(server_cards) == sorted(cards)
        expected_points: Counter[str] = Counter()
        expected_stamps: Counter[str] = Counter()
        for entry_id, delta in recorded.items():
            expected_points[card_of[entry_id]] += delta
            expected_stamps[card_of[entry_id]] += recorded_stamps[entry_id]
        for card_id, card in server_cards.items():
            sums = session.execute(
                select(
                    func.coalesce(func.sum(LedgerEntry.points_delta), 0),
                    func.coalesce(func.sum(LedgerEntry.stamps_delta), 0),
                ).where(LedgerEntry.card_id == card_id, LedgerEntry.result.in_(APPLIED))
            ).one()
            assert (card.points_balance, card.stamp_count) == tuple(sums), card_id
            assert card.points_balance == expected_points[card_id]
            assert card.stamp_count == expected_stamps[card_id]
            assert card.points_balance >= 0
            assert not card.overdrawn
        wire_cards = {card_id: card.to_wire() for card_id, card in server_cards.items()}
        # Change feeds: each delta row exactly once, in log order, none missing.
        for till in tills:
            feed = till.feed
            assert feed.base is not None
            assert feed.cursor is not None
            assert feed.cursor.startswith("c")
            assert feed.snapshots_after_base == 0, till.id
            logged = session.execute(
                select(ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op, ChangeLog.data)
                .where(
                    ChangeLog.seq > feed.base,
                    ChangeLog.seq <= int(feed.cursor[1:]),
                    ChangeLog.company_id == company.company_id,
                    or_(ChangeLog.terminal_id.is_(None), ChangeLog.terminal_id == till.id),
                )
                .order_by(ChangeLog.seq)
            ).all()
            assert feed.deltas == [tuple(row) for row in logged], till.id
            seen = {key: data for (entity, key), data in feed.view.items() if entity == "cards"}
            assert seen == wire_cards, till.id
            later = session.scalar(
                select(func.count())
                .select_from(ChangeLog)
                .where(
                    ChangeLog.seq > int(feed.cursor[1:]),
                    ChangeLog.company_id == company.company_id,
                    or_(ChangeLog.terminal_id.is_(None), ChangeLog.terminal_id == till.id),
                )
            )
            assert later == 0, till.id  # the final pull reached the end of its log
