"""The real central server on a loopback port, one per test, with a manual clock.

Every server test runs twice: on a SQLite file and on PostgreSQL. The PostgreSQL URL comes
from LOYALTY_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test);
without it, or with the server unreachable, the PostgreSQL cases are skipped with a reason.
Each PostgreSQL test gets its own fresh schema (`t_<uuid>`, selected through the connection's
`search_path`), dropped with CASCADE at teardown, so parallel or repeated runs never collide.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import PROTOCOL_HEADER, expand_changes
from sync.server import admin, auth
from sync.server.app import create_app
from sync.server.db import make_engine, make_sessionmaker
from sync.server.models import Program, Reward, Staff, Vendor
from sync.server.rules_history import record_rule_version
from terminal.domain.cards import card_number_from_body, new_qr_token
from terminal.domain.clock import ManualClock
from terminal.domain.pins import hash_pin
from terminal.domain.rules import StaffRole

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MAX_BODY = 64 * 1024
BLOCK_SIZE = 10
STARTUP_TIMEOUT_S = 10.0
POSTGRES_URL_ENV = "LOYALTY_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


@dataclass
class LiveServer:
    url: str
    clock: ManualClock
    engine: Engine
    sessions: sessionmaker[Session]
    clients: list[httpx.Client] = field(default_factory=list)
    backend: str = "sqlite"  # or "postgresql"

    def client(self, token: str | None = None, version: str | None = "1") -> httpx.Client:
        headers = {}
        if version is not None:
            headers[PROTOCOL_HEADER] = version
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        client = httpx.Client(base_url=self.url, headers=headers, timeout=10.0)
        self.clients.append(client)
        return client

    def activation_code(self, vendor_id: int, hours: float = 24) -> str:
        with self.sessions.begin() as session:
            vendor = session.get(Vendor, vendor_id)
            assert vendor is not None
            return auth.create_activation_code(
                session, vendor, self.clock.now(), timedelta(hours=hours)
            )

    def activate(self, vendor_id: int, name: str = "Till", staff_id: int | None = None) -> Term:
        """A new terminal of the vendor; its entries name `staff_id` (default: the company's
        first staff member, as every entry of an honest terminal names its staff)."""
        code = self.activation_code(vendor_id)
        answer = self.client().post(
            "/v1/terminals/activate", json={"code": code, "terminal_name": name}
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        if staff_id is None:
            with self.sessions.begin() as session:
                staff_id = session.scalar(
                    select(Staff.id)
                    .where(Staff.company_id == body["company_id"])
                    .order_by(Staff.id)
                )
        return Term(
            id=body["terminal_id"],
            token=body["token"],
            company_id=body["company_id"],
            vendor_id=body["vendor_id"],
            next_body=body["card_number_block"]["first_body"],
            http=self.client(body["token"]),
            staff_id=staff_id,
        )


@dataclass
class Term:
    """A terminal as the tests drive it: its credentials, sequence and number block."""

    id: str
    token: str
    company_id: int
    vendor_id: int
    next_body: int
    http: httpx.Client
    seq: int = 0
    staff_id: int | None = None

    def entry(self, type_: str, card_id: str, **fields: Any) -> dict[str, Any]:
        """An entry as an honest terminal makes it: with its staff member (pass
        staff_id=None to leave it out), at START unless `transaction_at` is given."""
        self.seq += 1
        fields.setdefault("staff_id", self.staff_id)
        if fields["staff_id"] is None:
            del fields["staff_id"]
        return {
            "id": str(uuid.uuid4()),
            "seq": self.seq,
            "type": type_,
            "card_id": card_id,
            "transaction_at": fields.pop("transaction_at", START.isoformat()),
            **fields,
        }

    def enrollment(
        self, *, email: str | None = None, phone: str | None = None, bonus: int = 50
    ) -> tuple[str, list[dict[str, Any]]]:
        """A new card's CARD_CREATED (+ WELCOME_BONUS) entries; returns (card id, entries)."""
        card_id = str(uuid.uuid4())
        number = card_number_from_body(self.next_body)
        self.next_body += 1
        created = self.entry(
            "CARD_CREATED",
            card_id,
            new_card={
                "card_number": number,
                "qr_code_data": new_qr_token(),
                "customer_id": str(uuid.uuid4()),
                "first_name": "Ada",
                "last_name": "Lovelace",
                "email": email,
                "phone": phone,
                "enrolled_at_vendor_id": self.vendor_id,
            },
        )
        entries = [created]
        if bonus:
            entries.append(self.entry("WELCOME_BONUS", card_id, points_delta=bonus))
        return card_id, entries

    def push(self, entries: list[dict[str, Any]], mode: str = "queue") -> dict[str, Any]:
        answer = self.http.post(
            "/v1/sync/push", json={"terminal_id": self.id, "mode": mode, "entries": entries}
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    def enroll(self, **kwargs: Any) -> str:
        card_id, entries = self.enrollment(**kwargs)
        results = self.push(entries)["results"]
        assert [r["result"] for r in results] == ["accepted"] * len(entries), results
        return card_id

    def changes(self, cursor: str | None = None, limit: int = 500) -> dict[str, Any]:
        """A page as a terminal reads it: row batches expanded into one change per row."""
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        answer = self.http.get("/v1/sync/changes", params=params)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        page["changes"] = expand_changes(page["changes"])
        return page


@dataclass
class World:
    """Company A (two stores) and company B (one store), each with a cashier and a manager."""

    server: LiveServer
    company_a: int
    vendor_a1: int
    vendor_a2: int
    company_b: int
    vendor_b1: int
    staff_a: int
    staff_b: int
    manager_a: int

    def change_program(self, **fields: Any) -> None:
        """Company A's program changed by the back office: a new version in force from the
        server clock's now (as the admin commands record it)."""
        with self.server.sessions.begin() as session:
            program = session.scalars(
                select(Program).where(Program.company_id == self.company_a)
            ).one()
            _change_rules(session, program, "programs", self.server.clock.now(), fields)

    def change_reward(self, reward_id: int, **fields: Any) -> None:
        with self.server.sessions.begin() as session:
            reward = session.get(Reward, reward_id)
            assert reward is not None
            _change_rules(session, reward, "rewards", self.server.clock.now(), fields)


def _change_rules(
    session: Session, row: Program | Reward, entity: str, now: datetime, fields: dict[str, Any]
) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    session.flush()
    record_rule_version(
        session,
        company_id=row.company_id,
        entity=entity,
        entity_id=row.id,
        data=row.to_wire(),
        now=now,
    )


_postgres_problem: dict[str, str | None] = {}


def _postgres_unavailable(url: str | None) -> str | None:
    """Why the PostgreSQL cases cannot run here, or None (checked once per session)."""
    if not url:
        return f"PostgreSQL cases skipped: set {POSTGRES_URL_ENV} to a PostgreSQL URL to run them"
    if url not in _postgres_problem:
        try:
            probe = create_engine(url, connect_args={"connect_timeout": 3})
            with probe.connect() as connection:
                connection.execute(text("SELECT 1"))
            probe.dispose()
            _postgres_problem[url] = None
        except Exception as err:
            _postgres_problem[url] = (
                f"PostgreSQL cases skipped: {POSTGRES_URL_ENV}={make_url(url)!r} is not "
                f"reachable ({type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''})"
            )
    return _postgres_problem[url]


@contextmanager
def _database(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty server database for one test."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    url = os.environ.get(POSTGRES_URL_ENV)
    problem = _postgres_unavailable(url)
    if problem:
        pytest.skip(problem)
    assert url is not None
    schema = f"t_{uuid.uuid4().hex}"
    admin_engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin_engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin_engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server(backend: str, tmp_path: Path) -> Iterator[LiveServer]:
    with _database(backend, tmp_path) as engine:
        yield from _serve(engine, backend)


def _serve(engine: Engine, backend: str) -> Iterator[LiveServer]:
    clock = ManualClock(START)
    app = create_app(engine, clock=clock, max_body_bytes=MAX_BODY, block_size=BLOCK_SIZE)
    with live_server(app, engine, clock, backend) as live:
        yield live


@contextmanager
def uvicorn_thread(config: uvicorn.Config, name: str = "loyalty-server") -> Iterator[int]:
    """Serve `config` (port 0: a free one) in a thread until the block ends; yields the port."""
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, name=name, daemon=True)
    thread.start()
    ready = threading.Event()
    deadline = datetime.now(UTC) + timedelta(seconds=STARTUP_TIMEOUT_S)
    while not uvicorn_server.started:  # bounded readiness poll
        assert thread.is_alive(), "the server thread died while starting"
        assert datetime.now(UTC) < deadline, "the server did not start in time"
        ready.wait(0.005)
    try:
        yield uvicorn_server.servers[0].sockets[0].getsockname()[1]
    finally:
        uvicorn_server.should_exit = True
        uvicorn_server.force_exit = True  # no keep-alive grace: the clients are closed
        thread.join(timeout=10)


@contextmanager
def live_server(app: Any, engine: Engine, clock: ManualClock, backend: str) -> Iterator[LiveServer]:
    """`app` under uvicorn on a free loopback port, in a thread, until the block ends."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    with uvicorn_thread(config) as port:
        live = LiveServer(
            f"http://127.0.0.1:{port}", clock, engine, make_sessionmaker(engine), backend=backend
        )
        try:
            yield live
        finally:
            for client in live.clients:
                client.close()


@pytest.fixture
def world(server: LiveServer) -> World:
    now = server.clock.now()
    cheap = hash_pin("2468", n=2**4)  # keeps the tests fast; the format is the real one
    with server.sessions.begin() as session:
        a = admin.create_company(session, "Company A", now)
        a1 = admin.create_vendor(session, a.id, "A Main Street", now, timezone="Europe/Paris")
        a2 = admin.create_vendor(session, a.id, "A Station", now, country="FR")
        b = admin.create_company(session, "Company B", now)
        b1 = admin.create_vendor(session, b.id, "B Harbour", now, country="FR")
        staff_a = admin.create_staff(session, a.id, "Alice", "2468", now, pin_hash=cheap)
        manager_a = admin.create_staff(
            session, a.id, "Mona", "2468", now, role=StaffRole.MANAGER, pin_hash=cheap
        )
        staff_b = admin.create_staff(session, b.id, "Bob", "2468", now, pin_hash=cheap)
        return World(server, a.id, a1.id, a2.id, b.id, b1.id, staff_a.id, staff_b.id, manager_a.id)
