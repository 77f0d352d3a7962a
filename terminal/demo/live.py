"""The demo for real: a central server on this computer with the demo company, and counters
activated against it that sync through the real engine.

`start_live_demo` opens (or builds, the first time) the server's database in the demo
folder and serves it on a loopback port. Its history (a few hundred customers and weeks of
visits) is made the way a real one is: a terminal of the company ("Demo history") plays the
visits through the counter services on a clock that walks the past, and its engine pushes
them; the server re-checks every one. `demo_counter` activates a counter of a store with a
one-time code, as a real one is, and pulls the company into its cache.

The demo keeps its terminals' tokens in a file of the demo folder (secrets.FileTokens): the
documented fallback for machines without a secure credential store, chosen here explicitly
because the demo must run anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.server import admin, auth
from sync.server.app import create_app
from sync.server.db import make_engine, make_sessionmaker
from sync.server.embedded import EmbeddedServer
from sync.server.models import Company, Staff, Vendor
from terminal.demo.catalog import CatalogSeed, StaffSeed
from terminal.demo.history import HISTORY_DAYS, replay_history
from terminal.domain.clock import ManualClock
from terminal.domain.rules import CompanyRules, PinOperation, PinPolicy
from terminal.logs import protect
from terminal.secrets import FileTokens, TokenStore
from terminal.services.syncing.store import TerminalSyncStore, save_activation
from terminal.store.models import CompanySettings, TerminalIdentity
from terminal.store.schema import open_current

SERVER_FILE = "demo-server.db"
TOKENS_FILE = "demo-tokens.json"
HISTORY_FILE = "demo-history-terminal.db"
Report = Callable[[str], None]


@dataclass
class LiveDemo:
    """The running demo server. `stop()` is safe twice."""

    server: EmbeddedServer
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    company_id: int
    vendors: list[tuple[int, str]]  # (id, name) of each store
    tokens: TokenStore

    def stop(self) -> None:
        self.server.stop()
        self.engine.dispose()

    def activation_code(self, vendor_id: int, now: datetime) -> str:
        with self.sessions.begin() as session:
            vendor = session.get(Vendor, vendor_id)
            assert vendor is not None
            return auth.create_activation_code(session, vendor, now)


def demo_files(demo_dir: Path) -> list[Path]:
    """Everything the live demo keeps in its folder (removed by --fresh)."""
    names = [SERVER_FILE, TOKENS_FILE, HISTORY_FILE] + [
        f"demo-counter-{index}.db" for index in range(1, 10)
    ]
    return [Path(f"{demo_dir / name}{suffix}") for name in names for suffix in ("", "-wal", "-shm")]


def start_live_demo(
    demo_dir: Path,
    now: datetime,
    *,
    customers: int = 300,
    fresh: bool = False,
    report: Report = print,
    seed: CatalogSeed | None = None,
) -> LiveDemo:
    seed = seed or CatalogSeed()
    demo_dir.mkdir(parents=True, exist_ok=True)
    if fresh:
        for path in demo_files(demo_dir):
            path.unlink(missing_ok=True)
    server_path = demo_dir / SERVER_FILE
    new = not server_path.exists()
    engine = make_engine(f"sqlite:///{server_path}")
    server = EmbeddedServer(create_app(engine))
    try:
        url = server.start()
        sessions = make_sessionmaker(engine)
        tokens = FileTokens(demo_dir / TOKENS_FILE)
        if new:
            report(f"Creating the demo company on a central server at {url} ...")
            company_id = _create_company(sessions, seed, now)
        else:
            with sessions() as session:
                company_id = session.scalars(select(Company.id).order_by(Company.id)).first()
            assert company_id is not None, f"{server_path} holds no company: run with --fresh"
        with sessions() as session:
            vendors = [
                (vendor_id, name)
                for vendor_id, name in session.execute(
                    select(Vendor.id, Vendor.name)
                    .where(Vendor.company_id == company_id)
                    .order_by(Vendor.id)
                )
            ]
        demo = LiveDemo(server, url, engine, sessions, company_id, vendors, tokens)
        if new:
            report(f"Playing {customers} customers' visits of the last {HISTORY_DAYS} days ...")
            _write_history(demo, demo_dir, now, customers, seed)
        return demo
    except BaseException:
        server.stop()
        engine.dispose()
        raise


def _create_company(sessions: sessionmaker[Session], seed: CatalogSeed, now: datetime) -> int:
    # Created before the history it holds, so every past visit finds its rules in force.
    since = now - timedelta(days=HISTORY_DAYS + 1)
    with sessions.begin() as session:
        company = admin.create_company(
            session, seed.company_name, since, program=seed.program, settings=seed.company
        )
        for _vendor_id, name, tz, country in seed.vendors:
            admin.create_vendor(session, company.id, name, since, timezone=tz, country=country)
        for member in seed.staff:
            admin.create_staff(
                session, company.id, member.name, member.pin, since, role=member.role
            )
        return company.id


def _write_history(
    demo: LiveDemo, demo_dir: Path, now: datetime, customers: int, seed: CatalogSeed
) -> None:
    path = demo_dir / HISTORY_FILE
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = open_current(path, durable=False)
    client = SyncClient(demo.url)
    try:
        answer = client.activate(demo.activation_code(demo.vendors[0][0], now), "Demo history")
        client.set_token(answer.token)
        save_activation(database, answer, demo.url, now)
        engine = SyncEngine(TerminalSyncStore(database), client)
        _require_online(engine.run_once(), "the first pull of the history terminal")
        # Past redemptions are replayed without PIN checks (scrypt is slow on purpose) and
        # without the offline limit: only in this terminal's cache, never on the server.
        relaxed = CompanyRules(
            pin_policies={op: PinPolicy.DISABLED for op in PinOperation},
            offline_redemption_limit_points=10**9,
        )
        with database.write() as session:
            session.merge(CompanySettings.from_rules(demo.company_id, relaxed))
        with demo.sessions() as session:
            cashier = session.scalars(
                select(Staff).where(Staff.company_id == demo.company_id).order_by(Staff.id)
            ).first()
            assert cashier is not None
            first = StaffSeed(cashier.id, cashier.name, seed.staff[0].role, seed.staff[0].pin)
        clock = ManualClock(now - timedelta(days=HISTORY_DAYS))
        replay_history(
            database, clock, now, customers, replace(seed, staff=(first, *seed.staff[1:]))
        )
        status = engine.run_once()
        _require_online(status, "sending the demo history")
        if status.pending or status.conflicts:
            raise RuntimeError(
                f"the server did not take the demo history as it was made "
                f"({status.pending} pending, {status.conflicts} conflicts)"
            )
    finally:
        client.close()
        database.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def demo_counter(demo: LiveDemo, demo_dir: Path, index: int, now: datetime) -> tuple[Path, str]:
    """The local database of the demo's counter `index` (1, 2, ...; one per store, the
    stores taken in turn), activated against the demo server and pulled once; returns it
    and the terminal's id."""
    vendor_id, vendor_name = demo.vendors[(index - 1) % len(demo.vendors)]
    path = demo_dir / f"demo-counter-{index}.db"
    database = open_current(path)
    client = SyncClient(demo.url)
    try:
        store = TerminalSyncStore(database)
        terminal_id = store.terminal_id()
        token = demo.tokens.load(terminal_id) if terminal_id else None
        protect(token)  # never in a log or a crash report, even the demo's
        if token is None:
            code = demo.activation_code(vendor_id, now)
            answer = client.activate(code, f"Counter {index}")
            save_activation(database, answer, demo.url, now)
            protect(answer.token)
            demo.tokens.save(answer.terminal_id, answer.token)
            token = answer.token
            terminal_id = answer.terminal_id
        else:  # the demo server listens on a new port each time
            with database.write() as session:
                session.execute(
                    update(TerminalIdentity)
                    .where(TerminalIdentity.id == 1)
                    .values(server_url=demo.url)
                )
        client.set_token(token)
        status = SyncEngine(store, client).run_once()
        _require_online(status, f"the first pull of counter {index} ({vendor_name})")
    finally:
        client.close()
        database.dispose()
    assert terminal_id is not None
    return path, terminal_id


def _require_online(status: object, what: str) -> None:
    state = getattr(status, "state", None)
    if state != "online":
        detail = getattr(status, "error_detail", None)
        raise RuntimeError(f"the demo could not sync ({what}): {state}, {detail}")
