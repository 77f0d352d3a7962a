"""Bad answers from the network, through the engine: a proxy in front of the real server
that forwards each request and then, for the case under test, answers badly (the server
may well have committed the push it garbled). Each case gives a clear status, keeps every
entry, retries sanely, and once the network is good again everything settles exactly once.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.server.models import LedgerEntry as ServerEntry
from terminal.domain.ledger import SyncState
from tests.sync.conftest import World
from tests.sync.terminals import make_terminal, server_balances

Answer = Callable[[http.server.BaseHTTPRequestHandler, httpx.Response | None], None]


def _send(
    handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes, **headers: str
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def _html(handler: http.server.BaseHTTPRequestHandler, _real: httpx.Response | None) -> None:
    _send(handler, 200, b"<html><body>Captive portal: sign in</body></html>",
          Content_Type="text/html")  # fmt: skip


def _garbage(handler: http.server.BaseHTTPRequestHandler, _real: httpx.Response | None) -> None:
    _send(handler, 200, b'{"results": [{"id": ', Content_Type="application/json")


def _error_500(handler: http.server.BaseHTTPRequestHandler, _real: httpx.Response | None) -> None:
    _send(handler, 500, b'{"error":"internal_error","message":"Boom."}',
          Content_Type="application/json")  # fmt: skip


def _busy_429(handler: http.server.BaseHTTPRequestHandler, _real: httpx.Response | None) -> None:
    _send(handler, 429, b'{"error":"rate_limited","message":"Slow down."}',
          Content_Type="application/json", Retry_After="7")  # fmt: skip


def _refused_401(handler: http.server.BaseHTTPRequestHandler, _real: httpx.Response | None) -> None:
    _send(handler, 401, b'{"error":"unauthorized","message":"Unknown token."}',
          Content_Type="application/json")  # fmt: skip


def _cut(handler: http.server.BaseHTTPRequestHandler, _real: httpx.Response | None) -> None:
    handler.wfile.write(b'HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{"results"')
    handler.close_connection = True
    handler.connection.shutdown(socket.SHUT_RDWR)


# case: (answer, forwarded to the real server first?, state, error kind, retried?)
CASES: dict[str, tuple[Answer | None, bool, str, str, bool]] = {
    "an HTML page": (_html, True, "error", "server_error", True),
    "garbage JSON": (_garbage, True, "error", "server_error", True),
    "a 500": (_error_500, True, "error", "server_error", True),
    "a 429": (_busy_429, False, "error", "rate_limited", True),
    "a 401": (_refused_401, False, "auth_expired", "auth_expired", False),
    "a cut connection": (_cut, True, "offline", "offline", True),
    "slowly": (None, True, "offline", "offline", True),  # answers after the client gave up
}


@contextmanager
def proxy(
    target: str, answer: Answer | None, forward: bool
) -> Iterator[tuple[str, threading.Event]]:
    release = threading.Event()
    upstream = httpx.Client(base_url=target, timeout=10)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            real = None
            if forward:
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                real = upstream.request(self.command, self.path, headers=headers, content=body)
            if answer is None:  # slowly: the real answer, after the client gave up
                release.wait(20)
                return
            answer(self, real)

        do_POST = do_GET

        def log_message(self, *_args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", release
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
        upstream.close()


def _server_entries(world: World) -> int:
    with world.server.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(ServerEntry)) or 0)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_answer_keeps_everything_and_settles_once_afterwards(
    world: World, tmp_path: Path, case: str
) -> None:
    answer, forward, state, kind, retried = CASES[case]
    till = make_terminal(world.server, world.vendor_a1, tmp_path, "till", world.staff_a)
    try:
        card = till.enroll_card()
        for amount in ("12.50", "3", "7.20"):
            till.services.points.earn(till.actor, card, amount)
        before = _server_entries(world)
        with proxy(world.server.url, answer, forward) as (url, release):
            client = SyncClient(url, token=till.token, timeout=0.5)
            try:
                engine = SyncEngine(till.store, client, clock=till.clock)
                status = engine.run_once()
            finally:
                release.set()
                client.close()
        assert (status.state, status.error_kind) == (state, kind), status
        assert status.pending == 3  # nothing lost, nothing settled on a bad answer
        assert till.states()[SyncState.PENDING.value] == 3
        if retried:
            assert status.retry_in_s is not None
            assert 0 <= status.retry_in_s <= (60 if kind != "rate_limited" else 3600)
            if kind == "rate_limited":
                assert status.retry_in_s >= 7  # never sooner than the server asked
        else:
            assert status.retry_in_s is None  # until re-activation: no knocking
        assert status.error_detail is not None
        assert till.token not in status.error_detail

        # The network is good again: everything settles, each entry once.
        status = till.sync()
        assert status.state == "online"
        assert status.pending == 0
        assert _server_entries(world) == before + 3
        assert server_balances(world.server)[card] == (0, 50 + 60 + 12 + 3 + 7)
        assert till.services.lookup.card(card).points_balance == 132
    finally:
        till.close()
