"""The chaos run: several terminals against one real central server, under faults.

    .venv/bin/python -m tests.sync.chaos --terminals 8 --operations 5000 --seed 1

Each terminal is the real thing: its own SQLite file, the counter services, the sync engine
and its HTTP client, against the reference server on loopback (SQLite, or PostgreSQL with
--postgres URL). A seeded random source picks every operation (enroll, stamp, earn,
redeem points or a stamp reward, void), every sync and every fault; the same seed plays the
same run again. Faults, on each terminal's own wire (tests/sync/chaos_network.py) or on the
whole system:

- offline: the terminal's network is down for a while (it keeps selling);
- request_lost: a request never reaches the server;
- answer_lost: the server handled it (committed), its answer never arrives;
- duplicate: the request is delivered twice;
- replayed_late: an earlier push arrives again after later ones (out of order);
- terminal_killed: the terminal stops between its local commits and their sending (the
  database and engine are dropped without a goodbye, and opened again);
- server_restarted: the server goes down in the middle of a push (after committing it) and
  comes back on another port;
- clock_skewed: a terminal's clock runs a day ahead or behind (its entries are judged by
  the server's clock: a day ahead is refused as from the future, and kept with the reason).

At the end the network is quiet: every terminal syncs until nothing moves, and the run
checks what SYNC.md promises: nothing lost (every entry a terminal committed is in the
server's ledger), nothing applied twice (the server's balances equal the sums of its
ledger; no entry answered `conflict`), every terminal converged (its cached balances,
confirmed and shown, equal the server's), and it prints the overdrafts beside the offline
redemptions that could cause them.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from sync.backoff import Backoff
from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.server import admin, auth
from sync.server.app import create_app
from sync.server.db import make_engine, make_sessionmaker
from sync.server.embedded import EmbeddedServer
from sync.server.models import Card, Vendor
from sync.server.models import LedgerEntry as ServerEntry
from terminal.domain.clock import ManualClock
from terminal.domain.errors import LoyaltyError
from terminal.domain.ledger import SyncState, TransactionType
from terminal.domain.pins import hash_pin
from terminal.domain.rules import StaffRole
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.syncing.store import TerminalSyncStore, save_activation
from terminal.services.views import Actor
from terminal.store.engine import Database
from terminal.store.models import LedgerEntry, LoyaltyCard, Reward, SyncConflict
from terminal.store.schema import open_current
from tests.sync.chaos_network import ChaosNetwork

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PIN = "2468"
STORES = 3


@dataclass(frozen=True)
class ChaosConfig:
    terminals: int = 3
    operations: int = 150  # per terminal
    seed: int = 1
    fault_rate: float = 0.12  # per sync: the chance that one fault is injected
    offline_rate: float = 0.03  # per operation: the chance that the terminal goes offline
    postgres_url: str | None = None


@dataclass
class ChaosReport:
    seed: int
    terminals: int
    operations: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    entries: int = 0
    lost: int = 0
    duplicated: int = 0
    id_conflicts: int = 0
    converged: int = 0
    not_converged: list[str] = field(default_factory=list)
    server_ledger_mismatches: int = 0
    overdrafts: int = 0
    offline_redemptions: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.lost == 0
            and self.duplicated == 0
            and self.id_conflicts == 0
            and not self.not_converged
            and self.server_ledger_mismatches == 0
        )

    def lines(self) -> list[str]:
        done = sum(self.operations.values())
        out = [
            f"chaos run: seed {self.seed}, {self.terminals} terminals, {done} operations "
            f"({sum(self.refused.values())} refused by the rules) in {self.seconds:.1f} s",
            "  operations: " + _counts(self.operations),
            "  refusals:   " + _counts(self.refused),
            "  faults:     " + _counts(self.faults),
            f"  entries committed on terminals: {self.entries}",
            f"  lost: {self.lost}   duplicated: {self.duplicated}   "
            f"id/seq conflicts: {self.id_conflicts}",
            f"  converged: {self.converged}/{self.terminals} terminals"
            + (f" (not: {', '.join(self.not_converged)})" if self.not_converged else ""),
            f"  server balances = sums of its ledger: "
            f"{'yes' if self.server_ledger_mismatches == 0 else 'NO'} "
            f"({self.server_ledger_mismatches} cards differ)",
            f"  overdrafts: {self.overdrafts}, beside {self.offline_redemptions} offline "
            "redemptions (each could overdraw a card another store spent meanwhile)",
            "  rejected by the server: " + _counts(self.rejected),
            *(f"  {detail}" for detail in self.details),
            "  RESULT: " + ("OK" if self.ok else "FAILED"),
        ]
        return out


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in sorted(counter.items())) or "none"


class _Server:
    """The reference server on a loopback port; `restart()` brings it back on a new one."""

    def __init__(self, engine: Engine, clock: ManualClock) -> None:
        self.engine, self.clock = engine, clock
        self.sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self._server: EmbeddedServer | None = None
        self.url = ""
        self.start()

    def start(self) -> None:
        self._server = EmbeddedServer(create_app(self.engine, clock=self.clock, block_size=50))
        self.url = self._server.start()

    def restart(self) -> None:
        assert self._server is not None
        self._server.stop()
        self.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()


@dataclass
class _Terminal:
    name: str
    path: Path
    clock: ManualClock
    skew: timedelta
    network: ChaosNetwork
    client: SyncClient
    rng: random.Random
    database: Database | None = None
    engine: SyncEngine | None = None
    services: CounterServices | None = None
    offline_for: int = 0

    def open(self) -> None:
        self.database = open_current(self.path)
        self.engine = SyncEngine(
            TerminalSyncStore(self.database),
            self.client,
            clock=self.clock,
            backoff=Backoff(rng=random.Random(self.rng.random())),
        )
        self.services = counter_services(self.database, self.clock, authorizer=self.engine)

    def kill(self) -> None:
        """Gone without a goodbye: nothing of the engine's or the session's state survives
        but what SQLite committed."""
        assert self.database is not None
        self.database.engine.dispose()
        self.database, self.engine, self.services = None, None, None

    def close(self) -> None:
        if self.engine is not None:
            self.engine.stop()
        if self.database is not None:
            self.database.dispose()
        self.client.close()


def run_chaos(config: ChaosConfig, workdir: Path) -> ChaosReport:
    rng = random.Random(config.seed)
    report = ChaosReport(config.seed, config.terminals)
    began = time.monotonic()
    engine, drop_database = _server_engine(config, workdir)
    clock = ManualClock(START)
    server = _Server(engine, clock)
    terminals: list[_Terminal] = []
    try:
        staff_id, vendors = _company(server)
        for index in range(config.terminals):
            terminals.append(_activate(server, vendors[index % len(vendors)], index, workdir, rng))
        for terminal in terminals:
            assert terminal.engine is not None
            terminal.engine.run_once()
        actor = Actor(staff_id, PIN)
        emails = [f"customer{n}@example.com" for n in range(config.terminals * 12)]
        for _step in range(config.operations):
            clock.advance(timedelta(minutes=rng.randint(1, 40)))
            for terminal in terminals:
                _step_terminal(terminal, server, clock, actor, emails, rng, config, report)
        _quiet(server, terminals, report)
        _check(server, terminals, report)
    finally:
        for terminal in terminals:
            terminal.close()
        server.stop()
        drop_database()
    report.seconds = time.monotonic() - began
    return report


def _server_engine(config: ChaosConfig, workdir: Path) -> tuple[Engine, Callable[[], None]]:
    """The server's database, and how to drop it afterwards (PostgreSQL: its own schema)."""
    if config.postgres_url is None:
        engine = make_engine(f"sqlite:///{workdir / 'server.db'}")
        return engine, engine.dispose
    schema = f"chaos_{uuid.uuid4().hex}"
    admin_engine = create_engine(config.postgres_url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(config.postgres_url, connect_args={"options": f"-csearch_path={schema}"})

    def drop() -> None:
        engine.dispose()
        with admin_engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin_engine.dispose()

    return engine, drop


def _company(server: _Server) -> tuple[int, list[int]]:
    cheap = hash_pin(PIN, n=2**4)
    now = server.clock.now() - timedelta(days=2)  # its rules in force before any skewed clock
    with server.sessions.begin() as session:
        company = admin.create_company(session, "Chaos Coffee", now)
        vendors = [
            admin.create_vendor(session, company.id, f"Store {n}", now, timezone="Europe/Paris")
            for n in range(1, STORES + 1)
        ]
        staff = admin.create_staff(
            session, company.id, "Alex", PIN, now, role=StaffRole.MANAGER, pin_hash=cheap
        )
        return staff.id, [vendor.id for vendor in vendors]


def _activate(
    server: _Server, vendor_id: int, index: int, workdir: Path, rng: random.Random
) -> _Terminal:
    with server.sessions.begin() as session:
        vendor = session.get(Vendor, vendor_id)
        assert vendor is not None
        code = auth.create_activation_code(session, vendor, server.clock.now())
    network = ChaosNetwork(lambda: server.url, on_restart=server.restart)
    client = SyncClient(server.url, transport=network)
    answer = client.activate(code, f"Till {index + 1}")
    client.set_token(answer.token)
    path = workdir / f"terminal-{index + 1}.db"
    terminal_rng = random.Random(rng.random())
    clock = _SkewedClock(server.clock)
    terminal = _Terminal(
        f"till-{index + 1}", path, clock, timedelta(0), network, client, terminal_rng
    )
    database = open_current(path)
    save_activation(database, answer, server.url, server.clock.now())
    database.dispose()
    terminal.open()
    return terminal


class _SkewedClock(ManualClock):
    """The server's clock, seen through a terminal whose own clock may be a day off."""

    def __init__(self, base: ManualClock) -> None:
        super().__init__(base.now())
        self._base = base
        self.skew = timedelta(0)

    def now(self) -> datetime:
        return self._base.now() + self.skew


def _step_terminal(
    terminal: _Terminal,
    server: _Server,
    clock: ManualClock,
    actor: Actor,
    emails: list[str],
    rng: random.Random,
    config: ChaosConfig,
    report: ChaosReport,
) -> None:
    if terminal.services is None:
        terminal.open()  # it was killed: back up
    network = terminal.network
    if terminal.offline_for > 0:
        terminal.offline_for -= 1
        network.down = terminal.offline_for > 0
    elif rng.random() < config.offline_rate:
        terminal.offline_for = rng.randint(2, 12)
        network.down = True
        report.faults["offline"] += 1
    _operation(terminal, actor, emails, rng, report)
    if rng.random() < 0.5:
        return  # no sync this time: the queue grows
    if rng.random() < config.fault_rate:
        kind = rng.choice(
            [
                "request_lost",
                "answer_lost",
                "duplicate",
                "replayed_late",
                "terminal_killed",
                "server_restarted",
                "clock_skewed",
            ]
        )
        report.faults[kind] += 1
        if kind == "terminal_killed":
            terminal.kill()
            return
        if kind == "clock_skewed":
            assert isinstance(terminal.clock, _SkewedClock)
            skewed = terminal.clock.skew != timedelta(0)
            terminal.clock.skew = (
                timedelta(0) if skewed else rng.choice([1, -1]) * timedelta(days=1)
            )
        else:
            network.inject(kind)
    assert terminal.engine is not None
    terminal.engine.run_once()


def _operation(
    terminal: _Terminal,
    actor: Actor,
    emails: list[str],
    rng: random.Random,
    report: ChaosReport,
) -> None:
    services = terminal.services
    assert services is not None
    assert terminal.database is not None
    with terminal.database.reader() as session:
        cards = session.scalars(select(LoyaltyCard.uuid).order_by(LoyaltyCard.id)).all()
        rewards = session.scalars(select(Reward.id)).all()
    roll = rng.random()
    kind = "enroll" if not cards or roll < 0.12 else (
        "stamp" if roll < 0.35 else "earn" if roll < 0.65 else "redeem" if roll < 0.85 else
        "stamp_reward" if roll < 0.92 else "void"
    )  # fmt: skip
    card = rng.choice(cards) if cards else ""
    try:
        if kind == "enroll":
            email = rng.choice(emails)  # two tills may enroll the same customer: a merge
            services.enroll.enroll(actor, first_name="Chaos", last_name=email[:8], email=email)
        elif kind == "stamp":
            services.stamps.add_stamp(actor, card)
        elif kind == "earn":
            services.points.earn(actor, card, f"{rng.randint(1, 300)}.{rng.randint(0, 99):02d}")
        elif kind == "redeem":
            services.points.redeem(actor, card, rng.choice(rewards))
        elif kind == "stamp_reward":
            services.stamps.redeem_reward(actor, card)
        else:
            options = services.voids.voidable(card)
            if not options:
                raise LoyaltyError("nothing to void", reason="nothing_to_void")
            services.voids.void(actor, card, options[0].entry_id)
        report.operations[kind] += 1
    except LoyaltyError as err:
        report.refused[err.key] += 1


def _quiet(server: _Server, terminals: list[_Terminal], report: ChaosReport) -> None:
    """No more faults: every terminal syncs until nothing is pending and nothing moves."""
    for terminal in terminals:
        terminal.network.quiet()
        if terminal.services is None:
            terminal.open()
        assert isinstance(terminal.clock, _SkewedClock)
        terminal.clock.skew = timedelta(0)
    for _round in range(6):
        for terminal in terminals:
            assert terminal.engine is not None
            for _try in range(5):
                status = terminal.engine.run_once()
                if status.state == "online" and status.pending == 0:
                    break
                server.clock.advance(timedelta(minutes=2))  # past any backoff or limit


def _check(server: _Server, terminals: list[_Terminal], report: ChaosReport) -> None:
    with server.sessions() as session:
        server_ids = set(session.scalars(select(ServerEntry.id)))
        truth = {
            card.id: (card.stamp_count, card.points_balance)
            for card in session.scalars(select(Card))
        }
        sums = {
            card_id: (int(stamps), int(points))
            for card_id, stamps, points in session.execute(
                select(
                    ServerEntry.card_id,
                    func.sum(ServerEntry.stamps_delta),
                    func.sum(ServerEntry.points_delta),
                )
                .where(ServerEntry.result.in_(["accepted", "overdraft"]))
                .group_by(ServerEntry.card_id)
            )
        }
        report.server_ledger_mismatches = sum(
            1 for card_id, balances in truth.items() if sums.get(card_id, (0, 0)) != balances
        )
        report.overdrafts = int(
            session.scalar(
                select(func.count())
                .select_from(ServerEntry)
                .where(ServerEntry.result == "overdraft")
            )
            or 0
        )
        for code, n in session.execute(
            select(ServerEntry.reason_code, func.count())
            .where(ServerEntry.result == "rejected")
            .group_by(ServerEntry.reason_code)
        ):
            report.rejected[str(code)] += int(n)
    for terminal in terminals:
        assert terminal.database is not None
        with terminal.database.reader() as session:
            local = set(session.scalars(select(LedgerEntry.id)))
            report.entries += len(local)
            report.lost += len(local - server_ids)
            report.id_conflicts += int(
                session.scalar(
                    select(func.count())
                    .select_from(SyncConflict)
                    .where(SyncConflict.kind == "conflict")
                )
                or 0
            )
            report.offline_redemptions += int(
                session.scalar(
                    select(func.count())
                    .select_from(LedgerEntry)
                    .where(
                        LedgerEntry.type.in_(
                            [TransactionType.POINTS_REDEEMED, TransactionType.STAMP_REDEEMED]
                        ),
                        LedgerEntry.approved_online.is_(False),
                    )
                )
                or 0
            )
            pending = session.scalar(
                select(func.count())
                .select_from(LedgerEntry)
                .where(LedgerEntry.sync_state.in_([SyncState.PENDING, SyncState.AUTHORIZING]))
            )
            cached = {
                card.uuid: (card.stamp_count, card.points_balance, card.confirmed_stamp_count,
                            card.confirmed_points_balance)
                for card in session.scalars(select(LoyaltyCard))
            }  # fmt: skip
        # A card this till enrolled that the server refused (e.g. from a clock a day
        # ahead) stays here, empty, its entries refused and listed as conflicts.
        local_only = {uuid: v for uuid, v in cached.items() if uuid not in truth}
        shown = {uuid: (v[0], v[1]) for uuid, v in cached.items() if uuid in truth}
        confirmed = {uuid: (v[2], v[3]) for uuid, v in cached.items() if uuid in truth}
        empty = all(v == (0, 0, 0, 0) for v in local_only.values())
        if pending == 0 and shown == truth and confirmed == truth and empty:
            report.converged += 1
        else:
            report.not_converged.append(terminal.name)
            wrong = {
                uuid: (cached.get(uuid), truth.get(uuid))
                for uuid in set(cached) | set(truth)
                if cached.get(uuid) is None
                or truth.get(uuid) is None
                or cached[uuid] != truth[uuid] * 2
            }
            report.details.append(f"{terminal.name}: pending {pending}, {list(wrong.items())[:4]}")
    # Applied twice: a server entry whose effect shows twice cannot exist (ids are unique
    # and balances equal the ledger sums); what remains to count is a terminal whose cached
    # balance is above the server's for the same card once everything settled.
    report.duplicated = report.server_ledger_mismatches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=8)
    parser.add_argument("--operations", type=int, default=5000, help="per terminal")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", metavar="URL", help="the server on PostgreSQL")
    args = parser.parse_args(argv)
    config = ChaosConfig(args.terminals, args.operations, args.seed, postgres_url=args.postgres)
    with tempfile.TemporaryDirectory(prefix="loyalty-chaos-") as folder:
        report = run_chaos(config, Path(folder))
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
