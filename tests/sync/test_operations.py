"""Operations: request logs, /health, clean shutdown, keep-alive after a 500.

Real servers over loopback: uvicorn in a thread (the shutdown and fault tests inject a clock
that blocks or fails on cue), and `loyalty-server serve` as a subprocess for SIGTERM.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import Engine, select

from sync.protocol import PROTOCOL_HEADER
from sync.server import admin
from sync.server.app import create_app
from sync.server.db import make_engine, make_sessionmaker
from sync.server.models import LedgerEntry
from terminal.domain.clock import ManualClock
from terminal.domain.pins import hash_pin
from tests.sync.conftest import BLOCK_SIZE, START, STARTUP_TIMEOUT_S, LiveServer, World, _database

SERVER_BIN = Path(sys.executable).with_name("loyalty-server")
WAIT_S = 15.0
REQUESTS_LOGGER = "sync.server.requests"


# --- helpers -----------------------------------------------------------------------------------


class CueClock(ManualClock):
    """A manual clock that, once armed, blocks (or fails) on the next now() call only."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self._armed: str | None = None
        self._lock = threading.Lock()
        self.entered = threading.Event()
        self.release = threading.Event()

    def arm(self, what: str) -> None:
        assert what in ("block", "fail")
        with self._lock:
            self._armed = what

    def now(self) -> datetime:
        with self._lock:
            armed, self._armed = self._armed, None
        if armed == "fail":
            raise RuntimeError("injected fault: the clock failed")
        if armed == "block":
            self.entered.set()
            assert self.release.wait(WAIT_S), "the test never released the request"
        return super().now()


def _until(condition: Any, what: str, deadline_s: float = WAIT_S) -> None:
    """A bounded poll (never a fixed wait)."""
    pause = threading.Event()
    deadline = datetime.now(UTC) + timedelta(seconds=deadline_s)
    while not condition():
        assert datetime.now(UTC) < deadline, f"timed out waiting for {what}"
        pause.wait(0.01)


@contextmanager
def threaded_server(
    app: FastAPI, engine: Engine, clock: ManualClock, backend: str, **config: Any
) -> Iterator[tuple[LiveServer, uvicorn.Server, threading.Thread]]:
    options = {"host": "127.0.0.1", "port": 0, "log_level": "warning", **config}
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, name="loyalty-server", daemon=True)
    thread.start()
    _until(lambda: server.started or not thread.is_alive(), "the server to start")
    assert thread.is_alive(), "the server thread died while starting"
    port = server.servers[0].sockets[0].getsockname()[1]
    live = LiveServer(
        f"http://127.0.0.1:{port}", clock, engine, make_sessionmaker(engine), backend=backend
    )
    try:
        yield live, server, thread
    finally:
        for client in live.clients:
            client.close()
        server.should_exit = True
        server.force_exit = True
        thread.join(timeout=WAIT_S)


def _seed(live: LiveServer) -> int:
    """One company, store and cashier; returns the store's id."""
    with live.sessions.begin() as session:
        company = admin.create_company(session, "Ops", START)
        vendor = admin.create_vendor(session, company.id, "Shop", START, country="FR")
        admin.create_staff(
            session, company.id, "Alice", "2468", START, pin_hash=hash_pin("2468", n=2**4)
        )
        return vendor.id


def _request_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == REQUESTS_LOGGER
    ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- request logs -----------------------------------------------------------------------------


def test_one_json_line_per_request_without_secrets(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="sync.server")
    till = world.server.activate(world.vendor_a1)
    card_id, entries = till.enrollment(email="ada@example.com", phone="+33612345678")
    till.push(entries)
    qr_token = entries[0]["new_card"]["qr_code_data"]
    caplog.clear()

    found = till.http.get(
        "/v1/cards/lookup", params={"q": qr_token}, headers={"X-Request-ID": "till-7.lookup-42"}
    )
    assert found.status_code == 200, found.text
    assert found.headers["X-Request-ID"] == "till-7.lookup-42"
    by_email = till.http.get("/v1/cards/lookup", params={"q": "ada@example.com"})
    assert by_email.status_code == 200
    generated = uuid.UUID(by_email.headers["X-Request-ID"])  # none sent: a new uuid4
    assert generated.version == 4
    insane = till.http.get("/v1/sync/changes", headers={"X-Request-ID": "x" * 41})
    assert uuid.UUID(insane.headers["X-Request-ID"]).version == 4
    unauthenticated = world.server.client().get("/v1/sync/changes")
    assert unauthenticated.status_code == 401

    lines = _request_lines(caplog)
    assert [line["request_id"] for line in lines] == [
        "till-7.lookup-42",
        str(generated),
        insane.headers["X-Request-ID"],
        unauthenticated.headers["X-Request-ID"],
    ]
    first = lines[0]
    assert first["method"] == "GET"
    assert first["path"] == "/v1/cards/lookup"
    assert first["status"] == 200
    assert isinstance(first["duration_ms"], float)
    assert first["terminal_id"] == till.id
    assert first["client"].startswith("127.0.0.1:")
    assert "terminal_id" not in lines[3]  # not authenticated
    assert lines[3]["status"] == 401

    secrets = (till.token, qr_token, "ada@example.com", "ada%40example.com", "+33612345678")
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        for secret in secrets:
            assert secret not in text, (record.name, text)
        assert "?" not in text, text
        assert "q=" not in text, text
        assert "Bearer" not in text, text
        assert "authorization" not in text.lower(), text
    assert card_id  # the card exists; only its lookups' tokens were secrets


# --- health -----------------------------------------------------------------------------------


def test_health_reports_the_database_and_its_schema(server: LiveServer) -> None:
    answer = server.client(version=None).get("/health")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["protocol_versions"] == [1]
    assert "schema_revision" in body
    assert "expected_revision" in body
    if body["schema_revision"] and body["expected_revision"]:
        assert body["schema_up_to_date"] == (body["schema_revision"] == body["expected_revision"])


def test_health_is_never_rate_limited(server: LiveServer) -> None:
    health = server.client(version=None)
    for _ in range(50):
        assert health.get("/health").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres@127.0.0.1:1/nowhere",  # nothing listens on port 1
        "sqlite:///{tmp}/missing-directory/server.db",
    ],
    ids=["postgresql-unreachable", "sqlite-missing-directory"],
)
def test_health_answers_503_when_the_database_is_unreachable(url: str, tmp_path: Path) -> None:
    engine = make_engine(url.format(tmp=tmp_path))
    clock = ManualClock(START)
    app = create_app(engine, clock=clock, create_schema=False)
    try:
        with threaded_server(app, engine, clock, "none", lifespan="off") as (live, _, _):
            answer = live.client(version=None).get("/health")
            assert answer.status_code == 503, answer.text
            body = answer.json()
            assert body["status"] == "unavailable"
            assert body["database"] == "unreachable"
            assert "nowhere" not in answer.text
            assert "postgres@" not in answer.text
    finally:
        engine.dispose()


# --- the 500 that keeps the connection --------------------------------------------------------


def test_after_a_500_the_next_request_on_the_connection_succeeds(
    backend: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sync.server")
    with _database(backend, tmp_path) as engine:
        clock = CueClock(START)
        app = create_app(engine, clock=clock, block_size=BLOCK_SIZE)
        with threaded_server(app, engine, clock, backend, lifespan="off") as (live, _, _):
            till = live.activate(_seed(live))
            caplog.clear()
            clock.arm("fail")
            failed = till.http.get("/v1/sync/changes", headers={"X-Request-ID": "boom-1"})
            assert failed.status_code == 500
            assert failed.json()["error"] == "internal_error"
            assert failed.headers.get("connection", "").lower() != "close"
            after = till.http.get("/v1/sync/changes")  # the same keep-alive connection
            assert after.status_code == 200, after.text
            assert failed.headers["X-Request-ID"] == "boom-1"

    lines = _request_lines(caplog)
    assert [line["status"] for line in lines] == [500, 200]
    assert lines[0]["client"] == lines[1]["client"]  # the same connection (same client port)
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1, [record.getMessage() for record in errors]  # logged once
    assert errors[0].name == "sync.server"
    assert "boom-1" in errors[0].getMessage()
    assert "injected fault" in (errors[0].exc_text or "")
    assert till.token not in (errors[0].exc_text or "")


# --- clean shutdown ---------------------------------------------------------------------------


def test_shutdown_finishes_the_push_in_flight(backend: str, tmp_path: Path) -> None:
    with _database(backend, tmp_path) as engine:
        clock = CueClock(START)
        app = create_app(engine, clock=clock, block_size=BLOCK_SIZE)
        with threaded_server(app, engine, clock, backend, timeout_graceful_shutdown=30) as (
            live,
            server,
            thread,
        ):
            till = live.activate(_seed(live))
            card_id, entries = till.enrollment()
            pusher = live.client(till.token)
            answers: list[httpx.Response] = []

            def send_push() -> None:
                answers.append(
                    pusher.post(
                        "/v1/sync/push",
                        json={"terminal_id": till.id, "mode": "queue", "entries": entries},
                    )
                )

            clock.arm("block")
            request = threading.Thread(target=send_push, name="push-in-flight")
            request.start()
            assert clock.entered.wait(WAIT_S), "the push never reached the server"

            server.should_exit = True  # what uvicorn's SIGTERM handler does
            _until(lambda: _refuses_connections(live.url), "the server to stop accepting")
            assert thread.is_alive()  # still serving the push in flight

            clock.release.set()
            request.join(WAIT_S)
            assert not request.is_alive()
            assert answers, "the push got no answer"
            assert answers[0].status_code == 200, answers[0].text
            results = answers[0].json()["results"]
            assert [r["result"] for r in results] == ["accepted"] * len(entries)
            thread.join(WAIT_S)
            assert not thread.is_alive(), "the server did not stop after the push"

        with make_sessionmaker(engine)() as session:  # committed, seen by a new session
            stored = session.scalars(
                select(LedgerEntry.id).where(LedgerEntry.id.in_([e["id"] for e in entries]))
            ).all()
        assert sorted(stored) == sorted(e["id"] for e in entries)
        assert card_id


def _refuses_connections(url: str) -> bool:
    try:
        with httpx.Client(base_url=url, timeout=2.0) as probe:
            probe.get("/health")
    except httpx.TransportError:
        return True
    return False


def test_serve_exits_cleanly_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    database = f"sqlite:///{tmp_path / 'server.db'}"
    log = tmp_path / "serve.log"
    env = {key: value for key, value in os.environ.items() if not key.startswith("LOYALTY_")}
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 (our own argv, no shell)
            [str(SERVER_BIN), "--database", database, "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _until(lambda: _healthy(url, process), "serve to answer /health", STARTUP_TIMEOUT_S)
            answer = httpx.get(
                f"{url}/v1/sync/changes", headers={PROTOCOL_HEADER: "1", "X-Request-ID": "sig-1"}
            )
            assert answer.status_code == 401
            process.send_signal(signal.SIGTERM)
            status = process.wait(timeout=WAIT_S)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT_S)
    output = log.read_text(errors="replace")
    assert status == 0, output
    assert "Traceback" not in output, output
    assert "stopped by SIGTERM" in output, output
    assert "server stopped" in output, output
    request_lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert any(line["request_id"] == "sig-1" for line in request_lines), output


def _healthy(url: str, process: subprocess.Popen[bytes]) -> bool:
    assert process.poll() is None, "serve exited while starting"
    try:
        return httpx.get(f"{url}/health", timeout=2.0).status_code == 200
    except httpx.TransportError:
        return False
